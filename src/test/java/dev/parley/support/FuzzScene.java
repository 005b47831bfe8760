package dev.parley.support;

import static dev.parley.support.Api.unique;

import java.util.List;
import java.util.Map;

/**
 * The data fuzz tests aim at, made once per test run through the API: parties in a negotiation, a
 * demand among them with a recorded stance and its citation, a source and an inactive webhook.
 * Fuzzed requests refer to these so that they get past "no such party" into the code behind it.
 */
public record FuzzScene(String negotiation, String proposer, String first, String second, String outsider,
        String demand, String source, String citation, String webhook) {

    public static final String TABLED_ON = "2022-01-10";
    /** Where fuzzed webhooks point: the discard port on loopback, where nothing listens. */
    public static final String WEBHOOK_TARGET = "http://127.0.0.1:9/";

    private static FuzzScene scene;

    public static synchronized FuzzScene get() {
        if (scene == null) {
            scene = create();
        }
        return scene;
    }

    private static FuzzScene create() {
        String proposer = party("proposer");
        String first = party("first");
        String second = party("second");
        String outsider = party("outsider");
        String negotiation = unique("fz-talks");
        Loopback.post("/api/v1/negotiations").json(Map.of("slug", negotiation, "title", "Talks " + negotiation,
                "started_on", "2022-01-01", "participants", List.of(proposer, first, second))).send().assertStatus(201);
        String source = Loopback.post("/api/v1/sources")
                .json(Map.of("name", "Agency " + negotiation, "kind", "NEWS_AGENCY", "reliability", "B")).send()
                .assertStatus(201).json().path("id").asText();
        String demand = demand(negotiation, proposer, List.of(first, second));
        String path = "/api/v1/demands/" + demand + "/positions/" + first;
        String citation = Loopback.put(path).ifMatch(etag(path))
                .json(Map.of("status", "REJECTED", "effective_on", "2022-01-15", "citations", List.of(Map.of(
                        "source_id", source, "title", "Statement", "quote", "We reject it.", "kind", "DIRECT_QUOTE",
                        "relation", "SUPPORTS"))))
                .send().assertStatus(200).json().path("citations").path(0).path("id").asText();
        String webhook = Loopback.post("/api/v1/webhooks")
                .json(Map.of("url", WEBHOOK_TARGET + negotiation, "event_types", List.of("*"), "active", false))
                .send().assertStatus(201).json().path("webhook").path("id").asText();
        return new FuzzScene(negotiation, proposer, first, second, outsider, demand, source, citation, webhook);
    }

    /** A new demand from the scene's proposer, tabled on {@link #TABLED_ON}; answers its slug. */
    public String newDemand() {
        return demand(negotiation, proposer, List.of(first, second));
    }

    /**
     * Fills the placeholders committed inputs use for this scene's data: {negotiation}, {demand},
     * {proposer}, {first}, {second}, {outsider}, {source}, {citation}, {webhook}, and {slug} for a
     * slug nothing has yet.
     */
    public String fill(String text) {
        return text.replace("{negotiation}", negotiation).replace("{demand}", demand).replace("{proposer}", proposer)
                .replace("{first}", first).replace("{second}", second).replace("{outsider}", outsider)
                .replace("{source}", source).replace("{citation}", citation).replace("{webhook}", webhook)
                .replace("{slug}", unique("fz"));
    }

    public List<String> parties() {
        return List.of(proposer, first, second, outsider);
    }

    private static String party(String prefix) {
        String slug = unique("fz-" + prefix);
        Loopback.post("/api/v1/parties").json(Map.of("slug", slug, "name", "Party " + slug, "kind", "STATE")).send()
                .assertStatus(201);
        return slug;
    }

    private static String demand(String negotiation, String proposer, List<String> addressees) {
        String slug = unique("fz-demand");
        Loopback.post("/api/v1/demands").json(Map.of("slug", slug, "negotiation", negotiation, "proposer", proposer,
                "addressees", addressees, "title", "Demand " + slug, "text", "The proposer asks for " + slug + ".",
                "topic", "security", "kind", "DEMAND", "tabled_on", TABLED_ON)).send().assertStatus(201);
        return slug;
    }

    /** The ETag a GET of {@code path} answers, for the If-Match of a write. */
    public static String etag(String path) {
        return Loopback.get(path).send().header("ETag").orElse(null);
    }
}
