package dev.parley.security;

import static dev.parley.support.Api.ADMIN_KEY;
import static dev.parley.support.Api.anonymous;
import static dev.parley.support.Api.api;
import static dev.parley.support.Api.bare;
import static dev.parley.support.Api.etag;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.negotiation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class ApiKeyResourceTest {

    /** The name KeyBootstrap gives the key of parley.bootstrap-admin-key, which the test admin key is. */
    static final String ADMIN_BOOTSTRAP_NAME = "bootstrap";

    @Inject
    Session session;

    private static Response create(String name, String role) {
        return api().body(Map.of("name", name, "role", role)).post("/api/v1/api-keys");
    }

    @Test
    void createdKeyIsShownOnceWithAtLeast128RandomBits() {
        String name = unique("dashboard");
        Response created = create(name, "READER");
        created.then().statusCode(201)
                .header("Location", endsWith("/api/v1/api-keys/" + created.path("id")))
                .body("name", equalTo(name))
                .body("role", equalTo("READER"))
                .body("created_at", notNullValue())
                .body("key", startsWith(ApiKeyService.PREFIX));
        String key = created.path("key");
        byte[] secret = Base64.getUrlDecoder().decode(key.substring(ApiKeyService.PREFIX.length()));
        assertThat(secret.length * 8).isGreaterThanOrEqualTo(128);
        String other = create(name, "READER").then().statusCode(201).extract().path("key");
        assertThat(other).isNotEqualTo(key);
    }

    @Test
    void keyIsNeverListedNorShownAgain() {
        Response created = create(unique("hidden"), "ANALYST");
        String id = created.path("id");
        String key = created.path("key");
        api().get("/api/v1/api-keys/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("role", equalTo("ANALYST"))
                .body("key", nullValue())
                .body(not(containsString(key)));
        String token = null;
        boolean listed = false;
        do {
            var request = api().queryParam("page_size", 500);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            Response page = request.get("/api/v1/api-keys");
            page.then().statusCode(200);
            assertThat(page.asString()).doesNotContain(key).doesNotContain(ApiKeyService.hash(key));
            List<Map<String, Object>> items = page.path("items");
            for (Map<String, Object> item : items) {
                assertThat(item).doesNotContainKey("key");
                listed |= id.equals(item.get("id"));
            }
            token = page.path("next_page_token");
        } while (token != null);
        assertThat(listed).isTrue();
    }

    @Test
    void onlyTheHashOfTheKeyIsStored() {
        Response created = create(unique("stored"), "READER");
        String id = created.path("id");
        String key = created.path("key");
        String stored = QuarkusTransaction.requiringNew().call(() -> session
                .createNativeQuery("select key_hash from api_key where id = :id", String.class)
                .setParameter("id", id).getSingleResult());
        assertThat(stored).isNotEqualTo(key).doesNotContain(key.substring(ApiKeyService.PREFIX.length()))
                .isEqualTo(ApiKeyService.hash(key)).hasSize(64);
    }

    @Test
    void createdKeyAuthenticatesWithItsRole() {
        String reader = create(unique("reader"), "READER").path("key");
        String analyst = create(unique("analyst"), "ANALYST").path("key");
        anonymous().auth().oauth2(reader).get("/api/v1/parties").then().statusCode(200);
        anonymous().auth().oauth2(reader).contentType("application/json").body(party(unique("by-reader")))
                .post("/api/v1/parties").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        anonymous().auth().oauth2(analyst).contentType("application/json").body(party(unique("by-analyst")))
                .post("/api/v1/parties").then().statusCode(201);
        anonymous().auth().oauth2(analyst).get("/api/v1/api-keys").then().statusCode(403);
    }

    @Test
    void changesRecordTheNameOfTheKeyThatMadeThem() {
        String name = unique("analyst-on-duty");
        String analyst = create(name, "ANALYST").path("key");
        String slug = unique("recorded");
        anonymous().auth().oauth2(analyst).contentType("application/json").body(party(slug))
                .post("/api/v1/parties").then().statusCode(201);
        Map<String, Object> change = findChange("party.created", slug);
        assertThat(change).as("party.created of " + slug + " in the change feed").isNotNull();
        assertThat(change.get("recorded_by")).isEqualTo(name);

        String other = unique("addressee");
        api().body(party(other)).post("/api/v1/parties").then().statusCode(201);
        String negotiation = negotiation(unique("talks"), "Talks", "2022-01-01", List.of(slug, other));
        String demand = unique("demand");
        api().body(Map.of("slug", demand, "negotiation", negotiation, "proposer", slug, "addressees", List.of(other),
                "title", "A demand", "text", "It asks.", "topic", "security", "kind", "DEMAND", "tabled_on",
                "2022-01-10")).post("/api/v1/demands").then().statusCode(201);
        String path = "/api/v1/demands/" + demand + "/positions/" + other;
        anonymous().auth().oauth2(analyst).contentType("application/json").header("If-Match", etag(path))
                .body(Map.of("status", "UNASSESSED", "effective_on", "2022-01-12", "note", "Checked."))
                .put(path)
                .then().statusCode(200).body("recorded_by", equalTo(name));
        api().get(path).then().statusCode(200).body("recorded_by", equalTo(name));
        api().get("/api/v1/demands/" + demand + "/positions/" + slug).then().statusCode(200)
                .body("recorded_by", equalTo(ADMIN_BOOTSTRAP_NAME));
    }

    @Test
    void revokedKeyStopsWorkingAndStaysListed() {
        Response created = create(unique("leaving"), "ANALYST");
        String id = created.path("id");
        String key = created.path("key");
        anonymous().auth().oauth2(key).get("/api/v1/parties").then().statusCode(200);
        bare().delete("/api/v1/api-keys/" + id).then().statusCode(428).body("code", equalTo("PRECONDITION_REQUIRED"));
        anonymous().auth().oauth2(key).get("/api/v1/parties").then().statusCode(200);
        String tag = etag("/api/v1/api-keys/" + id);
        bare().header("If-Match", tag).delete("/api/v1/api-keys/" + id)
                .then().statusCode(204).header("ETag", notNullValue());
        anonymous().auth().oauth2(key).get("/api/v1/parties")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("UNAUTHORIZED"));
        api().get("/api/v1/api-keys/" + id).then().statusCode(200).body("revoked_at", notNullValue());
        bare().header("If-Match", tag).delete("/api/v1/api-keys/" + id).then().statusCode(412);
    }

    /**
     * The test admin key must survive every test, so the rule is checked on it with a stale
     * If-Match: a 409 shows the rule held; were it broken, the stale tag would still refuse the
     * revocation (412) and the key would survive.
     */
    @Test
    void lastActiveAdminKeyCannotBeRevoked() {
        String bootstrap = bootstrapKeyId();
        String stale = "\"not-the-current-tag\"";
        assertThat(etag("/api/v1/api-keys/" + bootstrap)).isNotEqualTo(stale);
        String second = create(unique("second-admin"), "ADMIN").path("id");
        for (String other : activeAdminKeys()) {
            if (!other.equals(bootstrap) && !other.equals(second)) {
                api().delete("/api/v1/api-keys/" + other).then().statusCode(204);
            }
        }
        // Two admins: the rule does not apply, the stale tag refuses.
        bare().header("If-Match", stale).delete("/api/v1/api-keys/" + bootstrap).then().statusCode(412);
        api().delete("/api/v1/api-keys/" + second).then().statusCode(204);
        assertThat(activeAdminKeys()).containsExactly(bootstrap);

        bare().header("If-Match", stale).delete("/api/v1/api-keys/" + bootstrap)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("LAST_ADMIN_KEY"));
        api().get("/api/v1/api-keys/" + bootstrap).then().statusCode(200).body("revoked_at", nullValue());
    }

    @Test
    void invalidKeyRequestsAreRefusedWithPointers() {
        api().body(Map.of("name", "", "role", "READER")).post("/api/v1/api-keys")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("errors.pointer", hasItem("/name"));
        api().body(Map.of("name", "!shouting", "role", "READER")).post("/api/v1/api-keys")
                .then().statusCode(400).body("errors.pointer", hasItem("/name"));
        api().body(Map.of("name", "x".repeat(101), "role", "READER")).post("/api/v1/api-keys")
                .then().statusCode(400).body("errors.pointer", hasItem("/name"));
        api().body(Map.of("name", unique("n"))).post("/api/v1/api-keys")
                .then().statusCode(400).body("errors.pointer", hasItem("/role"));
        api().body(Map.of("name", unique("n"), "role", "ROOT")).post("/api/v1/api-keys")
                .then().statusCode(400).body("errors.pointer", hasItem("/role"));
        api().body(Map.of("name", unique("n"), "role", "READER", "key", "parley_chosen_by_me"))
                .post("/api/v1/api-keys")
                .then().statusCode(400).body("errors.pointer", hasItem("/key"));
    }

    @Test
    void unknownKeyIdIsNotFound() {
        api().get("/api/v1/api-keys/key_nope").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        bare().header("If-Match", "\"x\"").delete("/api/v1/api-keys/key_nope").then().statusCode(404);
    }

    private static Map<String, Object> party(String slug) {
        return Map.of("slug", slug, "name", "Party " + slug, "kind", "STATE");
    }

    private static List<Map<String, Object>> allKeys() {
        List<Map<String, Object>> keys = new ArrayList<>();
        String token = null;
        do {
            var request = api().queryParam("page_size", 500);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            JsonPath page = request.get("/api/v1/api-keys").then().statusCode(200).extract().jsonPath();
            keys.addAll(page.getList("items"));
            token = page.getString("next_page_token");
        } while (token != null);
        return keys;
    }

    private static List<String> activeAdminKeys() {
        return allKeys().stream()
                .filter(k -> "ADMIN".equals(k.get("role")) && k.get("revoked_at") == null)
                .map(k -> (String) k.get("id")).toList();
    }

    /** The key the test profile registers (parley.bootstrap-admin-key), found by its hash. */
    private String bootstrapKeyId() {
        return QuarkusTransaction.requiringNew().call(() -> session
                .createNativeQuery("select id from api_key where key_hash = :hash", String.class)
                .setParameter("hash", ApiKeyService.hash(ADMIN_KEY)).getSingleResult());
    }

    /** The change of {@code type} about {@code slug}, paging the feed from the oldest change retained. */
    private static Map<String, Object> findChange(String type, String slug) {
        Map<String, Object> found = null;
        String after = null;
        for (int pages = 0; pages < 1000; pages++) {
            var request = api().queryParam("page_size", 500);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                @SuppressWarnings("unchecked")
                Map<String, Object> subject = (Map<String, Object>) item.get("subject");
                if (type.equals(item.get("type")) && slug.equals(subject.get("slug"))) {
                    found = new HashMap<>(item);
                }
            }
            if (items.isEmpty()) {
                return found;
            }
            after = page.getString("next_cursor");
        }
        return found;
    }
}
