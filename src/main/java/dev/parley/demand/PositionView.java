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
        @Schema(description = "Id of the event the stance came from; absent when none was named.", examples = "evt_01fr1c2qg3a5m7x9z0b4c6d8e2") String eventId) {

    static PositionView of(Position position, PositionChange change) {
        return new PositionView(position.demand.slug, position.party.slug, position.role, change.status,
                change.effectiveOn, change.note, change.citations.stream().map(CitationView::from).toList(),
                change.recordedAt, change.recordedBy,
                change.conditions.isEmpty() ? null : change.conditions.stream().map(d -> d.slug).toList(),
                change.counter == null ? null : change.counter.slug, change.event == null ? null : change.event.id);
    }
}
