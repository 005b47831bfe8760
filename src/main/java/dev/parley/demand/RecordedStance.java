package dev.parley.demand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A stance as a bundle carries it: already recorded, with when and by whom, its terms, its round,
 * how it is known, and, for a correction, the index of the entry it corrects in the same history.
 */
public record RecordedStance(PositionStatus status, LocalDate effectiveOn, String note, List<String> citationIds,
        Instant recordedAt, String recordedBy, List<String> conditions, String counter, String eventId,
        StanceBasis basis, DayPrecision effectiveOnPrecision, ChangeKind changeKind, Integer corrects, String reason,
        List<StanceRequest.CitationLink> citationLinks) {

    public RecordedStance {
        conditions = conditions == null ? List.of() : conditions;
        citationIds = citationIds == null ? List.of() : citationIds;
        citationLinks = citationLinks == null ? List.of() : citationLinks;
    }

    ChangeKind kind() {
        return changeKind == null ? ChangeKind.STANCE : changeKind;
    }

    DayPrecision precision() {
        return effectiveOnPrecision == null ? DayPrecision.DAY : effectiveOnPrecision;
    }

    List<StanceRequest.CitationLink> links() {
        return citationLinks;
    }
}
