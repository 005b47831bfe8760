package dev.parley.webhook;

import static dev.parley.support.Api.anonymous;
import static dev.parley.support.Api.api;
import static dev.parley.support.Api.bare;
import static dev.parley.support.Api.etag;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The subscription API: lifecycle, secrets, validation and who may use it. Deliveries are in
 * WebhookDeliveryTest; the refusal of private targets in TargetPolicyTest, since the test profile
 * allows them. Subscriptions here point at a closed port on 127.0.0.1 and are deleted after each
 * test, so the deliveries other tests' changes queue for them go nowhere and stop.
 */
@QuarkusTest
class WebhookResourceTest {

    private static final String WEBHOOKS = "/api/v1/webhooks";
    /** whsec_ and the standard base64 of 32 bytes: 43 characters and one '='. */
    private static final String SECRET = "^whsec_[A-Za-z0-9+/]{43}=$";

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void deleteSubscriptions() {
        for (String id : created) {
            bare().header("If-Match", "*").delete(WEBHOOKS + "/" + id);
        }
    }

    /** A URL on 127.0.0.1 where nothing listens: deliveries fail at once, on this machine. */
    private static String nowhere() {
        return "http://127.0.0.1:9/" + unique("hook");
    }

    private static Map<String, Object> subscription(String url, List<String> types) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("event_types", types);
        return body;
    }

    private JsonPath create(Map<String, Object> body) {
        JsonPath created = api().body(body).post(WEBHOOKS).then().statusCode(201).extract().jsonPath();
        this.created.add(created.getString("webhook.id"));
        return created;
    }

    private JsonPath create() {
        return create(subscription(nowhere(), List.of("negotiation.updated")));
    }

    @Test
    void creationAnswersTheSecretOnceAndReadsNeverShowIt() {
        String url = nowhere();
        Map<String, Object> body = subscription(url, List.of("position.changed", "demand.created"));
        body.put("description", "Dashboard");
        var response = api().body(body).post(WEBHOOKS)
                .then().statusCode(201)
                .body("webhook.id", startsWith("whk_"))
                .body("webhook.url", equalTo(url))
                .body("webhook.event_types", contains("position.changed", "demand.created"))
                .body("webhook.active", equalTo(true))
                .body("webhook.description", equalTo("Dashboard"))
                .body("webhook.created_at", notNullValue())
                .body("webhook", not(hasKey("secret")))
                .body("webhook", not(hasKey("disabled_reason")))
                .body("previous_secret_valid_until", nullValue())
                .extract();
        String id = response.path("webhook.id");
        created.add(id);
        assertThat(response.header("Location")).endsWith(WEBHOOKS + "/" + id);
        String secret = response.path("secret");
        assertThat(secret).matches(SECRET);
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);

        String item = api().get(WEBHOOKS + "/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("url", equalTo(url))
                .body("active", equalTo(true))
                .body("$", not(hasKey("secret")))
                .extract().asString();
        assertThat(item).doesNotContain(secret).doesNotContain(secret.substring("whsec_".length()));

        String list = api().queryParam("page_size", 500).get(WEBHOOKS).then().statusCode(200)
                .body("items.id", hasItem(id))
                .extract().asString();
        assertThat(list).doesNotContain(secret.substring("whsec_".length())).doesNotContain("\"secret\"");
    }

    @Test
    void everySubscriptionGetsItsOwnSecret() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            secrets.add(create().getString("secret"));
        }
        assertThat(secrets).hasSize(3).allMatch(s -> s.matches(SECRET));
    }

    @Test
    void subscriptionCanBeCreatedInactiveAndForEveryType() {
        Map<String, Object> body = subscription(nowhere(), List.of("*"));
        body.put("active", false);
        String id = create(body).getString("webhook.id");
        api().get(WEBHOOKS + "/" + id).then().statusCode(200)
                .body("active", equalTo(false))
                .body("event_types", contains("*"));
    }

    @Test
    void repeatedEventTypesAreKeptOnce() {
        String id = create(subscription(nowhere(), List.of("party.created", "party.created", "party.deleted")))
                .getString("webhook.id");
        api().get(WEBHOOKS + "/" + id).then().body("event_types", contains("party.created", "party.deleted"));
    }

    @Test
    void mergePatchChangesOnlyTheGivenMembers() {
        Map<String, Object> body = subscription(nowhere(), List.of("party.created"));
        body.put("description", "Before");
        JsonPath before = create(body);
        String id = before.getString("webhook.id");
        raw().contentType("application/merge-patch+json").accept(ContentType.JSON)
                .body("{\"event_types\":[\"*\"],\"description\":null}")
                .patch(WEBHOOKS + "/" + id)
                .then().statusCode(200)
                .body("url", equalTo(body.get("url")))
                .body("event_types", contains("*"))
                .body("active", equalTo(true))
                .body("$", not(hasKey("description")))
                .body("$", not(hasKey("secret")));
        raw().contentType("application/merge-patch+json").accept(ContentType.JSON)
                .body("{\"active\":false}")
                .patch(WEBHOOKS + "/" + id)
                .then().statusCode(200)
                .body("active", equalTo(false))
                .body("event_types", contains("*"));
        api().get(WEBHOOKS + "/" + id).then().body("active", equalTo(false)).body("event_types", contains("*"));
    }

    @Test
    void patchNeedsACurrentIfMatch() {
        String id = create().getString("webhook.id");
        String path = WEBHOOKS + "/" + id;
        String stale = etag(path);
        assertThat(stale).isNotNull();
        bare().contentType("application/merge-patch+json").accept(ContentType.JSON)
                .body("{\"description\":\"No precondition\"}")
                .patch(path)
                .then().statusCode(428).body("code", equalTo("PRECONDITION_REQUIRED"));
        bare().contentType("application/merge-patch+json").accept(ContentType.JSON)
                .header("If-Match", stale)
                .body("{\"description\":\"First\"}")
                .patch(path)
                .then().statusCode(200).header("ETag", not(equalTo(stale)));
        bare().contentType("application/merge-patch+json").accept(ContentType.JSON)
                .header("If-Match", stale)
                .body("{\"description\":\"Second\"}")
                .patch(path)
                .then().statusCode(412).body("code", equalTo("PRECONDITION_FAILED"));
        api().get(path).then().body("description", equalTo("First"));
    }

    @Test
    void patchIsValidatedLikeACreation() {
        String id = create().getString("webhook.id");
        raw().contentType("application/merge-patch+json").accept(ContentType.JSON)
                .body("{\"url\":\"ftp://127.0.0.1/hook\"}")
                .patch(WEBHOOKS + "/" + id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/url"));
        raw().contentType("application/merge-patch+json").accept(ContentType.JSON)
                .body("{\"event_types\":[\"party.created\",\"party.exploded\"]}")
                .patch(WEBHOOKS + "/" + id)
                .then().statusCode(400)
                .body("errors.pointer", contains("/event_types/1"));
        raw().contentType("application/merge-patch+json").accept(ContentType.JSON)
                .body("{\"secret\":\"whsec_AAAA\"}")
                .patch(WEBHOOKS + "/" + id)
                .then().statusCode(400).body("errors.pointer", hasItem("/secret"));
        api().get(WEBHOOKS + "/" + id).then().body("url", startsWith("http://127.0.0.1:9/"));
    }

    @Test
    void deletedSubscriptionIsGone() {
        String id = create().getString("webhook.id");
        api().delete(WEBHOOKS + "/" + id).then().statusCode(204);
        api().get(WEBHOOKS + "/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        bare().header("If-Match", "*").delete(WEBHOOKS + "/" + id).then().statusCode(404);
        api().queryParam("page_size", 500).get(WEBHOOKS).then().body("items.id", not(hasItem(id)));
    }

    @Test
    void unknownSubscriptionIsNotFound() {
        String path = WEBHOOKS + "/whk_nosuchthing";
        api().get(path).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        bare().header("If-Match", "*").contentType("application/merge-patch+json").accept(ContentType.JSON)
                .body("{\"active\":false}").patch(path).then().statusCode(404);
        api().post(path + "/rotate-secret").then().statusCode(404);
        api().post(path + "/ping").then().statusCode(404);
        api().get(path + "/deliveries").then().statusCode(404);
        api().post(path + "/deliveries/msg_nosuchthing/redeliver").then().statusCode(404);
    }

    @Test
    void badUrlsAreRejectedWithThePointer() {
        for (String url : List.of("not a url", "ftp://127.0.0.1/hook", "file:///etc/passwd", "127.0.0.1:8080/hook",
                "javascript:alert(1)", "")) {
            api().body(subscription(url, List.of("position.changed"))).post(WEBHOOKS)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("VALIDATION_FAILED"))
                    .body("errors.pointer", hasItem("/url"));
        }
        api().body(Map.of("event_types", List.of("position.changed"))).post(WEBHOOKS)
                .then().statusCode(400).body("errors.pointer", hasItem("/url"));
        api().body(subscription("http://" + "a".repeat(2000) + ".example/", List.of("position.changed")))
                .post(WEBHOOKS)
                .then().statusCode(400).body("errors.pointer", hasItem("/url"));
    }

    @Test
    void unknownOrMissingEventTypesAreRejectedWithThePointer() {
        api().body(subscription(nowhere(), List.of("position.changed", "position.teleported", "*")))
                .post(WEBHOOKS)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", contains("/event_types/1"));
        api().body(subscription(nowhere(), List.of("position.*"))).post(WEBHOOKS)
                .then().statusCode(400).body("errors.pointer", contains("/event_types/0"));
        api().body(subscription(nowhere(), List.of())).post(WEBHOOKS)
                .then().statusCode(400).body("errors.pointer", hasItem("/event_types"));
        api().body(Map.of("url", nowhere())).post(WEBHOOKS)
                .then().statusCode(400).body("errors.pointer", hasItem("/event_types"));
        Map<String, Object> body = subscription(nowhere(), List.of("position.changed"));
        body.put("secret", "whsec_chosen");
        api().body(body).post(WEBHOOKS).then().statusCode(400).body("errors.pointer", hasItem("/secret"));
        body = subscription(nowhere(), List.of("position.changed"));
        body.put("description", "x".repeat(501));
        api().body(body).post(WEBHOOKS).then().statusCode(400).body("errors.pointer", hasItem("/description"));
    }

    @Test
    void rotationAnswersANewSecretAndReadsStillHideIt() {
        JsonPath first = create();
        String id = first.getString("webhook.id");
        String old = first.getString("secret");
        Instant before = Instant.now();
        var rotated = api().post(WEBHOOKS + "/" + id + "/rotate-secret")
                .then().statusCode(200)
                .body("webhook.id", equalTo(id))
                .body("webhook", not(hasKey("secret")))
                .extract().jsonPath();
        String secret = rotated.getString("secret");
        assertThat(secret).matches(SECRET).isNotEqualTo(old);
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
        // The previous secret keeps signing for the grace period: 24 hours by default.
        Instant until = Instant.parse(rotated.getString("previous_secret_valid_until"));
        assertThat(until).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(5),
                Instant.now().plus(Duration.ofHours(24)).plusSeconds(5));

        String again = api().post(WEBHOOKS + "/" + id + "/rotate-secret").then().statusCode(200)
                .extract().path("secret");
        assertThat(again).matches(SECRET).isNotEqualTo(secret).isNotEqualTo(old);

        String item = api().get(WEBHOOKS + "/" + id).then().statusCode(200).extract().asString();
        String list = api().queryParam("page_size", 500).get(WEBHOOKS).then().statusCode(200).extract().asString();
        for (String s : List.of(old, secret, again)) {
            String key = s.substring("whsec_".length());
            assertThat(item).doesNotContain(key);
            assertThat(list).doesNotContain(key);
        }
    }

    @Test
    void onlyAdminsManageSubscriptions() {
        String id = create().getString("webhook.id");
        for (String role : List.of("ANALYST", "READER")) {
            String key = api().body(Map.of("name", unique("hooks-" + role.toLowerCase()), "role", role))
                    .post("/api/v1/api-keys")
                    .then().statusCode(201)
                    .extract().path("key");
            anonymous().auth().oauth2(key).accept(ContentType.JSON).get(WEBHOOKS)
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("code", equalTo("FORBIDDEN"));
            anonymous().auth().oauth2(key).accept(ContentType.JSON).get(WEBHOOKS + "/" + id)
                    .then().statusCode(403);
            anonymous().auth().oauth2(key).contentType(ContentType.JSON).accept(ContentType.JSON)
                    .body(subscription(nowhere(), List.of("*"))).post(WEBHOOKS)
                    .then().statusCode(403);
            anonymous().auth().oauth2(key).accept(ContentType.JSON).post(WEBHOOKS + "/" + id + "/rotate-secret")
                    .then().statusCode(403);
            anonymous().auth().oauth2(key).accept(ContentType.JSON).get(WEBHOOKS + "/" + id + "/deliveries")
                    .then().statusCode(403);
        }
        // Anonymous reads are allowed elsewhere, but not here.
        anonymous().accept(ContentType.JSON).get(WEBHOOKS).then().statusCode(401);
        anonymous().accept(ContentType.JSON).get(WEBHOOKS + "/" + id).then().statusCode(401);
        api().queryParam("page_size", 500).get(WEBHOOKS).then().body("items.id", hasItem(id));
    }

    @Test
    void listPagesThroughEverySubscriptionOnce() {
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            mine.add(create().getString("webhook.id"));
        }
        String token = null;
        Set<String> seen = new HashSet<>();
        int pages = 0;
        do {
            var spec = api().queryParam("page_size", 2);
            if (token != null) {
                spec.queryParam("page_token", token);
            }
            JsonPath page = spec.get(WEBHOOKS).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id");
            assertThat(ids).hasSizeLessThanOrEqualTo(2);
            assertThat(page.getList("items.secret")).allMatch(s -> s == null);
            for (String id : ids) {
                assertThat(seen.add(id)).as("seen twice: " + id).isTrue();
            }
            token = page.getString("next_page_token");
            pages++;
        } while (token != null && pages < 1000);
        assertThat(seen).containsAll(mine);
    }

    @Test
    void newSubscriptionHasAnEmptyDeliveryLog() {
        String id = create().getString("webhook.id");
        api().get(WEBHOOKS + "/" + id + "/deliveries").then().statusCode(200).body("items", equalTo(List.of()));
        api().queryParam("page_token", "not-a-token").get(WEBHOOKS + "/" + id + "/deliveries")
                .then().statusCode(400);
    }
}
