package dev.parley.feed;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.negotiation;
import static dev.parley.support.Fixtures.party;
import static dev.parley.support.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ChangeFeedTest {

    @Inject
    Session session;

    @Inject
    ChangeRetention retention;

    // ---- helpers shared with the other feed tests ----

    /** A cursor at the end of the feed: every change so far is at or before it. */
    static String head() {
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

    /** Every change after {@code after}, paged through to the end. */
    static List<Map<String, Object>> after(String after) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = after;
        for (int pages = 0; pages < 1000; pages++) {
            JsonPath page = api().queryParam("after", cursor).queryParam("page_size", 500).get("/api/v1/changes")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            if (items.isEmpty()) {
                assertThat(page.getString("next_cursor")).isEqualTo(cursor);
                return all;
            }
            all.addAll(items);
            cursor = page.getString("next_cursor");
        }
        throw new AssertionError("the change feed did not end within 1000 pages");
    }

    static long position(String cursor) {
        return Cursors.decode(cursor, "cursor");
    }

    private static String cursor(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<String> types(List<Map<String, Object>> changes) {
        return changes.stream().map(c -> (String) c.get("type")).toList();
    }

    /**
     * Makes the changes in (from, through] look older than the retention window, then prunes: every
     * change up to {@code through} is gone afterwards.
     */
    static void ageAndPrune(Session session, ChangeRetention retention, String from, String through) {
        Instant old = Instant.now().minus(Duration.ofDays(8));
        int aged = QuarkusTransaction.requiringNew().call(() -> session
                .createNativeMutationQuery("update change_log set occurred_at = :at where id > :from and id <= :through")
                .setParameter("at", old)
                .setParameter("from", position(from))
                .setParameter("through", position(through))
                .executeUpdate());
        assertThat(aged).isEqualTo((int) (position(through) - position(from)));
        assertThat(retention.prune()).isGreaterThanOrEqualTo(aged);
    }

    // ---- the tests ----

    @Test
    void partyWritesAppearAfterAKnownCursorWithTheirData() {
        String start = head();
        String slug = party("feed");
        raw().contentType("application/merge-patch+json").accept("application/json")
                .body("{\"name\":\"Renamed\",\"wikidata_id\":\"Q7\"}")
                .patch("/api/v1/parties/" + slug).then().statusCode(200);
        api().delete("/api/v1/parties/" + slug).then().statusCode(204);

        List<Map<String, Object>> changes = after(start);
        assertThat(types(changes)).containsExactly("party.created", "party.updated", "party.deleted");
        for (Map<String, Object> change : changes) {
            assertThat(map(change.get("subject"))).isEqualTo(Map.of("kind", "party", "slug", slug));
            assertThat((String) change.get("recorded_by")).isNotBlank().isEqualTo(changes.get(0).get("recorded_by"));
            Instant at = Instant.parse((String) change.get("occurred_at"));
            assertThat(at).isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));
            assertThat((String) change.get("occurred_at")).endsWith("Z");
        }
        Map<String, Object> created = map(changes.get(0).get("data"));
        assertThat(created).containsEntry("slug", slug).containsEntry("name", "Party " + slug)
                .containsEntry("kind", "STATE");
        Map<String, Object> updated = map(changes.get(1).get("data"));
        assertThat(updated).containsEntry("name", "Renamed").containsEntry("wikidata_id", "Q7");
        assertThat(map(changes.get(2).get("data"))).isEqualTo(Map.of("slug", slug));
        assertThat(position((String) changes.get(0).get("cursor"))).isGreaterThan(position(start));
    }

    @Test
    void stanceWritesItsCitationThePositionAndTheDemandStatus() {
        String start = head();
        String proposer = party("proposer");
        String addressee = party("addressee");
        String negotiation = negotiation(unique("talks"), "Talks", "2022-01-01", List.of(proposer, addressee));
        String source = source();
        String demand = unique("demand");
        Map<String, Object> body = new HashMap<>();
        body.put("slug", demand);
        body.put("negotiation", negotiation);
        body.put("proposer", proposer);
        body.put("addressees", List.of(addressee));
        body.put("title", "Demand " + demand);
        body.put("text", "The proposer asks for it.");
        body.put("topic", "security");
        body.put("kind", "DEMAND");
        body.put("tabled_on", "2022-01-10");
        api().body(body).post("/api/v1/demands").then().statusCode(201);
        String middle = head();
        Map<String, Object> citation = new HashMap<>();
        citation.put("source_id", source);
        citation.put("title", "Statement");
        citation.put("published_on", "2022-01-20");
        citation.put("quote", "No.");
        citation.put("kind", "DIRECT_QUOTE");
        citation.put("relation", "SUPPORTS");
        String citationId = api().body(Map.of("status", "REJECTED", "effective_on", "2022-01-20", "note", "Refused.",
                "citations", List.of(citation)))
                .put("/api/v1/demands/" + demand + "/positions/" + addressee)
                .then().statusCode(200).extract().path("citations[0].id");

        List<Map<String, Object>> all = after(start);
        assertThat(types(all)).containsExactly("party.created", "party.created", "negotiation.created",
                "source.created", "demand.created", "citation.created", "position.changed", "demand.status_changed",
                "demand.updated");
        assertThat(map(all.get(2).get("subject"))).isEqualTo(Map.of("kind", "negotiation", "slug", negotiation));
        assertThat(map(all.get(3).get("subject"))).isEqualTo(Map.of("kind", "source", "id", source));
        assertThat(map(all.get(4).get("subject"))).isEqualTo(Map.of("kind", "demand", "slug", demand));
        assertThat(map(all.get(4).get("data"))).containsEntry("status", "PENDING");

        List<Map<String, Object>> stance = after(middle);
        assertThat(stance).hasSize(4);
        assertThat(map(stance.get(0).get("subject"))).isEqualTo(Map.of("kind", "citation", "id", citationId));
        assertThat(map(stance.get(0).get("data"))).containsEntry("quote", "No.").containsEntry("source_id", source);
        assertThat(map(stance.get(1).get("subject")))
                .isEqualTo(Map.of("kind", "position", "slug", demand, "party", addressee));
        assertThat(map(stance.get(1).get("data"))).containsEntry("status", "REJECTED")
                .containsEntry("effective_on", "2022-01-20").containsEntry("note", "Refused.");
        // Whoever recorded the stance (the position shows it) recorded the changes.
        Object recorder = map(stance.get(1).get("data")).get("recorded_by");
        assertThat((String) recorder).isNotBlank();
        assertThat(all).allSatisfy(change -> assertThat(change.get("recorded_by")).isEqualTo(recorder));
        assertThat(map(stance.get(2).get("subject"))).isEqualTo(Map.of("kind", "demand", "slug", demand));
        assertThat(map(map(stance.get(2).get("data")).get("before"))).containsEntry("status", "PENDING");
        assertThat(map(stance.get(3).get("subject"))).isEqualTo(Map.of("kind", "demand", "slug", demand));
        assertThat(map(stance.get(3).get("data"))).containsEntry("status", "REJECTED");
    }

    @Test
    void pagesFollowNextCursorAndAnEmptyPageKeepsTheCursor() {
        String start = head();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slugs.add(party("paging"));
        }
        List<String> seen = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        String cursor = start;
        List<Integer> sizes = new ArrayList<>();
        for (int pages = 0; pages < 10; pages++) {
            JsonPath page = api().queryParam("after", cursor).queryParam("page_size", 2).get("/api/v1/changes")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            sizes.add(items.size());
            String next = page.getString("next_cursor");
            if (items.isEmpty()) {
                assertThat(next).as("an empty page keeps the cursor given").isEqualTo(cursor);
                break;
            }
            assertThat(next).as("next_cursor is the last item's").isEqualTo(items.get(items.size() - 1).get("cursor"));
            for (Map<String, Object> item : items) {
                seen.add((String) map(item.get("subject")).get("slug"));
                positions.add(position((String) item.get("cursor")));
            }
            cursor = next;
        }
        assertThat(sizes).containsExactly(2, 2, 1, 0);
        assertThat(seen).containsExactlyElementsOf(slugs);
        assertThat(positions).isSorted().doesNotHaveDuplicates();

        // Asking again from the end finds nothing, then the next write.
        api().queryParam("after", cursor).get("/api/v1/changes")
                .then().statusCode(200).body("items", hasSize(0)).body("next_cursor", equalTo(cursor));
        String next = party("paging");
        api().queryParam("after", cursor).get("/api/v1/changes")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].subject.slug", equalTo(next));
    }

    @Test
    void withoutAfterTheFeedStartsAtTheOldestRetainedChange() {
        JsonPath first = api().queryParam("page_size", 1).get("/api/v1/changes")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items")).hasSize(1);
        long oldest = position(first.getString("items[0].cursor"));
        long pruned = QuarkusTransaction.requiringNew().call(() -> session
                .createNativeQuery("select pruned_through from change_cursor where id = 1", Long.class)
                .getSingleResult());
        Long smallest = QuarkusTransaction.requiringNew().call(() -> session
                .createNativeQuery("select min(id) from change_log", Long.class).getSingleResult());
        assertThat(oldest).isEqualTo(smallest).isGreaterThan(pruned);
    }

    @Test
    void malformedCursorIsRejected() {
        for (String bad : List.of("garbage!", "bm90LWEtY3Vyc29y", cursor("c1:-4"), cursor("c1:x"), cursor("c2:4"),
                cursor("c1:"))) {
            api().queryParam("after", bad).get("/api/v1/changes")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("code", equalTo("INVALID_CURSOR"))
                    .body("errors.pointer", hasItem("after"));
        }
    }

    @Test
    void badPageSizeIsRejected() {
        api().queryParam("page_size", 0).get("/api/v1/changes")
                .then().statusCode(400).contentType("application/problem+json");
        api().queryParam("page_size", "many").get("/api/v1/changes")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void cursorBeforeThePrunedPointIsGoneAndOneAtItIsNot() {
        String start = head();
        String first = party("old");
        String second = party("old");
        String third = party("recent");
        List<Map<String, Object>> changes = after(start);
        assertThat(changes).hasSize(3);
        String firstCursor = (String) changes.get(0).get("cursor");
        String secondCursor = (String) changes.get(1).get("cursor");
        String thirdCursor = (String) changes.get(2).get("cursor");
        assertThat(map(changes.get(0).get("subject"))).containsEntry("slug", first);
        assertThat(map(changes.get(1).get("subject"))).containsEntry("slug", second);

        // Pages a client holds from before the prune, with their ETags.
        String fromFirst = api().queryParam("after", firstCursor).get("/api/v1/changes")
                .then().statusCode(200).extract().header("ETag");
        String fromStart = api().queryParam("page_size", 1).get("/api/v1/changes")
                .then().statusCode(200).extract().header("ETag");

        ageAndPrune(session, retention, start, secondCursor);

        for (String gone : List.of(start, firstCursor)) {
            api().queryParam("after", gone).get("/api/v1/changes")
                    .then().statusCode(410)
                    .contentType("application/problem+json")
                    .body("status", equalTo(410))
                    .body("code", equalTo("CURSOR_EXPIRED"))
                    .body("errors.pointer", hasItem("after"));
        }
        // A cached page of a cursor that is gone now must not be confirmed with 304.
        api().queryParam("after", firstCursor).header("If-None-Match", fromFirst).get("/api/v1/changes")
                .then().statusCode(410)
                .body("code", equalTo("CURSOR_EXPIRED"));

        api().queryParam("after", secondCursor).get("/api/v1/changes")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].cursor", equalTo(thirdCursor))
                .body("items[0].subject.slug", equalTo(third));

        // Without after the feed now starts at the third change, and the old first page is stale.
        api().queryParam("page_size", 1).header("If-None-Match", fromStart).get("/api/v1/changes")
                .then().statusCode(200)
                .body("items[0].cursor", equalTo(thirdCursor));
    }

    @Test
    void pruningKeepsChangesInsideTheWindow() {
        String start = head();
        party("kept");
        assertThat(retention.prune()).isZero();
        assertThat(after(start)).hasSize(1);
    }
}
