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
        @Schema(description = "Name of whoever recorded it.", examples = "seed") String recordedBy) {

    static PositionView of(Position position, PositionChange change) {
        return new PositionView(position.demand.slug, position.party.slug, position.role, change.status,
                change.effectiveOn, change.note, change.citations.stream().map(CitationView::from).toList(),
                change.recordedAt, change.recordedBy);
    }
}
