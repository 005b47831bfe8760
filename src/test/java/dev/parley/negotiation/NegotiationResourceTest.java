package dev.parley.negotiation;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.party;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NegotiationResourceTest {

    static Map<String, Object> negotiation(String slug, List<String> participants) {
        Map<String, Object> body = new HashMap<>();
        body.put("slug", slug);
        body.put("title", "Talks " + slug);
        body.put("summary", "Who wants what.");
        body.put("started_on", "2022-01-10");
        body.put("participants", participants);
        return body;
    }

    static String create(List<String> participants) {
        String slug = unique("talks");
        api().body(negotiation(slug, participants)).post("/api/v1/negotiations").then().statusCode(201);
        return slug;
    }

    static void demand(String slug, String negotiation, String proposer, List<String> addressees) {
        api().body(Map.of("slug", slug, "negotiation", negotiation, "proposer", proposer, "addressees", addressees,
                "title", "Demand " + slug, "text", "Something is demanded.", "topic", "security", "kind", "DEMAND",
                "tabled_on", "2022-01-12"))
                .post("/api/v1/demands")
                .then().statusCode(201);
    }

    static io.restassured.response.ValidatableResponse patch(String slug, String body) {
        return raw().contentType("application/merge-patch+json").accept("application/json")
                .body(body)
                .patch("/api/v1/negotiations/" + slug)
                .then();
    }

    @Test
    void createdNegotiationIsReadBackWithLocation() {
        String a = party();
        String b = party();
        String slug = unique("talks");
        Map<String, Object> body = negotiation(slug, List.of(a, b));
        body.put("ended_on", "2022-03-01");
        api().body(body)
                .post("/api/v1/negotiations")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/negotiations/" + slug))
                .body("slug", equalTo(slug))
                .body("title", equalTo("Talks " + slug))
                .body("summary", equalTo("Who wants what."))
                .body("started_on", equalTo("2022-01-10"))
                .body("ended_on", equalTo("2022-03-01"))
                .body("participants", contains(a, b))
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue());
        api().get("/api/v1/negotiations/" + slug)
                .then().statusCode(200)
                .body("slug", equalTo(slug))
                .body("participants", contains(a, b));
    }

    @Test
    void unknownNegotiationIsNotFound() {
        api().get("/api/v1/negotiations/" + unique("nowhere"))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void listPagesThroughEveryNegotiationOnce() {
        String p = party();
        List<String> mine = List.of(create(List.of(p)), create(List.of(p)), create(List.of(p)));
        String token = null;
        Set<String> seen = new HashSet<>();
        int pages = 0;
        do {
            var spec = api().queryParam("page_size", 2);
            if (token != null) {
                spec.queryParam("page_token", token);
            }
            var body = spec.get("/api/v1/negotiations").then().statusCode(200).extract().jsonPath();
            List<String> slugs = body.getList("items.slug");
            assertThat(slugs).hasSizeLessThanOrEqualTo(2);
            for (String s : slugs) {
                assertThat(seen.add(s)).as("seen twice: " + s).isTrue();
            }
            token = body.getString("next_page_token");
            pages++;
        } while (token != null && pages < 1000);
        assertThat(seen).containsAll(mine);
        assertThat(pages).isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "abc" })
    void pageSizeMustBeAPositiveWholeNumber(String pageSize) {
        api().queryParam("page_size", pageSize)
                .get("/api/v1/negotiations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("errors.pointer", hasItem("page_size"));
    }

    @Test
    void hugePageSizeIsClamped() {
        create(List.of(party()));
        List<String> slugs = api().queryParam("page_size", 100000)
                .get("/api/v1/negotiations")
                .then().statusCode(200)
                .extract().jsonPath().getList("items.slug");
        assertThat(slugs).isNotEmpty().hasSizeLessThanOrEqualTo(500);
    }

    @Test
    void pageTokenOfAnotherListIsRejected() {
        party();
        party();
        String token = api().queryParam("page_size", 1)
                .get("/api/v1/parties")
                .then().statusCode(200)
                .extract().jsonPath().getString("next_page_token");
        assertThat(token).isNotNull();
        api().queryParam("page_token", token)
                .get("/api/v1/negotiations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_PAGE_TOKEN"))
                .body("errors.pointer", hasItem("page_token"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage!!", "bm8tY29sb24", "%%%" })
    void pageTokenThatWasNeverIssuedIsRejected(String token) {
        api().queryParam("page_token", token)
                .get("/api/v1/negotiations")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_PAGE_TOKEN"));
    }

    @Test
    void takenSlugConflicts() {
        String p = party();
        String slug = create(List.of(p));
        api().body(negotiation(slug, List.of(p)))
                .post("/api/v1/negotiations")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("SLUG_TAKEN"));
    }

    @Test
    void endBeforeStartIsRejected() {
        Map<String, Object> body = negotiation(unique("talks"), List.of(party()));
        body.put("ended_on", "2022-01-09");
        api().body(body)
                .post("/api/v1/negotiations")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.pointer", hasItem("/ended_on"));
    }

    @Test
    void unknownParticipantIsRejectedWithItsPointer() {
        String slug = unique("talks");
        api().body(negotiation(slug, List.of(unique("nobody"))))
                .post("/api/v1/negotiations")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.pointer", hasItem("/participants/0"));
        api().get("/api/v1/negotiations/" + slug).then().statusCode(404);
    }

    @Test
    void repeatedParticipantIsRejected() {
        String p = party();
        api().body(negotiation(unique("talks"), List.of(p, p)))
                .post("/api/v1/negotiations")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.pointer", hasItem("/participants/1"));
    }

    @Test
    void missingMembersAreAllReported() {
        api().body(Map.of("slug", "Not A Slug"))
                .post("/api/v1/negotiations")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/slug"))
                .body("errors.pointer", hasItem("/title"))
                .body("errors.pointer", hasItem("/started_on"))
                .body("errors.pointer", hasItem("/participants"));
    }

    @Test
    void mergePatchChangesOnlyTheTitle() {
        String a = party();
        String b = party();
        String slug = create(List.of(a, b));
        patch(slug, "{\"title\":\"Renamed talks\"}")
                .statusCode(200)
                .body("slug", equalTo(slug))
                .body("title", equalTo("Renamed talks"))
                .body("summary", equalTo("Who wants what."))
                .body("started_on", equalTo("2022-01-10"))
                .body("participants", contains(a, b));
        api().get("/api/v1/negotiations/" + slug)
                .then().statusCode(200)
                .body("title", equalTo("Renamed talks"))
                .body("participants", contains(a, b));
    }

    @Test
    void mergePatchWithNullRemovesTheSummary() {
        String slug = create(List.of(party()));
        String summary = patch(slug, "{\"summary\":null}")
                .statusCode(200)
                .extract().jsonPath().getString("summary");
        assertThat(summary).isNull();
    }

    @Test
    void patchCannotChangeTheSlug() {
        String slug = create(List.of(party()));
        patch(slug, "{\"slug\":\"" + unique("other") + "\"}")
                .statusCode(400)
                .body("errors.pointer", hasItem("/slug"));
        api().get("/api/v1/negotiations/" + slug).then().statusCode(200);
    }

    @Test
    void patchIsCheckedLikeACreate() {
        String slug = create(List.of(party()));
        patch(slug, "{\"ended_on\":\"2021-12-31\"}")
                .statusCode(400)
                .body("errors.pointer", hasItem("/ended_on"));
        patch(slug, "{\"participants\":[]}")
                .statusCode(400)
                .body("errors.pointer", hasItem("/participants"));
    }

    @Test
    void patchWithPlainJsonIsUnsupported() {
        String slug = create(List.of(party()));
        api().body(Map.of("title", "X"))
                .patch("/api/v1/negotiations/" + slug)
                .then().statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void patchOfUnknownNegotiationIsNotFound() {
        patch(unique("nowhere"), "{\"title\":\"X\"}")
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void participantOutsideEveryDemandCanBeRemoved() {
        String a = party();
        String b = party();
        String bystander = party();
        String slug = create(List.of(a, b, bystander));
        demand(unique("demand"), slug, a, List.of(b));
        patch(slug, "{\"participants\":[\"" + a + "\",\"" + b + "\"]}")
                .statusCode(200)
                .body("participants", contains(a, b));
    }

    @Test
    void participantInvolvedInADemandCannotBeRemoved() {
        String proposer = party();
        String addressee = party();
        String bystander = party();
        String slug = create(List.of(proposer, addressee, bystander));
        demand(unique("demand"), slug, proposer, List.of(addressee));

        patch(slug, "{\"participants\":[\"" + proposer + "\",\"" + bystander + "\"]}")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("PARTICIPANT_INVOLVED"));
        patch(slug, "{\"participants\":[\"" + addressee + "\",\"" + bystander + "\"]}")
                .statusCode(409)
                .body("code", equalTo("PARTICIPANT_INVOLVED"));
        api().get("/api/v1/negotiations/" + slug)
                .then().statusCode(200)
                .body("participants", contains(proposer, addressee, bystander));
    }
}
