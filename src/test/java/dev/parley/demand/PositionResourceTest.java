package dev.parley.demand;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.TABLED_ON;
import static dev.parley.support.Fixtures.citation;
import static dev.parley.support.Fixtures.createDemand;
import static dev.parley.support.Fixtures.record;
import static dev.parley.support.Fixtures.scene;
import static dev.parley.support.Fixtures.stance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.parley.support.Fixtures.Scene;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class PositionResourceTest {

    private static String position(String demand, String party) {
        return "/api/v1/demands/" + demand + "/positions/" + party;
    }

    private static ValidatableResponse put(String demand, String party, Map<String, Object> stance) {
        return api().body(stance).put(position(demand, party)).then();
    }

    private static List<String> history(String demand, String party) {
        return api().queryParam("page_size", 500).get(position(demand, party) + "/history")
                .then().statusCode(200)
                .extract().jsonPath().getList("items.status");
    }

    private static List<String> citationsFrom(String source) {
        return api().queryParam("source", source).queryParam("page_size", 500).get("/api/v1/citations")
                .then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    private static String demandStatus(String demand) {
        return api().get("/api/v1/demands/" + demand).then().statusCode(200).extract().path("status");
    }

    /** Sends a stance that must fail with 400 at {@code pointer}, and checks nothing was written. */
    private static void rejected(Scene scene, String demand, String party, Map<String, Object> stance,
            String pointer) {
        List<String> before = history(demand, party);
        List<String> citationsBefore = citationsFrom(scene.source());
        String statusBefore = demandStatus(demand);
        put(demand, party, stance)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.pointer", hasItem(pointer));
        assertThat(history(demand, party)).isEqualTo(before);
        assertThat(citationsFrom(scene.source())).isEqualTo(citationsBefore);
        assertThat(demandStatus(demand)).isEqualTo(statusBefore);
    }

    @Test
    void positionsListTheProposerFirst() {
        Scene scene = scene();
        String demand = createDemand(scene);
        api().get("/api/v1/demands/" + demand + "/positions")
                .then().statusCode(200)
                .body("items.party", contains(scene.proposer(), scene.first(), scene.second()))
                .body("items[0].role", equalTo("PROPOSER"))
                .body("items[0].status", equalTo("TABLED"))
                .body("items[0].effective_on", equalTo(TABLED_ON))
                .body("items[0].citations", hasSize(0))
                .body("items[0].recorded_at", notNullValue())
                .body("items[0].recorded_by", notNullValue());
    }

    @Test
    void onePartysPositionIsReadBack() {
        Scene scene = scene();
        String demand = createDemand(scene);
        api().get(position(demand, scene.first()))
                .then().statusCode(200)
                .body("demand", equalTo(demand))
                .body("party", equalTo(scene.first()))
                .body("role", equalTo("ADDRESSEE"))
                .body("status", equalTo("UNASSESSED"))
                .body("effective_on", equalTo(TABLED_ON));
    }

    @Test
    void positionOfAnUninvolvedOrUnknownPartyIsNotFound() {
        Scene scene = scene();
        String demand = createDemand(scene);
        api().get(position(demand, scene.outsider()))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        api().get(position(demand, unique("nobody"))).then().statusCode(404);
        api().get(position(unique("nothing"), scene.first())).then().statusCode(404);
        api().get("/api/v1/demands/" + unique("nothing") + "/positions").then().statusCode(404);
        put(demand, scene.outsider(), stance("REJECTED", "2022-01-20", scene.source())).statusCode(404);
        put(unique("nothing"), scene.first(), stance("REJECTED", "2022-01-20", scene.source())).statusCode(404);
    }

    @Test
    void recordedStanceBecomesCurrentWithItsCitation() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Map<String, Object> stance = stance("REJECTED", "2022-01-20", scene.source());
        stance.put("note", "Refused at the press conference.");
        @SuppressWarnings("unchecked")
        Map<String, Object> sent = ((List<Map<String, Object>>) stance.get("citations")).get(0);

        put(demand, scene.first(), stance)
                .statusCode(200)
                .body("demand", equalTo(demand))
                .body("party", equalTo(scene.first()))
                .body("role", equalTo("ADDRESSEE"))
                .body("status", equalTo("REJECTED"))
                .body("effective_on", equalTo("2022-01-20"))
                .body("note", equalTo("Refused at the press conference."))
                .body("recorded_at", notNullValue())
                .body("recorded_by", notNullValue())
                .body("citations", hasSize(1))
                .body("citations[0].id", notNullValue())
                .body("citations[0].source_id", equalTo(scene.source()))
                .body("citations[0].title", equalTo(sent.get("title")))
                .body("citations[0].url", equalTo("https://example.org/statements/1"))
                .body("citations[0].published_on", equalTo("2022-01-20"))
                .body("citations[0].quote", equalTo("We have said so on the record."))
                .body("citations[0].speaker", equalTo("A spokesperson"))
                .body("citations[0].kind", equalTo("DIRECT_QUOTE"))
                .body("citations[0].relation", equalTo("SUPPORTS"));

        api().get(position(demand, scene.first()))
                .then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("citations", hasSize(1));
        assertThat(history(demand, scene.first())).containsExactly("REJECTED", "UNASSESSED");
        assertThat(citationsFrom(scene.source())).hasSize(1);
        api().queryParam("demand", demand).queryParam("party", scene.first()).get("/api/v1/citations")
                .then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void derivedStatusMovesWithTheStances() {
        Scene scene = scene();
        String demand = createDemand(scene);
        assertThat(demandStatus(demand)).isEqualTo("PENDING");

        record(demand, scene.first(), "NO_RESPONSE", "2022-01-12", scene.source());
        assertThat(demandStatus(demand)).isEqualTo("PENDING");

        record(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());
        assertThat(demandStatus(demand)).isEqualTo("REJECTED");

        record(demand, scene.second(), "OPEN_TO_DISCUSSION", "2022-01-21", scene.source());
        assertThat(demandStatus(demand)).isEqualTo("IN_NEGOTIATION");

        record(demand, scene.first(), "ACCEPTED", "2022-02-01", scene.source());
        assertThat(demandStatus(demand)).isEqualTo("IN_NEGOTIATION");

        record(demand, scene.second(), "CODIFIED", "2022-02-02", scene.source());
        assertThat(demandStatus(demand)).isEqualTo("AGREED");

        record(demand, scene.proposer(), "WITHDRAWN", "2022-02-03", scene.source());
        assertThat(demandStatus(demand)).isEqualTo("WITHDRAWN");
    }

    @Test
    void existingCitationIsReusedById() {
        Scene scene = scene();
        String demand = createDemand(scene);
        String citationId = put(demand, scene.first(), stance("REJECTED", "2022-01-20", scene.source()))
                .statusCode(200)
                .extract().path("citations[0].id");

        Map<String, Object> reuse = new HashMap<>();
        reuse.put("status", "REJECTED");
        reuse.put("effective_on", "2022-01-21");
        reuse.put("citation_ids", List.of(citationId));
        put(demand, scene.second(), reuse)
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("citations", hasSize(1))
                .body("citations[0].id", equalTo(citationId));
        assertThat(citationsFrom(scene.source())).containsExactly(citationId);
    }

    @Test
    void newAndExistingCitationsAreAttachedTogether() {
        Scene scene = scene();
        String demand = createDemand(scene);
        String citationId = put(demand, scene.first(), stance("REJECTED", "2022-01-20", scene.source()))
                .statusCode(200)
                .extract().path("citations[0].id");
        Map<String, Object> both = stance("COUNTER_PROPOSED", "2022-01-22", scene.source());
        both.put("citation_ids", List.of(citationId));
        put(demand, scene.second(), both)
                .statusCode(200)
                .body("citations", hasSize(2))
                .body("citations.id", hasItem(citationId));
        assertThat(citationsFrom(scene.source())).hasSize(2);
    }

    @Test
    void unassessedNeedsNoCitation() {
        Scene scene = scene();
        String demand = createDemand(scene);
        record(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());
        put(demand, scene.first(), new HashMap<>(Map.of("status", "UNASSESSED", "effective_on", "2022-01-25")))
                .statusCode(200)
                .body("status", equalTo("UNASSESSED"))
                .body("citations", hasSize(0));
        assertThat(demandStatus(demand)).isEqualTo("PENDING");
    }

    @Test
    void proposerCannotReject() {
        Scene scene = scene();
        String demand = createDemand(scene);
        rejected(scene, demand, scene.proposer(), stance("REJECTED", "2022-01-20", scene.source()), "/status");
    }

    @Test
    void addresseeCannotTableOrWithdraw() {
        Scene scene = scene();
        String demand = createDemand(scene);
        rejected(scene, demand, scene.first(), stance("TABLED", "2022-01-20", scene.source()), "/status");
        rejected(scene, demand, scene.first(), stance("WITHDRAWN", "2022-01-20", scene.source()), "/status");
    }

    @Test
    void stanceWithoutCitationIsRejected() {
        Scene scene = scene();
        String demand = createDemand(scene);
        rejected(scene, demand, scene.first(),
                new HashMap<>(Map.of("status", "REJECTED", "effective_on", "2022-01-20")), "/citations");
        rejected(scene, demand, scene.first(), new HashMap<>(Map.of("status", "REJECTED", "effective_on",
                "2022-01-20", "citations", List.of(), "citation_ids", List.of())), "/citations");
    }

    @Test
    void unknownCitationIdIsRejected() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Map<String, Object> stance = stance("REJECTED", "2022-01-20", scene.source());
        stance.put("citation_ids", List.of("cit_" + unique("missing")));
        rejected(scene, demand, scene.first(), stance, "/citation_ids/0");
    }

    @Test
    void unknownSourceOfANewCitationIsRejected() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Map<String, Object> stance = stance("REJECTED", "2022-01-20", scene.source());
        stance.put("citations", List.of(citation(scene.source()), citation("src_" + unique("missing"))));
        rejected(scene, demand, scene.first(), stance, "/citations/1/source_id");
        Map<String, Object> only = stance("REJECTED", "2022-01-20", "src_" + unique("missing"));
        rejected(scene, demand, scene.first(), only, "/citations/0/source_id");
    }

    @Test
    void incompleteNewCitationIsRejected() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Map<String, Object> citation = citation(scene.source());
        citation.remove("quote");
        Map<String, Object> stance = stance("REJECTED", "2022-01-20", scene.source());
        stance.put("citations", List.of(citation));
        rejected(scene, demand, scene.first(), stance, "/citations/0/quote");
    }

    @Test
    void stanceBeforeTheDemandWasTabledIsRejected() {
        Scene scene = scene();
        String demand = createDemand(scene);
        rejected(scene, demand, scene.first(), stance("REJECTED", "2022-01-09", scene.source()), "/effective_on");
        put(demand, scene.first(), stance("REJECTED", TABLED_ON, scene.source())).statusCode(200);
    }

    @Test
    void stanceWithoutStatusOrDayIsRejected() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Map<String, Object> noStatus = stance("REJECTED", "2022-01-20", scene.source());
        noStatus.remove("status");
        rejected(scene, demand, scene.first(), noStatus, "/status");
        Map<String, Object> noDay = stance("REJECTED", "2022-01-20", scene.source());
        noDay.remove("effective_on");
        rejected(scene, demand, scene.first(), noDay, "/effective_on");
    }

    @Test
    void unknownStatusOrMemberIsRejected() {
        Scene scene = scene();
        String demand = createDemand(scene);
        rejected(scene, demand, scene.first(), stance("FURIOUS", "2022-01-20", scene.source()), "/status");
        Map<String, Object> extra = stance("REJECTED", "2022-01-20", scene.source());
        extra.put("mood", "grim");
        rejected(scene, demand, scene.first(), extra, "/mood");
    }

    @Test
    void backfilledStanceJoinsTheHistoryWithoutBecomingCurrent() {
        Scene scene = scene();
        String demand = createDemand(scene);
        record(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());

        put(demand, scene.first(), stance("OPEN_TO_DISCUSSION", "2022-01-15", scene.source()))
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("effective_on", equalTo("2022-01-20"));

        api().get(position(demand, scene.first()))
                .then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("effective_on", equalTo("2022-01-20"));
        assertThat(history(demand, scene.first())).containsExactly("REJECTED", "OPEN_TO_DISCUSSION", "UNASSESSED");
        assertThat(demandStatus(demand)).isEqualTo("REJECTED");
    }

    @Test
    void laterStanceOnTheSameDayBecomesCurrent() {
        Scene scene = scene();
        String demand = createDemand(scene);
        record(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());
        put(demand, scene.first(), stance("COUNTER_PROPOSED", "2022-01-20", scene.source()))
                .statusCode(200)
                .body("status", equalTo("COUNTER_PROPOSED"));
        assertThat(history(demand, scene.first())).containsExactly("COUNTER_PROPOSED", "REJECTED", "UNASSESSED");
    }

    @Test
    void historyIsNewestFirstByEffectiveDay() {
        Scene scene = scene();
        String demand = createDemand(scene);
        record(demand, scene.first(), "NO_RESPONSE", "2022-01-15", scene.source());
        record(demand, scene.first(), "ACCEPTED", "2022-02-01", scene.source());
        record(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());

        api().get(position(demand, scene.first()) + "/history")
                .then().statusCode(200)
                .body("items.status", contains("ACCEPTED", "REJECTED", "NO_RESPONSE", "UNASSESSED"))
                .body("items.effective_on", contains("2022-02-01", "2022-01-20", "2022-01-15", TABLED_ON))
                .body("items[0].citations", hasSize(1))
                .body("items[3].citations", hasSize(0))
                .body("next_page_token", nullValue());
    }

    @Test
    void historyAsOfADayEndsWithTheStanceThenInForce() {
        Scene scene = scene();
        String demand = createDemand(scene);
        record(demand, scene.first(), "NO_RESPONSE", "2022-01-15", scene.source());
        record(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());

        api().queryParam("as_of", "2022-01-17").get(position(demand, scene.first()) + "/history")
                .then().statusCode(200)
                .body("items.status", contains("NO_RESPONSE", "UNASSESSED"));
        api().queryParam("as_of", "2022-01-20").get(position(demand, scene.first()) + "/history")
                .then().statusCode(200)
                .body("items.status", contains("REJECTED", "NO_RESPONSE", "UNASSESSED"));
        api().queryParam("as_of", "2022-01-09").get(position(demand, scene.first()) + "/history")
                .then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void historyPagesVisitEveryChangeOnce() {
        Scene scene = scene();
        String demand = createDemand(scene);
        record(demand, scene.first(), "NO_RESPONSE", "2022-01-15", scene.source());
        record(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());
        // Two stances on one day: the page boundary falls between them.
        record(demand, scene.first(), "OPEN_TO_DISCUSSION", "2022-01-20", scene.source());

        List<String> visited = new ArrayList<>();
        Set<String> recordedAt = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            RequestSpecification spec = api().queryParam("page_size", 1);
            if (token != null) {
                spec.queryParam("page_token", token);
            }
            JsonPath page = spec.get(position(demand, scene.first()) + "/history")
                    .then().statusCode(200)
                    .extract().jsonPath();
            List<String> statuses = page.getList("items.status");
            assertThat(statuses).hasSize(1);
            visited.add(statuses.get(0) + "@" + page.getString("items[0].effective_on"));
            recordedAt.add(statuses.get(0) + page.getString("items[0].recorded_at"));
            token = page.getString("next_page_token");
            pages++;
        } while (token != null && pages < 100);
        assertThat(visited).containsExactly("OPEN_TO_DISCUSSION@2022-01-20", "REJECTED@2022-01-20",
                "NO_RESPONSE@2022-01-15", "UNASSESSED@" + TABLED_ON);
        assertThat(recordedAt).hasSize(4);
    }

    @Test
    void historyPageTokenIsBoundToItsPositionAndDay() {
        Scene scene = scene();
        String demand = createDemand(scene);
        record(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());
        String token = api().queryParam("page_size", 1).get(position(demand, scene.first()) + "/history")
                .then().statusCode(200)
                .extract().path("next_page_token");
        assertThat(token).isNotNull();
        api().queryParam("page_size", 1).queryParam("page_token", token).queryParam("as_of", "2022-01-30")
                .get(position(demand, scene.first()) + "/history")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_PAGE_TOKEN"));
        api().queryParam("page_size", 1).queryParam("page_token", token)
                .get(position(demand, scene.second()) + "/history")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_PAGE_TOKEN"));
    }

    @Test
    void badAsOfIsRejected() {
        Scene scene = scene();
        String demand = createDemand(scene);
        api().queryParam("as_of", "20-01-2022").get(position(demand, scene.first()) + "/history")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("errors.pointer", hasItem("as_of"));
        api().queryParam("as_of", "2022-02-30").get(position(demand, scene.first()) + "/history")
                .then().statusCode(400);
    }

    @Test
    void historyOfAnUninvolvedPartyIsNotFound() {
        Scene scene = scene();
        String demand = createDemand(scene);
        api().get(position(demand, scene.outsider()) + "/history")
                .then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }
}
