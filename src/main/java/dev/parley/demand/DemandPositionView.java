package dev.parley.demand;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.citation.CitationView;

/** A party's current stance as a demand list embeds it with include=positions: a matrix cell, and its evidence on request. */
@Schema(name = "DemandPosition", requiredProperties = { "party", "role", "status", "effective_on", "citation_count" })
public record DemandPositionView(
        @Schema(examples = "united-states") String party,
        PositionRole role,
        PositionStatus status,
        @Schema(description = "The day the stance held from.") LocalDate effectiveOn,
        @Schema(description = "Citations attached to the stance.", minimum = "0") int citationCount,
        @Schema(description = "With include=citations: the citations themselves, in the order they were attached.") List<CitationView> citations) {
}
