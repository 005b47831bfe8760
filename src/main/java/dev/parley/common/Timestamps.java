package dev.parley.common;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads a timestamp column from a native query, whichever Java type the driver chose. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant instant(Object column) {
        if (column instanceof Instant instant) {
            return instant;
        }
        if (column instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) column).toInstant();
    }
}
