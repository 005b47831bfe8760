package dev.parley.feed;

import java.time.Instant;

/** One change as the change log wrote it, inside its transaction's commit step. */
public record ChangeWritten(long cursor, String type, String subjectKind, String subjectKey, Instant occurredAt,
        String data, String recordedBy, ChangeTags tags) {

    /** The cursor as clients see it. */
    public String cursorToken() {
        return Cursors.encode(cursor);
    }

    /** The subject as the feed shows it. */
    public ChangeView.Subject subject() {
        return ChangeView.Subject.of(subjectKind, subjectKey);
    }
}
