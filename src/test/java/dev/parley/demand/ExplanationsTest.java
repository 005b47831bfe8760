package dev.parley.demand;

import static dev.parley.demand.PositionStatus.ACCEPTED;
import static dev.parley.demand.PositionStatus.NO_RESPONSE;
import static dev.parley.demand.PositionStatus.OPEN_TO_DISCUSSION;
import static dev.parley.demand.PositionStatus.REJECTED;
import static dev.parley.demand.PositionStatus.TABLED;
import static dev.parley.demand.PositionStatus.UNASSESSED;
import static dev.parley.demand.PositionStatus.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.parley.citation.Citation;
import dev.parley.citation.CitationRelation;
import dev.parley.citation.Source;

/** The evidence flags of a stance and the explanation of a demand's status, rule by rule. */
class ExplanationsTest {

    private static Cited cited(String source, CitationRelation relation) {
        Citation citation = new Citation();
        citation.id = "cit_" + source + "_" + relation;
        citation.source = new Source();
        citation.source.id = source;
        return new Cited(citation, relation);
    }

    private static List<EvidenceFlag> flags(StanceBasis basis, DayPrecision precision, Cited... cited) {
        return Explanations.parse(Explanations.flagsOf(ChangeKind.STANCE, basis, precision, List.of(cited)));
    }

    @Test
    void supportingCitationsFromOneSourceAreASingleSource() {
        assertThat(flags(StanceBasis.OWN_STATEMENT, DayPrecision.DAY, cited("src_a", CitationRelation.SUPPORTS)))
                .containsExactly(EvidenceFlag.SINGLE_SOURCE);
        assertThat(flags(StanceBasis.OWN_STATEMENT, DayPrecision.DAY, cited("src_a", CitationRelation.SUPPORTS),
                cited("src_a", CitationRelation.SUPPORTS))).containsExactly(EvidenceFlag.SINGLE_SOURCE);
    }

    @Test
    void twoSourcesAreNotASingleSourceAndContextDoesNotCount() {
        assertThat(flags(StanceBasis.OWN_STATEMENT, DayPrecision.DAY, cited("src_a", CitationRelation.SUPPORTS),
                cited("src_b", CitationRelation.SUPPORTS))).isEmpty();
        // Context alone supports nothing: there is no source to be single.
        assertThat(flags(StanceBasis.OWN_STATEMENT, DayPrecision.DAY, cited("src_a", CitationRelation.CONTEXT)))
                .isEmpty();
        assertThat(flags(StanceBasis.OWN_STATEMENT, DayPrecision.DAY)).isEmpty();
    }

    private static Cited quoted(String source, String document, List<String> via) {
        Cited cited = cited(source, CitationRelation.SUPPORTS);
        cited.citation.documentId = document;
        cited.citation.via = via;
        return cited;
    }

    @Test
    void oneDocumentIsASingleSourceWhateverTheSourcesSay() {
        assertThat(flags(null, DayPrecision.DAY, quoted("src_a", "doc_1", List.of()), quoted("src_b", "doc_1", List.of())))
                .containsExactly(EvidenceFlag.SINGLE_SOURCE);
        assertThat(flags(null, DayPrecision.DAY, quoted("src_a", "doc_1", List.of()), quoted("src_a", "doc_2", List.of())))
                .isEmpty();
    }

    @Test
    void twoDocumentsCarryingTheSameWireAreASingleSource() {
        List<String> wire = List.of("Russian Foreign Ministry", "Xinhua");
        assertThat(flags(null, DayPrecision.DAY, quoted("src_a", "doc_1", wire), quoted("src_b", "doc_2", wire)))
                .containsExactly(EvidenceFlag.SINGLE_SOURCE);
        // Two wires of the same ministry statement are two relays, not one.
        assertThat(flags(null, DayPrecision.DAY, quoted("src_a", "doc_1", wire),
                quoted("src_b", "doc_2", List.of("Russian Foreign Ministry", "RIA Novosti")))).isEmpty();
    }

    @Test
    void theBasisFlagsClaimsOfTheOtherSideAndInferences() {
        assertThat(flags(StanceBasis.COUNTERPART_CLAIM, DayPrecision.DAY))
                .containsExactly(EvidenceFlag.COUNTERPART_CLAIM_ONLY);
        assertThat(flags(StanceBasis.ANALYST_INFERENCE, DayPrecision.DAY)).containsExactly(EvidenceFlag.INFERRED);
        assertThat(flags(StanceBasis.THIRD_PARTY_REPORT, DayPrecision.DAY)).isEmpty();
        assertThat(flags(null, DayPrecision.DAY)).isEmpty();
    }

