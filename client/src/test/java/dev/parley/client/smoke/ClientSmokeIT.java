package dev.parley.client.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.parley.client.ApiClient;
import dev.parley.client.ApiException;
import dev.parley.client.ApiResponse;
import dev.parley.client.api.ChangesApi;
import dev.parley.client.api.DemandsApi;
import dev.parley.client.api.NegotiationsApi;
import dev.parley.client.api.PositionsApi;
import dev.parley.client.api.SourcesApi;
import dev.parley.client.model.Change;
import dev.parley.client.model.ChangePage;
import dev.parley.client.model.ChangeSubject;
import dev.parley.client.model.CitationKind;
import dev.parley.client.model.CitationRelation;
import dev.parley.client.model.CitationRequest;
import dev.parley.client.model.Demand;
import dev.parley.client.model.Diff;
import dev.parley.client.model.PageDemandView;
import dev.parley.client.model.Position;
import dev.parley.client.model.PositionStatus;
import dev.parley.client.model.Problem;
import dev.parley.client.model.Reliability;
import dev.parley.client.model.Source;
import dev.parley.client.model.SourceKind;
import dev.parley.client.model.SourceRequest;
import dev.parley.client.model.StanceRequest;

/**
 * Drives a running Parley service through the client generated from openapi/openapi.yaml: what a
 * dashboard or an analyst's tool does, end to end. It writes (a source, a citation and a stance),
 * so point it at a throw-away service: client/smoke.sh starts one.
 *
 * <pre>
 * ./mvnw -B -f client/pom.xml verify -Dparley.url=http://127.0.0.1:8080 -Dparley.key=&lt;admin key&gt;
 * </pre>
 *
 * Without -Dparley.url every test is skipped with a message saying so.
 */
class ClientSmokeIT {

    static final String NEGOTIATION = "russia-us-nato-security-guarantees";
    static final int PAGE_SIZE = 5;

    static final String SKIPPED = "ClientSmokeIT skipped: no running service given. Run client/smoke.sh, or pass"
            + " -Dparley.url=http://HOST:PORT -Dparley.key=<admin key>.";

    static ApiClient client;
    static String key;

    @BeforeAll
    static void connect() {
        String url = System.getProperty("parley.url", "").trim();
        key = System.getProperty("parley.key", "").trim();
        if (url.isEmpty()) {
            System.out.println("[WARNING] " + SKIPPED);
            return;
        }
        assertFalse(key.isEmpty(), "-Dparley.url needs -Dparley.key: an API key with the analyst or admin role");
        client = new ApiClient();
        client.updateBaseUri(url.replaceAll("/+$", ""));
        client.setConnectTimeout(Duration.ofSeconds(10));
        client.setReadTimeout(Duration.ofSeconds(30));
        // Writes need the API key; the generated client has no bearer support for the native library
        // configured here, so every request gets it from this interceptor.
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
    }

    @BeforeEach
    void needsAService() {
        Assumptions.assumeTrue(client != null, SKIPPED);
    }

    @Test
    void listsTheSeedDemandsPageByPage() throws ApiException {
        List<Demand> demands = allSeedDemands();
        Set<String> slugs = new HashSet<>();
        for (Demand demand : demands) {
            assertEquals(NEGOTIATION, demand.getNegotiation(), demand.getSlug());
            assertTrue(slugs.add(demand.getSlug()), "listed twice across pages: " + demand.getSlug());
            assertFalse(demand.getAddressees().isEmpty(), demand.getSlug() + " has no addressee");
            assertNotNull(demand.getStatus(), demand.getSlug() + " has no derived status");
        }
        assertTrue(demands.size() > PAGE_SIZE, "the seed has more demands than one page: " + demands.size());
        assertTrue(slugs.contains("nato-non-expansion"), "the seed demand nato-non-expansion is listed");
    }

