package dev.parley.document;

/** How exactly a document's publication day is known, down to not at all. */
public enum PublishedPrecision {
    DAY,
    MONTH,
    YEAR,
    ON_OR_BEFORE,
    UNKNOWN
}
