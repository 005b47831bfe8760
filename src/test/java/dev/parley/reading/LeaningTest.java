package dev.parley.reading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import dev.parley.demand.PositionStatus;

class LeaningTest {

    @ParameterizedTest
    @CsvSource({
            "TABLED, FOR", "ACCEPTED, FOR", "CODIFIED, FOR",
            "OPEN_TO_DISCUSSION, ENGAGED", "COUNTER_PROPOSED, ENGAGED", "CONDITIONALLY_ACCEPTED, ENGAGED",
            "REJECTED, AGAINST", "WITHDRAWN, AGAINST",
            "UNASSESSED, UNKNOWN", "NO_RESPONSE, UNKNOWN" })
    void everyStanceHasTheClassTheDocumentStates(PositionStatus status, Leaning leaning) {
        assertThat(Leaning.of(status)).isEqualTo(leaning);
        assertThat(Leaning.RULE).containsPattern("\\| " + leaning + " \\|[^\\n]*\\b" + status + "\\b");
    }

    @ParameterizedTest
    @EnumSource(PositionStatus.class)
    void nothingAgreesWithAnUnknownStanceNotEvenAnotherUnknownOne(PositionStatus status) {
        assertThat(Leaning.agree(status, PositionStatus.UNASSESSED)).isFalse();
        assertThat(Leaning.agree(PositionStatus.NO_RESPONSE, status)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({ "TABLED, ACCEPTED, true", "REJECTED, WITHDRAWN, true", "COUNTER_PROPOSED, OPEN_TO_DISCUSSION, true",
            "TABLED, REJECTED, false", "CONDITIONALLY_ACCEPTED, ACCEPTED, false" })
    void stancesAgreeWhenTheyLeanTheSameWay(PositionStatus a, PositionStatus b, boolean agree) {
        assertThat(Leaning.agree(a, b)).isEqualTo(agree);
        assertThat(Leaning.agree(b, a)).isEqualTo(agree);
    }
}
