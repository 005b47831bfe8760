package dev.parley.feed;

import java.time.Instant;

/**
 * Fired for each change as it is written, inside its transaction's commit step: synchronous
 * observers (the webhook outbox) write in that same transaction.
 */
public record ChangeWritten(long cursor, String type, String subjectKind, String subjectKey, Instant occurredAt) {

    /** The cursor as clients see it. */
    public String cursorToken() {
        return Cursors.encode(cursor);
    }

    /** The subject as the feed shows it. */
    public ChangeView.Subject subject() {
        return ChangeView.Subject.of(subjectKind, subjectKey);
    }
}
