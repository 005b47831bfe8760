package dev.parley.security;

import static dev.parley.support.Api.anonymous;
import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.party;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The role × endpoint matrix, generated from the served OpenAPI document: every operation (path ×
 * method) is called as every kind of caller and must answer as API.md says. {@link #RULES} is API.md
 * written down; an operation the rules cannot classify, or whose path parameters this class cannot
 * fill with real data, fails the matrix, so a new endpoint cannot escape it.
 */
final class OperationMatrix {

    static final String PROBLEM = "application/problem+json";
    static final Set<String> WRITES = Set.of("POST", "PATCH", "PUT", "DELETE");
    private static final String EVENT_STREAM = "text/event-stream";

    /**
     * API.md "Resources" and "Writing for analysts": READER may GET everything but the admin's own
     * resources (API keys and webhooks); ANALYST may also write parties, negotiations, demands (with
     * positions), sources and documents; everything else needs ADMIN. The first rule that matches decides;
     * paths are the document's templates.
     */
    static final List<Rule> RULES = List.of(
            new Rule(Set.of("GET"), "/api/v1/(api-keys|webhooks)(/.*)?", Role.ADMIN),
            new Rule(Set.of("GET"), "/api/v1/.*", Role.READER),
            new Rule(WRITES, "/api/v1/(parties|negotiations|demands|sources|documents)(/\\{[a-z]+\\})?", Role.ANALYST),
            new Rule(WRITES, "/api/v1/demands/\\{slug\\}/positions/\\{party\\}", Role.ANALYST),
            new Rule(WRITES, "/api/v1/stances/batch", Role.ANALYST),
            new Rule(WRITES, "/api/v1/demands/\\{slug\\}/links(/\\{id\\})?", Role.ANALYST),
            new Rule(WRITES, "/api/v1/negotiations/\\{slug\\}/events(/\\{id\\})?", Role.ANALYST),
            new Rule(WRITES, "/api/v1/.*", Role.ADMIN));

    /**
     * Operations that exist today, by operationId: the document must still hold each of them (it
     * may hold more; every one of those is in the matrix too).
     */
    static final Set<String> KNOWN = Set.of(
            "listParties", "createParty", "getParty", "updateParty", "deleteParty",
            "listNegotiations", "createNegotiation", "getNegotiation", "updateNegotiation", "getNegotiationMatrix",
            "listDemands", "createDemand", "getDemand", "updateDemand", "deleteDemand",
            "listPositions", "getPosition", "recordStance", "listPositionHistory",
            "listSources", "createSource", "getSource", "updateSource",
            "listCitations", "getCitation", "listChanges", "streamChanges",
            "exportBundle", "importBundle",
            "listApiKeys", "createApiKey", "getApiKey", "revokeApiKey",
            "listLinks", "createLink", "getLink", "deleteLink", "listDemandRevisions", "getNegotiationGraph",
            "listEvents", "createEvent", "getEvent", "updateEvent",
            "listDocuments", "createDocument", "getDocument", "updateDocument", "getDocumentText");

    /**
     * Bodies for writes that {@code {}} would not get past validation, so that the matrix reaches
     * their precondition; by operationId, every other write sends {@code {}}.
     */
    static final Map<String, String> BODIES = Map.of(
            "recordStance", "{\"status\":\"UNASSESSED\",\"effective_on\":\"2022-02-01\"}");

    /** Writes of an existing resource: without If-Match, an allowed caller gets 428 and nothing is written. */
    static final Set<String> PRECONDITIONED = Set.of("PATCH", "PUT", "DELETE");

    record Rule(Set<String> methods, String path, Role role) {

        boolean matches(String method, String template) {
            return methods.contains(method) && template.matches(path);
        }
    }

    /** One operation of the document. {@code bodyType} is null when it takes no body. */
    record Operation(String method, String path, String operationId, String bodyType, boolean streams) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Who calls: nobody, or a key of one of the roles. */
    enum Credential {
        NONE(null),
        READER(Role.READER),
        ANALYST(Role.ANALYST),
        ADMIN(Role.ADMIN);

        final Role role;

        Credential(Role role) {
            this.role = role;
        }
    }

    /** One cell: an operation, a caller and the role the operation needs. */
    record Cell(Operation operation, Credential credential, Role required) {

        @Override
        public String toString() {
            return operation + " as " + credential + " (needs " + required + ")";
        }
    }

    private final List<Operation> operations;
    private final Map<Operation, Role> required;
    private final Map<String, String> values;
    private final Map<Credential, String> keys;
    private final boolean anonymousRead;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private OperationMatrix(List<Operation> operations, Map<Operation, Role> required, Map<String, String> values,
            Map<Credential, String> keys, boolean anonymousRead) {
        this.operations = operations;
        this.required = required;
        this.values = values;
        this.keys = keys;
        this.anonymousRead = anonymousRead;
    }

    /**
     * Reads the served document, classifies every operation (failing on one the rules miss), makes
     * the data its path parameters name and a key of each role.
     */
    static OperationMatrix load(boolean anonymousRead) {
        List<Operation> operations = documentedOperations();
        assertThat(operations).extracting(Operation::operationId).containsAll(KNOWN);
        Map<Operation, Role> required = new LinkedHashMap<>();
        List<String> unclassified = new ArrayList<>();
        for (Operation operation : operations) {
            classify(operation.method(), operation.path())
                    .ifPresentOrElse(role -> required.put(operation, role), () -> unclassified.add(operation.toString()));
        }
        assertThat(unclassified).as("operations the rule table (OperationMatrix.RULES, from API.md) cannot classify")
                .isEmpty();
        Map<Credential, String> keys = new EnumMap<>(Credential.class);
        for (Credential credential : Credential.values()) {
            if (credential.role != null) {
                keys.put(credential, createKey("matrix-" + credential.name().toLowerCase(), credential.role).key());
            }
        }
        return new OperationMatrix(operations, required, data(operations), keys, anonymousRead);
    }

    static Optional<Role> classify(String method, String path) {
        return RULES.stream().filter(rule -> rule.matches(method, path)).map(Rule::role).findFirst();
    }

    List<Operation> operations() {
        return operations;
    }

    /** Every operation × every credential. */
    List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Operation operation : operations) {
            for (Credential credential : Credential.values()) {
                cells.add(new Cell(operation, credential, required.get(operation)));
            }
        }
        return cells;
    }

    /** Whether the caller may perform the operation, per API.md and the anonymous-read setting. */
    boolean allowed(Cell cell) {
        if (cell.credential() == Credential.NONE) {
            return anonymousRead && cell.required() == Role.READER;
        }
        return cell.credential().role.covers(cell.required());
    }

    /**
     * Calls the cell's operation and checks the answer: refused callers get 401 (no key, with a
     * Bearer challenge) or 403 (too weak a key) as problem+json; allowed ones get past both, a GET
     * with 200 because its path names real data, a PATCH, PUT or DELETE with 428: they carry no
     * If-Match, so none takes effect.
     */
    void check(Cell cell) {
        Answer answer = call(cell);
        String where = cell + " answered " + answer.status() + ": " + answer.body();
        if (!allowed(cell)) {
            int expected = cell.credential() == Credential.NONE ? 401 : 403;
            assertThat(answer.status()).as(where).isEqualTo(expected);
            assertThat(answer.contentType()).as(where).startsWith(PROBLEM);
            assertThat(answer.body()).as(where).contains(expected == 401 ? "\"UNAUTHORIZED\"" : "\"FORBIDDEN\"");
            if (expected == 401) {
                assertThat(answer.challenge()).as(where + " WWW-Authenticate").isNotNull().startsWith("Bearer");
            }
            return;
        }
        assertThat(answer.status()).as(where).isNotIn(401, 403);
        assertThat(answer.status()).as(where).isLessThan(500);
        if (cell.operation().method().equals("GET")) {
            assertThat(answer.status()).as(where).isEqualTo(200);
        }
        if (PRECONDITIONED.contains(cell.operation().method())) {
            assertThat(answer.status()).as(where).isEqualTo(428);
            assertThat(answer.body()).as(where).contains("\"PRECONDITION_REQUIRED\"");
        }
    }

    /**
     * Sends the operation twice as admin with one Idempotency-Key and the body {@code {}}: the
     * second answer must be the first one replayed, whatever it was (a 2xx, or the 400 of the
     * empty body, which is an answer too).
     */
    void checkReplay(Operation operation) {
        String path = resolve(operation.path());
        String key = "replay-" + UUID.randomUUID();
        Response first = idempotent(operation, path, key);
        Response second = idempotent(operation, path, key);
        String where = operation + " with Idempotency-Key answered " + first.statusCode() + " " + first.asString()
                + ", then " + second.statusCode() + " " + second.asString();
        assertThat(first.statusCode()).as(where).isLessThan(500);
        assertThat(first.header("Idempotent-Replayed")).as(where).isNull();
        assertThat(second.header("Idempotent-Replayed")).as(where).isEqualTo("true");
        assertThat(second.statusCode()).as(where).isEqualTo(first.statusCode());
        assertThat(second.header("Location")).as(where).isEqualTo(first.header("Location"));
        try {
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(second.asString())).as(where).isEqualTo(json.readTree(first.asString()));
        } catch (IOException e) {
            throw new AssertionError(where, e);
        }
    }

    /**
     * A caller that accepts only problem+json gets the problem, never 406: with an unknown key every
     * operation answers 401, and, as admin without If-Match, a PATCH, PUT or DELETE answers 428.
     */
    void checkProblemOnly(Operation operation) {
        String path = resolve(operation.path());
        Answer unknown = problemOnly(operation, path, "parley_no_such_key", null);
        String where = operation + " for a problem-only caller with an unknown key answered " + unknown.status()
                + " " + unknown.contentType() + ": " + unknown.body();
        assertThat(unknown.status()).as(where).isEqualTo(401);
        assertThat(unknown.contentType()).as(where).startsWith(PROBLEM);
        if (PRECONDITIONED.contains(operation.method())) {
            Answer unconditional = problemOnly(operation, path, keys.get(Credential.ADMIN), null);
            where = operation + " for a problem-only admin without If-Match answered " + unconditional.status() + " "
                    + unconditional.contentType() + ": " + unconditional.body();
            assertThat(unconditional.status()).as(where).isEqualTo(428);
            assertThat(unconditional.contentType()).as(where).startsWith(PROBLEM);
        }
    }

    /**
     * A DELETE with its If-Match, from a caller that accepts only problem+json, takes effect and
     * answers empty (or refuses with a problem, say for a reference), never 406. It deletes the
     * matrix's data: run it after every other check of this matrix.
     */
    void checkProblemOnlyDelete(Operation operation) {
        String path = resolve(operation.path());
        String etag = anonymous().auth().oauth2(keys.get(Credential.ADMIN)).accept("application/json").get(path)
                .then().statusCode(200).extract().header("ETag");
        Answer answer = problemOnly(operation, path, keys.get(Credential.ADMIN), etag);
        String where = operation + " with If-Match for a problem-only admin answered " + answer.status() + " "
                + answer.contentType() + ": " + answer.body();
        assertThat(answer.status()).as(where).isNotEqualTo(406).isLessThan(500);
        if (answer.status() < 300) {
            assertThat(answer.body()).as(where).isEmpty();
        } else {
            assertThat(answer.contentType()).as(where).startsWith(PROBLEM);
        }
    }

    private Answer problemOnly(Operation operation, String path, String key, String ifMatch) {
        RequestSpecification request = anonymous().accept(PROBLEM).auth().oauth2(key);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (operation.bodyType() != null) {
            request.contentType(operation.bodyType()).body(BODIES.getOrDefault(operation.operationId(), "{}"));
        }
        Response response = request.request(operation.method(), path);
        return new Answer(response.statusCode(), String.valueOf(response.contentType()),
                response.header("WWW-Authenticate"), response.asString());
    }

    private Response idempotent(Operation operation, String path, String key) {
        RequestSpecification request = anonymous().auth().oauth2(keys.get(Credential.ADMIN))
                .header("Idempotency-Key", key);
        if (operation.bodyType() != null) {
            request.contentType(operation.bodyType()).body("{}");
        }
        return request.request(operation.method(), path);
    }

    /** Fills the path's parameters from the data made for the matrix. */
    String resolve(String template) {
        Matcher parameter = Pattern.compile("([^/]+)/\\{([^}]+)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String value = values.get(parameter.group(1));
            assertThat(value).as("no data for {" + parameter.group(2) + "} after /" + parameter.group(1) + " in "
                    + template + ": teach OperationMatrix.data() about it").isNotNull();
            parameter.appendReplacement(path, Matcher.quoteReplacement(parameter.group(1) + "/" + value));
        }
        parameter.appendTail(path);
        return path.toString();
    }

    record Answer(int status, String contentType, String challenge, String body) {
    }

    private Answer call(Cell cell) {
        Operation operation = cell.operation();
        String path = resolve(operation.path());
        String key = keys.get(cell.credential());
        if (operation.streams()) {
            return stream(path, key);
        }
        RequestSpecification request = anonymous();
        if (key != null) {
            request.auth().oauth2(key);
        }
        if (operation.bodyType() != null) {
            request.contentType(operation.bodyType()).body(BODIES.getOrDefault(operation.operationId(), "{}"));
        }
        Response response = request.request(operation.method(), path);
        return new Answer(response.statusCode(), String.valueOf(response.contentType()),
                response.header("WWW-Authenticate"), response.asString());
    }

    /** An event stream never ends: read the status and headers, and the body only of a refusal. */
    private Answer stream(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Accept", EVENT_STREAM).timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                String text = response.statusCode() == 200 ? "(event stream)"
                        : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        response.headers().firstValue("WWW-Authenticate").orElse(null), text);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Operation> documentedOperations() {
        JsonNode document;
        try {
            document = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi?format=json")
                    .then().statusCode(200).extract().asString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Operation> operations = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> {
            if (path.getKey().startsWith("/q/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(entry -> {
                if (Set.of("parameters", "summary", "description", "servers").contains(entry.getKey())
                        || entry.getKey().startsWith("x-")) {
                    return;
                }
                JsonNode operation = entry.getValue();
                JsonNode body = operation.path("requestBody").path("content");
                String bodyType = body.isObject() && body.fieldNames().hasNext() ? body.fieldNames().next() : null;
                boolean streams = operation.path("responses").path("200").path("content").has(EVENT_STREAM);
                operations.add(new Operation(entry.getKey().toUpperCase(), path.getKey(),
                        operation.path("operationId").asText(null), bodyType, streams));
            });
        });
        return operations;
    }

    /**
     * Real data for every path parameter, named by the collection segment before it: a party, a
     * negotiation between two others, a demand among them with a recorded stance and its citation, a source,
     * an API key of no use to anyone else and, where the service has webhooks, a subscription with
     * one delivery.
     */
    private static Map<String, String> data(List<Operation> operations) {
        String proposer = party();
        String addressee = party();
        String negotiation = unique("matrix-talks");
        api().body(Map.of("slug", negotiation, "title", "Talks " + negotiation, "started_on", "2022-01-01",
                "participants", List.of(proposer, addressee)))
                .post("/api/v1/negotiations").then().statusCode(201);
        String source = api().body(Map.of("name", "Agency " + unique("matrix"), "kind", "NEWS_AGENCY", "reliability", "B"))
                .post("/api/v1/sources").then().statusCode(201).extract().path("id");
        String demand = unique("matrix-demand");
        api().body(Map.of("slug", demand, "negotiation", negotiation, "proposer", proposer, "addressees",
                List.of(addressee), "title", "Demand " + demand, "text", "The proposer asks for it.", "topic", "security",
                "kind", "DEMAND", "tabled_on", "2022-01-10"))
                .post("/api/v1/demands").then().statusCode(201);
        String citation = api().body(Map.of("status", "REJECTED", "effective_on", "2022-01-20", "citations",
                List.of(Map.of("source_id", source, "title", "Statement", "published_on", "2022-01-20", "quote",
                        "No.", "kind", "DIRECT_QUOTE", "relation", "SUPPORTS"))))
                .put("/api/v1/demands/" + demand + "/positions/" + addressee)
                .then().statusCode(200).extract().path("citations[0].id");
        String apiKey = createKey("matrix-target", Role.READER).id();
        String answer = unique("matrix-answer");
        api().body(Map.of("slug", answer, "negotiation", negotiation, "proposer", addressee, "addressees",
                List.of(proposer), "title", "Answer " + answer, "text", "The addressee answers.", "topic", "security",
                "kind", "OFFER", "tabled_on", "2022-01-26"))
                .post("/api/v1/demands").then().statusCode(201);
        String link = api().body(Map.of("type", "COUNTER_TO", "target", answer))
                .post("/api/v1/demands/" + demand + "/links").then().statusCode(201).extract().path("id");
        String event = api().body(Map.of("kind", "WRITTEN_REPLY", "occurred_on", "2022-01-26", "title", "Reply"))
                .post("/api/v1/negotiations/" + negotiation + "/events").then().statusCode(201).extract().path("id");
        // A document whose text is held, so that its text answers 200 too.
        String document = api().body(Map.of("title", "Reply " + unique("matrix"), "source_id", source, "text",
                "The reply, in full.")).post("/api/v1/documents").then().statusCode(201).extract().path("id");
        // A party nothing refers to: deleting it is refused for its missing If-Match, not for a reference.
        Map<String, String> values = new HashMap<>(Map.of("parties", party(), "negotiations", negotiation,
                "demands", demand, "positions", addressee, "sources", source, "citations", citation,
                "api-keys", apiKey, "links", link, "events", event));
        values.put("documents", document);
        if (operations.stream().anyMatch(o -> o.path().startsWith("/api/v1/releases/{"))) {
            values.put("releases", api().body(Map.of("negotiation", negotiation)).post("/api/v1/releases")
                    .then().statusCode(201).extract().path("id"));
        }
        if (operations.stream().anyMatch(o -> o.path().startsWith("/api/v1/webhooks/{"))) {
            // Deliveries to a closed local port fail at once; the matrix needs only their ids.
            String webhook = api().body(Map.of("url", "http://127.0.0.1:9/parley-role-matrix", "event_types",
                    List.of("negotiation.updated"), "description", "Role matrix"))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id");
            values.put("webhooks", webhook);
            values.put("deliveries", api().post("/api/v1/webhooks/" + webhook + "/ping")
                    .then().statusCode(202).extract().path("id"));
        }
        return values;
    }

    record Key(String id, String name, String key) {
    }

    /** Creates an API key as the test admin; answers its id, name and the key itself. */
    static Key createKey(String prefix, Role role) {
        String name = unique(prefix);
        Response response = api().body(Map.of("name", name, "role", role.name())).post("/api/v1/api-keys");
        response.then().statusCode(201);
        return new Key(response.path("id"), name, response.path("key"));
    }
}
