package dev.parley.demand;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.etag;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.createDemand;
import static dev.parley.support.Fixtures.scene;
import static dev.parley.support.Fixtures.stance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class StanceBatchTest {

    static final String BATCH = "/api/v1/stances/batch";

    static Map<String, Object> item(String demand, String party, String status, String day, String source) {
        Map<String, Object> item = new HashMap<>(stance(status, day, source));
        item.put("demand", demand);
        item.put("party", party);
        return item;
    }

    static String position(String demand, String party) {
        return "/api/v1/demands/" + demand + "/positions/" + party;
    }

    static List<Object> history(String demand, String party) {
        return api().get(position(demand, party) + "/history").then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    static List<Map<String, Object>> feed(String demand) {
        return api().queryParam("demand", demand).queryParam("page_size", 100).get("/api/v1/changes").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void everyStanceIsRecordedInOrderAndPublishedAsASingleWriteWouldBe() {
        Fixtures.Scene scene = scene();
        String one = createDemand(scene);
        String two = createDemand(scene);
        int before = feed(one).size();

        JsonPath answer = api().body(Map.of("stances", List.of(
                item(one, scene.first(), "REJECTED", "2022-01-20", scene.source()),
                item(one, scene.second(), "OPEN_TO_DISCUSSION", "2022-01-21", scene.source()),
                item(two, scene.first(), "ACCEPTED", "2022-01-22", scene.source()),
                item(one, scene.first(), "COUNTER_PROPOSED", "2022-01-19", scene.source()))))
                .post(BATCH).then().statusCode(200).extract().jsonPath();

        assertThat(answer.getList("items.party")).containsExactly(scene.first(), scene.second(), scene.first(),
                scene.first());
        assertThat(answer.getList("items.status")).containsExactly("REJECTED", "OPEN_TO_DISCUSSION", "ACCEPTED",
                "REJECTED");
        // Besides the opening UNASSESSED stance of each position.
        assertThat(history(one, scene.first())).hasSize(3);
        assertThat(history(one, scene.second())).hasSize(2);
        assertThat(history(two, scene.first())).hasSize(2);
        List<Map<String, Object>> published = feed(one).subList(before, feed(one).size());
        assertThat(published).filteredOn(c -> "position.changed".equals(c.get("type"))).hasSize(3);
        api().get(position(two, scene.first())).then().statusCode(200).body("status", equalTo("ACCEPTED"));
    }

    @Test
    void oneBadItemRecordsNothingAndIsNamedByItsPointer() {
        Fixtures.Scene scene = scene();
        String demand = createDemand(scene);
        int before = feed(demand).size();
        List<Map<String, Object>> stances = new ArrayList<>(List.of(
                item(demand, scene.first(), "REJECTED", "2022-01-20", scene.source()),
                item(demand, scene.second(), "REJECTED", "2022-01-20", scene.source()),
                item(demand, scene.first(), "TABLED", "2022-01-21", scene.source())));

        api().body(Map.of("stances", stances)).post(BATCH).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].pointer", equalTo("/stances/2/status"));
        stances.set(2, item(unique("nowhere"), scene.first(), "REJECTED", "2022-01-21", scene.source()));
        api().body(Map.of("stances", stances)).post(BATCH).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/stances/2/demand"));
        stances.set(2, item(demand, scene.outsider(), "REJECTED", "2022-01-21", scene.source()));
        api().body(Map.of("stances", stances)).post(BATCH).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/stances/2/party"));
        stances.get(2).put("party", scene.first());
        stances.get(2).put("status", null);
        api().body(Map.of("stances", stances)).post(BATCH).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/stances/2/status"));

        // Only the opening UNASSESSED stances.
        assertThat(history(demand, scene.first())).hasSize(1);
        assertThat(history(demand, scene.second())).hasSize(1);
        assertThat(feed(demand)).hasSize(before);
    }

    @Test
    void aStaleIfMatchRefusesTheBatch() {
        Fixtures.Scene scene = scene();
        String demand = createDemand(scene);
        String stale = etag(position(demand, scene.first()));
        Fixtures.record(demand, scene.second(), "REJECTED", "2022-01-20", scene.source());
        String fresh = etag(position(demand, scene.first()));
        Map<String, Object> item = item(demand, scene.first(), "REJECTED", "2022-01-21", scene.source());

        item.put("if_match", stale);
        api().body(Map.of("stances", List.of(item))).post(BATCH).then().statusCode(412)
                .body("code", equalTo("PRECONDITION_FAILED")).body("errors[0].pointer", equalTo("/stances/0/if_match"));
        assertThat(history(demand, scene.first())).hasSize(1);

        item.put("if_match", fresh);
        api().body(Map.of("stances", List.of(item))).post(BATCH).then().statusCode(200);
        assertThat(history(demand, scene.first())).hasSize(2);
    }

    @Test
    void anIdempotencyKeyRecordsTheBatchOnce() {
        Fixtures.Scene scene = scene();
        String demand = createDemand(scene);
        Map<String, Object> body = Map.of("stances",
                List.of(item(demand, scene.first(), "REJECTED", "2022-01-20", scene.source())));
        String key = unique("batch");

        api().header("Idempotency-Key", key).body(body).post(BATCH).then().statusCode(200);
        api().header("Idempotency-Key", key).body(body).post(BATCH).then().statusCode(200)
                .header("Idempotent-Replayed", "true");
        assertThat(history(demand, scene.first())).hasSize(2);
    }

    @Test
    void aBatchIsBounded() {
        Fixtures.Scene scene = scene();
        String demand = createDemand(scene);
        List<Map<String, Object>> stances = new ArrayList<>();
        for (int i = 0; i < StanceBatchRequest.MAX + 1; i++) {
            stances.add(item(demand, scene.first(), "REJECTED", "2022-01-20", scene.source()));
        }
        api().body(Map.of("stances", stances)).post(BATCH).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/stances"));
        api().body(Map.of("stances", List.of())).post(BATCH).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/stances"));
        assertThat(history(demand, scene.first())).hasSize(1);
    }
}
