package dev.parley.demand;

import static dev.parley.demand.StructureTest.createPackage;
import static dev.parley.demand.StructureTest.demandTo;
import static dev.parley.demand.StructureTest.link;
import static dev.parley.support.Api.api;
import static dev.parley.support.Api.bare;
import static dev.parley.support.Api.etag;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.createDemand;
import static dev.parley.support.Fixtures.demandBody;
import static dev.parley.support.Fixtures.scene;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Scene;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class LinkResourceTest {

    /** A cursor at the end of the feed. */
    static String head() {
        String cursor = null;
        while (true) {
            var spec = api().queryParam("page_size", 500);
            if (cursor != null) {
                spec.queryParam("after", cursor);
            }
            JsonPath page = spec.get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            String next = page.getString("next_cursor");
            if (page.getList("items").isEmpty() || next == null || next.equals(cursor)) {
                return next == null ? cursor : next;
            }
            cursor = next;
        }
    }

    /** "type subject-id" of every change after the cursor. */
    static List<String> changesAfter(String cursor) {
        List<String> seen = new ArrayList<>();
        String at = cursor;
        while (true) {
            JsonPath page = api().queryParam("page_size", 500).queryParam("after", at).get("/api/v1/changes")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            if (items.isEmpty()) {
                return seen;
            }
            for (Map<String, Object> item : items) {
                Map<?, ?> subject = (Map<?, ?>) item.get("subject");
                seen.add(item.get("type") + " " + (subject.get("id") != null ? subject.get("id") : subject.get("slug")));
            }
            at = page.getString("next_cursor");
        }
    }

    @Test
    void aLinkShowsOnBothDemandsAndMovesTheirETags() {
        Scene scene = scene();
        String demand = demandTo(scene, scene.first());
        String offer = demandTo(scene, scene.second());
        String demandTag = etag("/api/v1/demands/" + demand);
        String offerTag = etag("/api/v1/demands/" + offer);
        String linksTag = etag("/api/v1/demands/" + offer + "/links");
        String source = scene.source();
        String start = head();
        String citation = api().body(Fixtures.stance("REJECTED", "2022-01-26", source))
                .put("/api/v1/demands/" + demand + "/positions/" + scene.first()).then().statusCode(200)
                .extract().path("citations[0].id");

        String id = api().body(Map.of("type", "COUNTER_TO", "target", demand, "note", "Answers it with talks.",
                "citation_ids", List.of(citation)))
                .post("/api/v1/demands/" + offer + "/links").then().statusCode(201)
                .extract().path("id");

        assertThat(etag("/api/v1/demands/" + demand)).isNotEqualTo(demandTag);
        assertThat(etag("/api/v1/demands/" + offer)).isNotEqualTo(offerTag);
        assertThat(etag("/api/v1/demands/" + offer + "/links")).isNotEqualTo(linksTag);
        api().get("/api/v1/demands/" + offer).then().body("links.id", contains(id))
                .body("links[0].target", equalTo(demand)).body("links[0].citation_ids", contains(citation));
        api().get("/api/v1/demands/" + demand).then().body("linked_from.id", contains(id))
                .body("linked_from[0].demand", equalTo(offer));
        api().get("/api/v1/demands/" + offer + "/links").then().body("items.type", contains("COUNTER_TO"));
        assertThat(changesAfter(start)).contains("link.created " + id);
    }

    @Test
    void aLinkToItselfToAnotherNegotiationOrPartOfANonPackageIsRefused() {
        Scene scene = scene();
        String demand = demandTo(scene, scene.first());
        String other = demandTo(scene, scene.second());
        Scene elsewhereScene = scene();
        String elsewhere = demandTo(elsewhereScene, elsewhereScene.first());
        api().body(Map.of("type", "RESTATES", "target", demand)).post("/api/v1/demands/" + demand + "/links")
                .then().statusCode(400).body("errors.pointer", contains("/target"));
        api().body(Map.of("type", "RESTATES", "target", "no-such-demand")).post("/api/v1/demands/" + demand + "/links")
                .then().statusCode(400);
        api().body(Map.of("type", "PART_OF", "target", other)).post("/api/v1/demands/" + demand + "/links")
                .then().statusCode(400).body("errors.pointer", contains("/target"));
        api().body(Map.of("type", "SOMETHING", "target", other)).post("/api/v1/demands/" + demand + "/links")
                .then().statusCode(400);
        api().body(Map.of("type", "RESTATES", "target", elsewhere)).post("/api/v1/demands/" + demand + "/links")
                .then().statusCode(400).body("errors.pointer", contains("/target"));
        api().get("/api/v1/demands/" + demand + "/links").then().body("items", empty());
    }

    @Test
    void theSameLinkTwiceIsAConflict() {
        Scene scene = scene();
        String demand = demandTo(scene, scene.first());
        String other = demandTo(scene, scene.second());
        link(demand, "RESTATES", other);
        api().body(Map.of("type", "RESTATES", "target", other)).post("/api/v1/demands/" + demand + "/links")
                .then().statusCode(409).body("code", equalTo("LINK_EXISTS"));
    }

    @Test
    void aSupersedesCycleIsRefusedButCounterOffersMayAnswerEachOther() {
        Scene scene = scene();
        String a = demandTo(scene, scene.first());
        String b = demandTo(scene, scene.first());
        String c = demandTo(scene, scene.first());
        link(a, "SUPERSEDES", b);
        link(b, "SUPERSEDES", c);
        api().body(Map.of("type", "SUPERSEDES", "target", a)).post("/api/v1/demands/" + c + "/links")
                .then().statusCode(409).body("code", equalTo("LINK_CYCLE"));
        api().get("/api/v1/demands/" + c).then().body("links", empty());
        link(a, "COUNTER_TO", b);
        link(b, "COUNTER_TO", a);
    }

    @Test
    void aPackageCannotBePartOfItselfThroughAnotherPackage() {
        Scene scene = scene();
        String outer = createPackage(scene, true);
        String inner = createPackage(scene, true);
        link(inner, "PART_OF", outer);
        api().body(Map.of("type", "PART_OF", "target", inner)).post("/api/v1/demands/" + outer + "/links")
                .then().statusCode(409).body("code", equalTo("LINK_CYCLE"));
    }

    /**
     * Two writers each add one half of a cycle at the same moment, many times over: in every round
     * exactly one succeeds and the database holds no cycle, because each checks under the
     * negotiation's lock against what the other committed.
     */
    @Test
    void twoWritersRacingToCloseACycleCannotBothSucceed() throws Exception {
        Scene scene = scene();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String p = createPackage(scene, true);
                String q = createPackage(scene, true);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Callable<Integer>> writers = List.of(
                        () -> post(start, p, q),
                        () -> post(start, q, p));
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : pool.invokeAll(writers)) {
                    statuses.add(answer.get());
                }
                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 409);
                int links = api().get("/api/v1/demands/" + p + "/links").then().extract().path("items.size()");
                int back = api().get("/api/v1/demands/" + q + "/links").then().extract().path("items.size()");
                assertThat(links + back).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int post(CyclicBarrier start, String from, String to) throws Exception {
        var request = api().body(Map.of("type", "PART_OF", "target", to));
        start.await();
        return request.post("/api/v1/demands/" + from + "/links").then().extract().statusCode();
    }

    @Test
    void deletingALinkNeedsIfMatchAndRederivesThePackage() {
        Scene scene = scene();
        String pkg = createPackage(scene, true);
        String member = demandTo(scene, scene.first());
        String id = link(member, "PART_OF", pkg);
        Fixtures.record(member, scene.first(), "REJECTED", "2022-01-26", scene.source());
        api().get("/api/v1/demands/" + pkg).then().body("status", equalTo("REJECTED"));
        String path = "/api/v1/demands/" + member + "/links/" + id;
        String start = head();
        bare().delete(path).then().statusCode(428);
        bare().header("If-Match", "\"stale\"").delete(path).then().statusCode(412);
        api().get(path).then().statusCode(200).body("type", equalTo("PART_OF"));
        bare().header("If-Match", etag(path)).delete(path).then().statusCode(204);
        api().get(path).then().statusCode(404);
        api().get("/api/v1/demands/" + pkg).then().body("status", equalTo("PENDING")).body("linked_from", empty());
        assertThat(changesAfter(start)).containsSubsequence("link.deleted " + id, "demand.updated " + pkg);
    }

    @Test
    void deletingADemandTakesItsLinksAndRederivesItsPackage() {
        Scene scene = scene();
        String pkg = createPackage(scene, true);
        String member = createDemand(demandBody(scene, unique("member"), List.of(scene.first())));
        link(member, "PART_OF", pkg);
        Fixtures.record(member, scene.first(), "REJECTED", "2022-01-26", scene.source());
        api().get("/api/v1/demands/" + pkg).then().body("status", equalTo("REJECTED"));
        String tag = etag("/api/v1/demands/" + pkg);
        api().delete("/api/v1/demands/" + member).then().statusCode(204);
        assertThat(etag("/api/v1/demands/" + pkg)).isNotEqualTo(tag);
        api().get("/api/v1/demands/" + pkg).then().body("status", equalTo("PENDING")).body("linked_from", empty());
    }
}
