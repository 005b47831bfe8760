package dev.parley.demand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Who stands where on every demand of a negotiation, now or on a past day. */
@Schema(name = "Matrix", requiredProperties = { "negotiation", "as_of", "parties", "rows" })
public record MatrixView(
        @Schema(examples = "russia-us-nato-security-guarantees") String negotiation,
        @Schema(description = "The day asked for, or null for the current positions.", implementation = String.class, format = "date", nullable = true, examples = "2022-01-31") @JsonInclude(JsonInclude.Include.ALWAYS) LocalDate asOf,
        @Schema(description = "Participant slugs, in the negotiation's order.") List<String> parties,
        @Schema(description = "One row per demand tabled by as_of, ordered by demand slug; with group_by=package, each package is followed by its members (and theirs), then come the demands in no package.") List<Row> rows,
        @Schema(description = "The grouping asked for; absent when none.", enumeration = "package") String groupBy,
        @Schema(description = "The as_recorded instant asked for: the matrix as Parley had it recorded then. Absent when not asked.", examples = "2022-02-18T12:00:00Z") Instant asRecorded) {

    @Schema(name = "MatrixRow", requiredProperties = { "demand", "cells" })
    public record Row(
            Demand demand,
            @Schema(description = "One cell per party involved in the demand (its proposer, co-proposers, addressees and concerned parties), keyed by party slug. Concerned parties' cells never count in the status.") Map<String, Cell> cells,
            @Schema(description = "Slug of the package the demand is PART_OF (the first by slug when several); absent when none.", examples = "russia-security-guarantees-package") String partOf) {
    }

    @Schema(name = "MatrixDemand", requiredProperties = { "slug", "title", "proposer", "status" })
    public record Demand(String slug, String title,
            @Schema(description = "Party slug.") String proposer,
            @Schema(description = "Derived from the positions as of the matrix day; a package's from its members' on that day.") DemandStatus status,
            DemandKind kind,
            @Schema(description = "Why the demand has that status: the rule that fired, the stances it read, their evidence flags.") Explain explain) {
    }

    @Schema(name = "MatrixCell", requiredProperties = { "status", "citation_count" })
    public record Cell(
            PositionStatus status,
            @Schema(description = "The day the stance held from; absent when nothing was recorded by as_of.") LocalDate effectiveOn,
            @Schema(description = "Citations attached to that stance.", minimum = "0") int citationCount,
            @Schema(description = "The stance shown and the warnings about its evidence.") Explain explain) {
    }
}
