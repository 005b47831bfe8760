package dev.parley.demand;

/** A party's part in a demand: the one who tabled it, or one it is addressed to. */
public enum PositionRole {
    PROPOSER,
    ADDRESSEE
}
