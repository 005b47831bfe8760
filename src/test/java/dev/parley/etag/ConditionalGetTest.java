package dev.parley.etag;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.citation;
import static dev.parley.support.Fixtures.createDemand;
import static dev.parley.support.Fixtures.party;
import static dev.parley.support.Fixtures.scene;
import static dev.parley.support.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.support.Fixtures.Scene;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Every versioned GET: 200 with a strong ETag and the caching headers, 304 for a matching
 * If-None-Match, and an ETag that moves with the writes that change the answer and only with those.
 */
@QuarkusTest
class ConditionalGetTest {

    private static final String CACHE_CONTROL = "private, no-cache";
    /** Strong (no W/), quoted, and made of URL-safe base64. */
    private static final String STRONG_TAG = "^\"[A-Za-z0-9_-]+\"$";

    // ---- the checks ----

    /** Answers vary by the caller; the export's also by Accept, which picks its format. */
    private static String vary(String path) {
        return path.startsWith("/api/v1/export") ? "Authorization, Accept" : "Authorization";
    }

    /** GETs {@code path}: 200 with a strong ETag and the caching headers, then 304 for that ETag. */
    private static String tag(String path) {
        String etag = api().get(path)
                .then().statusCode(200)
                .header("ETag", matchesPattern(STRONG_TAG))
                .header("Cache-Control", CACHE_CONTROL)
                .header("Vary", vary(path))
                .extract().header("ETag");
        notModified(path, etag);
        return etag;
    }

    /** The same GET with If-None-Match: 304, no body, the same ETag and the caching headers. */
    private static void notModified(String path, String ifNoneMatch, String etag) {
        String body = api().header("If-None-Match", ifNoneMatch).get(path)
                .then().statusCode(304)
                .header("ETag", etag)
                .header("Cache-Control", CACHE_CONTROL)
                .header("Vary", vary(path))
                .extract().asString();
        assertThat(body).as("304 body of " + path).isEmpty();
    }

    private static void notModified(String path, String etag) {
        notModified(path, etag, etag);
    }

    /** The ETag of {@code path} still is {@code before}: the old tag still gets 304. */
    private static void unchanged(String path, String before) {
        notModified(path, before);
    }

    /** The ETag of {@code path} moved: the old tag gets a full 200 with a new strong tag. Answers the new tag. */
    private static String moved(String path, String before) {
        String after = api().header("If-None-Match", before).get(path)
                .then().statusCode(200)
                .header("ETag", matchesPattern(STRONG_TAG))
                .header("Cache-Control", CACHE_CONTROL)
                .header("Vary", vary(path))
                .extract().header("ETag");
        assertThat(after).as("ETag of " + path).isNotEqualTo(before);
        notModified(path, after);
        return after;
    }

    // ---- data of the test's own ----

    /** Records a stance with one new citation; answers that citation's id. */
    private static String stance(String demand, String party, String status, String day, String source) {
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        body.put("effective_on", day);
        body.put("citations", new ArrayList<>(List.of(citation(source))));
        return api().body(body).put("/api/v1/demands/" + demand + "/positions/" + party)
                .then().statusCode(200).extract().path("citations[0].id");
    }

    private static void patch(String path, String json) {
        raw().contentType("application/merge-patch+json").accept("application/json").body(json).patch(path)
                .then().statusCode(200);
    }

    /** A cursor at the end of the change feed. */
    private static String feedHead() {
        String cursor = null;
        for (int pages = 0; pages < 1000; pages++) {
            var spec = api().queryParam("page_size", 500);
            if (cursor != null) {
                spec.queryParam("after", cursor);
            }
            JsonPath page = spec.get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            cursor = page.getString("next_cursor");
            if (page.getList("items").isEmpty()) {
                return cursor;
            }
        }
        throw new AssertionError("the change feed did not end within 1000 pages");
    }

    // ---- the kinds ----