    @Test
    void aDayKnownOnlyToTheMonthOrAsADeadlineIsApproximate() {
        assertThat(flags(null, DayPrecision.MONTH)).containsExactly(EvidenceFlag.DATE_APPROXIMATE);
        assertThat(flags(null, DayPrecision.ON_OR_BEFORE)).containsExactly(EvidenceFlag.DATE_APPROXIMATE);
    }

    @Test
    void aContradictingCitationContests() {
        assertThat(flags(StanceBasis.OWN_STATEMENT, DayPrecision.DAY, cited("src_a", CitationRelation.SUPPORTS),
                cited("src_b", CitationRelation.CONTRADICTS)))
                .containsExactly(EvidenceFlag.SINGLE_SOURCE, EvidenceFlag.CONTESTED);
    }

    @Test
    void aRetractionCarriesNoFlags() {
        assertThat(Explanations.flagsOf(ChangeKind.RETRACTION, StanceBasis.ANALYST_INFERENCE, DayPrecision.MONTH,
                List.of(cited("src_a", CitationRelation.CONTRADICTS)))).isEmpty();
    }

    @Test
    void aStanceExplainsItselfAndACorrectionSaysSo() {
        Explain shown = Explanations.stance("us", REJECTED, 7L, ChangeKind.STANCE, ",INFERRED,");
        assertThat(shown.rule()).isEqualTo(ExplainRule.LATEST_STANCE);
        assertThat(shown.because()).containsExactly(new Explain.Because("us", REJECTED, 7L));
        assertThat(shown.flags()).containsExactly(EvidenceFlag.INFERRED);
        assertThat(Explanations.stance("us", REJECTED, 8L, ChangeKind.CORRECTION, "").rule())
                .isEqualTo(ExplainRule.CORRECTED_STANCE);
        Explain none = Explanations.stance("us", UNASSESSED, null, null, "");
        assertThat(none.rule()).isEqualTo(ExplainRule.NO_STANCE);
        assertThat(none.because()).isEmpty();
    }

    // A demand: one test per rule, with the stances each one reads.

    private static Explanations.Stance proposer(PositionStatus status, String flags) {
        return new Explanations.Stance("ru", PositionRole.PROPOSER, status, 1L, flags);
    }

    private static Explanations.Stance addressee(String party, PositionStatus status, long change, String flags) {
        return new Explanations.Stance(party, PositionRole.ADDRESSEE, status, change, flags);
    }

    private static Explain demand(List<Explanations.Stance> stances) {
        return Explanations.demand(DemandStatus.derivation(stances), stances, false);
    }

    @Test
    void rule1TheProposersWithdrawal() {
        Explain explain = demand(List.of(proposer(WITHDRAWN, ",SINGLE_SOURCE,"), addressee("us", REJECTED, 2, ",INFERRED,")));
        assertThat(explain.rule()).isEqualTo(ExplainRule.PROPOSERS_WITHDREW);
        assertThat(explain.because()).extracting(Explain.Because::party).containsExactly("ru");
        assertThat(explain.flags()).containsExactly(EvidenceFlag.SINGLE_SOURCE);
    }

    @Test
    void rule2EveryAddresseeAgrees() {
        Explain explain = demand(List.of(proposer(TABLED, ""), addressee("us", ACCEPTED, 2, ""),
                addressee("nato", ACCEPTED, 3, ",DATE_APPROXIMATE,")));
        assertThat(explain.rule()).isEqualTo(ExplainRule.ADDRESSEES_AGREE);
        assertThat(explain.because()).extracting(Explain.Because::party).containsExactly("us", "nato");
        assertThat(explain.flags()).containsExactly(EvidenceFlag.DATE_APPROXIMATE);
    }

    @Test
    void rule3SomeAddresseeEngagesAndOnlyThoseCount() {
        Explain explain = demand(List.of(proposer(TABLED, ""), addressee("us", OPEN_TO_DISCUSSION, 2, ",SINGLE_SOURCE,"),
                addressee("nato", REJECTED, 3, ",COUNTERPART_CLAIM_ONLY,")));
        assertThat(explain.rule()).isEqualTo(ExplainRule.ADDRESSEE_ENGAGES);
        assertThat(explain.because()).containsExactly(new Explain.Because("us", OPEN_TO_DISCUSSION, 2L));
        assertThat(explain.flags()).containsExactly(EvidenceFlag.SINGLE_SOURCE);
    }

