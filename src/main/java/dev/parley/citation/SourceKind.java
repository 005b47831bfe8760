package dev.parley.citation;

/** What kind of outlet or issuer a source is. */
public enum SourceKind {
    GOVERNMENT,
    INTERNATIONAL_ORGANIZATION,
    NEWS_AGENCY,
    NEWSPAPER,
    BROADCASTER,
    STATE_MEDIA,
    THINK_TANK,
    OTHER
}
