package dev.parley.common;

import static dev.parley.support.Api.unique;
import static dev.parley.support.FuzzedJson.any;
import static dev.parley.support.FuzzedJson.list;
import static dev.parley.support.FuzzedJson.object;
import static dev.parley.support.FuzzedJson.text;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.parley.support.FuzzScene;
import dev.parley.support.JazzerFirst;
import dev.parley.support.Loopback;
import dev.parley.support.TextInput;
import dev.parley.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Fuzzed request bodies for every create, for recording a stance and for importing a bundle:
 * whatever the body, the answer is the created resource or a problem, never a 5xx.
 */
// Jazzer before Quarkus, so that JAZZER_FUZZ=1 fuzzes: see JazzerFirst.
@ExtendWith(JazzerFirst.class)
@QuarkusTest
class RequestBodyFuzzTest {

    private static final List<String> CREATES = List.of("parties", "negotiations", "demands", "sources", "webhooks");
    private static final List<String> MEDIA_TYPES = List.of("application/json", "application/json; charset=UTF-16",
            "application/merge-patch+json", "text/plain", "application/x-www-form-urlencoded", "application/xml");

    @FuzzTest(maxDuration = "3m")
    void anyCreateBodyIsCreatedOrAProblem(FuzzedDataProvider data) {
        FuzzScene scene = FuzzScene.get();
        TextInput input = TextInput.of(data);
        String resource = input != null ? input.pick(CREATES) : data.pickValue(CREATES);
        byte[] body = input != null ? input.payload(scene) : Loopback.write(createBody(data, resource, scene));
        if (resource.equals("webhooks")) {
            body = Webhooks.onLoopback(body);
        }
        Loopback.Reply reply = Loopback.post("/api/v1/" + resource).body(mediaType(data), body)
                .header("Idempotency-Key", data.consumeInt(0, 7) == 7 ? data.consumeString(40) : null)
                .send().assertWellFormed();
        if (resource.equals("webhooks")) {
            Webhooks.forget(reply);
        }
    }

    @FuzzTest(maxDuration = "3m")
    void anyStanceIsRecordedOrAProblem(FuzzedDataProvider data) {
        FuzzScene scene = FuzzScene.get();
        TextInput input = TextInput.of(data);
        String demand = scene.newDemand();
        List<String> roles = List.of("proposer", "first", "second", "outsider");
        String role = input != null ? input.pick(roles) : data.pickValue(roles);
        String party = scene.parties().get(roles.indexOf(role));
        if (input == null && data.consumeInt(0, 15) == 15) {
            party = data.consumeString(30);
        }
        String path = "/api/v1/demands/" + demand + "/positions/" + party;
        String etag = FuzzScene.etag(path);
        byte[] body = input != null ? input.payload(scene) : Loopback.write(stanceBody(data, scene));
        Loopback.put(path).body(mediaType(data), body).ifMatch(ifMatch(data, etag)).send().assertWellFormed();
    }

    @FuzzTest(maxDuration = "3m")
    void anyLinkOrEventIsCreatedOrAProblem(FuzzedDataProvider data) {
        FuzzScene scene = FuzzScene.get();
        TextInput input = TextInput.of(data);
        List<String> targets = List.of("links", "events");
        String target = input != null ? input.pick(targets) : data.pickValue(targets);
        // Links start from a new demand each time, so a valid one never meets an earlier one.
        String path = target.equals("links") ? "/api/v1/demands/" + scene.newDemand() + "/links"
                : "/api/v1/negotiations/" + scene.negotiation() + "/events";
        byte[] body = input != null ? input.payload(scene) : Loopback.write(structureBody(data, target, scene));
        Loopback.post(path).body(mediaType(data), body)
                .header("Idempotency-Key", data.consumeInt(0, 7) == 7 ? data.consumeString(40) : null)
                .send().assertWellFormed();
    }

