package dev.parley.citation;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class SourceResourceTest {

    static Map<String, Object> source(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", "NEWS_AGENCY");
        body.put("reliability", "B");
        return body;
    }

    static String create(String name) {
        return api().body(source(name)).post("/api/v1/sources")
                .then().statusCode(201)
                .extract().jsonPath().getString("id");
    }

    static ValidatableResponse patch(String id, String body) {
        return raw().contentType("application/merge-patch+json").accept("application/json")
                .body(body)
                .patch("/api/v1/sources/" + id)
                .then();
    }

    @Test
    void createdSourceIsReadBackWithLocation() {
        String name = unique("Agency");
        Map<String, Object> body = source(name);
        body.put("kind", "GOVERNMENT");
        body.put("reliability", "A");
        body.put("reliability_note", "Official record.");
        var created = api().body(body)
                .post("/api/v1/sources")
                .then().statusCode(201)
                .body("id", matchesPattern("^src_[0-9a-z]{26}$"))
                .body("name", equalTo(name))
                .body("kind", equalTo("GOVERNMENT"))
                .body("reliability", equalTo("A"))
                .body("reliability_note", equalTo("Official record."))
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue())
                .extract();
        String id = created.jsonPath().getString("id");
        assertThat(created.header("Location")).endsWith("/api/v1/sources/" + id);
        api().get("/api/v1/sources/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo(name))
                .body("reliability_note", equalTo("Official record."));
    }

    @Test
    void unknownSourceIsNotFound() {
        api().get("/api/v1/sources/src_00000000000000000000000000")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void unknownKindIsRejectedWithItsPointer() {
        Map<String, Object> body = source(unique("Blog"));
        body.put("kind", "BLOG");
        api().body(body).post("/api/v1/sources")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.pointer", hasItem("/kind"));
    }

    @Test
    void reliabilityOutsideTheAdmiraltyScaleIsRejected() {
        for (String reliability : List.of("G", "a", "AA")) {
            Map<String, Object> body = source(unique("Agency"));
            body.put("reliability", reliability);
            api().body(body).post("/api/v1/sources")
                    .then().statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"))
                    .body("errors.pointer", hasItem("/reliability"));
        }
    }

    @Test
    void blankNameIsRejected() {
        api().body(source("  ")).post("/api/v1/sources")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.pointer", hasItem("/name"));
    }

    @Test
    void missingMembersAreAllReported() {
        api().body(Map.of("reliability_note", "x"))
                .post("/api/v1/sources")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/name"))
                .body("errors.pointer", hasItem("/kind"))
                .body("errors.pointer", hasItem("/reliability"));
    }

    @Test
    void serverAssignedIdCannotBeGiven() {
        Map<String, Object> body = source(unique("Agency"));
        body.put("id", "src_mine");
        api().body(body).post("/api/v1/sources")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/id"));
    }

    @Test
    void mergePatchChangesOnlyTheGivenMembers() {
        String name = unique("Agency");
        String id = create(name);
        patch(id, "{\"reliability\":\"D\",\"reliability_note\":\"Often wrong.\"}")
                .statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo(name))
                .body("kind", equalTo("NEWS_AGENCY"))
                .body("reliability", equalTo("D"))
                .body("reliability_note", equalTo("Often wrong."));
        String note = patch(id, "{\"reliability_note\":null}")
                .statusCode(200)
                .body("reliability", equalTo("D"))
                .extract().jsonPath().getString("reliability_note");
        assertThat(note).isNull();
        api().get("/api/v1/sources/" + id).then().statusCode(200).body("reliability", equalTo("D"));
    }

    @Test
    void invalidPatchIsRejectedAndNothingChanges() {
        String id = create(unique("Agency"));
        patch(id, "{\"reliability\":\"Z\"}")
                .statusCode(400)
                .body("errors.pointer", hasItem("/reliability"));
        patch(id, "{\"name\":\"\"}")
                .statusCode(400)
                .body("errors.pointer", hasItem("/name"));
        patch(id, "{\"kind\":null}")
                .statusCode(400)
                .body("errors.pointer", hasItem("/kind"));
        patch(id, "{\"colour\":\"red\"}")
                .statusCode(400)
                .body("errors.pointer", hasItem("/colour"));
        api().get("/api/v1/sources/" + id)
                .then().statusCode(200)
                .body("kind", equalTo("NEWS_AGENCY"))
                .body("reliability", equalTo("B"));
    }

    @Test
    void patchOfUnknownSourceIsNotFound() {
        patch("src_00000000000000000000000000", "{\"name\":\"X\"}")
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void patchWithPlainJsonIsUnsupported() {
        String id = create(unique("Agency"));
        api().body(Map.of("name", "X")).patch("/api/v1/sources/" + id)
                .then().statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void listPagesThroughEverySourceOnce() {
        List<String> mine = List.of(create(unique("Agency")), create(unique("Agency")), create(unique("Agency")));
        String token = null;
        Set<String> seen = new HashSet<>();
        int pages = 0;
        do {
            var spec = api().queryParam("page_size", 7);
            if (token != null) {
                spec.queryParam("page_token", token);
            }
            var body = spec.get("/api/v1/sources").then().statusCode(200).extract().jsonPath();
            List<String> ids = body.getList("items.id");
            assertThat(ids).hasSizeLessThanOrEqualTo(7);
            for (String s : ids) {
                assertThat(seen.add(s)).as("seen twice: " + s).isTrue();
            }
            token = body.getString("next_page_token");
            pages++;
        } while (token != null && pages < 1000);
        assertThat(seen).containsAll(mine);
        assertThat(pages).isGreaterThanOrEqualTo(2);
    }

    @Test
    void listRejectsABadPageSizeAndAForeignToken() {
        for (int i = 0; i < 2; i++) {
            String slug = unique("party");
            api().body(Map.of("slug", slug, "name", "Party " + slug, "kind", "STATE"))
                    .post("/api/v1/parties").then().statusCode(201);
        }
        api().queryParam("page_size", 0).get("/api/v1/sources")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("errors.pointer", hasItem("page_size"));
        String token = api().queryParam("page_size", 1).get("/api/v1/parties")
                .then().statusCode(200)
                .extract().jsonPath().getString("next_page_token");
        assertThat(token).isNotNull();
        api().queryParam("page_token", token).get("/api/v1/sources")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_PAGE_TOKEN"));
    }
}
