package dev.parley.common;

import static dev.parley.support.Api.anonymous;
import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.support.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Idempotency-Key on POST: replay, reuse with another body, per-caller keys, concurrent duplicates. */
@QuarkusTest
class IdempotencyTest {

    private static final int DUPLICATES = 8;

    @Inject
    Session session;

    @Inject
    Idempotency idempotency;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Map<String, Object> source(String name) {
        return Map.of("name", name, "kind", "NEWS_AGENCY", "reliability", "B");
    }

    private static Response post(String key, Object body) {
        return api().header(Idempotency.HEADER, key).body(body).post("/api/v1/sources");
    }

    @Test
    void retryReplaysTheFirstAnswerAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String name = unique("Replayed agency");
        Response first = post(key, source(name));
        first.then().statusCode(201);
        assertThat(first.header(Idempotency.REPLAYED)).isNull();

        Response retry = post(key, source(name));
        retry.then().statusCode(201).header(Idempotency.REPLAYED, "true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.contentType()).startsWith("application/json");
        assertThat(retry.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
        assertThat(sourcesNamed(name)).containsExactly((String) first.path("id"));
    }

    @Test
    void sameKeyWithAnotherBodyIsUnprocessable() {
        String key = UUID.randomUUID().toString();
        String name = unique("First agency");
        post(key, source(name)).then().statusCode(201);
        String other = unique("Other agency");
        post(key, source(other)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"))
                .body("errors.pointer", hasItem(Idempotency.HEADER));
        assertThat(sourcesNamed(other)).isEmpty();
        assertThat(sourcesNamed(name)).hasSize(1);
    }

    @Test
    void refusalIsReplayedToo() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> invalid = Map.of("name", "", "kind", "NEWS_AGENCY", "reliability", "B");
        Response first = post(key, invalid);
        first.then().statusCode(400).contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"));
        Response retry = post(key, invalid);
        retry.then().statusCode(400)
                .contentType("application/problem+json")
                .header(Idempotency.REPLAYED, "true")
                .body("code", equalTo("VALIDATION_FAILED"));
        assertThat(retry.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
    }

    @Test
    void keysBelongToTheCallerThatSentThem() {
        String key = UUID.randomUUID().toString();
        String name = unique("Shared key agency");
        String analyst = api().body(Map.of("name", unique("idem"), "role", "ANALYST")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
        Response mine = post(key, source(name));
        Response theirs = anonymous().auth().oauth2(analyst).contentType("application/json")
                .header(Idempotency.HEADER, key).body(source(name)).post("/api/v1/sources");
        mine.then().statusCode(201);
        theirs.then().statusCode(201);
        assertThat(theirs.header(Idempotency.REPLAYED)).isNull();
        assertThat((String) theirs.path("id")).isNotEqualTo(mine.path("id"));
        assertThat(sourcesNamed(name)).hasSize(2);
    }

    @Test
    void concurrentDuplicatesCreateOneResource() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = unique("Concurrent agency");
        ExecutorService pool = Executors.newFixedThreadPool(DUPLICATES);
        List<Response> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < DUPLICATES; i++) {
                var request = api().header(Idempotency.HEADER, key).body(source(name));
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.post("/api/v1/sources");
                }));
            }
            start.countDown();
            for (Future<Response> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> created = new ArrayList<>();
        for (Response answer : answers) {
            assertThat(answer.statusCode()).as(answer.asString()).isIn(201, 409);
            if (answer.statusCode() == 201) {
                created.add(answer.path("id"));
            } else {
                assertThat((String) answer.path("code")).isEqualTo("IDEMPOTENCY_IN_PROGRESS");
            }
        }
        assertThat(created).isNotEmpty();
        assertThat(Set.copyOf(created)).hasSize(1);
        assertThat(sourcesNamed(name)).containsExactly(created.get(0));
        post(key, source(name)).then().statusCode(201).header(Idempotency.REPLAYED, "true")
                .body("id", equalTo(created.get(0)));
    }

    @Test
    void malformedKeysAreBadRequests() {
        post("k".repeat(256), source(unique("Long key agency"))).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem(Idempotency.HEADER));
        post("with space", source(unique("Spaced key agency"))).then().statusCode(400)
                .body("errors.pointer", hasItem(Idempotency.HEADER));
        post("k".repeat(255), source(unique("Longest key agency"))).then().statusCode(201);
    }

    @Test
    void expiredKeysAreForgottenAndPruned() {
        String key = UUID.randomUUID().toString();
        post(key, source(unique("Yesterday's agency"))).then().statusCode(201);
        clock.advance(Idempotency.KEPT.plusMinutes(1));
        // Expired but not yet pruned: the key is free again, even for another body.
        String today = unique("Today's agency");
        Response fresh = post(key, source(today));
        fresh.then().statusCode(201);
        assertThat(fresh.header(Idempotency.REPLAYED)).isNull();
        assertThat(sourcesNamed(today)).hasSize(1);

        clock.advance(Idempotency.KEPT.plusMinutes(1));
        assertThat(stored(key)).isEqualTo(1);
        idempotency.prune();
        assertThat(stored(key)).isZero();
    }

    private long stored(String key) {
        return QuarkusTransaction.requiringNew().call(() -> session
                .createNativeQuery("select count(*) from idempotency_key where idempotency_key = :key", Long.class)
                .setParameter("key", key).getSingleResult());
    }

    /** Ids of every source with this name, over all pages. */
    private static List<String> sourcesNamed(String name) {
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            var request = api().queryParam("page_size", 500);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            JsonPath page = request.get("/api/v1/sources").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            items.stream().filter(s -> name.equals(s.get("name"))).forEach(s -> ids.add((String) s.get("id")));
            token = page.getString("next_page_token");
        } while (token != null);
        return ids;
    }
}
