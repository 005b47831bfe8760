package dev.parley.support;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test's own data, made through the API with unique slugs so no test depends on the seed or on
 * another test: parties, negotiations, sources, demands, stances, citations, documents, events,
 * links, API keys and webhooks.
 */
public final class Fixtures {

    public static final String TABLED_ON = "2022-01-10";

    /** A negotiation whose participants are a proposer and two addressees, plus a party outside it. */
    public record Scene(String negotiation, String proposer, String first, String second, String outsider,
            String source) {
    }

    /** A negotiation of two parties with one demand tabled by the proposer to the addressee. */
    public record Tabled(String negotiation, String proposer, String addressee, String source, String demand) {
    }

    private Fixtures() {
    }

    // ---- parties, negotiations, sources ----

    public static String party() {
        return party("party");
    }

    public static String party(String prefix) {
        String slug = unique(prefix);
        return party(slug, "Party " + slug);
    }

    /** A party with this slug and name. */
    public static String party(String slug, String name) {
        api().body(Map.of("slug", slug, "name", name, "kind", "STATE")).post("/api/v1/parties").then()
                .statusCode(201);
        return slug;
    }

    public static String negotiation(String... participants) {
        return negotiation(List.of(participants));
    }

    public static String negotiation(List<String> participants) {
        String slug = unique("talks");
        return negotiation(slug, "Talks " + slug, "2022-01-01", participants);
    }

    public static String negotiation(String slug, String title, String startedOn, List<String> participants) {
        api().body(Map.of("slug", slug, "title", title, "started_on", startedOn, "participants", participants))
                .post("/api/v1/negotiations").then().statusCode(201);
        return slug;
    }

    /** A news agency of reliability B; answers its id. */
    public static String source() {
        return api().body(Map.of("name", "Agency " + unique("src"), "kind", "NEWS_AGENCY", "reliability", "B"))
                .post("/api/v1/sources").then().statusCode(201).extract().path("id");
    }

    public static Scene scene() {
        String proposer = party("proposer");
        String first = party("first");
        String second = party("second");
        String outsider = party("outsider");
        return new Scene(negotiation(proposer, first, second), proposer, first, second, outsider, source());
    }

    // ---- demands, stances, citations ----

    /** A demand body from the scene's proposer to the given addressees. */
    public static Map<String, Object> demandBody(Scene scene, String slug, List<String> addressees) {
        return demandBody(slug, scene.negotiation(), scene.proposer(), addressees, TABLED_ON);
    }

    public static Map<String, Object> demandBody(String slug, String negotiation, String proposer,
            List<String> addressees, String tabledOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("slug", slug);
        body.put("negotiation", negotiation);
        body.put("proposer", proposer);
        body.put("addressees", addressees);
        body.put("title", "Demand " + slug);
        body.put("text", "The proposer asks for " + slug + ".");
        body.put("topic", "security");
        body.put("kind", "DEMAND");
        body.put("tabled_on", tabledOn);
        return body;
    }

    /** Creates a demand to both addressees of the scene and answers its slug. */
    public static String createDemand(Scene scene) {
        return createDemand(demandBody(scene, unique("demand"), List.of(scene.first(), scene.second())));
    }

    public static String createDemand(Map<String, Object> body) {
        api().body(body).post("/api/v1/demands").then().statusCode(201);
        return (String) body.get("slug");
    }

    /** A demand with this slug, tabled on {@link #TABLED_ON}. */
    public static String demand(String slug, String negotiation, String proposer, List<String> addressees) {
        return demand(slug, negotiation, proposer, addressees, TABLED_ON);
    }

    public static String demand(String slug, String negotiation, String proposer, List<String> addressees,
            String tabledOn) {
        return createDemand(demandBody(slug, negotiation, proposer, addressees, tabledOn));
    }

    /** A new citation from {@code sourceId}, as a stance carries it. */
    public static Map<String, Object> citation(String sourceId) {
        return citation(sourceId, "Statement " + unique("doc"));
    }

    public static Map<String, Object> citation(String sourceId, String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("source_id", sourceId);
        body.put("title", title);
        body.put("url", "https://example.org/statements/1");
        body.put("published_on", "2022-01-20");
        body.put("quote", "We have said so on the record.");
        body.put("speaker", "A spokesperson");
        body.put("kind", "DIRECT_QUOTE");
        body.put("relation", "SUPPORTS");
        return body;
    }