    @Test
    void rule4SomeAddresseeRejects() {
        Explain explain = demand(List.of(proposer(TABLED, ""), addressee("us", REJECTED, 2, ",COUNTERPART_CLAIM_ONLY,"),
                addressee("nato", NO_RESPONSE, 3, "")));
        assertThat(explain.rule()).isEqualTo(ExplainRule.ADDRESSEE_REJECTS);
        assertThat(explain.because()).containsExactly(new Explain.Because("us", REJECTED, 2L));
        assertThat(explain.flags()).containsExactly(EvidenceFlag.COUNTERPART_CLAIM_ONLY);
    }

    @Test
    void rule5NobodyEngagesAndEveryAddresseeIsRead() {
        Explain explain = demand(List.of(proposer(TABLED, ""), addressee("us", NO_RESPONSE, 2, ""),
                addressee("nato", UNASSESSED, 3, "")));
        assertThat(explain.rule()).isEqualTo(ExplainRule.NO_ADDRESSEE_ENGAGES);
        assertThat(explain.because()).extracting(Explain.Because::party).containsExactly("us", "nato");
        assertThat(explain.flags()).isEmpty();
    }

    @Test
    void concernedPartiesAreNeverRead() {
        List<Explanations.Stance> stances = List.of(proposer(TABLED, ""), addressee("us", NO_RESPONSE, 2, ""),
                new Explanations.Stance("ua", PositionRole.CONCERNED, REJECTED, 4L, ",INFERRED,"));
        Explain explain = Explanations.demand(DemandStatus.derivation(stances), stances, false);
        assertThat(explain.because()).extracting(Explain.Because::party).containsExactly("us");
        assertThat(explain.flags()).isEmpty();
    }

    @Test
    void packageRulesNameTheirOwn() {
        DemandStatus.Member agreed = new DemandStatus.Member(DemandStatus.AGREED,
                List.of(addressee("us", ACCEPTED, 5, "")));
        DemandStatus.Member rejected = new DemandStatus.Member(DemandStatus.REJECTED,
                List.of(addressee("us", REJECTED, 6, "")));
        DemandStatus.Member engaged = new DemandStatus.Member(DemandStatus.IN_NEGOTIATION,
                List.of(addressee("us", OPEN_TO_DISCUSSION, 7, "")));
        List<Explanations.Stance> unassessed = List.of(proposer(TABLED, ""), addressee("us", UNASSESSED, 2, ""));
        List<Explanations.Stance> open = List.of(proposer(TABLED, ""), addressee("us", OPEN_TO_DISCUSSION, 2, ""));
        assertThat(DemandStatus.packageDerivation(unassessed, true, List.of(agreed)).rule())
                .isEqualTo(ExplainRule.MEMBERS_AGREED);
        assertThat(DemandStatus.packageDerivation(unassessed, true, List.of(engaged, rejected)).rule())
                .isEqualTo(ExplainRule.PART_REJECTED);
        assertThat(DemandStatus.packageDerivation(unassessed, false, List.of(engaged, rejected)).rule())
                .isEqualTo(ExplainRule.MEMBER_ENGAGED);
        assertThat(DemandStatus.packageDerivation(open, false, List.of(rejected)).rule())
                .isEqualTo(ExplainRule.ADDRESSEE_ENGAGES);
    }

    @Test
    void aPartyPartialOnAPackageFlagsIt() {
        List<Explanations.Stance> stances = List.of(proposer(TABLED, ""), addressee("us", UNASSESSED, 2, ""));
        Explain explain = Explanations.demand(DemandStatus.derivation(stances), stances, true);
        assertThat(explain.flags()).containsExactly(EvidenceFlag.PARTIAL_ON_PACKAGE);
    }

    @Test
    void aDemandKeepsItsExplanationAsItWasDerived() {
        Explain explain = new Explain(ExplainRule.ADDRESSEE_ENGAGES,
                List.of(new Explain.Because("united-states", OPEN_TO_DISCUSSION, 42L),
                        new Explain.Because("nato", ACCEPTED, null)),
                List.of(EvidenceFlag.SINGLE_SOURCE, EvidenceFlag.INFERRED));
        assertThat(Explanations.stored(Explanations.store(explain))).isEqualTo(explain);
        Explain bare = new Explain(ExplainRule.NO_ADDRESSEE_ENGAGES, List.of(), List.of());
        assertThat(Explanations.stored(Explanations.store(bare))).isEqualTo(bare);
        assertThat(Explanations.stored(null)).isNull();
    }
}
