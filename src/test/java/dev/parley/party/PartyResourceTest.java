package dev.parley.party;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PartyResourceTest {

    static Map<String, Object> party(String slug) {
        return Map.of("slug", slug, "name", "Party " + slug, "kind", "STATE");
    }

    static void create(String slug) {
        api().body(party(slug)).post("/api/v1/parties").then().statusCode(201);
    }

    @Test
    void createdPartyIsReadBackWithLocation() {
        String slug = unique("state");
        api().body(Map.of("slug", slug, "name", "Atlantis", "kind", "STATE", "wikidata_id", "Q42"))
                .post("/api/v1/parties")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/parties/" + slug))
                .body("slug", equalTo(slug))
                .body("wikidata_id", equalTo("Q42"))
                .body("created_at", notNullValue());
        api().get("/api/v1/parties/" + slug).then().statusCode(200).body("name", equalTo("Atlantis"));
    }

    @Test
    void unknownMemberIsRejectedWithItsPointer() {
        api().body(Map.of("slug", unique("p"), "name", "X", "kind", "STATE", "colour", "red"))
                .post("/api/v1/parties")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.pointer", hasItem("/colour"));
    }

    @Test
    void invalidMembersAreAllReported() {
        api().body(Map.of("slug", "Not A Slug", "name", "", "kind", "EMPIRE"))
                .post("/api/v1/parties")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/kind"));
        api().body(Map.of("slug", "Not A Slug", "name", "", "kind", "STATE"))
                .post("/api/v1/parties")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/slug"))
                .body("errors.pointer", hasItem("/name"));
    }

    @Test
    void takenSlugConflicts() {
        String slug = unique("p");
        create(slug);
        api().body(party(slug)).post("/api/v1/parties").then().statusCode(409).body("code", equalTo("SLUG_TAKEN"));
    }

    @Test
    void mergePatchChangesOnlyTheGivenMembers() {
        String slug = unique("p");
        create(slug);
        raw().contentType("application/merge-patch+json").accept("application/json")
                .body("{\"name\":\"Renamed\",\"wikidata_id\":\"Q7\"}")
                .patch("/api/v1/parties/" + slug)
                .then().statusCode(200)
                .body("name", equalTo("Renamed"))
                .body("kind", equalTo("STATE"))
                .body("wikidata_id", equalTo("Q7"));
    }

    @Test
    void patchCannotChangeTheSlug() {
        String slug = unique("p");
        create(slug);
        raw().contentType("application/merge-patch+json").accept("application/json")
                .body("{\"slug\":\"other\"}")
                .patch("/api/v1/parties/" + slug)
                .then().statusCode(400).body("errors.pointer", hasItem("/slug"));
    }

    @Test
    void patchWithPlainJsonIsUnsupported() {
        String slug = unique("p");
        create(slug);
        api().body(Map.of("name", "X")).patch("/api/v1/parties/" + slug)
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void deletedPartyIsGone() {
        String slug = unique("p");
        create(slug);
        api().delete("/api/v1/parties/" + slug).then().statusCode(204);
        api().get("/api/v1/parties/" + slug).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void referencedPartyCannotBeDeleted() {
        api().delete("/api/v1/parties/russia").then().statusCode(409).body("code", equalTo("PARTY_REFERENCED"));
        api().get("/api/v1/parties/russia").then().statusCode(200);
    }

    @Test
    void listPagesThroughEveryPartyOnce() {
        for (int i = 0; i < 3; i++) {
            create(unique("paging"));
        }
        String token = null;
        Set<String> seen = new HashSet<>();
        int pages = 0;
        do {
            var spec = api().queryParam("page_size", 2);
            if (token != null) {
                spec.queryParam("page_token", token);
            }
            var body = spec.get("/api/v1/parties").then().statusCode(200).extract().jsonPath();
            List<String> slugs = body.getList("items.slug");
            assertThat(slugs).hasSizeLessThanOrEqualTo(2);
            for (String s : slugs) {
                assertThat(seen.add(s)).as("seen twice: " + s).isTrue();
            }
            token = body.getString("next_page_token");
            pages++;
        } while (token != null && pages < 1000);
        assertThat(seen).contains("russia", "nato");
    }
}