    @Test
    void recordsAStanceWithIfMatchAndReadsItFromTheChangeFeed() throws ApiException {
        PositionsApi positions = new PositionsApi(client);
        Demand demand = allSeedDemands().get(0);
        String party = demand.getAddressees().get(0);
        String cursor = feedHead();

        // Read the position and its ETag (a response header: only the ...WithHttpInfo variant shows it).
        ApiResponse<Position> read = positions.getPositionWithHttpInfo(party, demand.getSlug(), null, null, null);
        assertEquals(200, read.getStatusCode());
        String etag = header(read.getHeaders(), "ETag");
        assertTrue(etag.startsWith("\""), "a strong ETag: " + etag);
        assertEquals(party, read.getData().getParty());

        // Evidence first: a source, created through the client (POST with an Idempotency-Key).
        ApiResponse<Source> created = new SourcesApi(client).createSourceWithHttpInfo(new SourceRequest()
                .name("Parley client smoke test")
                .kind(SourceKind.OTHER)
                .reliability(Reliability.F)
                .reliabilityNote("Written by ClientSmokeIT; not a real source."), UUID.randomUUID().toString());
        assertEquals(201, created.getStatusCode());
        String sourceId = created.getData().getId();
        assertTrue(header(created.getHeaders(), "Location").endsWith("/api/v1/sources/" + sourceId));

        // An addressee may be OPEN_TO_DISCUSSION; any status but UNASSESSED needs a citation.
        String note = "smoke " + UUID.randomUUID();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StanceRequest stance = new StanceRequest()
                .status(PositionStatus.OPEN_TO_DISCUSSION)
                .effectiveOn(today)
                .note(note)
                .citations(List.of(new CitationRequest()
                        .sourceId(sourceId)
                        .title("Smoke test statement")
                        .url(URI.create("https://example.org/parley/smoke"))
                        .publishedOn(today)
                        .quote("We are ready to talk.")
                        .speaker("A smoke test")
                        .kind(CitationKind.REPORTED)
                        .relation(CitationRelation.SUPPORTS)));

        // Without If-Match: 428 problem+json, and nothing is written.
        ApiException missing = assertThrows(ApiException.class,
                () -> positions.recordStance(party, demand.getSlug(), stance, null));
        assertProblem(missing, 428);

        // With the ETag just read: recorded, and the answer carries the new ETag.
        ApiResponse<Position> recorded = positions.recordStanceWithHttpInfo(party, demand.getSlug(), stance, etag);
        assertEquals(200, recorded.getStatusCode());
        assertEquals(PositionStatus.OPEN_TO_DISCUSSION, recorded.getData().getStatus());
        assertEquals(note, recorded.getData().getNote());
        assertEquals(today, recorded.getData().getEffectiveOn());
        assertEquals(1, recorded.getData().getCitations().size());
        assertEquals(sourceId, recorded.getData().getCitations().get(0).getSourceId());
        String newEtag = header(recorded.getHeaders(), "ETag");
        assertNotEquals(etag, newEtag, "recording a stance changes the position's ETag");

        // The ETag read before the write is stale now: 412, and nothing is written.
        ApiException stale = assertThrows(ApiException.class,
                () -> positions.recordStance(party, demand.getSlug(), stance, etag));
        assertProblem(stale, 412);

        ApiResponse<Position> reread = positions.getPositionWithHttpInfo(party, demand.getSlug(), null, null, null);
        assertEquals(PositionStatus.OPEN_TO_DISCUSSION, reread.getData().getStatus());
        assertEquals(note, reread.getData().getNote());
        assertEquals(newEtag, header(reread.getHeaders(), "ETag"), "the PUT answered the position's current ETag");

        // The change feed after the cursor taken before the write shows the stance exactly once.
        List<Change> changes = changesAfter(cursor);
        List<Change> ours = changes.stream()
                .filter(c -> c.getType() == Change.TypeEnum.POSITION_CHANGED)
                .filter(c -> note.equals(((Map<?, ?>) c.getData()).get("note")))
                .toList();
        assertEquals(1, ours.size(), "one position.changed for the stance (the 428 and 412 wrote nothing): " + ours);
        ChangeSubject subject = ours.get(0).getSubject();
        assertEquals(ChangeSubject.KindEnum.POSITION, subject.getKind());
        assertEquals(demand.getSlug(), subject.getSlug());
        assertEquals(party, subject.getParty());
        assertTrue(changes.stream().anyMatch(c -> c.getType() == Change.TypeEnum.SOURCE_CREATED
                && sourceId.equals(c.getSubject().getId())), "source.created for " + sourceId);
    }

    @Test
    void aDashboardReadsWhatMovedSinceTheLastRoundWithOneConditionalRequest() throws ApiException {
        NegotiationsApi talks = new NegotiationsApi(client);
        LocalDate from = LocalDate.parse("2021-12-01");
        LocalDate to = LocalDate.parse("2022-02-28");
        ApiResponse<Diff> first = talks.getNegotiationDiffWithHttpInfo(NEGOTIATION, null, from, to, null);
        assertEquals(200, first.getStatusCode());
        assertFalse(first.getData().getCells().isEmpty(), "the seed case moved between December and February");
        String etag = header(first.getHeaders(), "ETag");
        ApiException unchanged = assertThrows(ApiException.class,
                () -> talks.getNegotiationDiffWithHttpInfo(NEGOTIATION, null, from, to, etag));
        assertEquals(304, unchanged.getCode(), "nothing moved since: 304 with no body");
    }

