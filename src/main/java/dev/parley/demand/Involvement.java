package dev.parley.demand;

/** A party's part in a demand, as a query row: which cells a negotiation's demands have. */
public record Involvement(String demand, String party, PositionRole role) {
}
