package dev.parley.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How each stance of the seed case is known (issue 15, ../shared/reviews/evidence.md): documents held
 * by reference, citations anchored and relayed, every claimed stance with a basis and a precision, and
 * none of the stances the review found unsupported. Reads the bundle as JSON, without the service.
 */
class SeedEvidenceTest {

    static final Set<String> BASES = Set.of("OWN_STATEMENT", "COUNTERPART_CLAIM", "THIRD_PARTY_REPORT",
            "ANALYST_INFERENCE");

    static Map<String, JsonNode> citations(JsonNode seed) {
        Map<String, JsonNode> citations = new HashMap<>();
        seed.get("citations").forEach(c -> citations.put(c.get("id").asText(), c));
        return citations;
    }

    static List<JsonNode> history(JsonNode seed, String demand, String party) {
        for (JsonNode d : seed.get("demands")) {
            if (d.get("slug").asText().equals(demand)) {
                for (JsonNode p : d.get("positions")) {
                    if (p.get("party").asText().equals(party)) {
                        List<JsonNode> stances = new ArrayList<>();
                        p.get("history").forEach(stances::add);
                        return stances;
                    }
                }
            }
        }
        throw new AssertionError("no position " + demand + "/" + party);
    }

    @Test
    void theTextsAreDocumentsHeldByReferenceOnly() throws IOException {
        JsonNode documents = SeedQuotesTest.seed().get("documents");
        assertThat(documents).hasSize(5);
        for (JsonNode d : documents) {
            String id = d.get("id").asText();
            assertThat(id).matches("^doc_[a-z0-9_]{4,40}$");
            assertThat(d.has("text")).as(id + " carries no copy of the article").isFalse();
            assertThat(d.get("text_held").asBoolean()).as(id).isFalse();
            assertThat(d.get("text_sha256").asText()).as(id).matches("^[0-9a-f]{64}$");
            assertThat(d.get("language").asText()).as(id).isEqualTo("en");
            String precision = d.get("published_on_precision").asText();
            assertThat(d.hasNonNull("published_on")).as(id + " has a day unless it is UNKNOWN")
                    .isEqualTo(!precision.equals("UNKNOWN"));
        }
    }

    @Test
    void everyCitationIsAnchoredInItsDocumentAndNoRelayedTranslationIsOfficialText() throws IOException {
        JsonNode seed = SeedQuotesTest.seed();
        Set<String> documents = SeedQuotesTest.documents(seed).keySet();
        for (JsonNode c : seed.get("citations")) {
            String id = c.get("id").asText();
            String quote = c.get("quote").asText();
            assertThat(id).matches("^cit_[a-z0-9_]{4,40}$");
            assertThat(c.get("source_id").asText()).matches("^src_[a-z0-9_]{4,40}$");
            assertThat(documents).as(id).contains(c.path("document_id").asText());
            JsonNode anchor = c.get("anchor");
            assertThat(anchor.get("exact").asText()).as(id).isEqualTo(quote);
            assertThat(anchor.get("end").asInt() - anchor.get("start").asInt()).as(id + " counts code points")
                    .isEqualTo(quote.codePointCount(0, quote.length()));
            assertThat(c.get("credibility").asInt()).as(id).isBetween(1, 6);
            assertThat(c.get("kind").asText()).as(id + ": the texts relay and translate, none is the official text")
                    .isIn("DIRECT_QUOTE", "REPORTED");
        }
    }

    @Test
    void everyClaimedStanceSaysHowItIsKnownAndRestsOnSupportingEvidence() throws IOException {
        JsonNode seed = SeedQuotesTest.seed();
        Map<String, JsonNode> citations = citations(seed);
        List<String> wrong = new ArrayList<>();
        for (JsonNode d : seed.get("demands")) {
            for (JsonNode p : d.get("positions")) {
                for (JsonNode s : p.get("history")) {
                    String at = d.get("slug").asText() + "/" + p.get("party").asText() + " "
                            + s.get("effective_on").asText();
                    if (s.get("status").asText().equals("UNASSESSED")) {
                        continue;
                    }
                    if (!BASES.contains(s.path("basis").asText())) {
                        wrong.add(at + ": no basis");
                    }
                    if (!Set.of("DAY", "MONTH", "ON_OR_BEFORE").contains(s.path("effective_on_precision").asText())) {
                        wrong.add(at + ": no precision");
                    }
                    if (!s.path("basis").asText().equals("OWN_STATEMENT") && s.path("note").asText().isBlank()) {
                        wrong.add(at + ": a stance not in the party's own words says why in a note");
                    }
                    boolean supported = false;
                    Set<String> listed = new HashSet<>();
                    for (JsonNode id : s.get("citation_ids")) {
                        JsonNode c = citations.get(id.asText());
                        if (c == null) {
                            wrong.add(at + ": unknown " + id.asText());
                            continue;
                        }
                        listed.add(id.asText());
                        supported |= c.get("relation").asText().equals("SUPPORTS");
                    }
                    for (JsonNode link : s.path("citation_links")) {
                        String id = link.get("citation_id").asText();
                        if (!citations.containsKey(id) || !listed.add(id)) {
                            wrong.add(at + ": link to an unknown or already listed " + id);
                        }
                        supported |= link.get("relation").asText().equals("SUPPORTS");
                    }
                    if (!supported) {
                        wrong.add(at + ": no supporting citation");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theStancesNoTextSupportsAreNotRecorded() throws IOException {
        JsonNode seed = SeedQuotesTest.seed();
        for (String[] position : new String[][] {
                { "no-intermediate-and-shorter-range-missiles-within-striking-distance", "united-states" },
                { "legally-binding-security-guarantees", "nato" },
                { "no-nato-membership-for-ukraine", "ukraine" },
                { "security-guarantees-as-single-package", "united-states" } }) {
            assertThat(history(seed, position[0], position[1])).as(String.join("/", position))
                    .allMatch(s -> s.get("status").asText().equals("UNASSESSED"));
        }
        JsonNode legal = history(seed, "legally-binding-security-guarantees", "united-states").getLast();
        assertThat(legal.get("basis").asText()).isEqualTo("COUNTERPART_CLAIM");
        assertThat(legal.get("effective_on_precision").asText()).isEqualTo("ON_OR_BEFORE");
        JsonNode pullback = history(seed, "russia-pull-back-troops-from-areas-near-ukraine", "united-states").getFirst();
        assertThat(pullback.get("basis").asText()).isEqualTo("ANALYST_INFERENCE");
        assertThat(pullback.get("effective_on_precision").asText()).isEqualTo("ON_OR_BEFORE");
    }

    @Test
    void theOnlyDirectUsWordsInTheTextsAreCaptured() throws IOException {
        Map<String, JsonNode> citations = citations(SeedQuotesTest.seed());
        assertThat(citations.values()).anySatisfy(c -> {
            assertThat(c.path("speaker").asText()).isEqualTo("Joe Biden");
            assertThat(c.get("kind").asText()).isEqualTo("DIRECT_QUOTE");
        }).anySatisfy(c -> {
            assertThat(c.path("speaker").asText()).isEqualTo("senior U.S. State Department official");
            assertThat(c.get("via").toString()).contains("CNN");
        });
    }
}
