package dev.parley.event;

/** What happened in a round of a negotiation. */
public enum EventKind {
    DRAFT_TABLED,
    WRITTEN_REPLY,
    NOTE,
    MEETING,
    CALL,
    STATEMENT,
    DEADLINE
}
