package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which Accept headers {@link ProblemAccept} widens: those that want problems and no JSON. */
class ProblemAcceptTest {

    @Test
    void problemOnlyIsWidened() {
        assertThat(ProblemAccept.acceptsOnlyProblems("application/problem+json")).isTrue();
        assertThat(ProblemAccept.acceptsOnlyProblems("text/plain, Application/Problem+JSON;q=0.5")).isTrue();
    }

    @Test
    void headersThatAlreadyAcceptJsonOrAnythingAreLeftAlone() {
        assertThat(ProblemAccept.acceptsOnlyProblems("application/problem+json, application/json")).isFalse();
        assertThat(ProblemAccept.acceptsOnlyProblems("application/problem+json, */*")).isFalse();
        assertThat(ProblemAccept.acceptsOnlyProblems("application/*")).isFalse();
    }

    @Test
    void otherTypesAndRefusedProblemsAreNotWidenedSoTheyStill406() {
        assertThat(ProblemAccept.acceptsOnlyProblems("text/html")).isFalse();
        assertThat(ProblemAccept.acceptsOnlyProblems("application/problem+json;q=0")).isFalse();
        assertThat(ProblemAccept.acceptsOnlyProblems("application/problem+json;q=0, application/json;q=0")).isFalse();
    }
}
