package dev.parley.demand;

import java.time.Instant;
import java.time.LocalDate;

/** One recorded stance as readers over time need it: which cell it fills, from which day, and its change id. */
public record TrackedStance(long changeId, String demand, String party, PositionStatus status, LocalDate effectiveOn,
        Instant recordedAt) {
}
