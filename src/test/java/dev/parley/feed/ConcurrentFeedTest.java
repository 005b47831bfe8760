package dev.parley.feed;

import static dev.parley.feed.ChangeFeedTest.after;
import static dev.parley.feed.ChangeFeedTest.head;
import static dev.parley.feed.ChangeFeedTest.position;
import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.negotiation;
import static dev.parley.support.Fixtures.party;
import static dev.parley.support.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Several writers over real HTTP while a reader follows the feed: the reader must see every change
 * once, in cursor order, with nothing skipped even when transactions commit close together.
 */
@QuarkusTest
class ConcurrentFeedTest {

    private static final int WRITERS = 6;
    /** Writes per writer. */
    private static final int WRITES = 25;
    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A negotiation with a demand from a proposer to two addressees, and a source for citations. */
    private record Scene(String proposer, String first, String second, String demand, String source) {
    }

    /**
     * A write that answered 2xx and the change it must have left: type, subject key and a marker in its
     * data; {@code once} when no other change can carry the same marker.
     */
    private record Expected(String type, String subject, String member, String value, boolean once) {
    }

    /** One request of a writer and the change it must leave. */
    private record Write(String method, String path, String contentType, Object body, Expected change) {
    }

    /** What a writer sends as its {@code i}-th write. */
    @FunctionalInterface
    private interface Plan {
        Write write(int i);
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private static String base() {
        return "http://127.0.0.1:" + RestAssured.port + "/api/v1";
    }

