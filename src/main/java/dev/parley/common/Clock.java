package dev.parley.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as stored: UTC, to the millisecond, so what is written reads back equal on H2 and PostgreSQL. */
public final class Clock {

    private Clock() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
