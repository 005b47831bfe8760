package dev.parley.common;

import static dev.parley.support.Api.anonymous;
import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** The rate limit and CORS, which the default test configuration leaves off. */
@QuarkusTest
@TestProfile(StrictLimitsTest.Strict.class)
class StrictLimitsTest {

    static final String ORIGIN = "https://dash.example";
    static final int BURST = 3;

    public static class Strict implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.rate-limit.per-second", "2",
                    "parley.rate-limit.burst", String.valueOf(BURST),
                    "quarkus.http.cors.origins", ORIGIN);
        }
    }

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void keyPastItsBurstGets429WithRetryAfter() {
        String key = readerKey();
        Response first = anonymous().auth().oauth2(key).get("/api/v1/parties");
        first.then().statusCode(200)
                .header("RateLimit-Limit", String.valueOf(BURST))
                .header("RateLimit-Remaining", String.valueOf(BURST - 1))
                .header("X-RateLimit-Limit", String.valueOf(BURST))
                .header("X-RateLimit-Remaining", String.valueOf(BURST - 1));
        assertThat(first.header("RateLimit-Reset")).isNotNull();

        Response limited = null;
        for (int i = 0; i < 50 && limited == null; i++) {
            Response response = anonymous().auth().oauth2(key).get("/api/v1/parties");
            assertThat(response.statusCode()).isIn(200, 429);
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a 429 after the burst").isNotNull();
        limited.then()
                .contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED"))
                .header("RateLimit-Limit", String.valueOf(BURST))
                .header("RateLimit-Remaining", "0")
                .header("X-RateLimit-Limit", String.valueOf(BURST))
                .header("X-RateLimit-Remaining", "0");
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertThat(retryAfter).isPositive();
        assertThat(Integer.parseInt(limited.header("RateLimit-Reset"))).isPositive();
        assertThat(limited.header("X-RateLimit-Reset")).isEqualTo(limited.header("RateLimit-Reset"));

        // Another key has its own bucket.
        anonymous().auth().oauth2(readerKey()).get("/api/v1/parties").then().statusCode(200);

        clock.advance(Duration.ofSeconds(retryAfter));
        anonymous().auth().oauth2(key).get("/api/v1/parties").then().statusCode(200);
    }

    @Test
    void limitedWriteDoesNothing() {
        String key = analystKey();
        String reader = readerKey();
        String slug = unique("limited");
        Response answer = null;
        for (int i = 0; i < 50; i++) {
            answer = anonymous().auth().oauth2(key).contentType("application/json")
                    .body(Map.of("slug", slug + "-" + i, "name", "Party", "kind", "STATE"))
                    .post("/api/v1/parties");
            if (answer.statusCode() == 429) {
                anonymous().auth().oauth2(reader).get("/api/v1/parties/" + slug + "-" + i).then().statusCode(404);
                return;
            }
            answer.then().statusCode(201);
        }
        throw new AssertionError("no 429 in 50 writes at once: " + answer.asString());
    }

    @Test
    void preflightFromTheAllowedOriginIsAllowed() {
        Response response = given().header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,if-match,content-type")
                .options("/api/v1/parties/some-party");
        assertThat(response.statusCode()).isBetween(200, 204);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(names(response.header("Access-Control-Allow-Methods"))).contains("patch");
        assertThat(names(response.header("Access-Control-Allow-Headers"))).contains("authorization", "if-match");
    }

    @Test
    void answersToTheAllowedOriginExposeTheHeadersClientsNeed() {
        Response response = anonymous().auth().oauth2(readerKey()).header("Origin", ORIGIN).get("/api/v1/parties");
        response.then().statusCode(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(names(response.header("Access-Control-Expose-Headers")))
                .contains("etag", "location", "retry-after", "ratelimit-limit", "ratelimit-remaining",
                        "ratelimit-reset", "x-ratelimit-limit", "idempotent-replayed");
    }

    @Test
    void otherOriginsAreNotAllowed() {
        Response simple = given().auth().oauth2(readerKey()).header("Origin", "https://evil.example")
                .get("/api/v1/parties");
        assertThat(simple.header("Access-Control-Allow-Origin")).isNull();
        Response preflight = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .options("/api/v1/parties/some-party");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }

    private static List<String> names(String header) {
        assertThat(header).isNotNull();
        return Arrays.stream(header.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private String readerKey() {
        return key("READER");
    }

    private String analystKey() {
        return key("ANALYST");
    }

    /** A new key, made by the test admin, who is rate limited too: moves time on as 429 says. */
    private String key(String role) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Response response = api().body(Map.of("name", unique("strict"), "role", role)).post("/api/v1/api-keys");
            if (response.statusCode() != 429) {
                return response.then().statusCode(201).extract().path("key");
            }
            clock.advance(Duration.ofSeconds(Long.parseLong(response.header("Retry-After"))));
        }
        throw new AssertionError("the admin key stayed rate limited");
    }
}
