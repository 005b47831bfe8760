package dev.parley.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.parley.support.Eventually;
import io.restassured.path.json.JsonPath;

/**
 * A real webhook receiver on 127.0.0.1 for tests: records every request it gets (path, headers,
 * body, arrival time) and answers each with the next programmed {@link Answer}, or 204 when none is
 * left. It checks Standard Webhooks signatures on its own (HMAC-SHA256 written here, not Parley's
 * signing code) and with the Standard Webhooks reference library.
 */
final class Receiver implements AutoCloseable {

    /** Path deliveries are sent to; {@link #MOVED} is where a redirect points. */
    static final String PATH = "/hooks/parley";
    static final String MOVED = "/hooks/moved";

    /** How far webhook-timestamp may be from the arrival time (Standard Webhooks' tolerance). */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** How one request is answered. */
    record Answer(int status, Map<String, String> headers, Duration delay) {

        static Answer status(int status) {
            return new Answer(status, Map.of(), Duration.ZERO);
        }

        static Answer retryAfter(int status, String retryAfter) {
            return new Answer(status, Map.of("Retry-After", retryAfter), Duration.ZERO);
        }

        static Answer redirect(String location) {
            return new Answer(302, Map.of("Location", location), Duration.ZERO);
        }

        static Answer slow(int status, Duration delay) {
            return new Answer(status, Map.of(), delay);
        }
    }

    /** One request as it arrived. */
    record Request(String method, String path, Map<String, List<String>> headers, byte[] rawBody,
            Instant arrivedAt, long arrivedNanos, int status) {

        /** The first value of a header, whatever its case; null when absent. */
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String body() {
            return new String(rawBody, StandardCharsets.UTF_8);
        }

        JsonPath json() {
            return new JsonPath(body());
        }

        String id() {
            return header("webhook-id");
        }

        String type() {
            return json().getString("type");
        }

        /** The v1 signatures of webhook-signature, without their "v1," prefix. */
        List<String> signatures() {
            String header = header("webhook-signature");
            if (header == null) {
                return List.of();
            }
            return Arrays.stream(header.trim().split(" +"))
                    .filter(s -> s.startsWith("v1,"))
                    .map(s -> s.substring(3))
                    .toList();
        }

        /** How many of the v1 signatures this secret made (0 or more), by this class's own HMAC. */
        long signedBy(String secret) {
            String expected = sign(secret, this);
            return signatures().stream()
                    .filter(s -> MessageDigest.isEqual(s.getBytes(StandardCharsets.US_ASCII),
                            expected.getBytes(StandardCharsets.US_ASCII)))
                    .count();
        }

        /** Whether the webhook-timestamp is a number of seconds within the tolerance of the arrival. */
        boolean timely() {
            try {
                long timestamp = Long.parseLong(header("webhook-timestamp"));
                long skew = Math.abs(arrivedAt.getEpochSecond() - timestamp);
                return skew <= TOLERANCE.toSeconds();
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /**
         * Null when the request is signed by {@code secret} as Standard Webhooks says, by both this
         * class's check and the reference library; else what is wrong.
         */
        String verify(String secret) {
            if (id() == null || header("webhook-timestamp") == null || header("webhook-signature") == null) {
                return "missing webhook-id, webhook-timestamp or webhook-signature: " + headers;
            }
            if (!timely()) {
                return "webhook-timestamp " + header("webhook-timestamp") + " is not within " + TOLERANCE
                        + " of the arrival at " + arrivedAt;
            }
            if (signedBy(secret) == 0) {
                return "no v1 signature in '" + header("webhook-signature") + "' matches the secret";
            }
            try {
                new com.standardwebhooks.Webhook(secret).verify(body(), headers);
            } catch (Exception e) {
                return "the Standard Webhooks reference library refused it: " + e;
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "webhook-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "webhook-receiver-answer");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Where Parley should deliver: http://127.0.0.1:{port}/hooks/parley. */
    String url() {
        return base() + PATH;
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next requests with these, in order; later requests get 204. */
    Receiver answer(Answer... next) {
        answers.addAll(List.of(next));
        return this;
    }

    /** Everything received so far, in arrival order. */
    List<Request> received() {
        return List.copyOf(received);
    }

    List<Request> received(Predicate<Request> match) {
        return received.stream().filter(match).toList();
    }

    /**
     * Waits until at least {@code count} requests matching {@code match} arrived, and answers them;
     * fails after {@code timeout}.
     */
    List<Request> await(Predicate<Request> match, int count, Duration timeout) {
        try {
            return Eventually.poll(timeout, count + " matching requests", () -> received(match),
                    matching -> matching.size() >= count);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; everything received: " + describe(received()), e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        later.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant arrivedAt = Instant.now();
        long arrivedNanos = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        Answer answer = answers.poll();
        if (answer == null) {
            answer = Answer.status(204);
        }
        received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body,
                arrivedAt, arrivedNanos, answer.status()));
        if (answer.delay().isZero()) {
            respond(exchange, answer);
        } else {
            Answer reply = answer;
            // A slow answer is sent later from the scheduler: no receiver thread waits for it.
            later.schedule(() -> respond(exchange, reply), answer.delay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static Void respond(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
        return null;
    }

    /** The base64 HMAC-SHA256 of "id.timestamp.body" under the decoded secret, written independently. */
    static String sign(String secret, Request request) {
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("not a whsec_ secret: " + secret);
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] prefix = (request.id() + "." + request.header("webhook-timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return Base64.getEncoder().encodeToString(mac.doFinal(request.rawBody()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(List<Request> requests) {
        List<String> lines = new ArrayList<>();
        for (Request r : requests) {
            lines.add(r.method() + " " + r.path() + " id=" + r.id() + " -> " + r.status() + " " + r.body());
        }
        return lines.toString();
    }
}
