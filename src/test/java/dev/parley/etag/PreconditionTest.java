package dev.parley.etag;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.bare;
import static dev.parley.support.Api.etag;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.negotiation;
import static dev.parley.support.Fixtures.party;
import static dev.parley.support.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * If-Match on every PATCH, PUT and DELETE of an existing resource: none gives 428, a stale or weak
 * one 412, and then nothing is written; the current one writes and answers the new ETag.
 */
@QuarkusTest
class PreconditionTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final int RACES = 20;

    /**
     * The writes under test, by the operationId the document gives them; each makes its own
     * resource. {@link #everyDocumentedWriteIsUnderTest} fails for a PATCH, PUT or DELETE the
     * document has and this list lacks.
     */
    enum Write {
        PATCH_PARTY("updateParty"),
        PATCH_NEGOTIATION("updateNegotiation"),
        PATCH_DEMAND("updateDemand"),
        DELETE_DEMAND("deleteDemand"),
        PUT_POSITION("recordStance"),
        PATCH_SOURCE("updateSource"),
        DELETE_PARTY("deleteParty"),
        PATCH_WEBHOOK("updateWebhook"),
        DELETE_WEBHOOK("deleteWebhook"),
        DELETE_API_KEY("revokeApiKey"),
        PATCH_EVENT("updateEvent"),
        PATCH_DOCUMENT("updateDocument"),
        DELETE_LINK("deleteLink");

        final String operationId;

        Write(String operationId) {
            this.operationId = operationId;
        }

        boolean deletes() {
            return name().startsWith("DELETE");
        }
    }

    @Test
    void everyDocumentedWriteIsUnderTest() throws Exception {
        JsonNode document = new ObjectMapper().readTree(RestAssured.given().accept("application/json")
                .get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        Set<String> documented = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (path.getKey().startsWith("/api/v1/") && Set.of("patch", "put", "delete").contains(op.getKey())) {
                documented.add(op.getValue().path("operationId").asText());
            }
        }));
        Set<String> underTest = Arrays.stream(Write.values()).map(w -> w.operationId)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(underTest)
                .as("PATCH, PUT and DELETE operations of the document: add each to PreconditionTest.Write")
                .isEqualTo(documented);
    }

    /**
     * A fresh resource at {@code path} and a write of it; {@code change} is another write of the
     * same resource that makes an ETag taken before it stale.
     */
    record Target(String path, String method, String contentType, String body, Runnable change) {

        Response send(RequestSpecification request) {
            if (contentType != null) {
                request.contentType(contentType).body(body);
            }
            return request.request(method, path);
        }
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void missingIfMatchIsRequiredAndNothingIsWritten(Write write) {
        Target target = target(write);
        State before = State.of(target.path());
        target.send(bare()).then().statusCode(428)
                .contentType("application/problem+json")
                .body("code", equalTo("PRECONDITION_REQUIRED"));
        assertThat(State.of(target.path())).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void staleIfMatchIsRejectedAndNothingIsWritten(Write write) {
        Target target = target(write);
        String stale = etag(target.path());
        target.change().run();
        State before = State.of(target.path());
        assertThat(before.etag()).isNotEqualTo(stale);
        target.send(bare().header("If-Match", stale)).then().statusCode(412)
                .contentType("application/problem+json")
                .body("code", equalTo("PRECONDITION_FAILED"));
        assertThat(State.of(target.path())).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void weakIfMatchNeverMatches(Write write) {
        Target target = target(write);
        State before = State.of(target.path());
        target.send(bare().header("If-Match", "W/" + before.etag())).then().statusCode(412)
                .body("code", equalTo("PRECONDITION_FAILED"));
        assertThat(State.of(target.path())).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void currentIfMatchWritesAndAnswersTheNewEtag(Write write) {
        Target target = target(write);
        State before = State.of(target.path());
        Response response = target.send(bare().header("If-Match", before.etag()));
        if (write == Write.DELETE_API_KEY) {
            // A revoked key stays listed, marked revoked.
            response.then().statusCode(204);
            api().get(target.path()).then().statusCode(200).body("revoked_at", notNullValue());
            return;
        }
        if (write.deletes()) {
            response.then().statusCode(204);
            api().get(target.path()).then().statusCode(404);
            return;
        }
        response.then().statusCode(200);
        String answered = response.header("ETag");
        assertThat(answered).isNotNull().isNotEqualTo(before.etag());
        State after = State.of(target.path());
        assertThat(after.etag()).isEqualTo(answered);
        assertThat(after.body()).isNotEqualTo(before.body());
        // The answered tag is the current one: it writes again.
        target.send(bare().header("If-Match", answered)).then().statusCode(200);
    }

    @Test
    void anyOfSeveralTagsMayMatch() {
        String slug = party();
        String path = "/api/v1/parties/" + slug;
        bare().contentType(MERGE_PATCH).body("{\"name\":\"Listed\"}")
                .header("If-Match", "\"old-one\", " + etag(path))
                .patch(path).then().statusCode(200).body("name", equalTo("Listed"));
    }

    /** Two analysts send the same If-Match at the same moment: exactly one wins, the other gets 412. */
    @Test
    void ofTwoRacingWritersWithOneEtagExactlyOneWins() throws Exception {
        List<String> analysts = List.of(analystKey(), analystKey());
        for (int race = 0; race < RACES; race++) {
            String path = "/api/v1/parties/" + party();
            List<Integer> statuses = race(analysts, "PATCH", path, MERGE_PATCH,
                    List.of("{\"name\":\"Writer 0\"}", "{\"name\":\"Writer 1\"}"));
            assertThat(statuses).as("race " + race).containsExactlyInAnyOrder(200, 412);
            api().get(path).then().statusCode(200).body("name", equalTo("Writer " + statuses.indexOf(200)));
        }
    }

    @Test
    void ofTwoRacingStancesWithOneEtagExactlyOneIsRecorded() throws Exception {
        List<String> analysts = List.of(analystKey(), analystKey());
        for (int race = 0; race < RACES; race++) {
            Demand demand = demand();
            String path = "/api/v1/demands/" + demand.slug() + "/positions/" + demand.addressee();
            List<Integer> statuses = race(analysts, "PUT", path, "application/json",
                    List.of("{\"status\":\"UNASSESSED\",\"effective_on\":\"2022-02-01\",\"note\":\"Writer 0\"}",
                            "{\"status\":\"UNASSESSED\",\"effective_on\":\"2022-02-01\",\"note\":\"Writer 1\"}"));
            assertThat(statuses).as("race " + race).containsExactlyInAnyOrder(200, 412);
            api().get(path + "/history").then().statusCode(200)
                    .body("items.size()", equalTo(2))
                    .body("items[0].note", equalTo("Writer " + statuses.indexOf(200)));
        }
    }

    /**
     * Sends one write per key with the ETag the path has now, all released at the same moment on
     * connections opened beforehand; answers the statuses in key order.
     */
    private static List<Integer> race(List<String> keys, String method, String path, String contentType,
            List<String> bodies) throws Exception {
        String tag = etag(path);
        URI uri = URI.create("http://localhost:" + RestAssured.port + path);
        ExecutorService pool = Executors.newFixedThreadPool(keys.size());
        try {
            CountDownLatch ready = new CountDownLatch(keys.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                HttpRequest write = HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + keys.get(i))
                        .header("Content-Type", contentType)
                        .header("If-Match", tag)
                        .method(method, HttpRequest.BodyPublishers.ofString(bodies.get(i)))
                        .build();
                answers.add(pool.submit(() -> {
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    // Warm the connection so that both writes leave at once.
                    client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/q/health/live"))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    ready.countDown();
                    start.await();
                    return client.send(write, HttpResponse.BodyHandlers.discarding()).statusCode();
                }));
            }
            ready.await(60, TimeUnit.SECONDS);
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a GET of a path shows: status, ETag and body. */
    record State(int status, String etag, String body) {

        static State of(String path) {
            Response response = api().get(path);
            return new State(response.statusCode(), response.header("ETag"), response.asString());
        }
    }

    private static Target target(Write write) {
        return switch (write) {
            case PATCH_PARTY -> {
                String path = "/api/v1/parties/" + party();
                yield new Target(path, "PATCH", MERGE_PATCH, "{\"name\":\"Renamed " + unique("n") + "\"}",
                        () -> patch(path, "{\"wikidata_id\":\"Q1\"}"));
            }
            case DELETE_PARTY -> {
                String path = "/api/v1/parties/" + party();
                yield new Target(path, "DELETE", null, null, () -> patch(path, "{\"wikidata_id\":\"Q1\"}"));
            }
            case PATCH_NEGOTIATION -> {
                String path = "/api/v1/negotiations/" + negotiation(party(), party());
                yield new Target(path, "PATCH", MERGE_PATCH, "{\"title\":\"Retitled " + unique("t") + "\"}",
                        () -> patch(path, "{\"summary\":\"Changed meanwhile.\"}"));
            }
            case PATCH_DEMAND -> {
                String path = "/api/v1/demands/" + demand().slug();
                yield new Target(path, "PATCH", MERGE_PATCH, "{\"title\":\"Retitled " + unique("t") + "\"}",
                        () -> patch(path, "{\"text\":\"Changed meanwhile.\"}"));
            }
            case DELETE_DEMAND -> {
                String path = "/api/v1/demands/" + demand().slug();
                yield new Target(path, "DELETE", null, null, () -> patch(path, "{\"text\":\"Changed meanwhile.\"}"));
            }
            case PUT_POSITION -> {
                Demand demand = demand();
                String path = "/api/v1/demands/" + demand.slug() + "/positions/" + demand.addressee();
                yield new Target(path, "PUT", "application/json",
                        "{\"status\":\"UNASSESSED\",\"effective_on\":\"2022-02-01\",\"note\":\"" + unique("note") + "\"}",
                        () -> api().body(Map.of("status", "UNASSESSED", "effective_on", "2022-01-15", "note",
                                "Meanwhile.")).put(path).then().statusCode(200));
            }
            case PATCH_WEBHOOK -> {
                String path = "/api/v1/webhooks/" + webhook();
                yield new Target(path, "PATCH", MERGE_PATCH, "{\"description\":\"Renamed " + unique("w") + "\"}",
                        () -> patch(path, "{\"description\":\"Changed meanwhile.\"}"));
            }
            case DELETE_WEBHOOK -> {
                String path = "/api/v1/webhooks/" + webhook();
                yield new Target(path, "DELETE", null, null, () -> patch(path, "{\"description\":\"Changed meanwhile.\"}"));
            }
            case DELETE_API_KEY -> {
                String path = "/api/v1/api-keys/" + apiKey();
                // An API key has no other write: revoking it is what makes an earlier ETag stale.
                yield new Target(path, "DELETE", null, null, () -> api().delete(path).then().statusCode(204));
            }
            case PATCH_EVENT -> {
                Demand demand = demand();
                String negotiation = api().get("/api/v1/demands/" + demand.slug()).then().extract().path("negotiation");
                String path = "/api/v1/negotiations/" + negotiation + "/events/" + api()
                        .body(Map.of("kind", "NOTE", "occurred_on", "2022-02-01", "title", "Notes"))
                        .post("/api/v1/negotiations/" + negotiation + "/events").then().statusCode(201)
                        .extract().path("id");
                yield new Target(path, "PATCH", MERGE_PATCH, "{\"title\":\"Retitled " + unique("t") + "\"}",
                        () -> patch(path, "{\"note\":\"Changed meanwhile.\"}"));
            }
            case DELETE_LINK -> {
                Demand demand = demand();
                String negotiation = api().get("/api/v1/demands/" + demand.slug()).then().extract().path("negotiation");
                String proposer = api().get("/api/v1/demands/" + demand.slug()).then().extract().path("proposer");
                String answer = unique("pre-answer");
                api().body(Map.of("slug", answer, "negotiation", negotiation, "proposer", demand.addressee(),
                        "addressees", List.of(proposer),
                        "title", "Answer " + answer, "text", "The addressee answers.", "topic", "security", "kind",
                        "OFFER", "tabled_on", "2022-01-20"))
                        .post("/api/v1/demands").then().statusCode(201);
                String id = api().body(Map.of("type", "COUNTER_TO", "target", demand.slug()))
                        .post("/api/v1/demands/" + answer + "/links").then().statusCode(201).extract().path("id");
                String path = "/api/v1/demands/" + answer + "/links/" + id;
                // A link is never edited: a change of the demand it starts from makes its ETag stale.
                yield new Target(path, "DELETE", null, null,
                        () -> patch("/api/v1/demands/" + answer, "{\"text\":\"Changed meanwhile.\"}"));
            }
            case PATCH_DOCUMENT -> {
                String path = "/api/v1/documents/" + api()
                        .body(Map.of("title", "Statement " + unique("d"), "text", "We need guarantees."))
                        .post("/api/v1/documents").then().statusCode(201).extract().path("id");
                yield new Target(path, "PATCH", MERGE_PATCH, "{\"title\":\"Retitled " + unique("t") + "\"}",
                        () -> patch(path, "{\"language\":\"en\"}"));
            }
            case PATCH_SOURCE -> {
                String path = "/api/v1/sources/" + source();
                yield new Target(path, "PATCH", MERGE_PATCH, "{\"name\":\"Renamed " + unique("s") + "\"}",
                        () -> patch(path, "{\"reliability\":\"C\"}"));
            }
        };
    }

    private static void patch(String path, String body) {
        api().contentType(MERGE_PATCH).body(body).patch(path).then().statusCode(200);
    }

    /** Deliveries to a closed local port fail at once; none is queued here anyway. */
    private static String webhook() {
        return api().body(Map.of("url", "http://127.0.0.1:9/parley-precondition", "event_types",
                List.of("negotiation.updated"), "description", "Precondition " + unique("w")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id");
    }

    private static String apiKey() {
        return api().body(Map.of("name", unique("pre-key"), "role", "READER")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("id");
    }

    record Demand(String slug, String addressee) {
    }

    private static Demand demand() {
        String proposer = party();
        String addressee = party();
        String negotiation = negotiation(proposer, addressee);
        String slug = unique("pre-demand");
        api().body(Map.of("slug", slug, "negotiation", negotiation, "proposer", proposer, "addressees",
                List.of(addressee), "title", "Demand " + slug, "text", "The proposer asks.", "topic", "security",
                "kind", "DEMAND", "tabled_on", "2022-01-10"))
                .post("/api/v1/demands").then().statusCode(201);
        return new Demand(slug, addressee);
    }

    private static String analystKey() {
        return api().body(Map.of("name", unique("racer"), "role", "ANALYST")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
    }
}
