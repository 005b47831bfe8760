package dev.parley.reading;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.demand.DemandStatus;
import dev.parley.demand.PositionStatus;

/** What moved in a negotiation between two days. */
@Schema(name = "Diff", requiredProperties = { "negotiation", "from", "to", "cells", "demand_statuses", "tabled",
        "withdrawn" })
public record DiffView(
        @Schema(examples = "russia-us-nato-security-guarantees") String negotiation,
        @Schema(description = "The earlier day.", examples = "2022-01-10") LocalDate from,
        @Schema(description = "The later day.", examples = "2022-02-17") LocalDate to,
        @Schema(description = "Every cell whose status on `to` differs from its status on `from`, by demand slug then the demand's party order.") List<Cell> cells,
        @Schema(description = "Demands whose derived status differs between the two days.") List<StatusMove> demandStatuses,
        @Schema(description = "Demands tabled after `from` and on or before `to`.") List<Tabled> tabled,
        @Schema(description = "Demands whose proposer withdrew them after `from` and on or before `to`.") List<Withdrawn> withdrawn,
        @Schema(description = "The as_recorded instant asked for: the answer as Parley had it recorded then. Absent when not asked.", examples = "2022-02-18T12:00:00Z") Instant asRecorded) {

    @Schema(name = "DiffCell", requiredProperties = { "demand", "party", "from", "to" })
    public record Cell(
            @Schema(description = "Demand slug.") String demand,
            @Schema(description = "Party slug.") String party,
            @Schema(description = "The stance held on `from`; UNASSESSED when nothing was recorded by then or the demand was not yet tabled.") PositionStatus from,
            @Schema(description = "The stance held on `to`.") PositionStatus to,
            @Schema(description = "The day the `to` stance held from; absent when nothing was recorded by `to`.") LocalDate effectiveOn,
            @Schema(description = "The recorded change that is the `to` stance; absent when nothing was recorded by `to`.", examples = "1042") String changeId) {
    }

    @Schema(name = "DiffStatusMove", requiredProperties = { "demand", "to" })
    public record StatusMove(
            @Schema(description = "Demand slug.") String demand,
            @Schema(description = "The derived status on `from`; absent when the demand was tabled after `from`.") DemandStatus from,
            @Schema(description = "The derived status on `to`.") DemandStatus to) {
    }

    @Schema(name = "DiffTabled", requiredProperties = { "demand", "title", "proposer", "tabled_on" })
    public record Tabled(
            @Schema(description = "Demand slug.") String demand,
            String title,
            @Schema(description = "Party slug.") String proposer,
            LocalDate tabledOn) {
    }

    @Schema(name = "DiffWithdrawn", requiredProperties = { "demand", "effective_on" })
    public record Withdrawn(
            @Schema(description = "Demand slug.") String demand,
            @Schema(description = "The day the withdrawal held from.") LocalDate effectiveOn,
            @Schema(description = "The recorded change that withdrew it.", examples = "1042") String changeId) {
    }
}
