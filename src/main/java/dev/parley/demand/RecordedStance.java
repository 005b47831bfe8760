package dev.parley.demand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A stance as a bundle carries it: already recorded, with when and by whom, its terms and its round. */
public record RecordedStance(PositionStatus status, LocalDate effectiveOn, String note, List<String> citationIds,
        Instant recordedAt, String recordedBy, List<String> conditions, String counter, String eventId) {

    public RecordedStance {
        conditions = conditions == null ? List.of() : conditions;
    }
}
