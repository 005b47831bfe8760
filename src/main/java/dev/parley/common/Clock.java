package dev.parley.common;

import java.time.Instant;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;

/**
 * Now as stored, for code that does not inject {@link java.time.Clock} yet: reads the same clock
 * {@link Clocks} produces (the system's when no container runs), so a test that moves time moves it
 * here too.
 */
public final class Clock {

    private static final java.time.Clock SYSTEM = java.time.Clock.systemUTC();

    private Clock() {
    }

    public static Instant now() {
        ArcContainer container = Arc.container();
        return Clocks.now(container == null || !container.isRunning() ? SYSTEM
                : container.instance(java.time.Clock.class).get());
    }
}
