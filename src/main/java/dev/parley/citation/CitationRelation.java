package dev.parley.citation;

/** What a citation does for the stance it is attached to. */
public enum CitationRelation {
    SUPPORTS,
    CONTRADICTS,
    CONTEXT
}
