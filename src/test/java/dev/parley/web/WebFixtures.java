package dev.parley.web;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A test's own negotiation, parties, source, demand and analyst key, made through the API. */
final class WebFixtures {

    static final String TABLED_ON = "2022-01-10";

    record Scene(String negotiation, String proposer, String addressee, String source, String demand) {
    }

    private WebFixtures() {
    }

    /** A negotiation of two parties with one demand from the first to the second. */
    static Scene scene(String partyName, String demandTitle) {
        String proposer = party("Proposer " + partyName);
        String addressee = party(partyName);
        String negotiation = unique("talks");
        api().body(Map.of("slug", negotiation, "title", "Talks on " + demandTitle, "started_on", TABLED_ON,
                "participants", List.of(proposer, addressee)))
                .post("/api/v1/negotiations").then().statusCode(201);
        String source = api().body(Map.of("name", "Agency " + unique("src"), "kind", "NEWS_AGENCY", "reliability", "B"))
                .post("/api/v1/sources").then().statusCode(201).extract().path("id");
        String demand = unique("demand");
        Map<String, Object> body = new HashMap<>();
        body.put("slug", demand);
        body.put("negotiation", negotiation);
        body.put("proposer", proposer);
        body.put("addressees", List.of(addressee));
        body.put("title", demandTitle);
        body.put("text", "The proposer asks for it: " + demandTitle);
        body.put("topic", "security");
        body.put("kind", "DEMAND");
        body.put("tabled_on", TABLED_ON);
        api().body(body).post("/api/v1/demands").then().statusCode(201);
        return new Scene(negotiation, proposer, addressee, source, demand);
    }

    static String party(String name) {
        String slug = unique("party");
        api().body(Map.of("slug", slug, "name", name, "kind", "STATE")).post("/api/v1/parties").then().statusCode(201);
        return slug;
    }

    /** A new API key with the ANALYST role, named {@code name}; answers the key itself. */
    static String analyst(String name) {
        return key(name, "ANALYST");
    }

    static String key(String name, String role) {
        return api().body(Map.of("name", name, "role", role)).post("/api/v1/api-keys").then().statusCode(201)
                .extract().path("key");
    }

    /** Records a stance through the API with one new citation, as the given key. */
    static void record(String key, Scene scene, String status, String effectiveOn, String note, String quote) {
        Map<String, Object> citation = new HashMap<>();
        citation.put("source_id", scene.source());
        citation.put("title", "Statement on " + scene.demand());
        citation.put("quote", quote);
        citation.put("kind", "DIRECT_QUOTE");
        citation.put("relation", "SUPPORTS");
        Map<String, Object> stance = new HashMap<>();
        stance.put("status", status);
        stance.put("effective_on", effectiveOn);
        stance.put("note", note);
        stance.put("citations", List.of(citation));
        String path = "/api/v1/demands/" + scene.demand() + "/positions/" + scene.addressee();
        String etag = api().get(path).then().statusCode(200).extract().header("ETag");
        api().auth().oauth2(key).header("If-Match", etag).body(stance).put(path).then().statusCode(200);
    }

    /** A document Parley holds the text of, published by the source; answers its id. */
    static String document(String title, String source, String text) {
        return api().body(Map.of("title", title, "source_id", source, "language", "en", "published_on", "2022-01-26",
                "text", text)).post("/api/v1/documents").then().statusCode(201).extract().path("id");
    }

    /** A round of the negotiation, naming the documents it produced; answers its id. */
    static String event(String negotiation, String title, String day, List<String> documents) {
        return api().body(Map.of("kind", "WRITTEN_REPLY", "occurred_on", day, "title", title, "document_ids",
                documents)).post("/api/v1/negotiations/" + negotiation + "/events").then().statusCode(201)
                .extract().path("id");
    }

    /** Another demand of the scene's negotiation, from the same proposer to the same addressee. */
    static String demand(Scene scene, String title, String kind) {
        return demand(scene, title, kind, TABLED_ON);
    }

    static String demand(Scene scene, String title, String kind, String tabledOn) {
        String slug = unique("demand");
        api().body(Map.of("slug", slug, "negotiation", scene.negotiation(), "proposer", scene.proposer(),
                "addressees", List.of(scene.addressee()), "title", title, "text", "About " + title, "topic",
                "security", "kind", kind, "tabled_on", tabledOn)).post("/api/v1/demands").then().statusCode(201);
        return slug;
    }

    static void link(String from, String type, String to, String note) {
        api().body(Map.of("type", type, "target", to, "note", note)).post("/api/v1/demands/" + from + "/links")
                .then().statusCode(201);
    }
}
