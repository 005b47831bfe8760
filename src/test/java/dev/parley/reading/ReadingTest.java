package dev.parley.reading;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.demand;
import static dev.parley.support.Fixtures.negotiation;
import static dev.parley.support.Fixtures.party;
import static dev.parley.support.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ReadingTest {

    /**
     * Four participants. "first" is tabled on 2022-01-10 by the proposer to a and b; a rejects it on
     * 01-20, b opens to discussion on 01-25, the proposer withdraws it on 02-10. "second" is tabled
     * on 02-01 by a to the proposer, who rejects it on 02-05. The bystander is in neither.
     */
    record Case(String negotiation, String proposer, String a, String b, String bystander, String first,
            String second, String source) {

        String path(String reading) {
            return "/api/v1/negotiations/" + negotiation + "/" + reading;
        }
    }

    static Case newCase() {
        String proposer = party();
        String a = party();
        String b = party();
        String bystander = party();
        String negotiation = negotiation(unique("talks"), "Talks", "2022-01-01", List.of(proposer, a, b, bystander));
        String source = source();
        Case c = new Case(negotiation, proposer, a, b, bystander, unique("first"), unique("second"), source);
        demand(c.first(), negotiation, proposer, List.of(a, b), "2022-01-10");
        demand(c.second(), negotiation, a, List.of(proposer), "2022-02-01");
        stance(c, c.first(), a, "REJECTED", "2022-01-20");
        stance(c, c.first(), b, "OPEN_TO_DISCUSSION", "2022-01-25");
        stance(c, c.second(), proposer, "REJECTED", "2022-02-05");
        stance(c, c.first(), proposer, "WITHDRAWN", "2022-02-10");
        return c;
    }

    static void stance(Case c, String demand, String party, String status, String effectiveOn) {
        api().body(Map.of("status", status, "effective_on", effectiveOn, "citations", List.of(Map.of(
                "source_id", c.source(), "title", "Statement", "quote", "Words on the record.", "kind",
                "DIRECT_QUOTE", "relation", "SUPPORTS"))))
                .put("/api/v1/demands/" + demand + "/positions/" + party)
                .then().statusCode(200);
    }

    static JsonPath get(String path, Object... query) {
        var spec = api();
        for (int i = 0; i < query.length; i += 2) {
            spec.queryParam((String) query[i], query[i + 1]);
        }
        return spec.get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void diffListsTheCellsStatusesTablingsAndWithdrawalsBetweenTwoDays() {
        Case c = newCase();
        JsonPath diff = get(c.path("diff"), "from", "2022-01-15", "to", "2022-02-15");

        List<Map<String, Object>> cells = diff.getList("cells");
        assertThat(cells).extracting(m -> m.get("demand"), m -> m.get("party"), m -> m.get("from"), m -> m.get("to"))
                .containsExactlyInAnyOrder(
                        tuple(c.first(), c.proposer(), "TABLED", "WITHDRAWN"),
                        tuple(c.first(), c.a(), "UNASSESSED", "REJECTED"),
                        tuple(c.first(), c.b(), "UNASSESSED", "OPEN_TO_DISCUSSION"),
                        tuple(c.second(), c.a(), "UNASSESSED", "TABLED"),
                        tuple(c.second(), c.proposer(), "UNASSESSED", "REJECTED"));
        assertThat(cells).filteredOn(m -> m.get("to").equals("REJECTED") && m.get("party").equals(c.a()))
                .extracting(m -> m.get("effective_on")).containsExactly("2022-01-20");
        List<Map<String, Object>> moves = diff.getList("demand_statuses");
        assertThat(moves).extracting(m -> m.get("demand"), m -> m.get("from"), m -> m.get("to"))
                .containsExactly(tuple(c.first(), "PENDING", "WITHDRAWN"), tuple(c.second(), null, "REJECTED"));
        assertThat(diff.getList("tabled.demand")).containsExactly(c.second());
        assertThat(diff.getList("withdrawn.demand")).containsExactly(c.first());
        assertThat(diff.getList("withdrawn.effective_on")).containsExactly("2022-02-10");
    }

    @Test
    void diffOfOneDayWithItselfIsEmpty() {
        Case c = newCase();
        JsonPath diff = get(c.path("diff"), "from", "2022-01-25", "to", "2022-01-25");
        assertThat(diff.getList("cells")).isEmpty();
        assertThat(diff.getList("demand_statuses")).isEmpty();
        assertThat(diff.getList("tabled")).isEmpty();
    }

    @Test
    void aDashboardPollsTheDiffWithOneConditionalRequestUntilAStanceMovesIt() {
        Case c = newCase();
        String etag = api().queryParam("from", "2022-01-15").queryParam("to", "2022-03-01").get(c.path("diff"))
                .then().statusCode(200).extract().header("ETag");
        api().header("If-None-Match", etag).queryParam("from", "2022-01-15").queryParam("to", "2022-03-01")
                .get(c.path("diff")).then().statusCode(304).header("ETag", equalTo(etag));

        stance(c, c.second(), c.proposer(), "OPEN_TO_DISCUSSION", "2022-02-20");

        JsonPath moved = api().header("If-None-Match", etag).queryParam("from", "2022-01-15")
                .queryParam("to", "2022-03-01").get(c.path("diff")).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> cells = moved.getList("cells");
        assertThat(cells).extracting(m -> m.get("demand"), m -> m.get("party"), m -> m.get("to"))
                .contains(tuple(c.second(), c.proposer(), "OPEN_TO_DISCUSSION"));
    }

    @Test
    void diffWithoutDaysRunsFromTheStartToTheLastMove() {
        Case c = newCase();
        JsonPath all = get(c.path("diff"));
        assertThat(all.getString("from")).isEqualTo("2022-01-01");
        assertThat(all.getString("to")).isEqualTo("2022-02-10");
        assertThat(all.getList("tabled.demand")).containsExactlyInAnyOrder(c.first(), c.second());
        assertThat(get(c.path("diff"), "from", "2022-01-15").getString("to")).isEqualTo("2022-02-10");
    }

    @Test
    void diffNeedsItsDaysInOrder() {
        Case c = newCase();
        api().queryParam("to", "2021-06-01").get(c.path("diff"))
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER")).body("errors[0].pointer",
                        equalTo("to"));
        api().queryParam("from", "2022-02-15").queryParam("to", "2022-01-15").get(c.path("diff"))
                .then().statusCode(400).body("errors[0].pointer", equalTo("to"));
        api().queryParam("from", "2022-13-01").queryParam("to", "2022-01-15").get(c.path("diff"))
                .then().statusCode(400);
        api().queryParam("from", "2022-01-01").queryParam("to", "2022-01-15")
                .get("/api/v1/negotiations/" + unique("none") + "/diff").then().statusCode(404);
    }

    @Test
    void timelinePagesThroughEveryStanceInTheOrderTheyTookEffect() {
        Case c = newCase();
        List<Map<String, Object>> items = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var spec = api().queryParam("page_size", 2);
            if (token != null) {
                spec.queryParam("page_token", token);
            }
            JsonPath page = spec.get(c.path("timeline")).then().statusCode(200).extract().jsonPath();
            items.addAll(page.getList("items"));
            token = page.getString("next_page_token");
            pages++;
        } while (token != null);

        // Opening stances: three on the first demand, two on the second; then four recorded ones.
        assertThat(items).hasSize(9);
        assertThat(pages).isEqualTo(5);
        List<String> days = items.stream().map(m -> (String) m.get("on")).toList();
        assertThat(days).isSorted();
        assertThat(items).extracting(m -> m.get("demand"), m -> m.get("party"), m -> m.get("status"))
                .containsSubsequence(tuple(c.first(), c.a(), "REJECTED"), tuple(c.first(), c.b(), "OPEN_TO_DISCUSSION"),
                        tuple(c.second(), c.proposer(), "REJECTED"), tuple(c.first(), c.proposer(), "WITHDRAWN"));
        assertThat(items).extracting(m -> m.get("change_id")).doesNotHaveDuplicates();
    }

    @Test
    void timelineListsTheEventsBeforeTheStancesOfTheirDay() {
        Case c = newCase();
        String tag = api().get(c.path("timeline")).then().statusCode(200).extract().header("ETag");
        String opening = event(c, "2022-01-01", "Opening round");
        assertThat(api().get(c.path("timeline")).then().statusCode(200).extract().header("ETag"))
                .as("the timeline's ETag moves with an event").isNotEqualTo(tag);
        String reply = event(c, "2022-01-20", "Written reply");
        String note = event(c, "2022-01-20", "A note");

        List<Map<String, Object>> items = new ArrayList<>();
        String token = null;
        do {
            var spec = api().queryParam("page_size", 1);
            if (token != null) {
                spec.queryParam("page_token", token);
            }
            JsonPath page = spec.get(c.path("timeline")).then().statusCode(200).extract().jsonPath();
            items.addAll(page.getList("items"));
            token = page.getString("next_page_token");
        } while (token != null);

        // Three events and nine stances, each once, one a page whatever kind ends a page.
        assertThat(items).hasSize(12);
        assertThat(items.stream().map(m -> (String) m.get("on")).toList()).isSorted();
        assertThat(items).extracting(m -> m.get("kind")).containsExactly("EVENT", "STANCE", "STANCE", "STANCE",
                "EVENT", "EVENT", "STANCE", "STANCE", "STANCE", "STANCE", "STANCE", "STANCE");
        assertThat(items.get(0)).containsEntry("event_id", opening).containsEntry("title", "Opening round")
                .containsEntry("event_kind", "NOTE");
        assertThat(items.subList(4, 6)).extracting(m -> m.get("event_id")).containsExactlyInAnyOrder(reply, note);
        assertThat(items.get(6)).containsEntry("on", "2022-01-20").containsEntry("party", c.a())
                .containsEntry("status", "REJECTED");
    }

    static String event(Case c, String day, String title) {
        return api().body(Map.of("kind", "NOTE", "occurred_on", day, "title", title))
                .post("/api/v1/negotiations/" + c.negotiation() + "/events").then().statusCode(201).extract()
                .path("id");
    }

    @Test
    void aTimelineTokenIsRefusedOnAnotherNegotiation() {
        Case c = newCase();
        Case other = newCase();
        String token = get(c.path("timeline"), "page_size", 1).getString("next_page_token");
        api().queryParam("page_token", token).get(other.path("timeline"))
                .then().statusCode(400).body("code", equalTo("INVALID_PAGE_TOKEN"));
    }

    @Test
    void aConcernedPartysStanceMovesNoStatusInTheDiffAsInTheMatrix() {
        Case c = newCase();
        String slug = unique("concerning");
        api().body(Map.of("slug", slug, "negotiation", c.negotiation(), "proposer", c.proposer(), "addressees",
                List.of(c.a()), "concerned", List.of(c.bystander()), "title", "Demand " + slug, "text",
                "Something is demanded.", "topic", "security", "kind", "DEMAND", "tabled_on", "2022-03-01"))
                .post("/api/v1/demands").then().statusCode(201);
        stance(c, slug, c.bystander(), "OPEN_TO_DISCUSSION", "2022-03-02");

        JsonPath matrix = get("/api/v1/negotiations/" + c.negotiation() + "/matrix", "as_of", "2022-03-05");
        assertThat(matrix.getString("rows.find { it.demand.slug == '" + slug + "' }.demand.status"))
                .isEqualTo("PENDING");
        List<Map<String, Object>> moves = get(c.path("diff"), "from", "2022-02-20", "to", "2022-03-05")
                .getList("demand_statuses");
        assertThat(moves).filteredOn(m -> slug.equals(m.get("demand"))).extracting(m -> m.get("to"))
                .containsExactly("PENDING");
    }

    @Test
    void weeklySeriesCountsDemandStatusesAtTheEndOfEachWeek() {
        Case c = newCase();
        JsonPath series = get(c.path("series"), "interval", "week", "by", "demand_status");

        // The default range: the negotiation's start through the last day anything took effect.
        assertThat(series.getString("from")).isEqualTo("2022-01-01");
        assertThat(series.getString("to")).isEqualTo("2022-02-10");
        assertThat(series.getList("points.start")).containsExactly("2022-01-01", "2022-01-03", "2022-01-10",
                "2022-01-17", "2022-01-24", "2022-01-31", "2022-02-07");
        assertThat(series.getList("points.end")).containsExactly("2022-01-02", "2022-01-09", "2022-01-16",
                "2022-01-23", "2022-01-30", "2022-02-06", "2022-02-10");
        assertThat(series.getMap("points[0].counts")).containsEntry("PENDING", 0).hasSize(5);
        assertThat(series.getMap("points[2].counts")).containsEntry("PENDING", 1);
        assertThat(series.getMap("points[3].counts")).containsEntry("REJECTED", 1);
        assertThat(series.getMap("points[4].counts")).containsEntry("IN_NEGOTIATION", 1);
        assertThat(series.getMap("points[5].counts")).containsEntry("IN_NEGOTIATION", 1).containsEntry("REJECTED", 1);
        assertThat(series.getMap("points[6].counts")).containsEntry("WITHDRAWN", 1).containsEntry("REJECTED", 1)
                .containsEntry("IN_NEGOTIATION", 0);
    }

    @Test
    void seriesByPartyCountsEachParticipantsStances() {
        Case c = newCase();
        JsonPath series = get(c.path("series"), "interval", "month", "by", "party", "from", "2022-01-01", "to",
                "2022-02-28");
        assertThat(series.getList("points.start")).containsExactly("2022-01-01", "2022-02-01");
        Map<String, Map<String, Integer>> february = series.getMap("points[1].parties");
        assertThat(february.keySet()).containsExactly(c.proposer(), c.a(), c.b(), c.bystander());
        assertThat(february.get(c.proposer())).containsEntry("WITHDRAWN", 1).containsEntry("REJECTED", 1)
                .containsEntry("TABLED", 0);
        assertThat(february.get(c.a())).containsEntry("REJECTED", 1).containsEntry("TABLED", 1);
        assertThat(february.get(c.b())).containsEntry("OPEN_TO_DISCUSSION", 1);
        assertThat(february.get(c.bystander()).values()).allMatch(n -> n == 0);
    }

    @Test
    void seriesRefusesUnknownGroupingsAndTooManyPoints() {
        Case c = newCase();
        api().queryParam("interval", "year").get(c.path("series")).then().statusCode(400)
                .body("errors[0].pointer", equalTo("interval"));
        api().queryParam("by", "topic").get(c.path("series")).then().statusCode(400)
                .body("errors[0].pointer", equalTo("by"));
        api().queryParam("interval", "day").queryParam("from", "2000-01-01").queryParam("to", "2022-01-01")
                .get(c.path("series")).then().statusCode(400).body("errors[0].pointer", equalTo("interval"));
    }

    @Test
    void milestonesGiveTheFirstDayEachPartyReachedEachStatus() {
        Case c = newCase();
        // A second rejection by the proposer, later than its first: the first stays the milestone.
        stance(c, c.second(), c.proposer(), "REJECTED", "2022-02-07");
        JsonPath milestones = get(c.path("milestones"));
        List<Map<String, Object>> items = milestones.getList("items");
        assertThat(items).extracting(m -> m.get("party"), m -> m.get("status"), m -> m.get("first_on"),
                m -> m.get("demand"))
                .containsExactly(
                        tuple(c.proposer(), "TABLED", "2022-01-10", c.first()),
                        tuple(c.proposer(), "REJECTED", "2022-02-05", c.second()),
                        tuple(c.proposer(), "WITHDRAWN", "2022-02-10", c.first()),
                        tuple(c.a(), "TABLED", "2022-02-01", c.second()),
                        tuple(c.a(), "REJECTED", "2022-01-20", c.first()),
                        tuple(c.b(), "OPEN_TO_DISCUSSION", "2022-01-25", c.first()));
    }

    @Test
    void alignmentComparesOnlySharedDemandsWithKnownStances() {
        Case c = newCase();
        JsonPath now = get(c.path("alignment"));
        assertThat(now.getString("as_of")).isNull();
        List<Map<String, Object>> pairs = now.getList("pairs");
        assertThat(pairs).hasSize(6);
        // first: proposer WITHDRAWN and a REJECTED both AGAINST; second: a TABLED (FOR), proposer REJECTED.
        assertThat(pairs).extracting(m -> m.get("parties"), m -> m.get("shared"), m -> m.get("compared"),
                m -> m.get("agreeing"), m -> m.get("share"))
                .contains(tuple(List.of(c.proposer(), c.a()), 2, 2, 1, 0.5f),
                        tuple(List.of(c.proposer(), c.b()), 1, 1, 0, 0.0f),
                        tuple(List.of(c.a(), c.b()), 1, 1, 0, 0.0f),
                        tuple(List.of(c.a(), c.bystander()), 0, 0, 0, null));

        JsonPath early = get(c.path("alignment"), "as_of", "2022-01-15");
        List<Map<String, Object>> earlyPairs = early.getList("pairs");
        // Nobody had answered the only demand yet: shared, but nothing to compare.
        assertThat(earlyPairs).extracting(m -> m.get("parties"), m -> m.get("shared"), m -> m.get("compared"),
                m -> m.get("share"))
                .contains(tuple(List.of(c.proposer(), c.a()), 1, 0, null));
    }

    @Test
    void everyReadingAnswersAnUnchangedQuestionWithA304() {
        Case c = newCase();
        for (String reading : List.of("timeline", "series", "milestones", "alignment")) {
            String etag = api().get(c.path(reading)).then().statusCode(200).extract().header("ETag");
            api().header("If-None-Match", etag).get(c.path(reading)).then().statusCode(304);
        }
    }

    /**
     * The case as recorded at {@code then}; afterwards a's rejection of "first" was corrected to
     * OPEN_TO_DISCUSSION, an event was added and b tabled "third" to a.
     */
    record Revisited(Case c, String then, String third) {
    }

    static Revisited revisited() {
        Case c = newCase();
        JsonPath rejection = api().get("/api/v1/demands/" + c.first() + "/positions/" + c.a()).then().statusCode(200)
                .extract().jsonPath();
        Instant then = Instant.parse(api().get("/api/v1/demands/" + c.first() + "/positions/" + c.proposer()).then()
                .statusCode(200).extract().<String> path("recorded_at"));
        api().body(Map.of("status", "OPEN_TO_DISCUSSION", "effective_on", "2022-01-20", "change_kind", "CORRECTION",
                "corrects", rejection.getLong("change_id"), "reason", "Misread.", "citations", List.of(Map.of(
                        "source_id", c.source(), "title", "Statement", "quote", "Words on the record.", "kind",
                        "DIRECT_QUOTE", "relation", "SUPPORTS"))))
                .put("/api/v1/demands/" + c.first() + "/positions/" + c.a()).then().statusCode(200);
        event(c, "2022-01-05", "Opening round");
        String third = unique("third");
        demand(third, c.negotiation(), c.b(), List.of(c.a()), "2022-02-03");
        Instant corrected = Instant.parse(api().get("/api/v1/demands/" + c.first() + "/positions/" + c.a()).then()
                .statusCode(200).extract().<String> path("recorded_at"));
        assertThat(corrected).as("the correction is recorded after the instant read").isAfter(then);
        return new Revisited(c, then.toString(), third);
    }

    @Test
    void diffAsRecordedAnswersWhatParleyHadRecordedThen() {
        Revisited r = revisited();
        Case c = r.c();
        JsonPath then = get(c.path("diff"), "from", "2022-01-15", "to", "2022-02-15", "as_recorded", r.then());
        JsonPath now = get(c.path("diff"), "from", "2022-01-15", "to", "2022-02-15");

        assertThat(then.getString("as_recorded")).isEqualTo(r.then());
        assertThat(now.getString("as_recorded")).isNull();
        assertThat(cell(then, c.first(), c.a())).containsEntry("to", "REJECTED");
        assertThat(cell(now, c.first(), c.a())).containsEntry("to", "OPEN_TO_DISCUSSION");
        assertThat(then.getList("tabled.demand")).containsExactly(c.second());
        assertThat(now.getList("tabled.demand")).containsExactlyInAnyOrder(c.second(), r.third());
        api().queryParam("as_recorded", "yesterday").get(c.path("diff")).then().statusCode(400)
                .body("errors[0].pointer", equalTo("as_recorded"));
    }

    private static Map<String, Object> cell(JsonPath diff, String demand, String party) {
        List<Map<String, Object>> cells = diff.getList("cells");
        return cells.stream().filter(m -> m.get("demand").equals(demand) && m.get("party").equals(party)).findFirst()
                .orElseThrow();
    }

    @Test
    void timelineAsRecordedLeavesOutWhatWasRecordedLater() {
        Revisited r = revisited();
        Case c = r.c();
        List<Map<String, Object>> then = get(c.path("timeline"), "page_size", 100, "as_recorded", r.then())
                .getList("items");
        List<Map<String, Object>> now = get(c.path("timeline"), "page_size", 100).getList("items");

        assertThat(then).extracting(m -> m.get("kind")).doesNotContain("EVENT");
        assertThat(then).filteredOn(m -> c.a().equals(m.get("party")) && "2022-01-20".equals(m.get("on")))
                .extracting(m -> m.get("status")).containsExactly("REJECTED");
        assertThat(then).extracting(m -> m.get("demand")).doesNotContain(r.third());
        assertThat(now).extracting(m -> m.get("kind")).contains("EVENT");
        assertThat(now).filteredOn(m -> c.a().equals(m.get("party")) && "2022-01-20".equals(m.get("on")))
                .extracting(m -> m.get("status")).containsExactly("OPEN_TO_DISCUSSION");
        assertThat(now).extracting(m -> m.get("demand")).contains(r.third());

        // A page token carries the instant it was issued for.
        String token = get(c.path("timeline"), "page_size", 1, "as_recorded", r.then()).getString("next_page_token");
        api().queryParam("page_token", token).get(c.path("timeline")).then().statusCode(400);
    }

    @Test
    void seriesAsRecordedCountsTheStancesRecordedThen() {
        Revisited r = revisited();
        Case c = r.c();
        Object[] range = { "interval", "month", "by", "party", "from", "2022-01-01", "to", "2022-01-31" };
        JsonPath then = get(c.path("series"), append(range, "as_recorded", r.then()));
        JsonPath now = get(c.path("series"), range);

        assertThat(then.getString("as_recorded")).isEqualTo(r.then());
        Map<String, Map<String, Integer>> thenCounts = then.getMap("points[0].parties");
        Map<String, Map<String, Integer>> nowCounts = now.getMap("points[0].parties");
        assertThat(thenCounts.get(c.a())).containsEntry("REJECTED", 1).containsEntry("OPEN_TO_DISCUSSION", 0);
        assertThat(nowCounts.get(c.a())).containsEntry("REJECTED", 0).containsEntry("OPEN_TO_DISCUSSION", 1);
    }

    private static Object[] append(Object[] query, Object... more) {
        Object[] all = Arrays.copyOf(query, query.length + more.length);
        System.arraycopy(more, 0, all, query.length, more.length);
        return all;
    }

    @Test
    void milestonesAsRecordedKeepAStanceCorrectedLater() {
        Revisited r = revisited();
        Case c = r.c();
        List<Map<String, Object>> then = get(c.path("milestones"), "as_recorded", r.then()).getList("items");
        List<Map<String, Object>> now = get(c.path("milestones")).getList("items");

        assertThat(then).filteredOn(m -> c.a().equals(m.get("party"))).extracting(m -> m.get("status"))
                .containsExactlyInAnyOrder("TABLED", "REJECTED");
        assertThat(now).filteredOn(m -> c.a().equals(m.get("party"))).extracting(m -> m.get("status"))
                .containsExactlyInAnyOrder("TABLED", "OPEN_TO_DISCUSSION");
        assertThat(then).filteredOn(m -> c.b().equals(m.get("party"))).extracting(m -> m.get("status"))
                .as("b's tabling of third was recorded later").containsExactly("OPEN_TO_DISCUSSION");
    }

    @Test
    void alignmentAsRecordedComparesTheStancesRecordedThen() {
        Revisited r = revisited();
        Case c = r.c();
        JsonPath then = get(c.path("alignment"), "as_recorded", r.then());
        JsonPath now = get(c.path("alignment"));

        assertThat(then.getString("as_recorded")).isEqualTo(r.then());
        List<Map<String, Object>> thenPairs = then.getList("pairs");
        List<Map<String, Object>> nowPairs = now.getList("pairs");
        // first: proposer WITHDRAWN against a's REJECTED (then) or OPEN_TO_DISCUSSION (now); second disagrees.
        assertThat(thenPairs).extracting(m -> m.get("parties"), m -> m.get("agreeing"), m -> m.get("share"))
                .contains(tuple(List.of(c.proposer(), c.a()), 1, 0.5f));
        assertThat(nowPairs).extracting(m -> m.get("parties"), m -> m.get("agreeing"), m -> m.get("share"))
                .contains(tuple(List.of(c.proposer(), c.a()), 0, 0.0f));
        // third (b to a) was recorded later: then a and b share only first.
        assertThat(thenPairs).extracting(m -> m.get("parties"), m -> m.get("shared"))
                .contains(tuple(List.of(c.a(), c.b()), 1));
        assertThat(nowPairs).extracting(m -> m.get("parties"), m -> m.get("shared"))
                .contains(tuple(List.of(c.a(), c.b()), 2));
    }
}
