package dev.parley.reading;

import java.time.Instant;
import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.demand.PositionStatus;
import dev.parley.demand.TrackedStance;
import dev.parley.event.EventKind;
import dev.parley.event.NegotiationEvent;

/**
 * One entry of a negotiation's timeline: an event of the negotiation or a recorded stance, by day;
 * on one day the events first (the round a stance answers comes before it), each kind in its own
 * order (events by id, stances as recorded).
 */
@Schema(name = "TimelineItem", requiredProperties = { "kind", "on", "recorded_at" })
public record TimelineItem(
        @Schema(description = "What the entry is. EVENT: an event of the negotiation (a round, a reply); STANCE: a recorded position change. Other kinds may be added; clients skip kinds they do not know.", enumeration = {
                "EVENT", "STANCE" }) String kind,
        @Schema(description = "The day it happened: an event's occurred_on, a stance's effective_on.", examples = "2022-01-26") LocalDate on,
        @Schema(description = "For a STANCE: the demand's slug.") String demand,
        @Schema(description = "For a STANCE: the party's slug.") String party,
        @Schema(description = "For a STANCE: the stance.") PositionStatus status,
        @Schema(description = "For a STANCE: the recorded change.", examples = "1042") String changeId,
        @Schema(description = "When Parley recorded it (for an EVENT, when it was created).") Instant recordedAt,
        @Schema(description = "For an EVENT: its id.", examples = "evt_01fr1c2qg3a5m7x9z0b4c6d8e2") String eventId,
        @Schema(description = "For an EVENT: its kind.") EventKind eventKind,
        @Schema(description = "For an EVENT: its title.") String title){

    static final String EVENT = "EVENT";
    static final String STANCE = "STANCE";

    static TimelineItem of(TrackedStance stance) {
        return new TimelineItem(STANCE, stance.effectiveOn(), stance.demand(), stance.party(), stance.status(),
                Long.toString(stance.changeId()), stance.recordedAt(), null, null, null);
    }

    static TimelineItem of(NegotiationEvent event) {
        return new TimelineItem(EVENT, event.occurredOn, null, null, null, null, event.createdAt, event.id,
                event.kind, event.title);
    }

    /** The page key: the day, the kind, and the id within it. */
    String key() {
        return on + "|" + kind + "|" + (EVENT.equals(kind) ? eventId : changeId);
    }
}
