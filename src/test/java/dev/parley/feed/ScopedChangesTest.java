package dev.parley.feed;

import static dev.parley.feed.ChangeFeedTest.head;
import static dev.parley.support.Api.api;
import static dev.parley.support.Api.bare;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.negotiation;
import static dev.parley.support.Fixtures.party;
import static dev.parley.support.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Scoped change streams: the feed, the SSE stream and webhook subscriptions narrowed to one
 * negotiation, demand, party, type or transition, and demand.status_changed.
 */
@QuarkusTest
class ScopedChangesTest {

    @Inject
    Session session;

    /** A negotiation of a proposer and one addressee, with one demand between them. */
    record Talks(String negotiation, String proposer, String addressee, String demand, String source) {
    }

    static Talks talks() {
        String proposer = party("proposer");
        String addressee = party("addressee");
        String negotiation = negotiation(unique("talks"), "Talks", "2022-01-01", List.of(proposer, addressee));
        String source = source();
        String demand = unique("demand");
        api().body(Map.of("slug", demand, "negotiation", negotiation, "proposer", proposer, "addressees",
                List.of(addressee), "title", "Demand " + demand, "text", "The proposer asks for it.", "topic",
                "security", "kind", "DEMAND", "tabled_on", "2022-01-10"))
                .post("/api/v1/demands").then().statusCode(201);
        return new Talks(negotiation, proposer, addressee, demand, source);
    }

    static void stance(Talks talks, String status, String effectiveOn) {
        api().body(Map.of("status", status, "effective_on", effectiveOn, "citations", List.of(Map.of(
                "source_id", talks.source(), "title", "Statement", "quote", "Words on the record.", "kind",
                "DIRECT_QUOTE", "relation", "SUPPORTS"))))
                .put("/api/v1/demands/" + talks.demand() + "/positions/" + talks.addressee())
                .then().statusCode(200);
    }

    /** Every change in scope after {@code after}, following next_cursor until it stops moving. */
    static List<Map<String, Object>> scoped(String after, Object... query) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = after;
        for (int pages = 0; pages < 100; pages++) {
            var spec = api().queryParam("after", cursor).queryParam("page_size", 500);
            for (int i = 0; i < query.length; i += 2) {
                spec.queryParam((String) query[i], query[i + 1]);
            }
            JsonPath page = spec.get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            String next = page.getString("next_cursor");
            if (next.equals(cursor)) {
                return all;
            }
            cursor = next;
        }
        throw new AssertionError("the scoped feed did not stop moving within 100 pages");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void oneNegotiationsRejectionsAloneReachAScopedFeed() {
        String start = head();
        Talks mine = talks();
        Talks other = talks();
        stance(other, "REJECTED", "2022-01-20");
        stance(mine, "OPEN_TO_DISCUSSION", "2022-01-15");
        stance(mine, "REJECTED", "2022-01-20");

        List<Map<String, Object>> rejections = scoped(start, "negotiation", mine.negotiation(), "to_status",
                "REJECTED");
        assertThat(rejections).extracting(c -> c.get("type"), c -> map(c.get("subject")).get("slug"))
                .containsExactly(tuple("position.changed", mine.demand()),
                        tuple("demand.status_changed", mine.demand()));
        assertThat(map(rejections.get(0).get("data"))).containsEntry("status", "REJECTED");

        List<Map<String, Object>> moves = scoped(start, "negotiation", mine.negotiation(), "type",
                "demand.status_changed", "type", "demand.created");
        assertThat(moves).extracting(c -> c.get("type")).containsExactly("demand.created", "demand.status_changed",
                "demand.status_changed");

        List<Map<String, Object>> ofParty = scoped(start, "party", other.addressee(), "type", "position.changed");
        // The opening stance comes with demand.created, not as a change of its own: the rejection alone.
        assertThat(ofParty).extracting(c -> map(c.get("subject")).get("party")).containsExactly(other.addressee());
    }

