package dev.parley.bundle;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class BundleResourceTest {

    /**
     * A small bundle of its own: a proposer and an addressee, one source with one citation, one
     * negotiation and one demand whose addressee rejected it on 2022-01-20, citing the citation.
     */
    static final class TestBundle {
        final String proposer = unique("party");
        final String addressee = unique("party");
        final String sourceId = "src_" + suffix();
        final String citationId = "cit_" + suffix();
        final String negotiation = unique("talks");
        final String demand = unique("demand");
        final Map<String, Object> body = new HashMap<>();

        TestBundle() {
            body.put("format", "parley-bundle/1");
            body.put("parties", new ArrayList<>(List.of(
                    map("slug", proposer, "name", "Proposer " + proposer, "kind", "STATE"),
                    map("slug", addressee, "name", "Addressee " + addressee, "kind", "ALLIANCE"))));
            body.put("sources", new ArrayList<>(List.of(
                    map("id", sourceId, "name", "Ministry " + sourceId, "kind", "GOVERNMENT", "reliability", "A"))));
            body.put("citations", new ArrayList<>(List.of(
                    map("id", citationId, "source_id", sourceId, "title", "Written answer", "quote",
                            "We cannot agree.", "kind", "OFFICIAL_TEXT", "relation", "SUPPORTS",
                            "published_on", "2022-01-20"))));
            body.put("negotiations", new ArrayList<>(List.of(
                    map("slug", negotiation, "title", "Imported talks", "started_on", "2022-01-01",
                            "participants", List.of(proposer, addressee)))));
            body.put("demands", new ArrayList<>(List.of(map(
                    "slug", demand, "negotiation", negotiation, "proposer", proposer,
                    "addressees", new ArrayList<>(List.of(addressee)), "title", "Imported demand",
                    "text", "Something is demanded.", "topic", "security", "kind", "DEMAND",
                    "tabled_on", "2022-01-10",
                    "positions", new ArrayList<>(List.of(
                            map("party", proposer, "history", new ArrayList<>(List.of(
                                    stance("TABLED", "2022-01-10", List.of(), "2022-01-10T09:00:00Z")))),
                            map("party", addressee, "history", new ArrayList<>(List.of(
                                    stance("UNASSESSED", "2022-01-10", List.of(), "2022-01-10T09:00:00Z"),
                                    stance("REJECTED", "2022-01-20", List.of(citationId),
                                            "2022-01-21T10:30:00Z"))))))))));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(String member) {
            return (List<Map<String, Object>>) body.get(member);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history(int position) {
            List<Map<String, Object>> positions = (List<Map<String, Object>>) list("demands").get(0).get("positions");
            return (List<Map<String, Object>>) positions.get(position).get("history");
        }

        /** Asserts that nothing the bundle holds was written. */
        void assertNothingWritten() {
            api().get("/api/v1/parties/" + proposer).then().statusCode(404);
            api().get("/api/v1/parties/" + addressee).then().statusCode(404);
            api().get("/api/v1/sources/" + sourceId).then().statusCode(404);
            api().get("/api/v1/citations/" + citationId).then().statusCode(404);
            api().get("/api/v1/negotiations/" + negotiation).then().statusCode(404);
            api().get("/api/v1/demands/" + demand).then().statusCode(404);
        }
    }

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Map<String, Object> stance(String status, String effectiveOn, List<String> citationIds,
            String recordedAt) {
        return map("status", status, "effective_on", effectiveOn, "note", "From the archive.", "citation_ids",
                citationIds, "recorded_at", recordedAt, "recorded_by", "archivist");
    }

    static ValidatableResponse importBundle(Object bundle) {
        return api().body(bundle).post("/api/v1/import").then();
    }

    static void assertSummary(ValidatableResponse response, int parties, int sources, int citations,
            int negotiations, int demands, int stances) {
        response.statusCode(200)
                .body("parties_created", equalTo(parties))
                .body("sources_created", equalTo(sources))
                .body("citations_created", equalTo(citations))
                .body("negotiations_created", equalTo(negotiations))
                .body("demands_created", equalTo(demands))
                .body("stances_added", equalTo(stances));
    }

    static JsonPath history(String demand, String party) {
        return api().get("/api/v1/demands/" + demand + "/positions/" + party + "/history")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void exportContainsTheSeedCase() {
        JsonPath export = api().get("/api/v1/export")
                .then().statusCode(200)
                .body("format", equalTo("parley-bundle/1"))
                .body("exported_at", notNullValue())
                .body("parties.slug", hasItems("russia", "united-states", "nato", "ukraine"))
                .body("negotiations.slug", hasItem("russia-us-nato-security-guarantees"))
                .body("demands.slug", hasItems("nato-non-expansion", "nato-open-door-policy"))
                .extract().jsonPath();
        assertThat(export.getList("demands")).hasSizeGreaterThanOrEqualTo(19);
        assertThat(export.getList("citations")).hasSizeGreaterThanOrEqualTo(53);
        assertThat(export.getList("sources")).isNotEmpty();

        String demand = "demands.find { it.slug == 'nato-non-expansion' }";
        assertThat(export.getString(demand + ".proposer")).isEqualTo("russia");
        assertThat(export.getList(demand + ".addressees", String.class)).containsExactly("united-states", "nato");
        String us = demand + ".positions.find { it.party == 'united-states' }.history";
        assertThat(export.getList(us + ".status", String.class)).containsExactly("UNASSESSED", "REJECTED");
        assertThat(export.getList(us + ".effective_on", String.class)).containsExactly("2021-12-17", "2022-01-26");
        List<String> cited = export.getList(us + "[1].citation_ids", String.class);
        assertThat(cited).isNotEmpty();
        assertThat(export.getList("citations.id", String.class)).containsAll(cited);
    }

    @Test
    void importCreatesWhatTheBundleHolds() {
        TestBundle b = new TestBundle();
        assertSummary(importBundle(b.body), 2, 1, 1, 1, 1, 3);

        api().get("/api/v1/parties/" + b.addressee).then().statusCode(200).body("kind", equalTo("ALLIANCE"));
        api().get("/api/v1/sources/" + b.sourceId).then().statusCode(200).body("reliability", equalTo("A"));
        api().get("/api/v1/citations/" + b.citationId)
                .then().statusCode(200)
                .body("source_id", equalTo(b.sourceId))
                .body("quote", equalTo("We cannot agree."));
        api().get("/api/v1/negotiations/" + b.negotiation)
                .then().statusCode(200)
                .body("participants", contains(b.proposer, b.addressee));
        api().get("/api/v1/demands/" + b.demand)
                .then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("addressees", contains(b.addressee));

        JsonPath history = history(b.demand, b.addressee);
        assertThat(history.getList("items.status", String.class)).containsExactly("REJECTED", "UNASSESSED");
        assertThat(history.getString("items[0].recorded_at")).isEqualTo("2022-01-21T10:30:00Z");
        assertThat(history.getString("items[0].recorded_by")).isEqualTo("archivist");
        assertThat(history.getList("items[0].citations.id", String.class)).containsExactly(b.citationId);
        assertThat(history(b.demand, b.proposer).getList("items.status", String.class)).containsExactly("TABLED");
    }

    @Test
    void importingTheSameBundleAgainCreatesNothing() {
        TestBundle b = new TestBundle();
        assertSummary(importBundle(b.body), 2, 1, 1, 1, 1, 3);
        assertSummary(importBundle(b.body), 0, 0, 0, 0, 0, 0);

        assertThat(history(b.demand, b.addressee).getList("items")).hasSize(2);
        assertThat(history(b.demand, b.proposer).getList("items")).hasSize(1);
        assertThat(api().queryParam("source", b.sourceId).get("/api/v1/citations")
                .then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactly(b.citationId);
    }

    @Test
    void importUpdatesWhatDiffersAndAppendsOnlyNewStances() {
        TestBundle b = new TestBundle();
        assertSummary(importBundle(b.body), 2, 1, 1, 1, 1, 3);

        b.list("parties").get(0).put("name", "Renamed");
        b.history(1).add(stance("OPEN_TO_DISCUSSION", "2022-02-01", List.of(b.citationId), "2022-02-02T08:00:00Z"));
        assertSummary(importBundle(b.body), 0, 0, 0, 0, 0, 1);

        api().get("/api/v1/parties/" + b.proposer).then().statusCode(200).body("name", equalTo("Renamed"));
        api().get("/api/v1/demands/" + b.demand).then().statusCode(200).body("status", equalTo("IN_NEGOTIATION"));
        assertThat(history(b.demand, b.addressee).getList("items.status", String.class))
                .containsExactly("OPEN_TO_DISCUSSION", "REJECTED", "UNASSESSED");
    }

    @Test
    void reimportingTheExportCreatesNothing() {
        assertSummary(importBundle(new TestBundle().body), 2, 1, 1, 1, 1, 3);
        Map<String, Object> export = api().get("/api/v1/export")
                .then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertSummary(importBundle(export), 0, 0, 0, 0, 0, 0);
    }

    @Test
    void statusNotAllowedForTheRoleImportsNothing() {
        TestBundle b = new TestBundle();
        b.history(1).get(1).put("status", "WITHDRAWN");
        importBundle(b.body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.pointer", hasItem("/demands/0/positions/1/history/1/status"));
        b.assertNothingWritten();

        TestBundle proposer = new TestBundle();
        proposer.history(0).get(0).put("status", "REJECTED");
        importBundle(proposer.body)
                .statusCode(400)
                .body("errors.pointer", hasItem("/demands/0/positions/0/history/0/status"));
        proposer.assertNothingWritten();
    }

    @Test
    void demandNamingAnUnknownPartyImportsNothing() {
        TestBundle b = new TestBundle();
        b.list("demands").get(0).put("addressees", List.of(b.addressee, unique("nobody")));
        importBundle(b.body)
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.pointer", hasItem("/demands/0/addressees/1"));
        b.assertNothingWritten();

        TestBundle proposer = new TestBundle();
        proposer.list("demands").get(0).put("proposer", unique("nobody"));
        importBundle(proposer.body)
                .statusCode(400)
                .body("errors.pointer", hasItem("/demands/0/proposer"));
        proposer.assertNothingWritten();
    }

    @Test
    void historyOfAPartyNotInvolvedImportsNothing() {
        TestBundle b = new TestBundle();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> positions = (List<Map<String, Object>>) b.list("demands").get(0).get("positions");
        positions.get(1).put("party", unique("nobody"));
        importBundle(b.body)
                .statusCode(400)
                .body("errors.pointer", hasItem("/demands/0/positions/1/party"));
        b.assertNothingWritten();
    }

    @Test
    void unknownCitationIdImportsNothing() {
        TestBundle b = new TestBundle();
        b.history(1).get(1).put("citation_ids", List.of("cit_" + suffix()));
        importBundle(b.body)
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.pointer", hasItem("/demands/0/positions/1/history/1/citation_ids/0"));
        b.assertNothingWritten();
    }

    @Test
    void citationOfAnUnknownSourceImportsNothing() {
        TestBundle b = new TestBundle();
        b.list("citations").get(0).put("source_id", "src_" + suffix());
        importBundle(b.body)
                .statusCode(400)
                .body("errors.pointer", hasItem("/citations/0/source_id"));
        b.assertNothingWritten();
    }

    @Test
    void malformedBundleIsRejectedWithPointers() {
        TestBundle b = new TestBundle();
        b.body.put("format", "parley-bundle/2");
        b.list("sources").get(0).put("id", "SRC-1");
        b.list("citations").get(0).put("id", "cit_");
        b.history(1).get(1).remove("recorded_at");
        importBundle(b.body)
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.pointer", hasItems("/format", "/sources/0/id", "/citations/0/id",
                        "/demands/0/positions/1/history/1/recorded_at"));
        b.assertNothingWritten();
    }

    @Test
    void unknownMemberInABundleIsRejected() {
        TestBundle b = new TestBundle();
        b.list("parties").get(1).put("colour", "red");
        importBundle(b.body)
                .statusCode(400)
                .body("errors.pointer", hasItem("/parties/1/colour"));
        b.assertNothingWritten();
    }
}
