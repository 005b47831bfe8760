package dev.parley.feed;

/**
 * Fired once in each transaction that records changes. Observers with
 * {@code during = AFTER_SUCCESS} (streams, the webhook dispatcher) learn that the log grew.
 */
public record ChangeAppended() {
}
