package dev.parley.demand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A stance as a bundle carries it: already recorded, with when and by whom, its terms, its round,
 * how it is known, and, for a correction, the index of the entry it corrects in the same history.
 * The bundle's own record answers it, so restoring reads the bundle without a copy.
 */
public interface RecordedStance {

    PositionStatus status();

    LocalDate effectiveOn();

    String note();

    List<String> citationIds();

    Instant recordedAt();

    String recordedBy();

    /** Null when none. */
    List<String> conditions();

    String counter();

    String eventId();

    StanceBasis basis();

    DayPrecision effectiveOnPrecision();

    ChangeKind changeKind();

    Integer corrects();

    String reason();

    /** Null when none. */
    List<StanceRequest.CitationLink> citationLinks();

    default ChangeKind kind() {
        return changeKind() == null ? ChangeKind.STANCE : changeKind();
    }

    default DayPrecision precision() {
        return effectiveOnPrecision() == null ? DayPrecision.DAY : effectiveOnPrecision();
    }

    default List<String> conditionSlugs() {
        return conditions() == null ? List.of() : conditions();
    }

    default List<StanceRequest.CitationLink> links() {
        return citationLinks() == null ? List.of() : citationLinks();
    }
}