    @Test
    void demandStatusChangedSaysWhatTheStatusWasAndIs() {
        String start = head();
        Talks talks = talks();
        stance(talks, "REJECTED", "2022-01-20");
        stance(talks, "ACCEPTED", "2022-02-01");

        List<Map<String, Object>> moves = scoped(start, "demand", talks.demand(), "type", "demand.status_changed");
        assertThat(moves).extracting(c -> map(map(c.get("data")).get("before")).get("status"),
                c -> map(map(c.get("data")).get("after")).get("status"))
                .containsExactly(tuple("PENDING", "REJECTED"), tuple("REJECTED", "AGREED"));
        assertThat(map(map(moves.get(0).get("data")).get("after"))).containsEntry("slug", talks.demand())
                .containsEntry("negotiation", talks.negotiation());

        // A stance that leaves the derived status where it was moves no status; the demand's explain
        // (the stances its rule read) changed, so the demand itself is updated.
        String before = head();
        stance(talks, "CODIFIED", "2022-02-10");
        assertThat(scoped(before, "demand", talks.demand(), "type", "demand.status_changed")).isEmpty();
        assertThat(scoped(before, "demand", talks.demand())).extracting(c -> c.get("type"))
                .containsExactly("position.changed", "demand.updated");
    }

    /** An inseparable package the talks' demand is PART_OF, from the same proposer to the same addressee. */
    static String packageOf(Talks talks) {
        String pkg = unique("package");
        api().body(Map.of("slug", pkg, "negotiation", talks.negotiation(), "proposer", talks.proposer(), "addressees",
                List.of(talks.addressee()), "title", "Package " + pkg, "text", "All of it.", "topic", "security",
                "kind", "PACKAGE", "tabled_on", "2022-01-10", "inseparable", true))
                .post("/api/v1/demands").then().statusCode(201);
        api().body(Map.of("type", "PART_OF", "target", pkg)).post("/api/v1/demands/" + talks.demand() + "/links")
                .then().statusCode(201);
        return pkg;
    }

    @Test
    void aMembersRejectionMovesItsInseparablePackageAndSaysSo() {
        Talks talks = talks();
        String pkg = packageOf(talks);
        String start = head();
        stance(talks, "REJECTED", "2022-01-20");

        List<Map<String, Object>> moves = scoped(start, "negotiation", talks.negotiation(), "type",
                "demand.status_changed");
        assertThat(moves).extracting(c -> map(c.get("subject")).get("slug"),
                c -> map(map(c.get("data")).get("before")).get("status"),
                c -> map(map(c.get("data")).get("after")).get("status"))
                .containsExactly(tuple(talks.demand(), "PENDING", "REJECTED"), tuple(pkg, "PENDING", "REJECTED"));
        assertThat(scoped(start, "demand", pkg, "to_status", "REJECTED")).extracting(c -> c.get("type"))
                .containsExactly("demand.status_changed");
    }

    @Test
    void linksAndEventsReachTheScopesTheyBelongTo() {
        String start = head();
        Talks talks = talks();
        String pkg = packageOf(talks);
        String event = api().body(Map.of("kind", "WRITTEN_REPLY", "occurred_on", "2022-01-26", "title", "Reply",
                "parties", List.of(talks.addressee())))
                .post("/api/v1/negotiations/" + talks.negotiation() + "/events").then().statusCode(201).extract()
                .path("id");
        talks();

        List<Map<String, Object>> structure = scoped(start, "negotiation", talks.negotiation(), "type",
                "link.created", "type", "event.created");
        assertThat(structure).extracting(c -> c.get("type"), c -> map(c.get("subject")).get("id") != null)
                .containsExactly(tuple("link.created", true), tuple("event.created", true));
        assertThat(map(structure.get(0).get("data"))).containsEntry("target", pkg);
        assertThat(scoped(start, "demand", talks.demand(), "type", "link.created")).hasSize(1);
        assertThat(scoped(start, "party", talks.addressee(), "type", "event.created"))
                .extracting(c -> map(c.get("subject")).get("id")).containsExactly(event);
    }

    @Test
    void aScopedPageMovesTheCursorPastChangesOutOfScope() {
        Talks talks = talks();
        String start = head();
        for (int i = 0; i < 3; i++) {
            party("elsewhere");
        }
        String end = head();
        JsonPath page = api().queryParam("after", start).queryParam("negotiation", talks.negotiation())
                .get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items")).isEmpty();
        assertThat(page.getString("next_cursor")).isEqualTo(end);
        assertThat(ChangeFeedTest.position(end)).isGreaterThan(ChangeFeedTest.position(start));
    }