    @Test
    void partyItemAndListAnswer304UntilAPartyChanges() {
        String slug = party("etag");
        String item = "/api/v1/parties/" + slug;
        String list = "/api/v1/parties?page_size=2";
        String itemTag = tag(item);
        String listTag = tag(list);
        assertThat(tag("/api/v1/parties?page_size=3")).as("another page size is another answer").isNotEqualTo(listTag);

        source();
        unchanged(item, itemTag);
        unchanged(list, listTag);

        String other = party("other");
        unchanged(item, itemTag);
        listTag = moved(list, listTag);

        patch(item, "{\"name\":\"Renamed\"}");
        itemTag = moved(item, itemTag);
        listTag = moved(list, listTag);

        patch("/api/v1/parties/" + other, "{\"name\":\"Other renamed\"}");
        unchanged(item, itemTag);
        listTag = moved(list, listTag);

        api().delete("/api/v1/parties/" + other).then().statusCode(204);
        unchanged(item, itemTag);
        moved(list, listTag);

        api().delete(item).then().statusCode(204);
        api().header("If-None-Match", itemTag).get(item).then().statusCode(404);
    }

    @Test
    void negotiationItemListAndMatrixMoveWithTheirOwnWrites() {
        Scene scene = scene();
        String demand = createDemand(scene);
        String item = "/api/v1/negotiations/" + scene.negotiation();
        String list = "/api/v1/negotiations?page_size=1";
        String matrix = item + "/matrix";
        String matrixAsOf = item + "/matrix?as_of=2022-01-31";
        String itemTag = tag(item);
        String listTag = tag(list);
        String matrixTag = tag(matrix);
        String asOfTag = tag(matrixAsOf);
        assertThat(asOfTag).as("as_of is another answer").isNotEqualTo(matrixTag);
        assertThat(tag(item + "/matrix?as_of=2022-01-30")).as("another day is another answer").isNotEqualTo(asOfTag);

        party("unrelated");
        source();
        unchanged(item, itemTag);
        unchanged(list, listTag);
        unchanged(matrix, matrixTag);
        unchanged(matrixAsOf, asOfTag);

        // A stance changes the matrix, now and as of a later day, but not the negotiation itself.
        stance(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());
        unchanged(item, itemTag);
        unchanged(list, listTag);
        matrixTag = moved(matrix, matrixTag);
        asOfTag = moved(matrixAsOf, asOfTag);

        // A new demand adds a row.
        createDemand(scene);
        unchanged(item, itemTag);
        matrixTag = moved(matrix, matrixTag);
        asOfTag = moved(matrixAsOf, asOfTag);

        // Another negotiation's writes leave this one alone; the list moves.
        Scene elsewhere = scene();
        String otherDemand = createDemand(elsewhere);
        stance(otherDemand, elsewhere.first(), "REJECTED", "2022-01-20", elsewhere.source());
        unchanged(item, itemTag);
        unchanged(matrix, matrixTag);
        unchanged(matrixAsOf, asOfTag);
        listTag = moved(list, listTag);

        patch(item, "{\"title\":\"Renamed talks\"}");
        itemTag = moved(item, itemTag);
        listTag = moved(list, listTag);
        matrixTag = moved(matrix, matrixTag);

        patch("/api/v1/demands/" + demand, "{\"title\":\"Renamed demand\"}");
        unchanged(item, itemTag);
        unchanged(list, listTag);
        moved(matrix, matrixTag);
    }