    @Test
    void aServiceFollowsOneNegotiationsRejectionsOnly() throws Exception {
        ChangesApi feed = new ChangesApi(client);
        List<Change> rejections = new ArrayList<>();
        String cursor = null;
        for (int i = 0;; i++) {
            assertTrue(i < 10_000, "the scoped feed ends");
            ChangePage page = feed.listChanges(cursor, null, NEGOTIATION, null, "REJECTED",
                    List.of("position.changed"), 500, null);
            rejections.addAll(page.getItems());
            if (page.getNextCursor().equals(cursor)) {
                break;
            }
            cursor = page.getNextCursor();
        }
        assertFalse(rejections.isEmpty(), "the seed case records rejections");
        for (Change change : rejections) {
            assertEquals(Change.TypeEnum.POSITION_CHANGED, change.getType());
        }

        // The same scope as a stream, from the oldest change on: its first event is the first rejection.
        String oldest = feed.listChanges(null, null, null, null, null, null, 1, null).getItems().get(0).getCursor();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(client.getBaseUri()
                + "/api/v1/changes/stream?negotiation=" + NEGOTIATION + "&to_status=REJECTED&type=position.changed&after="
                + oldest)).header("Accept", "text/event-stream").header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30)).GET().build();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        try (java.util.stream.Stream<String> lines = stream.body()) {
            String id = lines.filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).trim();
            assertEquals(rejections.get(0).getCursor(), id, "the scoped stream starts with the first rejection");
        }
    }

    /** Every demand of the seed negotiation, PAGE_SIZE at a time, following next_page_token. */
    static List<Demand> allSeedDemands() throws ApiException {
        DemandsApi demands = new DemandsApi(client);
        List<Demand> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            PageDemandView page = demands.listDemands(null, null, null, NEGOTIATION, null, null, null, null, PAGE_SIZE,
                    token, null);
            pages++;
            token = page.getNextPageToken();
            assertTrue(page.getItems().size() <= PAGE_SIZE, "page_size is honoured");
            if (token != null) {
                assertEquals(PAGE_SIZE, page.getItems().size(), "a page before the last one is full");
            }
            all.addAll(page.getItems());
            assertTrue(pages < 1000, "paging ends");
        } while (token != null);
        assertTrue(pages > 1, "the seed demands span several pages of " + PAGE_SIZE);
        return all;
    }

    /** The cursor after the newest change: read the feed to its end. */
    static String feedHead() throws ApiException {
        ChangesApi feed = new ChangesApi(client);
        ChangePage page = feed.listChanges(null, null, null, null, null, null, 500, null);
        for (int i = 0; !page.getItems().isEmpty(); i++) {
            assertTrue(i < 10_000, "the feed ends");
            page = feed.listChanges(page.getNextCursor(), null, null, null, null, null, 500, null);
        }
        return page.getNextCursor();
    }

    /** Every change after the cursor, following next_cursor until a page is empty. */
    static List<Change> changesAfter(String cursor) throws ApiException {
        ChangesApi feed = new ChangesApi(client);
        List<Change> all = new ArrayList<>();
        ChangePage page = feed.listChanges(cursor, null, null, null, null, null, 100, null);
        while (!page.getItems().isEmpty()) {
            all.addAll(page.getItems());
            assertTrue(all.size() < 100_000, "the feed ends");
            page = feed.listChanges(page.getNextCursor(), null, null, null, null, null, 100, null);
        }
        return all;
    }

    static void assertProblem(ApiException e, int status) {
        assertEquals(status, e.getCode(), e.getMessage());
        String contentType = e.getResponseHeaders().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("application/problem+json"), "problem+json, not " + contentType);
        try {
            Problem problem = client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
            assertEquals(status, problem.getStatus());
            assertNotNull(problem.getCode(), "a stable problem code");
        } catch (java.io.IOException notJson) {
            fail("not a problem document: " + e.getResponseBody());
        }
    }

    static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty())
                .map(h -> h.getValue().get(0))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " header in " + headers.keySet()));
    }
}
