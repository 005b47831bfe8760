package dev.parley.demand;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Data of a test's own: fresh parties in a fresh negotiation, a fresh source, and demands and stances
 * among them, so no test depends on the seed or on another test.
 */
final class DemandFixtures {

    static final String TABLED_ON = "2022-01-10";

    /** A negotiation whose participants are a proposer and two addressees, plus a party outside it. */
    record Scene(String negotiation, String proposer, String first, String second, String outsider, String source) {
    }

    private DemandFixtures() {
    }

    static Scene scene() {
        String proposer = party("proposer");
        String first = party("first");
        String second = party("second");
        String outsider = party("outsider");
        String negotiation = unique("talks");
        api().body(Map.of("slug", negotiation, "title", "Talks " + negotiation, "started_on", "2022-01-01",
                "participants", List.of(proposer, first, second)))
                .post("/api/v1/negotiations")
                .then().statusCode(201);
        return new Scene(negotiation, proposer, first, second, outsider, source());
    }

    static String party(String prefix) {
        String slug = unique(prefix);
        api().body(Map.of("slug", slug, "name", "Party " + slug, "kind", "STATE"))
                .post("/api/v1/parties")
                .then().statusCode(201);
        return slug;
    }

    static String source() {
        return api().body(Map.of("name", "Agency " + unique("src"), "kind", "NEWS_AGENCY", "reliability", "B"))
                .post("/api/v1/sources")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** A demand body from the scene's proposer to the given addressees. */
    static Map<String, Object> demand(Scene scene, String slug, List<String> addressees) {
        Map<String, Object> body = new HashMap<>();
        body.put("slug", slug);
        body.put("negotiation", scene.negotiation());
        body.put("proposer", scene.proposer());
        body.put("addressees", addressees);
        body.put("title", "Demand " + slug);
        body.put("text", "The proposer asks for " + slug + ".");
        body.put("topic", "security");
        body.put("kind", "DEMAND");
        body.put("tabled_on", TABLED_ON);
        return body;
    }

    /** Creates a demand to both addressees of the scene and answers its slug. */
    static String createDemand(Scene scene) {
        return createDemand(demand(scene, unique("demand"), List.of(scene.first(), scene.second())));
    }

    static String createDemand(Map<String, Object> body) {
        api().body(body).post("/api/v1/demands").then().statusCode(201);
        return (String) body.get("slug");
    }

    static Map<String, Object> citation(String sourceId) {
        Map<String, Object> body = new HashMap<>();
        body.put("source_id", sourceId);
        body.put("title", "Statement " + unique("doc"));
        body.put("url", "https://example.org/statements/1");
        body.put("published_on", "2022-01-20");
        body.put("quote", "We have said so on the record.");
        body.put("speaker", "A spokesperson");
        body.put("kind", "DIRECT_QUOTE");
        body.put("relation", "SUPPORTS");
        return body;
    }

    /** A stance with one new citation from {@code sourceId}. */
    static Map<String, Object> stance(String status, String effectiveOn, String sourceId) {
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        body.put("effective_on", effectiveOn);
        body.put("citations", new ArrayList<>(List.of(citation(sourceId))));
        return body;
    }

    static void record(String demand, String party, String status, String effectiveOn, String sourceId) {
        api().body(stance(status, effectiveOn, sourceId))
                .put("/api/v1/demands/" + demand + "/positions/" + party)
                .then().statusCode(200);
    }
}
