package dev.parley.document;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.negotiation;
import static dev.parley.support.Fixtures.party;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Citations recorded with a stance (PUT .../positions/{party}) that quote a document. */
@QuarkusTest
class AnchoredCitationTest {

    static final String TEXT = "Statement of the Ministry.\n\nWe need legally binding  guarantees,\u00A0not "
            + "\u201Cassurances\u201D. We need legally binding guarantees now. S\u00e9curit\u00e9 \uD83D\uDEE1 first.";

    /** A demand from a proposer to one addressee, a source and a document holding {@link #TEXT}. */
    record Scene(String demand, String addressee, String source, String document) {

        String position() {
            return "/api/v1/demands/" + demand + "/positions/" + addressee;
        }
    }

    static Scene scene() {
        String proposer = party();
        String addressee = party();
        String negotiation = negotiation(unique("talks"), "Talks", "2021-12-01", List.of(proposer, addressee));
        String demand = unique("demand");
        api().body(Map.of("slug", demand, "negotiation", negotiation, "proposer", proposer, "addressees",
                List.of(addressee), "title", "Guarantees", "text", "Legally binding guarantees.", "topic", "security",
                "kind", "DEMAND", "tabled_on", "2021-12-17")).post("/api/v1/demands").then().statusCode(201);
        String source = DocumentResourceTest.source();
        Map<String, Object> document = DocumentResourceTest.document(TEXT);
        document.put("source_id", source);
        return new Scene(demand, addressee, source, DocumentResourceTest.create(document));
    }

    static Map<String, Object> citation(Scene scene, String quote) {
        Map<String, Object> citation = new HashMap<>();
        citation.put("source_id", scene.source());
        citation.put("title", "Statement");
        citation.put("quote", quote);
        citation.put("kind", "OFFICIAL_TEXT");
        citation.put("relation", "SUPPORTS");
        citation.put("document_id", scene.document());
        return citation;
    }

    static ValidatableResponse put(Scene scene, Map<String, Object> citation) {
        return api().body(Map.of("status", "REJECTED", "effective_on", "2021-12-20", "citations", List.of(citation)))
                .put(scene.position()).then();
    }

    static int stances(Scene scene) {
        return api().get(scene.position() + "/history").then().statusCode(200).extract().jsonPath()
                .getList("items").size();
    }

    @Test
    void aQuoteFoundOnceIsAnchoredInTheOriginalWords() {
        Scene scene = scene();
        put(scene, citation(scene, "not \"assurances\"")).statusCode(200)
                .body("citations[0].document_id", equalTo(scene.document()))
                .body("citations[0].quote", equalTo("not \"assurances\""))
                .body("citations[0].anchor.exact", equalTo("not \u201Cassurances\u201D"))
                .body("citations[0].anchor.start", equalTo(65))
                .body("citations[0].anchor.end", equalTo(81))
                .body("citations[0].anchor.prefix", equalTo("ed legally binding  guarantees,\u00A0"))
                .body("citations[0].anchor.suffix", equalTo(". We need legally binding guaran"));
        String text = TEXT;
        int from = text.offsetByCodePoints(0, 65);
        assertThat(text.substring(from, text.offsetByCodePoints(0, 81))).isEqualTo("not \u201Cassurances\u201D");
    }

    @Test
    void offsetsCountCodePointsPastAstralCharacters() {
        Scene scene = scene();
        int start = TEXT.codePointCount(0, TEXT.indexOf("first"));
        put(scene, citation(scene, "Se\u0301curite\u0301 \uD83D\uDEE1 first.")).statusCode(200)
                .body("citations[0].anchor.exact", equalTo("S\u00e9curit\u00e9 \uD83D\uDEE1 first."))
                .body("citations[0].anchor.end", equalTo(TEXT.codePointCount(0, TEXT.length())))
                .body("citations[0].anchor.start", equalTo(start - 11))
                .body("citations[0].anchor.suffix", equalTo(""));
    }

