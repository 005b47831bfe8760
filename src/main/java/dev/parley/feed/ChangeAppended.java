package dev.parley.feed;

/**
 * Fired inside a writing transaction for every change appended. Synchronous observers (the webhook
 * outbox) write in the same transaction; AFTER_SUCCESS observers (streams) learn the log grew.
 */
public record ChangeAppended(long cursor, String type, String subjectKind, String subjectKey) {

    /** The cursor as clients see it. */
    public String cursorToken() {
        return Cursors.encode(cursor);
    }

    /** The subject as the feed shows it. */
    public ChangeView.Subject subject() {
        return ChangeView.Subject.of(subjectKind, subjectKey);
    }
}