    private static ObjectNode structureBody(FuzzedDataProvider data, String target, FuzzScene scene) {
        Map<String, List<JsonNode>> members = new LinkedHashMap<>();
        if (target.equals("links")) {
            members.put("type", texts("COUNTER_TO", "RESTATES", "PART_OF", "SUPERSEDES", "ALTERNATIVE_TO", "REFINES",
                    "CONDITIONAL_ON", "counter_to"));
            members.put("target", texts(scene.demand(), "no-such-demand", "Not A Slug"));
            members.put("note", texts("Answers it with other terms."));
            members.put("citation_ids", List.of(slugs(scene.citation()), slugs(), slugs("cit_nope")));
        } else {
            members.put("kind", texts("WRITTEN_REPLY", "DRAFT_TABLED", "NOTE", "MEETING", "CALL", "STATEMENT",
                    "DEADLINE", "reply"));
            members.put("occurred_on", texts("2022-01-26", "2022-13-01", "26 January 2022"));
            members.put("occurred_on_precision", texts("DAY", "MONTH", "YEAR", "ON_OR_BEFORE", "UNKNOWN"));
            members.put("title", texts("Written replies", ""));
            members.put("parties", List.of(slugs(scene.first(), scene.second()), slugs(scene.outsider()),
                    slugs(scene.first(), scene.first()), slugs("no-such-party"), slugs()));
            members.put("document_ids", List.of(slugs("doc_reply"), slugs()));
            members.put("note", texts("Delivered by the ambassador."));
        }
        return object(data, members);
    }

    @FuzzTest(maxDuration = "3m")
    void anyBundleIsImportedOrAProblem(FuzzedDataProvider data) {
        FuzzScene scene = FuzzScene.get();
        TextInput input = TextInput.of(data);
        byte[] body = input != null ? input.payload(scene) : Loopback.write(bundle(data, scene));
        Loopback.post("/api/v1/import").body(mediaType(data), body).send().assertWellFormed();
    }

    static ObjectNode createBody(FuzzedDataProvider data, String resource, FuzzScene scene) {
        ObjectNode body = object(data, members(resource, scene, unique("fz")));
        return resource.equals("webhooks") ? Webhooks.onLoopback(body) : body;
    }

    /** What each create takes, with valid samples first; {@code slug} is one no resource has yet. */
    static Map<String, List<JsonNode>> members(String resource, FuzzScene scene, String slug) {
        Map<String, List<JsonNode>> members = new LinkedHashMap<>();
        switch (resource) {
            case "parties" -> {
                members.put("slug", texts(slug, scene.proposer(), "Not A Slug"));
                members.put("name", texts("Party " + slug));
                members.put("kind", texts("STATE", "ALLIANCE", "ORGANIZATION", "GROUP", "PERSON", "state"));
                members.put("wikidata_id", texts("Q159", "Q0", "159"));
            }
            case "negotiations" -> {
                members.put("slug", texts(slug, scene.negotiation()));
                members.put("title", texts("Talks " + slug));
                members.put("summary", texts("Who met whom, and why."));
                members.put("started_on", texts("2022-01-01", "2022-02-01"));
                members.put("ended_on", texts("2022-03-01", "2021-12-31"));
                members.put("participants", List.of(slugs(scene.proposer(), scene.first(), scene.second()),
                        slugs(scene.proposer()), slugs(scene.outsider(), scene.outsider()), slugs("no-such-party"),
                        slugs()));
            }
            case "demands" -> {
                members.put("slug", texts(slug, scene.demand()));
                members.put("negotiation", texts(scene.negotiation(), "no-such-talks"));
                members.put("proposer", texts(scene.proposer(), scene.first(), scene.outsider()));
                members.put("addressees", List.of(slugs(scene.first(), scene.second()), slugs(scene.first()),
                        slugs(scene.proposer()), slugs(scene.outsider()), slugs(scene.first(), scene.first()),
                        slugs()));
                members.put("title", texts("Demand " + slug));
                members.put("text", texts("The proposer asks for " + slug + "."));
                members.put("topic", texts("security", "Security"));
                members.put("kind", texts("DEMAND", "OFFER", "RED_LINE", "PACKAGE"));
                members.put("tabled_on", texts(FuzzScene.TABLED_ON, "2021-12-31", "2022-03-01"));
                members.put("co_proposers", List.of(slugs(), slugs(scene.second()), slugs(scene.first()),
                        slugs(scene.outsider())));
                members.put("concerned", List.of(slugs(), slugs(scene.outsider()), slugs(scene.proposer())));
                members.put("inseparable", List.of(JsonNodeFactory.instance.booleanNode(false),
                        JsonNodeFactory.instance.booleanNode(true)));
            }
            case "sources" -> {
                members.put("name", texts("Agency " + slug));
                members.put("kind", texts("NEWS_AGENCY", "GOVERNMENT", "INTERNATIONAL_ORGANIZATION", "NEWSPAPER",
                        "BROADCASTER", "STATE_MEDIA", "THINK_TANK", "OTHER"));
                members.put("reliability", texts("A", "B", "C", "D", "E", "F", "G"));
                members.put("reliability_note", texts("Usually right."));
            }
            case "webhooks" -> {
                members.put("url", texts(FuzzScene.WEBHOOK_TARGET + slug, "ftp://127.0.0.1/", "http://"));
                members.put("event_types", List.of(slugs("*"), slugs("position.changed", "demand.created"),
                        slugs("no.such.type"), slugs()));
                members.put("active", List.of(JsonNodeFactory.instance.booleanNode(false),
                        JsonNodeFactory.instance.booleanNode(true)));
                members.put("description", texts("Fuzzed subscription."));
            }
            default -> throw new IllegalArgumentException(resource);
        }
        return members;
    }

