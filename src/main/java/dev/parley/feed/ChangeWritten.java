package dev.parley.feed;

import java.time.Instant;

/** One change as the change log wrote it, inside its transaction's commit step. */
public record ChangeWritten(long cursor, ChangeType type, Subject subject, Instant occurredAt, String data,
        String recordedBy) {

    /** The cursor as clients see it. */
    public String cursorToken() {
        return Cursors.encode(cursor);
    }
}
