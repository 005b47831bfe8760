package dev.parley.citation;

/** How a citation carries its words: quoted speech, an official text, or reported speech. */
public enum CitationKind {
    DIRECT_QUOTE,
    OFFICIAL_TEXT,
    REPORTED
}
