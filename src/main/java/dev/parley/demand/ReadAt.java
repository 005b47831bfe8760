package dev.parley.demand;

import java.time.Instant;
import java.time.LocalDate;

import dev.parley.common.Dates;

/**
 * The moment a read answers for: {@code asOf}, the day in the negotiation (valid time), and {@code
 * asRecorded}, what Parley had recorded by that instant (transaction time). Either may be null.
 */
public record ReadAt(LocalDate asOf, Instant asRecorded) {

    public static final ReadAt NOW = new ReadAt(null, null);

    /** The {@code as_recorded} query parameter's description, the same wherever it is taken. */
    public static final String AS_RECORDED = "An RFC 3339 instant with its offset (2022-02-18T12:00:00Z): the answer Parley would have given then (transaction time). Stances recorded later, and corrections or retractions recorded later, are left out; demands created later are left out or, addressed by slug, not found. Combines with as_of. Demand titles, texts and roles are today's; deleted demands are not kept (see /tombstones).";

    /** From the query parameters as given; 400 when either is malformed. */
    public static ReadAt of(String asOf, String asRecorded) {
        return new ReadAt(Dates.parseParameter("as_of", asOf), Dates.parseInstantParameter("as_recorded", asRecorded));
    }

    /** Whether this is the current state, which positions keep without a scan of the history. */
    public boolean now() {
        return asOf == null && asRecorded == null;
    }
}
