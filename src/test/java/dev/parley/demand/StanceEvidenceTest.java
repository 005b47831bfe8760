package dev.parley.demand;

import static dev.parley.support.Api.api;
import static dev.parley.support.Fixtures.citation;
import static dev.parley.support.Fixtures.createDemand;
import static dev.parley.support.Fixtures.record;
import static dev.parley.support.Fixtures.scene;
import static dev.parley.support.Fixtures.stance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Scene;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** How a stance is known: basis, precision, relations on the link, flags, corrections and transaction time. */
@QuarkusTest
class StanceEvidenceTest {

    private static String position(String demand, String party) {
        return "/api/v1/demands/" + demand + "/positions/" + party;
    }

    private static JsonPath put(String demand, String party, Map<String, Object> stance) {
        return api().body(stance).put(position(demand, party)).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> stance(String status, String day, String source, Map<String, Object> more) {
        Map<String, Object> body = Fixtures.stance(status, day, source);
        body.putAll(more);
        return body;
    }

    private static List<String> flagged(Scene scene, String flag) {
        return api().queryParam("negotiation", scene.negotiation()).queryParam("flag", flag)
                .get("/api/v1/demands").then().statusCode(200).extract().jsonPath().getList("items.slug");
    }

    private static List<Map<String, Object>> feedFor(String demand) {
        return api().queryParam("demand", demand).queryParam("page_size", 500).get("/api/v1/changes")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void basisAndPrecisionAreRecordedAndFlagged() {
        Scene scene = scene();
        String inferred = createDemand(scene);
        String claimed = createDemand(scene);

        JsonPath shown = put(inferred, scene.first(), stance("REJECTED", "2022-01-26", scene.source(),
                Map.of("basis", "ANALYST_INFERENCE", "effective_on_precision", "MONTH")));
        assertThat(shown.getString("basis")).isEqualTo("ANALYST_INFERENCE");
        assertThat(shown.getString("effective_on_precision")).isEqualTo("MONTH");
        assertThat(shown.getString("change_kind")).isEqualTo("STANCE");
        assertThat(shown.getString("explain.rule")).isEqualTo("LATEST_STANCE");
        assertThat(shown.getLong("explain.because[0].change_id")).isEqualTo(shown.getLong("change_id"));
        // One new citation from one source: the stance rests on a single source.
        assertThat(shown.getList("explain.flags")).containsExactly("SINGLE_SOURCE", "INFERRED", "DATE_APPROXIMATE");

        put(claimed, scene.first(), stance("REJECTED", "2022-01-26", scene.source(),
                Map.of("basis", "COUNTERPART_CLAIM")));

        JsonPath demand = api().get("/api/v1/demands/" + inferred).then().statusCode(200).extract().jsonPath();
        assertThat(demand.getString("explain.rule")).isEqualTo("ADDRESSEE_REJECTS");
        assertThat(demand.getList("explain.because.party")).containsExactly(scene.first());
        assertThat(demand.getList("explain.flags")).containsExactly("SINGLE_SOURCE", "INFERRED", "DATE_APPROXIMATE");

        assertThat(flagged(scene, "INFERRED")).containsExactly(inferred);
        assertThat(flagged(scene, "COUNTERPART_CLAIM_ONLY")).containsExactly(claimed);
        assertThat(flagged(scene, "SINGLE_SOURCE")).containsExactlyInAnyOrder(inferred, claimed);
        api().queryParam("flag", "SHAKY").get("/api/v1/demands").then().statusCode(400)
                .body("errors[0].pointer", equalTo("flag"));
    }

    @Test
    void twoSourcesAreNotSingleAndAContradictingLinkContests() {
        Scene scene = scene();
        String demand = createDemand(scene);
        String other = Fixtures.source();
        Map<String, Object> body = stance("REJECTED", "2022-01-26", scene.source(), Map.of("basis", "OWN_STATEMENT"));
        @SuppressWarnings("unchecked")
        List<Object> citations = (List<Object>) body.get("citations");
        citations.add(citation(other));
        JsonPath twice = put(demand, scene.first(), body);
        assertThat(twice.getList("explain.flags")).isEmpty();
        String citationId = twice.getString("citations[0].id");

        // The same words, as this stance uses them, contradict it.
        Map<String, Object> contested = new HashMap<>(stance("OPEN_TO_DISCUSSION", "2022-01-27",
                scene.source(), Map.of("basis", "OWN_STATEMENT")));
        contested.put("citation_links", List.of(Map.of("citation_id", citationId, "relation", "CONTRADICTS")));
        JsonPath shown = put(demand, scene.first(), contested);
        assertThat(shown.getList("explain.flags")).containsExactly("SINGLE_SOURCE", "CONTESTED");
        assertThat(shown.getList("citations.relation")).containsExactly("SUPPORTS", "CONTRADICTS");
        // The citation itself keeps the relation it was created with.
        api().get("/api/v1/citations/" + citationId).then().statusCode(200).body("relation", equalTo("SUPPORTS"));
        assertThat(flagged(scene, "CONTESTED")).containsExactly(demand);

        Map<String, Object> unknown = new HashMap<>(Map.of("status", "REJECTED", "effective_on",
                "2022-01-28", "citation_links", List.of(Map.of("citation_id", "cit_nope", "relation", "SUPPORTS"))));
        api().body(unknown).put(position(demand, scene.first())).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/citation_links/0/citation_id"));
    }

    @Test
    void aCorrectionReplacesWhatItCorrectsInEveryReadAndBothStayInTheHistory() {
        Scene scene = scene();
        String demand = createDemand(scene);
        long wrong = put(demand, scene.first(), stance("REJECTED", "2022-01-26", scene.source(),
                Map.of("basis", "COUNTERPART_CLAIM"))).getLong("change_id");
        assertThat(demandStatus(demand)).isEqualTo("REJECTED");

        JsonPath corrected = put(demand, scene.first(), stance("OPEN_TO_DISCUSSION", "2022-01-20", scene.source(),
                Map.of("basis", "OWN_STATEMENT", "change_kind", "CORRECTION", "corrects", wrong, "reason",
                        "The refusal was Russia's account; the reply itself offered talks.")));
        long correction = corrected.getLong("change_id");
        assertThat(corrected.getString("status")).isEqualTo("OPEN_TO_DISCUSSION");
        assertThat(corrected.getString("explain.rule")).isEqualTo("CORRECTED_STANCE");
        assertThat(corrected.getLong("corrects")).isEqualTo(wrong);
        assertThat(demandStatus(demand)).isEqualTo("IN_NEGOTIATION");

        JsonPath matrix = matrix(scene, Map.of());
        assertThat(cell(matrix, demand, scene.first()).getString("status")).isEqualTo("OPEN_TO_DISCUSSION");
        // On a day between the two effective days, the corrected refusal no longer shows.
        JsonPath then = matrix(scene, Map.of("as_of", "2022-01-27"));
        assertThat(cell(then, demand, scene.first()).getString("status")).isEqualTo("OPEN_TO_DISCUSSION");

        List<Map<String, Object>> history = api().get(position(demand, scene.first()) + "/history").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(history).extracting(h -> h.get("change_id")).contains((int) wrong, (int) correction);
        Map<String, Object> replaced = history.stream().filter(h -> ((Number) h.get("change_id")).longValue() == wrong)
                .findFirst().orElseThrow();
        assertThat(((Number) replaced.get("corrected_by")).longValue()).isEqualTo(correction);

        List<String> types = feedFor(demand).stream().map(c -> (String) c.get("type")).toList();
        assertThat(types).contains("position.corrected");
        // Subscribers of corrections only (feed or webhook: the same filter) get exactly this one.
        List<Map<String, Object>> corrections = api().queryParam("demand", demand)
                .queryParam("type", "position.corrected").get("/api/v1/changes").then().statusCode(200).extract()
                .jsonPath().getList("items");
        assertThat(corrections.stream().map(c -> (Object) ((Map<?, ?>) c.get("data")).get("change_id")).toList())
                .containsExactly((int) correction);
        List<Object> changedIds = feedFor(demand).stream().filter(c -> "position.changed".equals(c.get("type")))
                .map(c -> (Object) ((Map<?, ?>) c.get("data")).get("change_id")).toList();
        assertThat(changedIds).contains((int) wrong).doesNotContain((int) correction);

        // Once corrected, a change is not corrected again: the correction is.
        api().body(stance("NO_RESPONSE", "2022-01-20", scene.source(), Map.of("change_kind", "CORRECTION",
                "corrects", wrong, "reason", "again"))).put(position(demand, scene.first()))
                .then().statusCode(409).body("code", equalTo("ALREADY_CORRECTED"));
    }

    @Test
    void aRetractionRemovesTheStanceAndMustRepeatIt() {
        Scene scene = scene();
        String demand = createDemand(scene);
        record(demand, scene.first(), "OPEN_TO_DISCUSSION", "2022-01-20", scene.source());
        long refusal = put(demand, scene.first(), stance("REJECTED", "2022-01-26", scene.source(), Map.of()))
                .getLong("change_id");

        Map<String, Object> mismatched = new HashMap<>(Map.of("status", "REJECTED", "effective_on",
                "2022-01-27", "change_kind", "RETRACTION", "corrects", refusal, "reason", "No such refusal."));
        api().body(mismatched).put(position(demand, scene.first())).then().statusCode(400)
                .body("errors.pointer", hasItem("/status"));

        mismatched.put("effective_on", "2022-01-26");
        JsonPath after = put(demand, scene.first(), mismatched);
        assertThat(after.getString("status")).isEqualTo("OPEN_TO_DISCUSSION");
        assertThat(demandStatus(demand)).isEqualTo("IN_NEGOTIATION");
    }

    @Test
    void correctionsNeedWhatTheyCorrectAndWhy() {
        Scene scene = scene();
        String demand = createDemand(scene);
        api().body(stance("REJECTED", "2022-01-26", scene.source(), Map.of("change_kind", "CORRECTION")))
                .put(position(demand, scene.first())).then().statusCode(400)
                .body("errors.pointer", hasItem("/corrects")).body("errors.pointer", hasItem("/reason"));
        api().body(stance("REJECTED", "2022-01-26", scene.source(), Map.of("change_kind", "CORRECTION",
                "corrects", 999_999_999, "reason", "x"))).put(position(demand, scene.first())).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/corrects"));
        api().body(stance("REJECTED", "2022-01-26", scene.source(), Map.of("corrects", 1, "reason", "x")))
                .put(position(demand, scene.first())).then().statusCode(400)
                .body("errors.pointer", hasItem("/corrects")).body("errors.pointer", hasItem("/reason"));
        // A change of another position is not this one's to correct.
        long elsewhere = put(demand, scene.second(), stance("REJECTED", "2022-01-26", scene.source(), Map.of()))
                .getLong("change_id");
        api().body(stance("REJECTED", "2022-01-26", scene.source(), Map.of("change_kind", "CORRECTION",
                "corrects", elsewhere, "reason", "x"))).put(position(demand, scene.first())).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/corrects"));
    }

    @Test
    void asRecordedAnswersWhatParleySaidThen() {
        Scene scene = scene();
        String demand = createDemand(scene);
        long first = put(demand, scene.first(), stance("REJECTED", "2022-01-26", scene.source(), Map.of()))
                .getLong("change_id");
        Instant between = recordedAt(demand, scene.first());
        put(demand, scene.first(), stance("OPEN_TO_DISCUSSION", "2022-01-26", scene.source(),
                Map.of("change_kind", "CORRECTION", "corrects", first, "reason", "Misread.")));
        String later = createDemand(scene);

        String at = between.toString();
        JsonPath then = matrix(scene, Map.of("as_recorded", at));
        assertThat(then.getString("as_recorded")).isEqualTo(at);
        assertThat(cell(then, demand, scene.first()).getString("status")).isEqualTo("REJECTED");
        assertThat(then.getList("rows.demand.slug")).doesNotContain(later);
        assertThat(cell(matrix(scene, Map.of()), demand, scene.first()).getString("status"))
                .isEqualTo("OPEN_TO_DISCUSSION");

        api().queryParam("as_recorded", at).get(position(demand, scene.first())).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("change_id", equalTo((int) first));
        List<Map<String, Object>> history = api().queryParam("as_recorded", at)
                .get(position(demand, scene.first()) + "/history").then().statusCode(200).extract().jsonPath()
                .getList("items");
        assertThat(history).extracting(h -> h.get("status")).containsExactly("REJECTED", "UNASSESSED");
        assertThat(history.get(0).get("corrected_by")).isNull();
        api().queryParam("as_recorded", at).get("/api/v1/demands/" + later + "/positions").then().statusCode(404);
        api().queryParam("as_recorded", "yesterday").get(position(demand, scene.first())).then().statusCode(400)
                .body("errors[0].pointer", equalTo("as_recorded"));
        api().queryParam("as_recorded", "2022-02-18T12:00:00").get(position(demand, scene.first())).then()
                .statusCode(400);
    }

    @Test
    void theBundleCarriesHowStancesAreKnownAndReimportsToNothingNew() {
        Scene scene = scene();
        String demand = createDemand(scene);
        JsonPath first = put(demand, scene.first(), stance("REJECTED", "2022-01-26", scene.source(),
                Map.of("basis", "COUNTERPART_CLAIM", "effective_on_precision", "ON_OR_BEFORE")));
        Map<String, Object> correction = new HashMap<>(Map.of("status", "OPEN_TO_DISCUSSION", "effective_on",
                "2022-01-26", "change_kind", "CORRECTION", "corrects", first.getLong("change_id"), "reason",
                "Misread.", "citation_links", List.of(Map.of("citation_id", first.getString("citations[0].id"),
                        "relation", "CONTEXT"))));
        put(demand, scene.first(), correction);

        Map<String, Object> bundle = api().queryParam("negotiation", scene.negotiation()).get("/api/v1/export")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        JsonPath read = JsonPath.from(toJson(bundle));
        String history = "demands.find { it.slug == '" + demand + "' }.positions.find { it.party == '" + scene.first()
                + "' }.history";
        List<Map<String, Object>> stances = read.getList(history);
        assertThat(stances).extracting(h -> h.get("status"))
                .containsExactly("UNASSESSED", "REJECTED", "OPEN_TO_DISCUSSION");
        assertThat(stances.get(1)).containsEntry("basis", "COUNTERPART_CLAIM")
                .containsEntry("effective_on_precision", "ON_OR_BEFORE");
        assertThat(stances.get(2)).containsEntry("change_kind", "CORRECTION").containsEntry("corrects", 1)
                .containsEntry("reason", "Misread.").containsEntry("citation_ids", List.of())
                .containsEntry("citation_links",
                        List.of(Map.of("citation_id", first.getString("citations[0].id"), "relation", "CONTEXT")));

        api().body(bundle).post("/api/v1/import").then().statusCode(200).body("stances_added", equalTo(0));
    }

    @Test
    void positionsReadAsOfADay() {
        Scene scene = scene();
        String demand = createDemand(scene);
        record(demand, scene.first(), "REJECTED", "2022-01-26", scene.source());
        api().queryParam("as_of", "2022-01-20").get(position(demand, scene.first())).then().statusCode(200)
                .body("status", equalTo("UNASSESSED"));
        api().queryParam("as_of", "2022-01-10").get("/api/v1/demands/" + demand + "/positions").then()
                .statusCode(200).body("items.find { it.party == '" + scene.first() + "' }.basis", nullValue());
    }

    private static Instant recordedAt(String demand, String party) {
        return Instant.parse(api().get(position(demand, party)).then().statusCode(200).extract().path("recorded_at"));
    }

    private static String demandStatus(String demand) {
        return api().get("/api/v1/demands/" + demand).then().statusCode(200).extract().path("status");
    }

    private static JsonPath matrix(Scene scene, Map<String, Object> query) {
        return api().queryParams(query).get("/api/v1/negotiations/" + scene.negotiation() + "/matrix").then()
                .statusCode(200).extract().jsonPath();
    }

    private static JsonPath cell(JsonPath matrix, String demand, String party) {
        List<Map<String, Object>> rows = new ArrayList<>(matrix.getList("rows"));
        Map<?, ?> row = rows.stream().filter(r -> demand.equals(((Map<?, ?>) r.get("demand")).get("slug")))
                .findFirst().orElseThrow();
        return JsonPath.from(toJson(((Map<?, ?>) row.get("cells")).get(party)));
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
