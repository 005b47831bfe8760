package dev.parley.demand;

import static dev.parley.demand.PositionStatus.ACCEPTED;
import static dev.parley.demand.PositionStatus.CODIFIED;
import static dev.parley.demand.PositionStatus.CONDITIONALLY_ACCEPTED;
import static dev.parley.demand.PositionStatus.COUNTER_PROPOSED;
import static dev.parley.demand.PositionStatus.NO_RESPONSE;
import static dev.parley.demand.PositionStatus.OPEN_TO_DISCUSSION;
import static dev.parley.demand.PositionStatus.REJECTED;
import static dev.parley.demand.PositionStatus.TABLED;
import static dev.parley.demand.PositionStatus.UNASSESSED;
import static dev.parley.demand.PositionStatus.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DemandStatusTest {

    @Test
    void withdrawnByTheProposerWinsOverEveryAddresseeStance() {
        assertThat(DemandStatus.derive(WITHDRAWN, List.of(UNASSESSED))).isEqualTo(DemandStatus.WITHDRAWN);
        assertThat(DemandStatus.derive(WITHDRAWN, List.of(REJECTED))).isEqualTo(DemandStatus.WITHDRAWN);
        assertThat(DemandStatus.derive(WITHDRAWN, List.of(OPEN_TO_DISCUSSION, NO_RESPONSE)))
                .isEqualTo(DemandStatus.WITHDRAWN);
    }

    @Test
    void withdrawnWinsEvenWhenEveryAddresseeAccepted() {
        assertThat(DemandStatus.derive(WITHDRAWN, List.of(ACCEPTED, ACCEPTED))).isEqualTo(DemandStatus.WITHDRAWN);
        assertThat(DemandStatus.derive(WITHDRAWN, List.of(CODIFIED))).isEqualTo(DemandStatus.WITHDRAWN);
    }

    @Test
    void agreedWhenEveryAddresseeAcceptedOrCodified() {
        assertThat(DemandStatus.derive(TABLED, List.of(ACCEPTED))).isEqualTo(DemandStatus.AGREED);
        assertThat(DemandStatus.derive(TABLED, List.of(CODIFIED, CODIFIED))).isEqualTo(DemandStatus.AGREED);
        assertThat(DemandStatus.derive(TABLED, List.of(ACCEPTED, CODIFIED))).isEqualTo(DemandStatus.AGREED);
        assertThat(DemandStatus.derive(CODIFIED, List.of(CODIFIED))).isEqualTo(DemandStatus.AGREED);
    }

    @Test
    void oneAddresseeStillToAgreeKeepsItInNegotiation() {
        assertThat(DemandStatus.derive(TABLED, List.of(ACCEPTED, UNASSESSED))).isEqualTo(DemandStatus.IN_NEGOTIATION);
        assertThat(DemandStatus.derive(TABLED, List.of(CODIFIED, NO_RESPONSE))).isEqualTo(DemandStatus.IN_NEGOTIATION);
    }

    @Test
    void inNegotiationWhenSomeAddresseeEngages() {
        for (PositionStatus engaging : List.of(OPEN_TO_DISCUSSION, COUNTER_PROPOSED, CONDITIONALLY_ACCEPTED, ACCEPTED,
                CODIFIED)) {
            assertThat(DemandStatus.derive(TABLED, List.of(engaging, NO_RESPONSE)))
                    .as(engaging.name()).isEqualTo(DemandStatus.IN_NEGOTIATION);
        }
        assertThat(DemandStatus.derive(TABLED, List.of(OPEN_TO_DISCUSSION))).isEqualTo(DemandStatus.IN_NEGOTIATION);
        assertThat(DemandStatus.derive(TABLED, List.of(CONDITIONALLY_ACCEPTED, CONDITIONALLY_ACCEPTED)))
                .isEqualTo(DemandStatus.IN_NEGOTIATION);
    }

    @Test
    void anAcceptanceBesideARejectionIsInNegotiationNotRejected() {
        assertThat(DemandStatus.derive(TABLED, List.of(ACCEPTED, REJECTED))).isEqualTo(DemandStatus.IN_NEGOTIATION);
        assertThat(DemandStatus.derive(TABLED, List.of(REJECTED, COUNTER_PROPOSED)))
                .isEqualTo(DemandStatus.IN_NEGOTIATION);
    }

    @Test
    void rejectedWhenSomeAddresseeRejectsAndNoneEngages() {
        assertThat(DemandStatus.derive(TABLED, List.of(REJECTED))).isEqualTo(DemandStatus.REJECTED);
        assertThat(DemandStatus.derive(TABLED, List.of(REJECTED, NO_RESPONSE))).isEqualTo(DemandStatus.REJECTED);
        assertThat(DemandStatus.derive(TABLED, List.of(UNASSESSED, REJECTED))).isEqualTo(DemandStatus.REJECTED);
    }

    @Test
    void pendingWhileNoAddresseeHasAnsweredOnTheRecord() {
        assertThat(DemandStatus.derive(TABLED, List.of(UNASSESSED))).isEqualTo(DemandStatus.PENDING);
        assertThat(DemandStatus.derive(TABLED, List.of(NO_RESPONSE))).isEqualTo(DemandStatus.PENDING);
        assertThat(DemandStatus.derive(TABLED, List.of(UNASSESSED, NO_RESPONSE))).isEqualTo(DemandStatus.PENDING);
        assertThat(DemandStatus.derive(UNASSESSED, List.of(UNASSESSED))).isEqualTo(DemandStatus.PENDING);
    }

    @Test
    void withoutAddresseesNothingIsAgreed() {
        assertThat(DemandStatus.derive(TABLED, List.of())).isEqualTo(DemandStatus.PENDING);
    }

    @Test
    void theProposerMayHoldOnlyItsOwnStances() {
        assertThat(PositionStatus.allowed(PositionRole.PROPOSER))
                .containsExactly(UNASSESSED, TABLED, CODIFIED, WITHDRAWN);
        assertThat(REJECTED.allowedFor(PositionRole.PROPOSER)).isFalse();
        assertThat(ACCEPTED.allowedFor(PositionRole.PROPOSER)).isFalse();
        assertThat(WITHDRAWN.allowedFor(PositionRole.PROPOSER)).isTrue();
    }

    @Test
    void anAddresseeMayHoldOnlyAnsweringStances() {
        assertThat(PositionStatus.allowed(PositionRole.ADDRESSEE)).containsExactly(UNASSESSED, NO_RESPONSE, REJECTED,
                OPEN_TO_DISCUSSION, COUNTER_PROPOSED, CONDITIONALLY_ACCEPTED, ACCEPTED, CODIFIED);
        assertThat(TABLED.allowedFor(PositionRole.ADDRESSEE)).isFalse();
        assertThat(WITHDRAWN.allowedFor(PositionRole.ADDRESSEE)).isFalse();
        assertThat(REJECTED.allowedFor(PositionRole.ADDRESSEE)).isTrue();
    }

    @Test
    void everyStanceButUnassessedNeedsACitation() {
        for (PositionStatus status : PositionStatus.values()) {
            assertThat(status.needsCitation()).as(status.name()).isEqualTo(status != UNASSESSED);
        }
    }
}
