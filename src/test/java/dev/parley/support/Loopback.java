package dev.parley.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.restassured.RestAssured;

/**
 * Plain HTTP to the service under test for fuzz tests. REST Assured would re-encode what the
 * fuzzer sends and wait forever on an event stream; this client sends the bytes it is given and
 * reads an event stream's status and headers only.
 */
public final class Loopback {

    /** Writes non-ASCII as escapes, so a lone surrogate reaches the service as JSON, not as '?'. */
    public static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    // HTTP/1.1, as REST Assured and most clients speak it; by default java.net.http upgrades to h2c.
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    // Generous: a slow answer is not a finding, a hung one is.
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /**
     * Vert.x answers a request line over 4 KiB itself, with an empty 414 or 431, before any of the
     * service runs, and Quarkus offers no hook to make that problem+json (quarkus#55082). Fuzzed
     * queries are cut to fit, so the fuzzer tests the service rather than rediscovering that.
     */
    private static final int MAX_TARGET = 4000;

    private final String method;
    private final String path;
    private final List<String> query = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;

    private Loopback(String method, String path) {
        this.method = method;
        this.path = path;
        headers.put("Authorization", "Bearer " + Api.ADMIN_KEY);
        headers.put("Accept", "application/json");
    }

    public static Loopback get(String path) {
        return new Loopback("GET", path);
    }

    public static Loopback post(String path) {
        return new Loopback("POST", path);
    }

    public static Loopback put(String path) {
        return new Loopback("PUT", path);
    }

    public static Loopback patch(String path) {
        return new Loopback("PATCH", path);
    }

    public static Loopback delete(String path) {
        return new Loopback("DELETE", path);
    }

    /** A query parameter; null values are left out, anything else is percent-encoded. */
    public Loopback query(String name, String value) {
        if (name != null && value != null) {
            query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return this;
    }

    /** A header; null leaves it out, characters HTTP cannot carry in a header are dropped. */
    public Loopback header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value.replaceAll("[^\\x20-\\x7e\\t]", "").strip());
        }
        return this;
    }

    public Loopback body(String contentType, byte[] bytes) {
        headers.put("Content-Type", contentType);
        this.body = bytes;
        return this;
    }

    public Loopback json(Object value) {
        return body("application/json", write(value));
    }

    public Loopback ifMatch(String etag) {
        return header("If-Match", etag);
    }

    /** Sends the request; an event stream is closed once its status and headers have arrived. */
    public Reply send() {
        URI uri = uri();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        String described = method + " " + uri + (body == null ? ""
                : " " + headers.get("Content-Type") + " " + excerpt(new String(body, StandardCharsets.UTF_8)));
        try {
            HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String text;
            try (InputStream in = response.body()) {
                text = contentType.startsWith("text/event-stream") ? ""
                        : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Reply(described, response.statusCode(), contentType, response.headers().map(), text);
        } catch (IOException e) {
            throw new AssertionError("No answer to " + described, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + described, e);
        }
    }

    private URI uri() {
        String q = query.isEmpty() ? "" : "?" + String.join("&", query);
        try {
            // The multi-argument constructor quotes what a raw path may not contain.
            URI base = new URI("http", null, "127.0.0.1", RestAssured.port, path, null, null);
            int room = MAX_TARGET - base.getRawPath().length();
            if (q.length() > room) {
                // Not a partial %XX escape at the end.
                q = q.substring(0, Math.max(0, room)).replaceAll("%[0-9A-Fa-f]?$", "");
            }
            return URI.create(base.toASCIIString() + q);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }

    public static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "… (" + text.length() + " characters)";
    }

    /** What the service answered, and what it was asked. */
    public record Reply(String request, int status, String contentType, Map<String, List<String>> headers,
            String body) {

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not JSON: " + this, e);
            }
        }

        /**
         * The property every fuzz test holds the service to: never a 5xx, whatever it was sent, and
         * every 4xx is application/problem+json whose body names the same status and a stable code.
         * A 2xx is fine: fuzzed input is often valid.
         */
        public Reply assertWellFormed() {
            if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
                fail("Answered %d to %s%n%s", status, request, this);
            }
            if (status >= 400) {
                assertThat(contentType).as("Content-Type of %s", this).startsWith("application/problem+json");
                JsonNode problem = json();
                assertThat(problem.isObject()).as("problem is an object: %s", this).isTrue();
                assertThat(problem.path("status").isInt() && problem.path("status").asInt() == status)
                        .as("problem names status %d: %s", status, this).isTrue();
                assertThat(problem.path("code").asText()).as("problem code of %s", this)
                        .matches("^[A-Z][A-Z0-9_]*$");
            } else if (contentType.startsWith("application/json")) {
                json();
            }
            return this;
        }

        /** Well-formed and one of the statuses a test that sets up its own data expects. */
        public Reply assertStatus(int expected) {
            assertWellFormed();
            assertThat(status).as("status of %s", this).isEqualTo(expected);
            return this;
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + contentType + " " + excerpt(body);
        }
    }
}
