package dev.parley.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.parley.security.SecretCipher;
import dev.parley.support.Eventually;

/**
 * Two Parley processes on one PostgreSQL database behave as one service: a write through one is
 * read, streamed and delivered by the other, each webhook event reaches its receiver once, and
 * queued deliveries survive both processes stopping. Runs from the packaged jar in the
 * integration-test phase of the postgres profile; all traffic stays on 127.0.0.1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiReplicaIT {

    static final String KEY = "parley_replica_it_" + UUID.randomUUID().toString().replace("-", "");
    /** The key every replica seals webhook secrets with: they must share one. */
    static final String SECRETS_KEY = SecretCipher.newKey();
    static final String DATABASE = "parley_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Instance a;
    static Instance b;
    static HttpServer receiver;
    static final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    static volatile int receiverStatus = 200;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Instance.JAR.toFile().exists(), "The packaged jar is missing; run through ./mvnw verify -Ppostgres");
        sql("create database " + DATABASE);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status = receiverStatus;
            if (status == 200) {
                deliveries.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"),
                        id -> new AtomicInteger()).incrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        a = new Instance("a", environment()).start();
        b = new Instance("b", environment()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Instance instance : new Instance[] { a, b }) {
            if (instance != null) {
                instance.close();
            }
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        sql("drop database if exists " + DATABASE + " with (force)");
    }

    @Test
    @Order(1)
    void aWriteThroughOneIsReadThroughTheOther() throws Exception {
        String before = get(b, "/api/v1/parties").headers().firstValue("ETag").orElseThrow();
        String slug = "replica-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(a, "/api/v1/parties", Map.of("slug", slug, "name", "Replica", "kind", "GROUP")).statusCode())
                .isEqualTo(201);
        assertThat(get(b, "/api/v1/parties/" + slug).statusCode()).isEqualTo(200);
        // B holds the list's version in memory and syncs it every 100 ms; the contract allows a second.
        // Polled until it moves; a read that starts past the second is the last, and it must see the move.
        String after = Eventually.poll(Duration.ofSeconds(1), "B's ETag of the list to move within a second of the write",
                () -> read(b, "/api/v1/parties").headers().firstValue("ETag").orElseThrow(), e -> !e.equals(before));
        HttpResponse<String> conditional = HTTP.send(request(b, "/api/v1/parties")
                .header("If-None-Match", after).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(conditional.statusCode()).isEqualTo(304);
    }

    @Test
    @Order(2)
    void aStreamOnOneReceivesWritesMadeThroughTheOther() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = HTTP.send(request(b, "/api/v1/changes/stream")
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> stream.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        try {
            waitFor(lines, line -> line.startsWith("retry:"), Duration.ofSeconds(10));
            String slug = "streamed-" + UUID.randomUUID().toString().substring(0, 8);
            long written = System.nanoTime();
            post(a, "/api/v1/parties", Map.of("slug", slug, "name", "Streamed", "kind", "GROUP"));
            String data = waitFor(lines, line -> line.startsWith("data:") && line.contains("\"" + slug + "\""),
                    Duration.ofSeconds(15));
            long delayMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written);
            System.out.printf("replica-to-replica SSE delay: %d ms%n", delayMs);
            assertThat(JSON.readTree(data.substring(5)).path("type").asText()).isEqualTo("party.created");
        } finally {
            stream.body().close();
        }
    }

    @Test
    @Order(3)
    void eachWebhookEventIsDeliveredOnceAcrossReplicas() throws Exception {
        deliveries.clear();
        receiverStatus = 200;
        HttpResponse<String> created = post(a, "/api/v1/webhooks", Map.of("url",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "event_types", List.of("party.created")));
        assertThat(created.statusCode()).isEqualTo(201);
        int events = 40;
        for (int i = 0; i < events; i++) {
            Instance through = i % 2 == 0 ? a : b;
            assertThat(post(through, "/api/v1/parties", Map.of("slug", "fanout-" + UUID.randomUUID().toString()
                    .substring(0, 8), "name", "Fan-out " + i, "kind", "GROUP")).statusCode()).isEqualTo(201);
        }
        String webhook = JSON.readTree(created.body()).path("webhook").path("id").asText();
        assertThat(count("select count(*) from webhook_delivery where webhook_id = ?", webhook))
                .as("deliveries queued with the writes").isEqualTo(events);
        // Nothing pending means nothing is in flight or will be sent again: what the log holds is final.
        Eventually.poll(Duration.ofSeconds(30), "every delivery settled", () -> pending(webhook), n -> n == 0);
        List<JsonNode> log = attempts(webhook);
        assertThat(log).as("one attempt per delivery, across both replicas").hasSize(events)
                .allSatisfy(attempt -> assertThat(attempt.path("status_code").asInt()).isEqualTo(200));
        assertThat(log.stream().map(attempt -> attempt.path("delivery_id").asText())).doesNotHaveDuplicates();
        assertThat(deliveries).hasSize(events);
        assertThat(deliveries.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        deactivate(webhook);
    }

    @Test
    @Order(4)
    void queuedDeliveriesSurviveEveryReplicaStopping() throws Exception {
        deliveries.clear();
        receiverStatus = 503;
        HttpResponse<String> created = post(a, "/api/v1/webhooks", Map.of("url",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "event_types", List.of("source.created")));
        assertThat(created.statusCode()).isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            post(b, "/api/v1/sources", Map.of("name", "Queued " + i, "kind", "OTHER", "reliability", "F"));
        }
        String webhook = JSON.readTree(created.body()).path("webhook").path("id").asText();
        Eventually.poll(Duration.ofSeconds(15), "a refused attempt of each delivery",
                () -> attempts(webhook).stream().filter(attempt -> attempt.path("status_code").asInt() == 503)
                        .map(attempt -> attempt.path("delivery_id").asText()).distinct().count(),
                refused -> refused == 5);
        a.stop();
        b.stop();
        receiverStatus = 200;
        a.start();
        Eventually.poll(Duration.ofSeconds(40), "every delivery settled", () -> pending(webhook), n -> n == 0);
        assertThat(count("select count(*) from webhook_delivery where webhook_id = ? and status = 'SUCCEEDED'",
                webhook)).isEqualTo(5);
        assertThat(deliveries).hasSize(5);
        b.start();
    }

    /** The subscription's deliveries not yet delivered or given up: queued, retrying or being sent. */
    private static long pending(String webhook) {
        return count("select count(*) from webhook_delivery where webhook_id = ? and status = 'PENDING'", webhook);
    }

    /** The subscription's attempt log as the API serves it, newest first. */
    private static List<JsonNode> attempts(String webhook) {
        HttpResponse<String> page = read(a, "/api/v1/webhooks/" + webhook + "/deliveries?page_size=100");
        assertThat(page.statusCode()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        try {
            JSON.readTree(page.body()).path("items").forEach(items::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    /** A GET for a poll, whose reads cannot throw checked exceptions. */
    private static HttpResponse<String> read(Instance instance, String path) {
        try {
            return get(instance, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(String query, String parameter) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                "postgres", ""); PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deactivate(String id) throws Exception {
        String etag = get(a, "/api/v1/webhooks/" + id).headers().firstValue("ETag").orElseThrow();
        HTTP.send(request(a, "/api/v1/webhooks/" + id).header("If-Match", etag)
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"active\":false}")).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String waitFor(BlockingQueue<String> lines, java.util.function.Predicate<String> wanted,
            Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no matching line within " + within);
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PARLEY_DB_KIND", "postgresql");
        env.put("PARLEY_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        env.put("PARLEY_DB_USER", "postgres");
        env.put("PARLEY_DB_PASSWORD", "");
        env.put("PARLEY_BOOTSTRAP_ADMIN_KEY", KEY);
        env.put("PARLEY_SECRETS_KEY", SECRETS_KEY);
        env.put("PARLEY_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        env.put("PARLEY_WEBHOOKS_FIRST_RETRY", "PT1S");
        env.put("PARLEY_WEBHOOKS_LONGEST_WAIT", "PT2S");
        return env;
    }

    private static HttpRequest.Builder request(Instance instance, String path) {
        return HttpRequest.newBuilder(URI.create(instance.base() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + KEY);
    }

    private static HttpResponse<String> get(Instance instance, String path) throws IOException, InterruptedException {
        return HTTP.send(request(instance, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(Instance instance, String path, Object body)
            throws IOException, InterruptedException {
        return HTTP.send(request(instance, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
            connection.createStatement().execute(statement);
        }
    }
}