    private static ObjectNode stanceBody(FuzzedDataProvider data, FuzzScene scene) {
        Map<String, List<JsonNode>> members = new LinkedHashMap<>();
        members.put("status", texts("UNASSESSED", "REJECTED", "TABLED", "NO_RESPONSE", "OPEN_TO_DISCUSSION",
                "COUNTER_PROPOSED", "CONDITIONALLY_ACCEPTED", "ACCEPTED", "CODIFIED", "WITHDRAWN", "rejected"));
        members.put("effective_on", texts("2022-01-20", FuzzScene.TABLED_ON, "2022-01-09"));
        members.put("note", texts("Said at the press conference."));
        members.put("citations", List.of(list(data, 2, () -> citation(data, scene))));
        members.put("citation_ids", List.of(slugs(scene.citation()), slugs(), slugs("cit_nope"),
                slugs(scene.citation(), scene.citation())));
        members.put("counter", texts(scene.demand(), "no-such-demand"));
        members.put("conditions", List.of(slugs(scene.demand()), slugs(), slugs("no-such-demand")));
        members.put("event_id", texts("evt_nope"));
        return object(data, members);
    }

    private static JsonNode citation(FuzzedDataProvider data, FuzzScene scene) {
        Map<String, List<JsonNode>> members = new LinkedHashMap<>();
        members.put("source_id", texts(scene.source(), "src_nope"));
        members.put("title", texts("Statement"));
        members.put("url", texts("https://example.org/statement", "example.org"));
        members.put("published_on", texts("2022-01-12"));
        members.put("quote", texts("We reject it."));
        members.put("speaker", texts("A spokesperson"));
        members.put("kind", texts("DIRECT_QUOTE", "OFFICIAL_TEXT", "REPORTED"));
        members.put("relation", texts("SUPPORTS", "CONTRADICTS", "CONTEXT"));
        return object(data, members);
    }

