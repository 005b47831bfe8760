package dev.parley.common;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The service's one source of time, a {@link Clock} on UTC that code injects wherever time decides
 * behaviour (expiry, windows, due times), so tests move time instead of waiting for it.
 */
@Singleton
public class Clocks {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Now as stored: to the millisecond, so what is written reads back equal on H2 and PostgreSQL. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
