package dev.parley.reading;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.demand.PositionStatus;

/** The first day each party reached each status on any demand of a negotiation. */
@Schema(name = "Milestones", requiredProperties = { "negotiation", "items" })
public record MilestonesView(
        @Schema(examples = "russia-us-nato-security-guarantees") String negotiation,
        @Schema(description = "One item per party and status it ever held (UNASSESSED left out), in participant order then status order.") List<Milestone> items,
        @Schema(description = "The as_recorded instant asked for: the answer as Parley had it recorded then. Absent when not asked.", examples = "2022-02-18T12:00:00Z") Instant asRecorded) {

    @Schema(name = "Milestone", requiredProperties = { "party", "status", "first_on", "demand", "change_id" })
    public record Milestone(
            @Schema(description = "Party slug.") String party,
            PositionStatus status,
            @Schema(description = "The earliest effective_on of a stance of that status that held on its day.") LocalDate firstOn,
            @Schema(description = "The demand it was first reached on (the first by slug when several share the day).") String demand,
            @Schema(description = "The recorded change.", examples = "1042") String changeId) {
    }
}
