package dev.parley.feed;

import static dev.parley.feed.ChangeFeedTest.after;
import static dev.parley.feed.ChangeFeedTest.ageAndPrune;
import static dev.parley.feed.ChangeFeedTest.head;
import static dev.parley.support.Fixtures.party;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The SSE stream read with a plain HTTP client, as a browser's EventSource would: the contract
 * validator cannot read text/event-stream. Every wait has a timeout, so a broken stream fails the
 * test instead of hanging it.
 */
@QuarkusTest
class ChangeStreamTest {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Inject
    Session session;

    @Inject
    ChangeRetention retention;

    /** One SSE event as the client parsed it, and when its last line arrived. */
    record Event(String id, String event, String data, String retry, List<String> comments, long arrivedNanos) {

        boolean isChange() {
            return event != null;
        }

        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("data is not JSON: " + data, e);
            }
        }
    }

    private record Line(String text, long arrivedNanos) {
    }

    /** An open stream; a daemon thread pumps its lines into a queue, so reads can time out. */
    static final class Stream implements AutoCloseable {

        private static final Line END = new Line(null, 0);

        private final InputStream body;
        private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        private final Thread pump;
        private boolean ended;

        private Stream(HttpResponse<InputStream> response) {
            this.body = response.body();
            this.pump = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lines.add(new Line(line, System.nanoTime()));
                    }
                } catch (IOException e) {
                    // closed by the test or the server: the end of the stream either way
                } finally {
                    lines.add(END);
                }
            }, "sse-pump");
            pump.setDaemon(true);
            pump.start();
        }

        /** Connects; {@code query} may be empty, {@code lastEventId} null. Expects 200 text/event-stream. */
        static Stream open(String query, String lastEventId) throws Exception {
            HttpResponse<InputStream> response = request(query, lastEventId, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            return new Stream(response);
        }

        /** The next event (blank-line terminated), or null when the stream ends or nothing comes in time. */
        Event next(Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            String id = null;
            String event = null;
            String retry = null;
            StringBuilder data = null;
            List<String> comments = new ArrayList<>();
            boolean any = false;
            while (true) {
                long left = deadline - System.nanoTime();
                Line line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    return null;
                }
                if (line == END) {
                    ended = true;
                    lines.add(END);
                    return null;
                }
                String text = line.text();
                if (text.isEmpty()) {
                    if (any) {
                        return new Event(id, event, data == null ? null : data.toString(), retry, comments,
                                line.arrivedNanos());
                    }
                    continue;
                }
                any = true;
                int colon = text.indexOf(':');
                String field = colon < 0 ? text : text.substring(0, colon);
                String value = colon < 0 ? "" : text.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "" -> comments.add(value);
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "retry" -> retry = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> throw new AssertionError("unknown SSE field in line: " + text);
                }
            }
        }

        /** The next {@code count} change events, skipping comments; fails when they do not come in time. */
        List<Event> changes(int count) throws InterruptedException {
            List<Event> events = new ArrayList<>();
            long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
            while (events.size() < count) {
                Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                assertThat(event).as("change event %d of %d (stream ended: %s)", events.size() + 1, count, ended)
                        .isNotNull();
                if (event.isChange()) {
                    events.add(event);
                }
            }
            return events;
        }

        /** Asserts that no change event comes within {@code wait} (comments may). */
        void quiet(Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (event != null) {
                    assertThat(event.isChange()).as("unexpected event %s", event).isFalse();
                } else if (ended) {
                    return;
                }
            }
        }

        boolean ended() {
            return ended;
        }

        @Override
        public void close() throws Exception {
            body.close();
            pump.interrupt();
            pump.join(5000);
        }
    }

    private static <T> HttpResponse<T> request(String query, String lastEventId, HttpResponse.BodyHandler<T> handler)
            throws Exception {
        HttpRequest.Builder request = ConcurrentFeedTest.authorized(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/changes/stream" + query)))
                .header("Accept", "text/event-stream")
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HTTP.sendAsync(request.build(), handler).get(EVENT_WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static String query(String after) {
        return "?after=" + URLEncoder.encode(after, StandardCharsets.UTF_8);
    }

    /** The change events must be the feed's changes, in order: id is the cursor, event the type, data the change. */
    private static void sameAsFeed(List<Event> events, List<Map<String, Object>> feed) {
        assertThat(events.stream().map(Event::id).toList())
                .containsExactlyElementsOf(feed.stream().map(c -> (String) c.get("cursor")).toList());
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            JsonNode data = event.json();
            assertThat(event.event()).isEqualTo(feed.get(i).get("type"));
            assertThat(data.get("cursor").asText()).as("data.cursor").isEqualTo(event.id());
            assertThat(data.get("type").asText()).isEqualTo(event.event());
            assertThat(data.get("subject").get("kind").asText()).isNotEmpty();
            assertThat(data.get("occurred_at").asText()).isEqualTo(feed.get(i).get("occurred_at"));
            assertThat(data.has("data")).isTrue();
        }
    }

    private static List<String> slugs(List<Event> events) {
        return events.stream().map(e -> e.json().get("subject").get("slug").asText()).toList();
    }

    @Test
    void streamDeliversWritesThenResumesAfterLastEventIdExactlyOnce() throws Exception {
        String start = head();
        List<String> written = new ArrayList<>();
        List<Event> firstRun;
        List<Long> delays = new ArrayList<>();
        try (Stream stream = Stream.open("", null)) {
            Event hello = stream.next(EVENT_WAIT);
            assertThat(hello).as("the first event").isNotNull();
            assertThat(hello.retry()).as("retry: is sent first").isNotNull().matches("\\d+");
            assertThat(hello.isChange()).isFalse();
            assertThat(hello.data()).as("no data: EventSource fires no empty message").isNull();

            List<Long> sentAt = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sentAt.add(System.nanoTime());
                written.add(party("sse"));
            }
            firstRun = stream.changes(3);
            for (int i = 0; i < 3; i++) {
                delays.add((firstRun.get(i).arrivedNanos() - sentAt.get(i)) / 1_000_000);
            }
        }
        System.out.printf("ChangeStreamTest: write request to its event, ms: %s%n", delays);
        assertThat(slugs(firstRun)).containsExactlyElementsOf(written);
        sameAsFeed(firstRun, after(start));

        // Missed while disconnected, then new ones on the same connection.
        String lastId = firstRun.get(2).id();
        List<String> missed = List.of(party("missed"), party("missed"), party("missed"));
        try (Stream stream = Stream.open("", lastId)) {
            List<Event> resumed = stream.changes(3);
            assertThat(slugs(resumed)).containsExactlyElementsOf(missed);
            sameAsFeed(resumed, after(lastId));

            String live = party("live");
            List<Event> next = stream.changes(1);
            assertThat(slugs(next)).containsExactly(live);
            assertThat(next.get(0).event()).isEqualTo("party.created");
            stream.quiet(Duration.ofMillis(2500));
            sameAsFeed(List.of(resumed.get(0), resumed.get(1), resumed.get(2), next.get(0)), after(lastId));
        }
    }

    @Test
    void afterQueryResumesLikeLastEventId() throws Exception {
        String start = head();
        List<String> missed = List.of(party("after"), party("after"));
        try (Stream stream = Stream.open(query(start), null)) {
            List<Event> resumed = stream.changes(2);
            assertThat(slugs(resumed)).containsExactlyElementsOf(missed);
            String live = party("after");
            List<Event> next = stream.changes(1);
            assertThat(slugs(next)).containsExactly(live);
            stream.quiet(Duration.ofMillis(2500));
            sameAsFeed(List.of(resumed.get(0), resumed.get(1), next.get(0)), after(start));
        }
    }

    @Test
    void lastEventIdTakesPrecedenceOverAfter() throws Exception {
        String start = head();
        party("precedence");
        String middle = head();
        String later = party("precedence");
        try (Stream stream = Stream.open(query(start), middle)) {
            List<Event> resumed = stream.changes(1);
            assertThat(slugs(resumed)).containsExactly(later);
            stream.quiet(Duration.ofMillis(1500));
        }
    }

    @Test
    void streamWithoutACursorStartsWithChangesMadeFromNowOn() throws Exception {
        party("before");
        try (Stream stream = Stream.open("", null)) {
            assertThat(stream.next(EVENT_WAIT)).isNotNull();
            stream.quiet(Duration.ofMillis(1500));
            String now = party("now");
            assertThat(slugs(stream.changes(1))).containsExactly(now);
        }
    }

    @Test
    void malformedLastEventIdOrAfterIsRejected() throws Exception {
        for (String[] bad : List.of(new String[] { "", "garbage!" }, new String[] { "?after=garbage", null },
                new String[] { "", "bm90LWEtY3Vyc29y" })) {
            HttpResponse<String> response = request(bad[0], bad[1], HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("status for %s %s", bad[0], bad[1]).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("code").asText()).isEqualTo("INVALID_CURSOR");
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("errors").get(0).get("pointer").asText())
                    .isEqualTo(bad[1] == null ? "after" : "Last-Event-ID");
        }
    }

    @Test
    void expiredCursorGetsOneResetAndTheStreamEnds() throws Exception {
        String start = head();
        party("expiring");
        String pruned = head();
        String kept = party("kept");
        ageAndPrune(session, retention, start, pruned);

        try (Stream stream = Stream.open("", start)) {
            List<Event> events = new ArrayList<>();
            long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
            Event event;
            while ((event = stream.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) != null) {
                events.add(event);
            }
            assertThat(stream.ended()).as("the server closed the stream").isTrue();
            List<Event> named = events.stream().filter(Event::isChange).toList();
            assertThat(named).hasSize(1);
            assertThat(named.get(0).event()).isEqualTo("reset");
            assertThat(named.get(0).id()).isNull();
            assertThat(named.get(0).json().get("code").asText()).isEqualTo("CURSOR_EXPIRED");
        }

        // At the pruned point nothing is missing: the stream goes on.
        try (Stream stream = Stream.open("", pruned)) {
            List<Event> resumed = stream.changes(1);
            assertThat(slugs(resumed)).containsExactly(kept);
            assertThat(stream.ended()).isFalse();
        }
    }

    @Test
    void idleStreamGetsACommentLine() throws Exception {
        // The heartbeat runs every parley.feed.heartbeat (10 s by default, 1 s under %test): one must
        // come within that interval and the usual wait for an event.
        Duration heartbeat = ConfigProvider.getConfig().getValue("parley.feed.heartbeat", Duration.class);
        try (Stream stream = Stream.open("", null)) {
            Event hello = stream.next(EVENT_WAIT);
            assertThat(hello).isNotNull();
            long connected = System.nanoTime();
            Event beat = stream.next(heartbeat.plus(EVENT_WAIT));
            assertThat(beat).as("a comment line within %s", heartbeat.plus(EVENT_WAIT)).isNotNull();
            assertThat(beat.isChange()).isFalse();
            assertThat(beat.comments()).isNotEmpty();
            assertThat(beat.data()).isNull();
            System.out.printf("ChangeStreamTest: first keep-alive %d ms after connecting%n",
                    (beat.arrivedNanos() - connected) / 1_000_000);
        }
    }
}
