package dev.parley.reading;

import dev.parley.demand.PositionStatus;

/**
 * Which way a stance leans on a demand, the judgement behind alignment: two parties agree on a
 * demand when their stances lean the same known way. A proposer's TABLED and an addressee's
 * ACCEPTED both back the demand; a REJECTED addressee and a proposer who WITHDREW it both stand
 * against it going ahead as tabled.
 */
enum Leaning {
    /** Backs the demand as tabled. */
    FOR,
    /** Talks about it without taking it as tabled: terms, conditions or a counter-offer. */
    ENGAGED,
    /** Stands against it going ahead as tabled. */
    AGAINST,
    /** Nothing on the record to compare; left out of the share. */
    UNKNOWN;

    /** The one place the table of compatible stances lives; the OpenAPI text repeats it. */
    static Leaning of(PositionStatus status) {
        return switch (status) {
            case TABLED, ACCEPTED, CODIFIED -> FOR;
            case OPEN_TO_DISCUSSION, COUNTER_PROPOSED, CONDITIONALLY_ACCEPTED -> ENGAGED;
            case REJECTED, WITHDRAWN -> AGAINST;
            case UNASSESSED, NO_RESPONSE -> UNKNOWN;
        };
    }

    /** Whether two stances count as agreeing; stances with nothing known are never compared. */
    static boolean agree(PositionStatus a, PositionStatus b) {
        Leaning leaning = of(a);
        return leaning != UNKNOWN && leaning == of(b);
    }

    static boolean comparable(PositionStatus a, PositionStatus b) {
        return of(a) != UNKNOWN && of(b) != UNKNOWN;
    }

    /** The rule as the OpenAPI document states it. */
    static final String RULE = """
            For each pair of participants, `shared` counts the demands tabled by `as_of` on which both hold \
            a position (as proposer or addressee). Each party's stance that day is put in one class:

            | class | stances |
            |---|---|
            | FOR | TABLED, ACCEPTED, CODIFIED |
            | ENGAGED | OPEN_TO_DISCUSSION, COUNTER_PROPOSED, CONDITIONALLY_ACCEPTED |
            | AGAINST | REJECTED, WITHDRAWN |
            | UNKNOWN | UNASSESSED, NO_RESPONSE |

            `compared` counts the shared demands on which neither stance is UNKNOWN, `agreeing` those of \
            them on which both stances are in the same class, and `share` is agreeing / compared (null \
            when nothing could be compared). This is a judgement, not a measurement: a conditional \
            acceptance counts as ENGAGED rather than FOR, and a withdrawal as AGAINST.""";
}