    @Test
    void aFullScopedPageEndsAtItsLastItem() {
        String start = head();
        Talks talks = talks();
        stance(talks, "REJECTED", "2022-01-20");
        stance(talks, "OPEN_TO_DISCUSSION", "2022-01-25");
        JsonPath page = api().queryParam("after", start).queryParam("negotiation", talks.negotiation())
                .queryParam("page_size", 2).get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        assertThat(items).hasSize(2);
        assertThat(page.getString("next_cursor")).isEqualTo(items.get(1).get("cursor"));
        List<Map<String, Object>> rest = scoped(page.getString("next_cursor"), "negotiation", talks.negotiation());
        assertThat(rest).isNotEmpty();
        assertThat(rest).extracting(c -> c.get("cursor")).doesNotContainAnyElementsOf(
                items.stream().map(c -> c.get("cursor")).toList());
    }

    @Test
    void scopesThatCannotMatchAreRefused() {
        api().queryParam("type", "position.moved").get("/api/v1/changes").then().statusCode(400)
                .body("errors[0].pointer", equalTo("type"));
        api().queryParam("to_status", "MAYBE").get("/api/v1/changes").then().statusCode(400)
                .body("errors[0].pointer", equalTo("to_status"));
        api().queryParam("negotiation", "Not A Slug").get("/api/v1/changes").then().statusCode(400)
                .body("errors[0].pointer", equalTo("negotiation"));
    }

    @Test
    void aScopedStreamSendsOnlyItsNegotiationsRejections() throws Exception {
        Talks mine = talks();
        Talks other = talks();
        String query = "?negotiation=" + mine.negotiation() + "&to_status=REJECTED&type="
                + URLEncoder.encode("position.changed", StandardCharsets.UTF_8);
        try (ChangeStreamTest.Stream stream = ChangeStreamTest.Stream.open(query, null)) {
            stream.next(java.time.Duration.ofSeconds(10)); // retry: and the opening comment
            stance(other, "REJECTED", "2022-01-20");
            stance(mine, "OPEN_TO_DISCUSSION", "2022-01-15");
            stance(mine, "REJECTED", "2022-01-20");
            List<ChangeStreamTest.Event> events = stream.changes(1);
            assertThat(events.get(0).event()).isEqualTo("position.changed");
            assertThat(events.get(0).json().get("subject").get("slug").asText()).isEqualTo(mine.demand());
            assertThat(events.get(0).json().get("data").get("status").asText()).isEqualTo("REJECTED");
            // The next change in scope, written last, is the first to follow: nothing in between was sent.
            stance(mine, "REJECTED", "2022-01-21");
            List<ChangeStreamTest.Event> next = stream.changes(1);
            assertThat(next.get(0).json().get("data").get("effective_on").asText()).isEqualTo("2022-01-21");
        }
    }

    @Test
    void aSubscriptionScopedToOneNegotiationsRejectionsQueuesOnlyThose() {
        Talks mine = talks();
        Talks other = talks();
        JsonPath created = api().body(Map.of("url", "http://127.0.0.1:9/" + unique("hook"), "event_types",
                List.of("position.changed"), "negotiation", mine.negotiation(), "to_status", "REJECTED"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
        String id = created.getString("webhook.id");
        assertThat(created.getString("webhook.negotiation")).isEqualTo(mine.negotiation());
        assertThat(created.getString("webhook.to_status")).isEqualTo("REJECTED");
        try {
            stance(other, "REJECTED", "2022-01-20");
            stance(mine, "OPEN_TO_DISCUSSION", "2022-01-15");
            stance(mine, "REJECTED", "2022-01-20");
            // The outbox is written in the writing transaction: complete once the writes have answered.
            List<String> queued = QuarkusTransaction.requiringNew().call(() -> session
                    .createNativeQuery("select payload from webhook_delivery where webhook_id = :id", String.class)
                    .setParameter("id", id).getResultList());
            assertThat(queued).hasSize(1);
            assertThat(queued.get(0)).contains("\"" + mine.demand() + "\"").contains("position.changed");
        } finally {
            bare().header("If-Match", "*").delete("/api/v1/webhooks/" + id);
        }
    }

    @Test
    void aSubscriptionRefusesAStatusNoTransitionHas() {
        api().body(Map.of("url", "http://127.0.0.1:9/" + unique("hook"), "event_types", List.of("*"), "to_status",
                "MAYBE")).post("/api/v1/webhooks").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/to_status"));
    }
}
