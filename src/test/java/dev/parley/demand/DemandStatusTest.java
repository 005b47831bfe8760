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

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DemandStatusTest {

    private record Held(PositionRole role, PositionStatus status) implements DemandStatus.Held {
    }

    /** The proposer's stance, then the co-proposers', then the addressees'. */
    private static List<Held> stances(List<PositionStatus> proposers, List<PositionStatus> addressees) {
        List<Held> stances = new ArrayList<>();
        for (int i = 0; i < proposers.size(); i++) {
            stances.add(new Held(i == 0 ? PositionRole.PROPOSER : PositionRole.CO_PROPOSER, proposers.get(i)));
        }
        addressees.forEach(a -> stances.add(new Held(PositionRole.ADDRESSEE, a)));
        return stances;
    }

    private static DemandStatus derive(PositionStatus proposer, List<PositionStatus> addressees) {
        return derive(List.of(proposer), addressees);
    }

    private static DemandStatus derive(List<PositionStatus> proposers, List<PositionStatus> addressees) {
        return DemandStatus.derive(stances(proposers, addressees));
    }

    @Test
    void withdrawnByTheProposerWinsOverEveryAddresseeStance() {
        assertThat(derive(WITHDRAWN, List.of(UNASSESSED))).isEqualTo(DemandStatus.WITHDRAWN);
        assertThat(derive(WITHDRAWN, List.of(REJECTED))).isEqualTo(DemandStatus.WITHDRAWN);
        assertThat(derive(WITHDRAWN, List.of(OPEN_TO_DISCUSSION, NO_RESPONSE)))
                .isEqualTo(DemandStatus.WITHDRAWN);
    }

    @Test
    void withdrawnWinsEvenWhenEveryAddresseeAccepted() {
        assertThat(derive(WITHDRAWN, List.of(ACCEPTED, ACCEPTED))).isEqualTo(DemandStatus.WITHDRAWN);
        assertThat(derive(WITHDRAWN, List.of(CODIFIED))).isEqualTo(DemandStatus.WITHDRAWN);
    }

    @Test
    void agreedWhenEveryAddresseeAcceptedOrCodified() {
        assertThat(derive(TABLED, List.of(ACCEPTED))).isEqualTo(DemandStatus.AGREED);
        assertThat(derive(TABLED, List.of(CODIFIED, CODIFIED))).isEqualTo(DemandStatus.AGREED);
        assertThat(derive(TABLED, List.of(ACCEPTED, CODIFIED))).isEqualTo(DemandStatus.AGREED);
        assertThat(derive(CODIFIED, List.of(CODIFIED))).isEqualTo(DemandStatus.AGREED);
    }

    @Test
    void oneAddresseeStillToAgreeKeepsItInNegotiation() {
        assertThat(derive(TABLED, List.of(ACCEPTED, UNASSESSED))).isEqualTo(DemandStatus.IN_NEGOTIATION);
        assertThat(derive(TABLED, List.of(CODIFIED, NO_RESPONSE))).isEqualTo(DemandStatus.IN_NEGOTIATION);
    }

    @Test
    void inNegotiationWhenSomeAddresseeEngages() {
        for (PositionStatus engaging : List.of(OPEN_TO_DISCUSSION, COUNTER_PROPOSED, CONDITIONALLY_ACCEPTED, ACCEPTED,
                CODIFIED)) {
            assertThat(derive(TABLED, List.of(engaging, NO_RESPONSE)))
                    .as(engaging.name()).isEqualTo(DemandStatus.IN_NEGOTIATION);
        }
        assertThat(derive(TABLED, List.of(OPEN_TO_DISCUSSION))).isEqualTo(DemandStatus.IN_NEGOTIATION);
        assertThat(derive(TABLED, List.of(CONDITIONALLY_ACCEPTED, CONDITIONALLY_ACCEPTED)))
                .isEqualTo(DemandStatus.IN_NEGOTIATION);
    }

    @Test
    void anAcceptanceBesideARejectionIsInNegotiationNotRejected() {
        assertThat(derive(TABLED, List.of(ACCEPTED, REJECTED))).isEqualTo(DemandStatus.IN_NEGOTIATION);
        assertThat(derive(TABLED, List.of(REJECTED, COUNTER_PROPOSED)))
                .isEqualTo(DemandStatus.IN_NEGOTIATION);
    }

    @Test
    void rejectedWhenSomeAddresseeRejectsAndNoneEngages() {
        assertThat(derive(TABLED, List.of(REJECTED))).isEqualTo(DemandStatus.REJECTED);
        assertThat(derive(TABLED, List.of(REJECTED, NO_RESPONSE))).isEqualTo(DemandStatus.REJECTED);
        assertThat(derive(TABLED, List.of(UNASSESSED, REJECTED))).isEqualTo(DemandStatus.REJECTED);
    }

    @Test
    void pendingWhileNoAddresseeHasAnsweredOnTheRecord() {
        assertThat(derive(TABLED, List.of(UNASSESSED))).isEqualTo(DemandStatus.PENDING);
        assertThat(derive(TABLED, List.of(NO_RESPONSE))).isEqualTo(DemandStatus.PENDING);
        assertThat(derive(TABLED, List.of(UNASSESSED, NO_RESPONSE))).isEqualTo(DemandStatus.PENDING);
        assertThat(derive(UNASSESSED, List.of(UNASSESSED))).isEqualTo(DemandStatus.PENDING);
    }

    @Test
    void withoutAddresseesNothingIsAgreed() {
        assertThat(derive(TABLED, List.of())).isEqualTo(DemandStatus.PENDING);
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

    // Joint demands and concerned parties.

    @Test
    void aJointDemandIsWithdrawnOnlyWhenEveryProposerWithdrew() {
        assertThat(derive(List.of(WITHDRAWN, TABLED), List.of(REJECTED))).isEqualTo(DemandStatus.REJECTED);
        assertThat(derive(List.of(TABLED, WITHDRAWN), List.of(UNASSESSED))).isEqualTo(DemandStatus.PENDING);
        assertThat(derive(List.of(WITHDRAWN, WITHDRAWN), List.of(ACCEPTED)))
                .isEqualTo(DemandStatus.WITHDRAWN);
    }

    @Test
    void aCoProposersStanceIsReadAsAProposersAndNeverAsAnAnswer() {
        // Read as an addressee's, the co-proposer's TABLED would keep the demand from being agreed.
        assertThat(DemandStatus.derive(List.of(new Held(PositionRole.ADDRESSEE, ACCEPTED),
                new Held(PositionRole.CO_PROPOSER, TABLED), new Held(PositionRole.PROPOSER, TABLED))))
                .isEqualTo(DemandStatus.AGREED);
    }

    @Test
    void aConcernedPartysStanceNeverMovesTheStatus() {
        List<Held> stances = new ArrayList<>(stances(List.of(TABLED), List.of(ACCEPTED)));
        stances.add(new Held(PositionRole.CONCERNED, REJECTED));
        assertThat(DemandStatus.derive(stances)).isEqualTo(DemandStatus.AGREED);
        stances.set(1, new Held(PositionRole.ADDRESSEE, UNASSESSED));
        stances.set(2, new Held(PositionRole.CONCERNED, OPEN_TO_DISCUSSION));
        assertThat(DemandStatus.derive(stances)).isEqualTo(DemandStatus.PENDING);
    }

    @Test
    void aCoProposerHoldsTheStancesOfAProposerAndAConcernedPartyThoseOfAnAddressee() {
        assertThat(PositionStatus.allowed(PositionRole.CO_PROPOSER))
                .containsExactlyElementsOf(PositionStatus.allowed(PositionRole.PROPOSER));
        assertThat(PositionStatus.allowed(PositionRole.CONCERNED))
                .containsExactlyElementsOf(PositionStatus.allowed(PositionRole.ADDRESSEE));
    }

    // Packages: one test per rule of derivePackage, in its order.

    private static DemandStatus.Member member(DemandStatus status, PositionStatus... addressees) {
        return new DemandStatus.Member(status, stances(List.of(TABLED), List.of(addressees)));
    }

    private static DemandStatus derivePackage(List<PositionStatus> proposers, List<PositionStatus> addressees,
            boolean inseparable, List<DemandStatus.Member> members) {
        return DemandStatus.derivePackage(stances(proposers, addressees), inseparable, members);
    }

    @Test
    void packageRule1WithdrawnWhenEveryProposerWithdrewWhateverTheMembers() {
        assertThat(derivePackage(List.of(WITHDRAWN), List.of(UNASSESSED), true,
                List.of(member(DemandStatus.AGREED, ACCEPTED)))).isEqualTo(DemandStatus.WITHDRAWN);
    }

    @Test
    void packageRule2AgreedOnlyWhenEveryMemberIsAgreed() {
        assertThat(derivePackage(List.of(TABLED), List.of(UNASSESSED), true,
                List.of(member(DemandStatus.AGREED, ACCEPTED), member(DemandStatus.AGREED, CODIFIED))))
                .isEqualTo(DemandStatus.AGREED);
        // The package's own acceptance is not enough while a member is open.
        assertThat(derivePackage(List.of(TABLED), List.of(ACCEPTED), false,
                List.of(member(DemandStatus.AGREED, ACCEPTED), member(DemandStatus.PENDING, UNASSESSED))))
                .isEqualTo(DemandStatus.IN_NEGOTIATION);
    }

    @Test
    void packageRule2LeavesWithdrawnMembersOut() {
        assertThat(derivePackage(List.of(TABLED), List.of(UNASSESSED), true,
                List.of(member(DemandStatus.AGREED, ACCEPTED), member(DemandStatus.WITHDRAWN, REJECTED))))
                .isEqualTo(DemandStatus.AGREED);
    }

    @Test
    void packageRule3AnInseparablePackageIsRejectedWhenAnyMemberIsRejected() {
        // The US engages on one member and rejects another: the package as a whole is refused.
        assertThat(derivePackage(List.of(TABLED), List.of(UNASSESSED), true,
                List.of(member(DemandStatus.IN_NEGOTIATION, OPEN_TO_DISCUSSION),
                        member(DemandStatus.IN_NEGOTIATION, REJECTED, OPEN_TO_DISCUSSION))))
                .isEqualTo(DemandStatus.REJECTED);
        assertThat(derivePackage(List.of(TABLED), List.of(REJECTED), true,
                List.of(member(DemandStatus.IN_NEGOTIATION, OPEN_TO_DISCUSSION)))).isEqualTo(DemandStatus.REJECTED);
    }

    @Test
    void packageRule4InNegotiationWhenSomeMemberIsEngagedOrThePackageItself() {
        assertThat(derivePackage(List.of(TABLED), List.of(UNASSESSED), false,
                List.of(member(DemandStatus.IN_NEGOTIATION, OPEN_TO_DISCUSSION),
                        member(DemandStatus.REJECTED, REJECTED))))
                .isEqualTo(DemandStatus.IN_NEGOTIATION);
        assertThat(derivePackage(List.of(TABLED), List.of(OPEN_TO_DISCUSSION), true,
                List.of(member(DemandStatus.PENDING, NO_RESPONSE)))).isEqualTo(DemandStatus.IN_NEGOTIATION);
    }

    @Test
    void packageRule5ASeparablePackageIsRejectedWhenAnAddresseeRejectsThePackageItself() {
        assertThat(derivePackage(List.of(TABLED), List.of(REJECTED), false,
                List.of(member(DemandStatus.PENDING, NO_RESPONSE)))).isEqualTo(DemandStatus.REJECTED);
        // A rejected member alone does not reject a separable package.
        assertThat(derivePackage(List.of(TABLED), List.of(UNASSESSED), false,
                List.of(member(DemandStatus.REJECTED, REJECTED), member(DemandStatus.PENDING, UNASSESSED))))
                .isEqualTo(DemandStatus.PENDING);
    }

    @Test
    void packageRule6PendingOtherwise() {
        assertThat(derivePackage(List.of(TABLED), List.of(NO_RESPONSE), true,
                List.of(member(DemandStatus.PENDING, NO_RESPONSE)))).isEqualTo(DemandStatus.PENDING);
    }

    @Test
    void aPackageWithoutMembersFollowsTheRulesOfASingleDemand() {
        assertThat(derivePackage(List.of(TABLED), List.of(ACCEPTED), true, List.of()))
                .isEqualTo(DemandStatus.AGREED);
        assertThat(derivePackage(List.of(TABLED), List.of(REJECTED), false, List.of()))
                .isEqualTo(DemandStatus.REJECTED);
    }

    @Test
    void partialOnPackageWhenAPartyEngagesOnSomeMembersAndRejectsOthers() {
        assertThat(DemandStatus.partialOnPackage(List.of(OPEN_TO_DISCUSSION, REJECTED))).isTrue();
        assertThat(DemandStatus.partialOnPackage(List.of(REJECTED, ACCEPTED, NO_RESPONSE))).isTrue();
        assertThat(DemandStatus.partialOnPackage(List.of(REJECTED, REJECTED))).isFalse();
        assertThat(DemandStatus.partialOnPackage(List.of(OPEN_TO_DISCUSSION, COUNTER_PROPOSED))).isFalse();
        assertThat(DemandStatus.partialOnPackage(List.of(REJECTED, NO_RESPONSE))).isFalse();
    }
}
