package dev.parley.demand;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.demand;
import static dev.parley.support.Fixtures.negotiation;
import static dev.parley.support.Fixtures.party;
import static dev.parley.support.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class MatrixTest {

    static final String SEED = "russia-us-nato-security-guarantees";

    /** A negotiation of four parties with two demands; the bystander is in neither. */
    record Case(String negotiation, String proposer, String first, String second, String bystander, String early,
            String late, String sourceId) {
    }

    static Map<String, Object> citation(String sourceId, String title) {
        return Map.of("source_id", sourceId, "title", title, "quote", "Exact words of " + title + ".",
                "kind", "DIRECT_QUOTE", "relation", "SUPPORTS");
    }

    static void stance(String demand, String party, String status, String effectiveOn, String sourceId,
            int citations) {
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (int i = 0; i < citations; i++) {
            evidence.add(citation(sourceId, status + " " + i));
        }
        api().body(Map.of("status", status, "effective_on", effectiveOn, "note", "Recorded by a test.",
                "citations", evidence))
                .put("/api/v1/demands/" + demand + "/positions/" + party)
                .then().statusCode(200);
    }

    /** Four parties; "early" (tabled 2022-01-10) by proposer to first and second, "late" (2022-02-01) by first to proposer. */
    static Case newCase() {
        String proposer = party();
        String first = party();
        String second = party();
        String bystander = party();
        String negotiation = negotiation(unique("talks"), "Talks", "2022-01-01", List.of(proposer, first, second, bystander));
        String early = unique("a-early");
        String late = unique("b-late");
        demand(early, negotiation, proposer, List.of(first, second), "2022-01-10");
        demand(late, negotiation, first, List.of(proposer), "2022-02-01");
        return new Case(negotiation, proposer, first, second, bystander, early, late, source());
    }

    static JsonPath matrix(String negotiation, String asOf) {
        var spec = api();
        if (asOf != null) {
            spec.queryParam("as_of", asOf);
        }
        return spec.get("/api/v1/negotiations/" + negotiation + "/matrix")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    static List<String> demandSlugs(JsonPath matrix) {
        return matrix.getList("rows.demand.slug");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(JsonPath matrix, String demand) {
        List<Map<String, Object>> rows = matrix.getList("rows");
        return rows.stream()
                .filter(r -> demand.equals(((Map<String, Object>) r.get("demand")).get("slug")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + demand));
    }

    @SuppressWarnings("unchecked")
    static String demandStatus(JsonPath matrix, String demand) {
        return (String) ((Map<String, Object>) row(matrix, demand).get("demand")).get("status");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> cells(JsonPath matrix, String demand) {
        return (Map<String, Map<String, Object>>) row(matrix, demand).get("cells");
    }

    /** The change id a cell's explanation names for the stance it shows. */
    @SuppressWarnings("unchecked")
    static Object changeShown(JsonPath matrix, String demand, String party) {
        Map<String, Object> explain = (Map<String, Object>) cell(matrix, demand, party).get("explain");
        return ((List<Map<String, Object>>) explain.get("because")).get(0).get("change_id");
    }

    static Map<String, Object> cell(JsonPath matrix, String demand, String party) {
        Map<String, Object> cell = cells(matrix, demand).get(party);
        assertThat(cell).as("cell of " + party + " on " + demand).isNotNull();
        return cell;
    }

    @Test
    void freshMatrixHasARowPerDemandAndACellPerInvolvedParty() {
        Case c = newCase();
        JsonPath matrix = matrix(c.negotiation(), null);

        assertThat(matrix.getString("negotiation")).isEqualTo(c.negotiation());
        assertThat(matrix.getMap("$")).containsKey("as_of");
        assertThat(matrix.getString("as_of")).isNull();
        assertThat(matrix.getList("parties", String.class))
                .containsExactly(c.proposer(), c.first(), c.second(), c.bystander());
        assertThat(demandSlugs(matrix)).containsExactly(c.early(), c.late());

        @SuppressWarnings("unchecked")
        Map<String, Object> demand = new HashMap<>((Map<String, Object>) row(matrix, c.early()).get("demand"));
        Object explain = demand.remove("explain");
        assertThat(demand).isEqualTo(Map.of("slug", c.early(), "title", "Demand " + c.early(), "proposer",
                c.proposer(), "status", "PENDING", "kind", "DEMAND"));
        // Nobody engaged: the rule read every addressee's opening stance, and no evidence flags arise.
        assertThat(explain).isEqualTo(Map.of("rule", "NO_ADDRESSEE_ENGAGES", "flags", List.of(), "because",
                List.of(
                        Map.of("party", c.first(), "status", "UNASSESSED", "change_id",
                                changeShown(matrix, c.early(), c.first())),
                        Map.of("party", c.second(), "status", "UNASSESSED", "change_id",
                                changeShown(matrix, c.early(), c.second())))));
        assertThat(cells(matrix, c.early())).containsOnlyKeys(c.proposer(), c.first(), c.second());
        assertThat(cells(matrix, c.late())).containsOnlyKeys(c.first(), c.proposer());

        assertThat(cell(matrix, c.early(), c.proposer()))
                .containsEntry("status", "TABLED")
                .containsEntry("effective_on", "2022-01-10")
                .containsEntry("citation_count", 0);
        assertThat(cell(matrix, c.early(), c.first()))
                .containsEntry("status", "UNASSESSED")
                .containsEntry("citation_count", 0);
        assertThat(cell(matrix, c.late(), c.first()))
                .containsEntry("status", "TABLED")
                .containsEntry("effective_on", "2022-02-01");
    }

    @Test
    void matrixShowsTheCurrentStances() {
        Case c = newCase();
        stance(c.early(), c.first(), "REJECTED", "2022-01-20", c.sourceId(), 1);
        stance(c.early(), c.first(), "OPEN_TO_DISCUSSION", "2022-02-10", c.sourceId(), 2);
        stance(c.early(), c.second(), "REJECTED", "2022-01-25", c.sourceId(), 1);
        stance(c.late(), c.proposer(), "REJECTED", "2022-02-03", c.sourceId(), 3);

        JsonPath now = matrix(c.negotiation(), null);
        assertThat(now.getString("as_of")).isNull();
        assertThat(demandSlugs(now)).containsExactly(c.early(), c.late());
        assertThat(cell(now, c.early(), c.first()))
                .containsEntry("status", "OPEN_TO_DISCUSSION")
                .containsEntry("effective_on", "2022-02-10")
                .containsEntry("citation_count", 2);
        assertThat(cell(now, c.early(), c.second()))
                .containsEntry("status", "REJECTED")
                .containsEntry("effective_on", "2022-01-25")
                .containsEntry("citation_count", 1);
        assertThat(cell(now, c.early(), c.proposer())).containsEntry("status", "TABLED");
        assertThat(demandStatus(now, c.early())).isEqualTo("IN_NEGOTIATION");
        assertThat(cell(now, c.late(), c.proposer()))
                .containsEntry("status", "REJECTED")
                .containsEntry("citation_count", 3);
        assertThat(demandStatus(now, c.late())).isEqualTo("REJECTED");
    }

    @Test
    void matrixAsOfAnEarlierDayShowsTheStancesThatHeldThen() {
        Case c = newCase();
        stance(c.early(), c.first(), "REJECTED", "2022-01-20", c.sourceId(), 1);
        stance(c.early(), c.first(), "OPEN_TO_DISCUSSION", "2022-02-10", c.sourceId(), 2);
        stance(c.early(), c.second(), "REJECTED", "2022-01-25", c.sourceId(), 1);

        JsonPath opening = matrix(c.negotiation(), "2022-01-15");
        assertThat(opening.getString("as_of")).isEqualTo("2022-01-15");
        assertThat(demandSlugs(opening)).as("the late demand was not tabled yet").containsExactly(c.early());
        assertThat(cells(opening, c.early())).containsOnlyKeys(c.proposer(), c.first(), c.second());
        assertThat(cell(opening, c.early(), c.first()))
                .containsEntry("status", "UNASSESSED")
                .containsEntry("effective_on", "2022-01-10")
                .containsEntry("citation_count", 0);
        assertThat(demandStatus(opening, c.early())).isEqualTo("PENDING");

        JsonPath firstRejected = matrix(c.negotiation(), "2022-01-20");
        assertThat(cell(firstRejected, c.early(), c.first()))
                .containsEntry("status", "REJECTED")
                .containsEntry("effective_on", "2022-01-20")
                .containsEntry("citation_count", 1);
        assertThat(cell(firstRejected, c.early(), c.second())).containsEntry("status", "UNASSESSED");
        assertThat(demandStatus(firstRejected, c.early())).isEqualTo("REJECTED");

        JsonPath bothRejected = matrix(c.negotiation(), "2022-02-05");
        assertThat(bothRejected.getString("as_of")).isEqualTo("2022-02-05");
        assertThat(demandSlugs(bothRejected)).containsExactly(c.early(), c.late());
        assertThat(cell(bothRejected, c.early(), c.first()))
                .containsEntry("status", "REJECTED")
                .containsEntry("effective_on", "2022-01-20");
        assertThat(cell(bothRejected, c.early(), c.second()))
                .containsEntry("status", "REJECTED")
                .containsEntry("effective_on", "2022-01-25");
        assertThat(demandStatus(bothRejected, c.early())).isEqualTo("REJECTED");
        assertThat(demandStatus(bothRejected, c.late())).isEqualTo("PENDING");

        JsonPath talking = matrix(c.negotiation(), "2022-02-10");
        assertThat(cell(talking, c.early(), c.first()))
                .containsEntry("status", "OPEN_TO_DISCUSSION")
                .containsEntry("citation_count", 2);
        assertThat(demandStatus(talking, c.early())).isEqualTo("IN_NEGOTIATION");
    }

    @Test
    void matrixBeforeAnyDemandWasTabledHasNoRows() {
        Case c = newCase();
        JsonPath before = matrix(c.negotiation(), "2022-01-09");
        assertThat(before.getString("as_of")).isEqualTo("2022-01-09");
        assertThat(before.getList("parties", String.class)).contains(c.bystander());
        assertThat(before.getList("rows")).isEmpty();
    }

    @Test
    void stanceRecordedLateForAnEarlierDayDoesNotReplaceTheCurrentOne() {
        Case c = newCase();
        stance(c.early(), c.first(), "OPEN_TO_DISCUSSION", "2022-02-10", c.sourceId(), 1);
        stance(c.early(), c.first(), "REJECTED", "2022-01-20", c.sourceId(), 1);

        assertThat(cell(matrix(c.negotiation(), null), c.early(), c.first()))
                .containsEntry("status", "OPEN_TO_DISCUSSION")
                .containsEntry("effective_on", "2022-02-10");
        assertThat(cell(matrix(c.negotiation(), "2022-01-31"), c.early(), c.first()))
                .containsEntry("status", "REJECTED")
                .containsEntry("effective_on", "2022-01-20");
    }

    @Test
    void asOfMustBeACalendarDay() {
        Case c = newCase();
        for (String bad : List.of("bad", "2022-13-01", "2022-02-30", "20220201")) {
            api().queryParam("as_of", bad)
                    .get("/api/v1/negotiations/" + c.negotiation() + "/matrix")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("INVALID_PARAMETER"))
                    .body("errors.pointer", hasItem("as_of"));
        }
    }

    @Test
    void matrixOfUnknownNegotiationIsNotFound() {
        api().get("/api/v1/negotiations/" + unique("nowhere") + "/matrix")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        api().queryParam("as_of", "2022-01-01")
                .get("/api/v1/negotiations/" + unique("nowhere") + "/matrix")
                .then().statusCode(404);
    }

    /** The seed case: the written answers of the United States and NATO arrived on 2022-01-26. */
    @Test
    void seedCaseMatrixShowsTheRejectionsOfTheWrittenAnswers() {
        JsonPath now = matrix(SEED, null);
        assertThat(now.getList("rows")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(now.getList("parties", String.class)).contains("russia", "united-states", "nato");
        assertThat(cells(now, "nato-non-expansion")).containsOnlyKeys("russia", "united-states", "nato");

        JsonPath before = matrix(SEED, "2022-01-25");
        assertThat(before.getString("as_of")).isEqualTo("2022-01-25");
        assertThat(demandSlugs(before)).contains("nato-non-expansion")
                .doesNotContain("halt-arms-supplies-to-ukraine", "nato-open-door-policy");
        List<Map<String, Map<String, Object>>> allCells = before.getList("rows.cells");
        List<Object> statuses = allCells.stream().flatMap(m -> m.values().stream()).map(m -> m.get("status"))
                .toList();
        assertThat(statuses).isNotEmpty().doesNotContain("REJECTED");
        assertThat(before.getList("rows.demand.status", String.class)).containsOnly("PENDING");

        JsonPath after = matrix(SEED, "2022-01-27");
        assertThat(cell(after, "nato-non-expansion", "united-states"))
                .containsEntry("status", "REJECTED")
                .containsEntry("effective_on", "2022-01-26");
        assertThat(cell(after, "nato-non-expansion", "nato")).containsEntry("status", "REJECTED");
        assertThat(cell(after, "nato-non-expansion", "russia")).containsEntry("status", "TABLED");
        assertThat(demandStatus(after, "nato-non-expansion")).isEqualTo("REJECTED");
        assertThat(demandSlugs(after)).contains("nato-open-door-policy");
        assertThat(cell(after, "nato-open-door-policy", "russia")).containsEntry("status", "UNASSESSED");
    }
}