    @Test
    void aQuoteNotInTheTextIsRefusedAndNothingIsWritten() {
        Scene scene = scene();
        int before = stances(scene);
        put(scene, citation(scene, "We need guarantees")).statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("QUOTE_NOT_IN_DOCUMENT"))
                .body("errors[0].pointer", equalTo("/citations/0/quote"));
        assertThat(stances(scene)).isEqualTo(before);
        assertThat(api().queryParam("document", scene.document()).get("/api/v1/citations").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void aQuoteAtSeveralPlacesIsRefusedWithTheirOffsets() {
        Scene scene = scene();
        int before = stances(scene);
        put(scene, citation(scene, "We need legally binding guarantees")).statusCode(422)
                .body("code", equalTo("QUOTE_AMBIGUOUS"))
                .body("detail", containsString("[28, 63)"))
                .body("detail", containsString("[83, 117)"))
                .body("errors[0].pointer", equalTo("/citations/0/quote"));
        assertThat(stances(scene)).isEqualTo(before);
    }

    @Test
    void aPrefixOrSuffixChoosesOneOfSeveralPlaces() {
        Scene scene = scene();
        Map<String, Object> citation = citation(scene, "We need legally binding guarantees");
        citation.put("anchor", Map.of("prefix", "\u201Cassurances\u201D. "));
        put(scene, citation).statusCode(200)
                .body("citations[0].anchor.start", equalTo(83))
                .body("citations[0].anchor.exact", equalTo("We need legally binding guarantees"));
        citation.put("anchor", Map.of("suffix", ", not"));
        put(scene, citation).statusCode(200)
                .body("citations[0].anchor.start", equalTo(28))
                .body("citations[0].anchor.exact", equalTo("We need legally binding  guarantees"));
        citation.put("anchor", Map.of("start", 83, "end", 117));
        put(scene, citation).statusCode(200).body("citations[0].anchor.start", equalTo(83));
        citation.put("anchor", Map.of("prefix", "never said "));
        put(scene, citation).statusCode(422)
                .body("code", equalTo("QUOTE_NOT_IN_DOCUMENT"))
                .body("errors[0].pointer", equalTo("/citations/0/anchor"));
        citation.put("anchor", Map.of("start", 83, "end", 100));
        put(scene, citation).statusCode(422)
                .body("code", equalTo("ANCHOR_MISMATCH"))
                .body("errors[0].pointer", equalTo("/citations/0/anchor/end"));
    }

    @Test
    void anUnknownDocumentIsPointedAt() {
        Scene scene = scene();
        Map<String, Object> citation = citation(scene, "not \"assurances\"");
        citation.put("document_id", "doc_nosuchdocument");
        put(scene, citation).statusCode(422)
                .body("code", equalTo("UNKNOWN_DOCUMENT"))
                .body("errors[0].pointer", equalTo("/citations/0/document_id"));
    }

    @Test
    void aDocumentParleyDoesNotHoldKeepsTheAnchorAsGiven() {
        Scene scene = scene();
        String unheld = api().body(Map.of("title", "Paywalled", "text_sha256", "0".repeat(64)))
                .post("/api/v1/documents").then().statusCode(201).extract().path("id");
        Map<String, Object> citation = citation(scene, "words we cannot check");
        citation.put("document_id", unheld);
        citation.put("anchor", Map.of("prefix", "He said: ", "start", 100, "end", 121));
        put(scene, citation).statusCode(200)
                .body("citations[0].anchor.exact", equalTo("words we cannot check"))
                .body("citations[0].anchor.prefix", equalTo("He said: "))
                .body("citations[0].anchor.start", equalTo(100))
                .body("citations[0].anchor.end", equalTo(121));
        citation.put("anchor", Map.of("exact", "other words"));
        put(scene, citation).statusCode(422).body("code", equalTo("ANCHOR_MISMATCH"));
    }

    @Test
    void provenanceMembersAreKeptAndCheckedAndV1CitationsLookAsBefore() {
        Scene scene = scene();
        Map<String, Object> citation = citation(scene, "not \"assurances\"");
        citation.put("via", List.of("Russian Foreign Ministry", "Xinhua", "IANS"));
        citation.put("language", "en");
        citation.put("translated", true);
        citation.put("original_quote", "\u043D\u0435 \u00AB\u0437\u0430\u0432\u0435\u0440\u0435\u043D\u0438\u044F\u00BB");
        citation.put("credibility", 2);
        String id = put(scene, citation).statusCode(200)
                .body("citations[0].via", equalTo(List.of("Russian Foreign Ministry", "Xinhua", "IANS")))
                .body("citations[0].translated", equalTo(true))
                .body("citations[0].credibility", equalTo(2))
                .extract().path("citations[0].id");
        api().get("/api/v1/citations/" + id).then().statusCode(200)
                .body("language", equalTo("en"))
                .body("original_quote", equalTo(citation.get("original_quote")))
                .body("anchor.start", equalTo(65));
        assertThat(api().queryParam("document", scene.document()).get("/api/v1/citations").then().statusCode(200)
                .extract().jsonPath().getList("items.id")).containsExactly(id);

        Map<String, Object> bad = citation(scene, "not \"assurances\"");
        bad.put("credibility", 7);
        bad.put("via", List.of("ok", "bad\u0007name"));
        put(scene, bad).statusCode(400).body("errors.pointer",
                org.hamcrest.Matchers.containsInAnyOrder("/citations/0/credibility", "/citations/0/via/1"));
        Map<String, Object> untranslated = citation(scene, "not \"assurances\"");
        untranslated.put("original_quote", "\u043D\u0435");
        put(scene, untranslated).statusCode(400).body("errors[0].pointer", equalTo("/citations/0/original_quote"));
        Map<String, Object> orphan = citation(scene, "anything");
        orphan.remove("document_id");
        orphan.put("anchor", Map.of("prefix", "x"));
        put(scene, orphan).statusCode(400).body("errors[0].pointer", equalTo("/citations/0/anchor"));

        Map<String, Object> plain = citation(scene, "Plain words.");
        plain.remove("document_id");
        put(scene, plain).statusCode(200)
                .body("citations[0]", not(hasKey("document_id")))
                .body("citations[0]", not(hasKey("anchor")))
                .body("citations[0]", not(hasKey("via")))
                .body("citations[0]", not(hasKey("credibility")));
    }
}
