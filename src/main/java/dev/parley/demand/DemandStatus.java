package dev.parley.demand;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** Where a demand stands, derived from its positions; never written by a client. */
public enum DemandStatus {
    WITHDRAWN,
    AGREED,
    IN_NEGOTIATION,
    REJECTED,
    PENDING;

    private static final Set<PositionStatus> AGREEING = EnumSet.of(PositionStatus.ACCEPTED, PositionStatus.CODIFIED);
    private static final Set<PositionStatus> ENGAGING = EnumSet.of(PositionStatus.OPEN_TO_DISCUSSION,
            PositionStatus.COUNTER_PROPOSED, PositionStatus.CONDITIONALLY_ACCEPTED, PositionStatus.ACCEPTED,
            PositionStatus.CODIFIED);

    /** The five rules of the contract, first match wins. The only place the status is computed. */
    public static DemandStatus derive(PositionStatus proposer, Collection<PositionStatus> addressees) {
        if (proposer == PositionStatus.WITHDRAWN) {
            return WITHDRAWN;
        }
        if (!addressees.isEmpty() && addressees.stream().allMatch(AGREEING::contains)) {
            return AGREED;
        }
        if (addressees.stream().anyMatch(ENGAGING::contains)) {
            return IN_NEGOTIATION;
        }
        if (addressees.contains(PositionStatus.REJECTED)) {
            return REJECTED;
        }
        return PENDING;
    }
}