    /**
     * Sends a write as a client that reads before it writes: a PATCH or PUT carries the ETag of a GET of
     * the same path in If-Match, and is sent again (a bounded number of times) when another writer
     * moved that ETag first (412). Where the service does not check If-Match, the header is ignored.
     */
    private HttpResponse<String> send(Write write) throws Exception {
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(base() + write.path())))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", write.contentType())
                    .header("Accept", "application/json")
                    .method(write.method(), HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(write.body())));
            if (!"POST".equals(write.method())) {
                HttpResponse<String> current = http.send(authorized(HttpRequest.newBuilder(URI.create(base() + write.path())))
                        .timeout(Duration.ofSeconds(60)).header("Accept", "application/json").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                current.headers().firstValue("ETag").ifPresent(etag -> request.header("If-Match", etag));
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 412) {
                return response;
            }
        }
        return response;
    }

    /** Adds the bearer key of the test profile when the service has one (parley.bootstrap-admin-key). */
    static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        ConfigProvider.getConfig().getOptionalValue("parley.bootstrap-admin-key", String.class)
                .filter(key -> !key.isBlank())
                .ifPresent(key -> request.header("Authorization", "Bearer " + key));
        return request;
    }

    private static Scene scene() {
        String proposer = party("proposer");
        String first = party("first");
        String second = party("second");
        String negotiation = negotiation(unique("talks"), "Talks", "2022-01-01", List.of(proposer, first, second));
        String source = source();
        String demand = unique("demand");
        Map<String, Object> body = new HashMap<>();
        body.put("slug", demand);
        body.put("negotiation", negotiation);
        body.put("proposer", proposer);
        body.put("addressees", List.of(first, second));
        body.put("title", "Demand " + demand);
        body.put("text", "The proposer asks for it.");
        body.put("topic", "security");
        body.put("kind", "DEMAND");
        body.put("tabled_on", "2022-01-10");
        api().body(body).post("/api/v1/demands").then().statusCode(201);
        return new Scene(proposer, first, second, demand, source);
    }

    private static Write newParty(String marker) {
        String slug = unique("conc");
        return new Write("POST", "/parties", "application/json", Map.of("slug", slug, "name", marker, "kind", "GROUP"),
                new Expected("party.created", slug, "name", marker, true));
    }

    private static Write renameParty(String party, String marker) {
        return new Write("PATCH", "/parties/" + party, "application/merge-patch+json", Map.of("name", marker),
                new Expected("party.updated", party, "name", marker, true));
    }

    /** A stance on a later day each time, flipping the demand's derived status between REJECTED and IN_NEGOTIATION. */
    private static Write stance(Scene scene, String party, int i, String marker) {
        String status = i % 2 == 0 ? "REJECTED" : "OPEN_TO_DISCUSSION";
        String day = LocalDate.of(2022, 2, 1).plusDays(i).toString();
        Map<String, Object> citation = Map.of("source_id", scene.source(), "title", "Statement " + marker,
                "quote", "Said " + marker, "kind", "DIRECT_QUOTE", "relation", "SUPPORTS");
        return new Write("PUT", "/demands/" + scene.demand() + "/positions/" + party, "application/json",
                Map.of("status", status, "effective_on", day, "note", marker, "citations", List.of(citation)),
                new Expected("position.changed", scene.demand() + "/" + party, "note", marker, true));
    }

    /** Every later demand.updated shows the new text too, so the marker is found at least once. */
    private static Write editDemand(Scene scene, String marker) {
        return new Write("PATCH", "/demands/" + scene.demand(), "application/merge-patch+json", Map.of("text", marker),
                new Expected("demand.updated", scene.demand(), "text", marker, false));
    }

    /** Runs one writer's plan; answers the changes its 2xx writes must have left. */
    private List<Expected> write(String name, Plan plan, List<String> failures) throws Exception {
        List<Expected> expected = new ArrayList<>();
        for (int i = 0; i < WRITES; i++) {
            Write write = plan.write(i);
            HttpResponse<String> response = send(write);
            if (response.statusCode() / 100 == 2) {
                expected.add(write.change());
            } else {
                failures.add(name + "#" + i + " " + write.method() + " " + write.path() + " -> "
                        + response.statusCode() + " " + response.body());
            }
        }
        return expected;
    }

    /** Follows the feed from {@code start} until the writers are done and a page asked after that is empty. */
    private List<String> follow(String start, AtomicBoolean writersDone, List<String> problems) throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = start;
        long last = position(start);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            boolean done = writersDone.get();
            HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(base() + "/changes?page_size=7&after="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8))))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json")
                    .GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                problems.add("feed answered " + response.statusCode() + " " + response.body());
                return seen;
            }
            JsonNode page = JSON.readTree(response.body());
            JsonNode items = page.get("items");
            for (JsonNode item : items) {
                String itemCursor = item.get("cursor").asText();
                long at = position(itemCursor);
                if (at <= last) {
                    problems.add("cursor " + at + " came after " + last);
                }
                last = Math.max(last, at);
                seen.add(itemCursor);
            }
            String next = page.get("next_cursor").asText();
            if (items.isEmpty()) {
                if (!next.equals(cursor)) {
                    problems.add("an empty page moved the cursor from " + cursor + " to " + next);
                }
                if (done) {
                    return seen;
                }
                // Caught up with the writers: the next read polls the feed again after a moment.
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            } else if (!next.equals(items.get(items.size() - 1).get("cursor").asText())) {
                problems.add("next_cursor " + next + " is not the last item's cursor");
            }
            cursor = next;
        }
        problems.add("the reader did not finish within " + DEADLINE);
        return seen;
    }

    @Test
    void readerFollowingTheFeedDuringConcurrentWritesSeesEveryChangeOnceInOrder() throws Exception {
        String start = head();
        List<Plan> plans = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Scene own = scene();
            String writer = "w" + w;
            // Each writer creates parties, records stances on its own demand and renames its own party, in turn.
            plans.add(i -> switch (i % 3) {
                case 0 -> newParty(writer + "-" + i);
                case 1 -> stance(own, own.first(), i / 3, writer + "-" + i);
                default -> renameParty(own.proposer(), writer + "-" + i);
            });
        }
        exercise(start, plans);
    }

    @Test
    void writersOnTheSameDemandAllSucceedAndTheReaderSeesEveryChange() throws Exception {
        String start = head();
        Scene shared = scene();
        // Two analysts record stances of the two addressees while two others edit the demand and its proposer.
        List<Plan> plans = List.of(
                i -> stance(shared, shared.first(), i, "first-" + i),
                i -> stance(shared, shared.second(), i, "second-" + i),
                i -> editDemand(shared, "text-" + i),
                i -> i % 2 == 0 ? renameParty(shared.proposer(), "proposer-" + i) : newParty("new-" + i));
        exercise(start, plans);
    }

    /**
     * Runs the writers' plans at once while a reader follows the feed from {@code start}, then checks
     * that the reader saw exactly what the feed lists afterwards, in order, and every 2xx write's change.
     */
    private void exercise(String start, List<Plan> plans) throws Exception {
        AtomicBoolean writersDone = new AtomicBoolean();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(plans.size() + 1);
        List<Expected> expected = new ArrayList<>();
        List<String> seen;
        long began = System.nanoTime();
        try {
            Future<List<String>> reader = pool.submit(() -> follow(start, writersDone, problems));
            List<Future<List<Expected>>> writers = new ArrayList<>();
            for (int w = 0; w < plans.size(); w++) {
                String name = "writer " + w;
                Plan plan = plans.get(w);
                writers.add(pool.submit(() -> write(name, plan, failures)));
            }
            for (Future<List<Expected>> writer : writers) {
                expected.addAll(writer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
            writersDone.set(true);
            seen = reader.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            writersDone.set(true);
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("threads ended").isTrue();
        }
        System.out.printf("ConcurrentFeedTest: %d writes by %d writers with a reader took %d ms; %d changes seen%n",
                plans.size() * WRITES, plans.size(), (System.nanoTime() - began) / 1_000_000, seen.size());

        assertThat(failures).as("writes that did not answer 2xx").isEmpty();
        assertThat(problems).as("what the reader saw wrong").isEmpty();
        assertThat(seen).as("no change seen twice").doesNotHaveDuplicates();

        // Listed again from the same start once everything has committed: exactly what the reader saw.
        List<Map<String, Object>> all = after(start);
        List<String> listed = all.stream().map(c -> (String) c.get("cursor")).toList();
        assertThat(seen).as("what the reader saw while the writers ran").containsExactlyElementsOf(listed);
        List<Long> positions = listed.stream().map(ChangeFeedTest::position).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();

        // Every write that answered 2xx left its change.
        assertThat(expected).hasSize(plans.size() * WRITES);
        Set<String> unmatched = new HashSet<>();
        for (Expected e : expected) {
            long matches = all.stream().filter(c -> matches(c, e)).count();
            if (e.once() ? matches != 1 : matches < 1) {
                unmatched.add(e + " matched " + matches + " times");
            }
        }
        assertThat(unmatched).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static boolean matches(Map<String, Object> change, Expected expected) {
        if (!expected.type().equals(change.get("type"))) {
            return false;
        }
        Map<String, Object> subject = (Map<String, Object>) change.get("subject");
        String key = subject.get("party") == null ? (String) subject.get("slug")
                : subject.get("slug") + "/" + subject.get("party");
        Map<String, Object> data = (Map<String, Object>) change.get("data");
        return expected.subject().equals(key) && expected.value().equals(data.get(expected.member()));
    }
}