    /** A stance with one new citation from {@code sourceId}. */
    public static Map<String, Object> stance(String status, String effectiveOn, String sourceId) {
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        body.put("effective_on", effectiveOn);
        body.put("citations", new ArrayList<>(List.of(citation(sourceId))));
        return body;
    }

    public static void record(String demand, String party, String status, String effectiveOn, String sourceId) {
        api().body(stance(status, effectiveOn, sourceId))
                .put("/api/v1/demands/" + demand + "/positions/" + party)
                .then().statusCode(200);
    }

    // ---- one tabled demand, and what the pages show of it ----

    /** A negotiation of two parties with one demand from the first to the second. */
    public static Tabled tabled(String partyName, String demandTitle) {
        String proposer = party(unique("party"), "Proposer " + partyName);
        String addressee = party(unique("party"), partyName);
        String negotiation = negotiation(unique("talks"), "Talks on " + demandTitle, TABLED_ON,
                List.of(proposer, addressee));
        String source = source();
        String demand = unique("demand");
        Map<String, Object> body = demandBody(demand, negotiation, proposer, List.of(addressee), TABLED_ON);
        body.put("title", demandTitle);
        body.put("text", "The proposer asks for it: " + demandTitle);
        createDemand(body);
        return new Tabled(negotiation, proposer, addressee, source, demand);
    }

    /** Another demand of the negotiation, from the same proposer to the same addressee. */
    public static String demand(Tabled tabled, String title, String kind) {
        return demand(tabled, title, kind, TABLED_ON);
    }

    public static String demand(Tabled tabled, String title, String kind, String tabledOn) {
        String slug = unique("demand");
        api().body(Map.of("slug", slug, "negotiation", tabled.negotiation(), "proposer", tabled.proposer(),
                "addressees", List.of(tabled.addressee()), "title", title, "text", "About " + title, "topic",
                "security", "kind", kind, "tabled_on", tabledOn)).post("/api/v1/demands").then().statusCode(201);
        return slug;
    }

    /** Records the addressee's stance through the API with one new citation, as the given key. */
    public static void record(String key, Tabled tabled, String status, String effectiveOn, String note,
            String quote) {
        Map<String, Object> citation = new HashMap<>();
        citation.put("source_id", tabled.source());
        citation.put("title", "Statement on " + tabled.demand());
        citation.put("quote", quote);
        citation.put("kind", "DIRECT_QUOTE");
        citation.put("relation", "SUPPORTS");
        Map<String, Object> stance = new HashMap<>();
        stance.put("status", status);
        stance.put("effective_on", effectiveOn);
        stance.put("note", note);
        stance.put("citations", List.of(citation));
        String path = "/api/v1/demands/" + tabled.demand() + "/positions/" + tabled.addressee();
        String etag = api().get(path).then().statusCode(200).extract().header("ETag");
        api().auth().oauth2(key).header("If-Match", etag).body(stance).put(path).then().statusCode(200);
    }

    public static void link(String from, String type, String to, String note) {
        api().body(Map.of("type", type, "target", to, "note", note)).post("/api/v1/demands/" + from + "/links")
                .then().statusCode(201);
    }

    // ---- documents and events ----

    /** A document Parley holds the text of, published by the source; answers its id. */
    public static String document(String title, String source, String text) {
        return api().body(Map.of("title", title, "source_id", source, "language", "en", "published_on", "2022-01-26",
                "text", text)).post("/api/v1/documents").then().statusCode(201).extract().path("id");
    }

    /** A round of the negotiation, naming the documents it produced; answers its id. */
    public static String event(String negotiation, String title, String day, List<String> documents) {
        return api().body(Map.of("kind", "WRITTEN_REPLY", "occurred_on", day, "title", title, "document_ids",
                documents)).post("/api/v1/negotiations/" + negotiation + "/events").then().statusCode(201)
                .extract().path("id");
    }

    // ---- keys and webhooks ----

    /** A new API key with the ANALYST role, named {@code name}; answers the key itself. */
    public static String analyst(String name) {
        return key(name, "ANALYST");
    }

    /** A new API key; answers the key itself. */
    public static String key(String name, String role) {
        return api().body(Map.of("name", name, "role", role)).post("/api/v1/api-keys").then().statusCode(201)
                .extract().path("key");
    }

    /** A subscription of {@code eventTypes} delivered to {@code url}; answers its id. */
    public static String webhook(String url, List<String> eventTypes) {
        return api().body(Map.of("url", url, "event_types", eventTypes)).post("/api/v1/webhooks").then()
                .statusCode(201).extract().path("webhook.id");
    }
}
