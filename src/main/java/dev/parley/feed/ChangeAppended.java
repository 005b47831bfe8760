package dev.parley.feed;

/** Fired inside a writing transaction; observers after commit learn that the log grew. */
public record ChangeAppended(long cursor) {
}