    @Test
    void demandItemAndFilteredListMoveWithDemandWrites() {
        Scene scene = scene();
        String first = createDemand(scene);
        String second = createDemand(scene);
        String item = "/api/v1/demands/" + first;
        String otherItem = "/api/v1/demands/" + second;
        String filtered = "/api/v1/demands?negotiation=" + scene.negotiation();
        String byStatus = "/api/v1/demands?negotiation=" + scene.negotiation() + "&status=PENDING";
        String itemTag = tag(item);
        String otherTag = tag(otherItem);
        String filteredTag = tag(filtered);
        String byStatusTag = tag(byStatus);
        assertThat(byStatusTag).as("another filter is another answer").isNotEqualTo(filteredTag);
        assertThat(tag("/api/v1/demands?negotiation=" + scene.negotiation() + "&status=REJECTED"))
                .isNotEqualTo(byStatusTag);

        party("unrelated");
        source();
        unchanged(item, itemTag);
        unchanged(filtered, filteredTag);
        unchanged(byStatus, byStatusTag);

        // A stance that leaves the derived status alone still changes the demand's explain (the stances its
        // rule read): that demand and the lists move, the other demand does not.
        stance(second, scene.first(), "NO_RESPONSE", "2022-01-15", scene.source());
        unchanged(item, itemTag);
        otherTag = moved(otherItem, otherTag);
        filteredTag = moved(filtered, filteredTag);

        // One that moves the derived status of the second demand changes it and the lists, not the first.
        stance(second, scene.first(), "REJECTED", "2022-01-20", scene.source());
        unchanged(item, itemTag);
        otherTag = moved(otherItem, otherTag);
        filteredTag = moved(filtered, filteredTag);
        byStatusTag = moved(byStatus, byStatusTag);

        patch(item, "{\"title\":\"Renamed\"}");
        itemTag = moved(item, itemTag);
        unchanged(otherItem, otherTag);
        filteredTag = moved(filtered, filteredTag);

        api().delete(otherItem).then().statusCode(204);
        unchanged(item, itemTag);
        moved(filtered, filteredTag);
    }

    @Test
    void positionsListItemAndHistoryMoveOnlyWithTheirDemandsStances() {
        Scene scene = scene();
        String demand = createDemand(scene);
        String otherDemand = createDemand(scene);
        String positions = "/api/v1/demands/" + demand + "/positions";
        String position = positions + "/" + scene.first();
        String history = position + "/history";
        String historyAsOf = history + "?as_of=2022-01-31";
        String positionsTag = tag(positions);
        String positionTag = tag(position);
        String historyTag = tag(history);
        String asOfTag = tag(historyAsOf);
        assertThat(asOfTag).as("as_of is another answer").isNotEqualTo(historyTag);
        assertThat(tag(positions + "/" + scene.second())).as("another party is another answer")
                .isNotEqualTo(positionTag);

        party("unrelated");
        unchanged(positions, positionsTag);
        unchanged(position, positionTag);
        unchanged(history, historyTag);

        stance(otherDemand, scene.first(), "REJECTED", "2022-01-20", scene.source());
        unchanged(positions, positionsTag);
        unchanged(position, positionTag);
        unchanged(history, historyTag);
        unchanged(historyAsOf, asOfTag);

        stance(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());
        positionsTag = moved(positions, positionsTag);
        positionTag = moved(position, positionTag);
        historyTag = moved(history, historyTag);
        asOfTag = moved(historyAsOf, asOfTag);

        // Dropping an addressee removes its position from the list.
        patch("/api/v1/demands/" + demand, "{\"addressees\":[\"" + scene.first() + "\"]}");
        moved(positions, positionsTag);
    }

    @Test
    void sourceItemAndListMoveWithSourceWrites() {
        String id = source();
        String item = "/api/v1/sources/" + id;
        String list = "/api/v1/sources?page_size=2";
        String itemTag = tag(item);
        String listTag = tag(list);

        party("unrelated");
        unchanged(item, itemTag);
        unchanged(list, listTag);

        String other = source();
        unchanged(item, itemTag);
        listTag = moved(list, listTag);

        patch(item, "{\"reliability\":\"C\",\"reliability_note\":\"Downgraded\"}");
        itemTag = moved(item, itemTag);
        listTag = moved(list, listTag);

        patch("/api/v1/sources/" + other, "{\"name\":\"Renamed " + unique("src") + "\"}");
        unchanged(item, itemTag);
        moved(list, listTag);
    }

