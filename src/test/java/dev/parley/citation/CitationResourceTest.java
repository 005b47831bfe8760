package dev.parley.citation;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.demand;
import static dev.parley.support.Fixtures.negotiation;
import static dev.parley.support.Fixtures.party;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CitationResourceTest {

    /**
     * Two demands of one negotiation and two sources: c1 (first source) backs the first addressee on
     * the first demand, c2 (second source) the second addressee on it, c3 (first source) the first
     * addressee on the second demand.
     */
    record Case(String firstDemand, String secondDemand, String proposer, String first, String second,
            String firstSource, String secondSource, String c1, String c2, String c3) {
    }

    static String source() {
        return api().body(Map.of("name", "Paper " + unique("src"), "kind", "NEWSPAPER", "reliability", "C"))
                .post("/api/v1/sources")
                .then().statusCode(201)
                .extract().jsonPath().getString("id");
    }

    static Map<String, Object> citation(String sourceId, String title) {
        Map<String, Object> c = new HashMap<>();
        c.put("source_id", sourceId);
        c.put("title", title);
        c.put("quote", "We reject it.");
        c.put("kind", "REPORTED");
        c.put("relation", "SUPPORTS");
        return c;
    }

    /** Records a REJECTED stance with one new citation and answers the citation's id. */
    static String reject(String demand, String party, Map<String, Object> citation) {
        return api().body(Map.of("status", "REJECTED", "effective_on", "2022-01-20", "citations", List.of(citation)))
                .put("/api/v1/demands/" + demand + "/positions/" + party)
                .then().statusCode(200)
                .extract().jsonPath().getString("citations[0].id");
    }

    static Case newCase() {
        String proposer = party();
        String first = party();
        String second = party();
        String negotiation = negotiation(unique("talks"), "Talks", "2022-01-01", List.of(proposer, first, second));
        String firstDemand = unique("demand");
        String secondDemand = unique("demand");
        demand(firstDemand, negotiation, proposer, List.of(first, second));
        demand(secondDemand, negotiation, proposer, List.of(first));
        String firstSource = source();
        String secondSource = source();
        String c1 = reject(firstDemand, first, citation(firstSource, "One"));
        String c2 = reject(firstDemand, second, citation(secondSource, "Two"));
        String c3 = reject(secondDemand, first, citation(firstSource, "Three"));
        return new Case(firstDemand, secondDemand, proposer, first, second, firstSource, secondSource, c1, c2, c3);
    }

    /** Every citation id the list gives for the filters, following the page tokens. */
    static List<String> list(Map<String, Object> filters, int pageSize) {
        List<String> ids = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var spec = api().queryParams(filters).queryParam("page_size", pageSize);
            if (token != null) {
                spec.queryParam("page_token", token);
            }
            var body = spec.get("/api/v1/citations").then().statusCode(200).extract().jsonPath();
            List<String> page = body.getList("items.id");
            assertThat(page).hasSizeLessThanOrEqualTo(pageSize);
            ids.addAll(page);
            token = body.getString("next_page_token");
            pages++;
        } while (token != null && pages < 1000);
        return ids;
    }

    @Test
    void citationGivenWithAStanceIsReadBack() {
        Case c = newCase();
        Map<String, Object> full = citation(c.secondSource(), "Foreign ministry statement");
        full.put("url", "https://example.org/statement");
        full.put("published_on", "2022-01-21");
        full.put("speaker", "A spokesperson");
        full.put("kind", "OFFICIAL_TEXT");
        full.put("relation", "CONTEXT");
        String id = reject(c.secondDemand(), c.first(), full);

        api().get("/api/v1/citations/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("id", matchesPattern("^cit_[0-9a-z]{26}$"))
                .body("source_id", equalTo(c.secondSource()))
                .body("title", equalTo("Foreign ministry statement"))
                .body("url", equalTo("https://example.org/statement"))
                .body("published_on", equalTo("2022-01-21"))
                .body("quote", equalTo("We reject it."))
                .body("speaker", equalTo("A spokesperson"))
                .body("kind", equalTo("OFFICIAL_TEXT"))
                .body("relation", equalTo("CONTEXT"))
                .body("created_at", notNullValue());
    }

    @Test
    void unknownCitationIsNotFound() {
        api().get("/api/v1/citations/cit_00000000000000000000000000")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void demandFilterKeepsTheCitationsOfItsStances() {
        Case c = newCase();
        assertThat(list(Map.of("demand", c.firstDemand()), 50)).containsExactlyInAnyOrder(c.c1(), c.c2());
        assertThat(list(Map.of("demand", c.secondDemand()), 50)).containsExactly(c.c3());
    }

    @Test
    void partyFilterKeepsTheCitationsOfItsStances() {
        Case c = newCase();
        assertThat(list(Map.of("party", c.first()), 50)).containsExactlyInAnyOrder(c.c1(), c.c3());
        assertThat(list(Map.of("party", c.second()), 50)).containsExactly(c.c2());
        assertThat(list(Map.of("party", c.proposer()), 50)).isEmpty();
    }

    @Test
    void sourceFilterKeepsTheCitationsFromIt() {
        Case c = newCase();
        assertThat(list(Map.of("source", c.firstSource()), 50)).containsExactlyInAnyOrder(c.c1(), c.c3());
        assertThat(list(Map.of("source", c.secondSource()), 50)).containsExactly(c.c2());
    }

    @Test
    void filtersCombine() {
        Case c = newCase();
        assertThat(list(Map.of("demand", c.firstDemand(), "party", c.first()), 50)).containsExactly(c.c1());
        assertThat(list(Map.of("demand", c.firstDemand(), "source", c.secondSource()), 50))
                .containsExactly(c.c2());
        assertThat(list(Map.of("party", c.first(), "source", c.firstSource()), 50))
                .containsExactlyInAnyOrder(c.c1(), c.c3());
        assertThat(list(Map.of("demand", c.secondDemand(), "party", c.first(), "source", c.firstSource()), 50))
                .containsExactly(c.c3());
        assertThat(list(Map.of("demand", c.secondDemand(), "party", c.second()), 50)).isEmpty();
        assertThat(list(Map.of("demand", c.secondDemand(), "source", c.secondSource()), 50)).isEmpty();
    }

    @Test
    void unknownFilterValuesMatchNothing() {
        newCase();
        assertThat(list(Map.of("demand", unique("nowhere")), 50)).isEmpty();
        assertThat(list(Map.of("party", unique("nobody")), 50)).isEmpty();
        assertThat(list(Map.of("source", "src_00000000000000000000000000"), 50)).isEmpty();
    }

    @Test
    void existingCitationAttachedToAnotherStanceIsFoundThroughIt() {
        Case c = newCase();
        api().body(Map.of("status", "OPEN_TO_DISCUSSION", "effective_on", "2022-02-01", "citation_ids",
                List.of(c.c2())))
                .put("/api/v1/demands/" + c.secondDemand() + "/positions/" + c.first())
                .then().statusCode(200)
                .body("citations.id", hasItem(c.c2()));
        assertThat(list(Map.of("demand", c.secondDemand()), 50)).containsExactlyInAnyOrder(c.c2(), c.c3());
        assertThat(list(Map.of("party", c.first(), "source", c.secondSource()), 50)).containsExactly(c.c2());
    }

    @Test
    void listPagesThroughEveryCitationOnce() {
        Case c = newCase();
        String fourth = reject(c.secondDemand(), c.first(), citation(c.firstSource(), "Four"));
        List<String> ids = list(Map.of("source", c.firstSource()), 1);
        assertThat(ids).containsExactly(c.c1(), c.c3(), fourth);

        Set<String> seen = new HashSet<>();
        for (String id : list(Map.of(), 20)) {
            assertThat(seen.add(id)).as("seen twice: " + id).isTrue();
        }
        assertThat(seen).contains(c.c1(), c.c2(), c.c3(), fourth);
    }

    @Test
    void pageTokenReusedWithOtherFiltersIsRejected() {
        Case c = newCase();
        String token = api().queryParam("source", c.firstSource()).queryParam("page_size", 1)
                .get("/api/v1/citations")
                .then().statusCode(200)
                .extract().jsonPath().getString("next_page_token");
        assertThat(token).isNotNull();
        api().queryParam("source", c.secondSource()).queryParam("page_token", token)
                .get("/api/v1/citations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_PAGE_TOKEN"))
                .body("errors.pointer", hasItem("page_token"));
        api().queryParam("source", c.firstSource()).queryParam("demand", c.firstDemand())
                .queryParam("page_token", token)
                .get("/api/v1/citations")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_PAGE_TOKEN"));
        api().queryParam("page_token", token)
                .get("/api/v1/citations")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_PAGE_TOKEN"));
        api().queryParam("source", c.firstSource()).queryParam("page_token", token)
                .get("/api/v1/citations")
                .then().statusCode(200)
                .body("items[0].id", equalTo(c.c3()));
    }

    @Test
    void badPagingParametersAreRejected() {
        api().queryParam("page_size", "-1").get("/api/v1/citations")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER"));
        api().queryParam("page_token", "garbage!!").get("/api/v1/citations")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_PAGE_TOKEN"));
    }
}