    /**
     * A bundle of new parties, a source and citation, a negotiation and a demand with a history,
     * all referring to one another, so that a bundle left valid really imports.
     */
    private static JsonNode bundle(FuzzedDataProvider data, FuzzScene scene) {
        String tag = unique("fz").substring(3);
        String proposer = "fz-p-" + tag;
        String addressee = "fz-a-" + tag;
        String source = "src_fz" + tag.replace('-', '_');
        String citation = "cit_fz" + tag.replace('-', '_');
        String negotiation = "fz-n-" + tag;
        Map<String, List<JsonNode>> party = new LinkedHashMap<>();
        party.put("slug", texts(proposer, addressee, scene.proposer()));
        party.put("name", texts("Party " + tag));
        party.put("kind", texts("STATE", "GROUP"));
        party.put("wikidata_id", texts("Q159"));
        Map<String, List<JsonNode>> bundleSource = new LinkedHashMap<>();
        bundleSource.put("id", texts(source, scene.source(), "src_x"));
        bundleSource.put("name", texts("Agency " + tag));
        bundleSource.put("kind", texts("NEWS_AGENCY"));
        bundleSource.put("reliability", texts("B"));
        bundleSource.put("reliability_note", texts("Usually right."));
        Map<String, List<JsonNode>> bundleCitation = new LinkedHashMap<>();
        bundleCitation.put("id", texts(citation, scene.citation(), "cit_x"));
        bundleCitation.put("source_id", texts(source, scene.source(), "src_nope"));
        bundleCitation.put("title", texts("Statement"));
        bundleCitation.put("url", texts("https://example.org/statement"));
        bundleCitation.put("published_on", texts("2022-01-12"));
        bundleCitation.put("quote", texts("We reject it."));
        bundleCitation.put("speaker", texts("A spokesperson"));
        bundleCitation.put("kind", texts("DIRECT_QUOTE"));
        bundleCitation.put("relation", texts("SUPPORTS"));
        Map<String, List<JsonNode>> bundleNegotiation = new LinkedHashMap<>();
        bundleNegotiation.put("slug", texts(negotiation, scene.negotiation()));
        bundleNegotiation.put("title", texts("Talks " + tag));
        bundleNegotiation.put("started_on", texts("2022-01-01"));
        bundleNegotiation.put("ended_on", texts("2022-03-01", "2021-01-01"));
        bundleNegotiation.put("participants", List.of(slugs(proposer, addressee), slugs(scene.proposer())));
        Supplier<JsonNode> stance = () -> {
            Map<String, List<JsonNode>> members = new LinkedHashMap<>();
            members.put("status", texts("REJECTED", "TABLED", "ACCEPTED", "WITHDRAWN", "UNASSESSED"));
            members.put("effective_on", texts("2022-01-15", "2021-01-01"));
            members.put("note", texts("Restored."));
            members.put("citation_ids", List.of(slugs(citation), slugs(), slugs("cit_nope")));
            members.put("recorded_at", texts("2022-01-16T10:00:00Z", "2022-01-16"));
            members.put("recorded_by", texts("fuzz"));
            return object(data, members);
        };
        Supplier<JsonNode> position = () -> {
            Map<String, List<JsonNode>> members = new LinkedHashMap<>();
            members.put("party", texts(addressee, proposer, scene.outsider()));
            members.put("history", List.of(list(data, 2, stance)));
            return object(data, members);
        };
        Map<String, List<JsonNode>> demand = new LinkedHashMap<>();
        demand.put("slug", texts("fz-d-" + tag, scene.demand()));
        demand.put("negotiation", texts(negotiation, scene.negotiation(), "no-such-talks"));
        demand.put("proposer", texts(proposer, scene.outsider()));
        demand.put("addressees", List.of(slugs(addressee), slugs(proposer), slugs()));
        demand.put("title", texts("Demand " + tag));
        demand.put("text", texts("The proposer asks."));
        demand.put("topic", texts("security"));
        demand.put("kind", texts("DEMAND"));
        demand.put("tabled_on", texts(FuzzScene.TABLED_ON));
        demand.put("positions", List.of(list(data, 2, position)));

        Map<String, List<JsonNode>> members = new LinkedHashMap<>();
        members.put("format", texts("parley-bundle/1", "parley-bundle/2"));
        members.put("exported_at", texts("2022-01-20T00:00:00Z"));
        members.put("parties", List.of(list(data, 2, () -> object(data, party))));
        members.put("sources", List.of(list(data, 2, () -> object(data, bundleSource))));
        members.put("citations", List.of(list(data, 2, () -> object(data, bundleCitation))));
        members.put("negotiations", List.of(list(data, 2, () -> object(data, bundleNegotiation))));
        members.put("demands", List.of(list(data, 2, () -> object(data, demand))));
        return data.consumeInt(0, 31) == 31 ? any(data, 3) : object(data, members);
    }

    // Rare choices take the highest value: when the data runs out every choice is 0, the usual one.

    /** Mostly JSON, the one media type a create reads; now and then another. */
    static String mediaType(FuzzedDataProvider data) {
        return data.consumeInt(0, 15) == 15 ? data.pickValue(MEDIA_TYPES) : "application/json";
    }

    /** Mostly the current ETag; now and then none, a stale one or anything. */
    static String ifMatch(FuzzedDataProvider data, String etag) {
        return switch (data.consumeInt(0, 15)) {
            case 13 -> null;
            case 14 -> "\"stale\"";
            case 15 -> data.consumeString(30);
            default -> etag;
        };
    }

    static List<JsonNode> texts(String... values) {
        return Arrays.stream(values).map(v -> (JsonNode) text(v)).toList();
    }

    static JsonNode slugs(String... values) {
        var array = JsonNodeFactory.instance.arrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }
}