    @Test
    void citationItemAndListMoveWithCitationsAndTheirEdits() {
        Scene scene = scene();
        String demand = createDemand(scene);
        String otherDemand = createDemand(scene);
        String id = stance(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());
        String item = "/api/v1/citations/" + id;
        String list = "/api/v1/citations?demand=" + demand;
        String bySource = "/api/v1/citations?source=" + scene.source();
        String positions = "/api/v1/demands/" + demand + "/positions";
        String otherPositions = "/api/v1/demands/" + otherDemand + "/positions";
        String itemTag = tag(item);
        String listTag = tag(list);
        String bySourceTag = tag(bySource);
        String position = positions + "/" + scene.first();
        String positionsTag = tag(positions);
        String positionTag = tag(position);
        String otherPositionsTag = tag(otherPositions);
        assertThat(bySourceTag).as("another filter is another answer").isNotEqualTo(listTag);

        party("unrelated");
        source();
        unchanged(item, itemTag);
        unchanged(list, listTag);
        unchanged(bySource, bySourceTag);

        // A new citation from the same source joins the lists; the first citation is untouched.
        stance(otherDemand, scene.first(), "REJECTED", "2022-01-21", scene.source());
        unchanged(item, itemTag);
        bySourceTag = moved(bySource, bySourceTag);
        otherPositionsTag = moved(otherPositions, otherPositionsTag);
        unchanged(positions, positionsTag);
        unchanged(position, positionTag);

        // Editing the citation (an import is the only way) changes it, the lists and every position showing it.
        JsonPath citation = api().get(item).then().statusCode(200).extract().jsonPath();
        Map<String, Object> edited = new HashMap<>();
        edited.put("id", id);
        edited.put("source_id", citation.getString("source_id"));
        edited.put("title", "Corrected " + citation.getString("title"));
        edited.put("url", citation.getString("url"));
        edited.put("published_on", citation.getString("published_on"));
        edited.put("quote", citation.getString("quote"));
        edited.put("kind", citation.getString("kind"));
        edited.put("relation", citation.getString("relation"));
        api().body(Map.of("format", "parley-bundle/1", "parties", List.of(), "sources", List.of(),
                "citations", List.of(edited), "negotiations", List.of(), "demands", List.of()))
                .post("/api/v1/import")
                .then().statusCode(200);
        api().get(item).then().statusCode(200).body("title", equalTo(edited.get("title")));
        moved(item, itemTag);
        moved(list, listTag);
        moved(bySource, bySourceTag);
        moved(positions, positionsTag);
        moved(position, positionTag);
    }

    @Test
    void changeFeedPageMovesWithAnyWrite() {
        String head = feedHead();
        String page = "/api/v1/changes?after=" + head;
        String small = page + "&page_size=1";
        String pageTag = tag(page);
        String smallTag = tag(small);
        assertThat(smallTag).as("another page size is another answer").isNotEqualTo(pageTag);
        unchanged(page, pageTag);

        party("feed");
        pageTag = moved(page, pageTag);
        smallTag = moved(small, smallTag);

        source();
        moved(page, pageTag);
        moved(small, smallTag);
    }

    @Test
    void exportMovesWithAnyWrite() {
        String export = "/api/v1/export";
        String exportTag = tag(export);
        unchanged(export, exportTag);
        party("export");
        exportTag = moved(export, exportTag);
        source();
        moved(export, exportTag);
    }

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsAList() {
        String slug = party("match");
        String item = "/api/v1/parties/" + slug;
        String etag = tag(item);

        notModified(item, "W/" + etag, etag);
        notModified(item, "\"nope\", " + etag, etag);
        notModified(item, "\"nope\",W/" + etag + " , \"other\"", etag);
        notModified(item, "*", etag);

        api().header("If-None-Match", "\"nope\", W/\"other\"").get(item)
                .then().statusCode(200)
                .header("ETag", etag)
                .body("slug", equalTo(slug));
        // The quotes are part of the tag.
        api().header("If-None-Match", etag.substring(1, etag.length() - 1)).get(item)
                .then().statusCode(200)
                .header("ETag", etag);
    }

    @Test
    void sameResourceAnswersTheSameTagUntilWritten() {
        String slug = party("stable");
        String item = "/api/v1/parties/" + slug;
        String first = tag(item);
        assertThat(tag(item)).isEqualTo(first);
        assertThat(tag("/api/v1/parties/" + party("stable"))).as("another party has another tag")
                .isNotEqualTo(first);
    }
}
