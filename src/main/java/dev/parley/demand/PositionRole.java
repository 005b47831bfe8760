package dev.parley.demand;

/**
 * A party's part in a demand: the one who tabled it, one who tabled it jointly, one it is addressed
 * to, or one it is about who need not answer. Declared in the order positions are listed.
 */
public enum PositionRole {
    PROPOSER,
    CO_PROPOSER,
    ADDRESSEE,
    CONCERNED;

    /** Co-proposers hold the stances a proposer may; concerned parties those an addressee may. */
    boolean proposing() {
        return this == PROPOSER || this == CO_PROPOSER;
    }
}
