package dev.parley.party;

/** What kind of actor a party is. */
public enum PartyKind {
    STATE,
    ALLIANCE,
    ORGANIZATION,
    GROUP,
    PERSON
}
