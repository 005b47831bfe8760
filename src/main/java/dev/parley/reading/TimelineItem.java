package dev.parley.reading;

import java.time.Instant;
import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.demand.PositionStatus;

/** One entry of a negotiation's timeline: today a recorded stance, in the order stances took effect. */
@Schema(name = "TimelineItem", requiredProperties = { "kind", "on", "demand", "party", "status", "change_id",
        "recorded_at" })
public record TimelineItem(
        @Schema(description = "What the entry is. STANCE: a recorded position change. Other kinds may be added; clients skip kinds they do not know.", enumeration = {
                "STANCE" }) String kind,
        @Schema(description = "The day it happened: a stance's effective_on.", examples = "2022-01-26") LocalDate on,
        @Schema(description = "Demand slug.") String demand,
        @Schema(description = "Party slug.") String party,
        PositionStatus status,
        @Schema(description = "The recorded change.", examples = "1042") String changeId,
        @Schema(description = "When Parley recorded it.") Instant recordedAt){

    static TimelineItem of(dev.parley.demand.TrackedStance stance) {
        return new TimelineItem("STANCE", stance.effectiveOn(), stance.demand(), stance.party(), stance.status(),
                Long.toString(stance.changeId()), stance.recordedAt());
    }
}
