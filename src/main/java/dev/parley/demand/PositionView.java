package dev.parley.demand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.citation.CitationView;

/** A party's stance on a demand: the current one, or one entry of its history. */
@Schema(name = "Position", requiredProperties = { "demand", "party", "role", "status", "effective_on", "citations",
        "recorded_at", "recorded_by" })
public record PositionView(
        @Schema(examples = "nato-non-expansion") String demand,
        @Schema(examples = "united-states") String party,
        PositionRole role,
        PositionStatus status,
        @Schema(description = "The day the stance held from.") LocalDate effectiveOn,
        String note,
        List<CitationView> citations,
        Instant recordedAt,
        @Schema(description = "Name of whoever recorded it.", examples = "seed") String recordedBy,
        @Schema(description = "For CONDITIONALLY_ACCEPTED: slugs of the demands the acceptance waits for; absent otherwise.", examples = "[\"legally-binding-guarantees\"]") List<String> conditions,
        @Schema(description = "For COUNTER_PROPOSED: slug of the demand the party answered with; absent otherwise.", examples = "us-nato-arms-control-offer") String counter,
        @Schema(description = "Id of the event the stance came from; absent when none was named.", examples = "evt_01fr1c2qg3a5m7x9z0b4c6d8e2") String eventId,
        @Schema(description = "Id of the recorded change shown: what a correction names in corrects, and explain in change_id. Absent when nothing was recorded.", examples = "42") Long changeId,
        StanceBasis basis,
        @Schema(description = "How exactly effective_on is known; DAY for stances recorded before v1.1.") DayPrecision effectiveOnPrecision,
        @Schema(description = "STANCE for stances recorded before v1.1.") ChangeKind changeKind,
        @Schema(description = "For a CORRECTION or RETRACTION: the change_id it replaces or removes.", examples = "41") Long corrects,
        @Schema(description = "For a CORRECTION or RETRACTION: why.", examples = "The date was that of the report, not of the statement.") String reason,
        @Schema(description = "In a history: the change_id of the correction or retraction that replaced this stance in every read (by as_recorded, when given); absent otherwise.", examples = "43") Long correctedBy,
        @Schema(description = "Why this is the stance shown, and the warnings about its evidence; absent in a history.") Explain explain) {

    /** The stance a read shows for the position. */
    static PositionView of(Position position, PositionChange change) {
        return of(position, change, null,
                Explanations.stance(position.party.slug, change.status, change.id, change.changeKind, change.flags));
    }

    /** One entry of a history: with the change that corrected it, if any, and no explanation. */
    static PositionView inHistory(Position position, PositionChange change, Long correctedBy) {
        return of(position, change, correctedBy, null);
    }

    private static PositionView of(Position position, PositionChange change, Long correctedBy, Explain explain) {
        return new PositionView(position.demand.slug, position.party.slug, position.role, change.status,
                change.effectiveOn, change.note,
                change.cited.stream().map(c -> CitationView.from(c.citation, c.relation)).toList(),
                change.recordedAt, change.recordedBy,
                change.conditions.isEmpty() ? null : change.conditions.stream().map(d -> d.slug).toList(),
                change.counter == null ? null : change.counter.slug, change.event == null ? null : change.event.id,
                change.id, change.basis, change.effectiveOnPrecision, change.changeKind,
                change.corrects == null ? null : change.corrects.id, change.reason, correctedBy, explain);
    }

    /** A position with nothing current: as a new demand opens it. */
    static PositionView unrecorded(Position position) {
        return unrecorded(position, position.status, position.effectiveOn);
    }

    /** The same at a past moment, when nothing was recorded for the party by then. */
    static PositionView unrecordedThen(Position position) {
        return unrecorded(position, PositionStatus.UNASSESSED, position.demand.tabledOn);
    }

    private static PositionView unrecorded(Position position, PositionStatus status, LocalDate since) {
        return new PositionView(position.demand.slug, position.party.slug, position.role, status, since, null, List.of(), null,
                null, null, null, null, null, null, null, null, null,
                null, null, Explanations.stance(position.party.slug, status, null, null, ""));
    }
}
