package dev.parley.feed;

import java.time.Instant;

/**
 * One change as the change log wrote it, inside its transaction's commit step. An update's
 * {@code before} and {@code after} are JSON objects of the members of the view it changed, with
 * their values before and after it; null on other changes.
 */
public record ChangeWritten(long cursor, ChangeType type, Subject subject, Instant occurredAt, String data,
        String recordedBy, ChangeTags tags, String before, String after) {

    /** The cursor as clients see it. */
    public String cursorToken() {
        return Cursors.encode(cursor);
    }
}
