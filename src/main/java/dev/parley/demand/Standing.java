package dev.parley.demand;

import java.time.LocalDate;
import java.util.Map;

/**
 * A demand with every involved party's stance at a moment: a row of the negotiation matrix. {@code
 * partOf} is the package it is PART_OF (the first by slug when several), or null.
 */
public record Standing(String slug, String title, String proposer, DemandStatus status, DemandKind kind,
        String partOf, Map<String, Cell> cells, Explain explain) {

    /** One party's stance; {@code effectiveOn} is null when nothing was recorded by then. */
    public record Cell(PositionStatus status, LocalDate effectiveOn, int citationCount, Explain explain) {
    }
}
