package dev.parley.demand;

import java.util.Arrays;
import java.util.List;

/** A party's stance on a demand, and which role may hold it. */
public enum PositionStatus {
    UNASSESSED(true, true),
    TABLED(true, false),
    NO_RESPONSE(false, true),
    REJECTED(false, true),
    OPEN_TO_DISCUSSION(false, true),
    COUNTER_PROPOSED(false, true),
    CONDITIONALLY_ACCEPTED(false, true),
    ACCEPTED(false, true),
    CODIFIED(true, true),
    WITHDRAWN(true, false);

    private final boolean proposer;
    private final boolean addressee;

    PositionStatus(boolean proposer, boolean addressee) {
        this.proposer = proposer;
        this.addressee = addressee;
    }

    public boolean allowedFor(PositionRole role) {
        return role.proposing() ? proposer : addressee;
    }

    public static List<PositionStatus> allowed(PositionRole role) {
        return Arrays.stream(values()).filter(s -> s.allowedFor(role)).toList();
    }

    /** Every stance but UNASSESSED is a claim about the record and needs evidence. */
    public boolean needsCitation() {
        return this != UNASSESSED;
    }
}
