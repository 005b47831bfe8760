package dev.parley.demand;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.TABLED_ON;
import static dev.parley.support.Fixtures.createDemand;
import static dev.parley.support.Fixtures.demandBody;
import static dev.parley.support.Fixtures.record;
import static dev.parley.support.Fixtures.scene;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.parley.support.Fixtures.Scene;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class DemandResourceTest {

    private static RequestSpecification mergePatch(String body) {
        return raw().contentType("application/merge-patch+json").accept("application/json").body(body);
    }

    private static List<String> listed(Map<String, ?> query) {
        return api().queryParams(query).get("/api/v1/demands")
                .then().statusCode(200)
                .extract().jsonPath().getList("items.slug");
    }

    @Test
    void createdDemandIsPendingWithLocation() {
        Scene scene = scene();
        String slug = unique("demand");
        api().body(demandBody(scene, slug, List.of(scene.first(), scene.second())))
                .post("/api/v1/demands")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/demands/" + slug))
                .body("slug", equalTo(slug))
                .body("negotiation", equalTo(scene.negotiation()))
                .body("proposer", equalTo(scene.proposer()))
                .body("addressees", contains(scene.first(), scene.second()))
                .body("kind", equalTo("DEMAND"))
                .body("tabled_on", equalTo(TABLED_ON))
                .body("status", equalTo("PENDING"))
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue());
        api().get("/api/v1/demands/" + slug)
                .then().statusCode(200)
                .body("title", equalTo("Demand " + slug))
                .body("status", equalTo("PENDING"));
    }

    @Test
    void createdDemandOpensAPositionForEveryInvolvedParty() {
        Scene scene = scene();
        String slug = createDemand(scene);
        api().get("/api/v1/demands/" + slug + "/positions")
                .then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.party", contains(scene.proposer(), scene.first(), scene.second()))
                .body("items.role", contains("PROPOSER", "ADDRESSEE", "ADDRESSEE"))
                .body("items.status", contains("TABLED", "UNASSESSED", "UNASSESSED"))
                .body("items.effective_on", everyItem(equalTo(TABLED_ON)))
                .body("items.demand", everyItem(equalTo(slug)));
    }

    @Test
    void unknownDemandIsNotFound() {
        api().get("/api/v1/demands/" + unique("nothing"))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void unknownNegotiationIsRejectedAtItsPointer() {
        Scene scene = scene();
        Map<String, Object> body = demandBody(scene, unique("demand"), List.of(scene.first()));
        body.put("negotiation", unique("no-talks"));
        api().body(body).post("/api/v1/demands")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.pointer", hasItem("/negotiation"));
    }

    @Test
    void proposerOutsideTheNegotiationIsRejected() {
        Scene scene = scene();
        Map<String, Object> body = demandBody(scene, unique("demand"), List.of(scene.first()));
        body.put("proposer", scene.outsider());
        api().body(body).post("/api/v1/demands")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/proposer"));
        body.put("proposer", unique("nobody"));
        api().body(body).post("/api/v1/demands")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/proposer"));
    }

    @Test
    void unknownAddresseeIsRejectedAtItsIndex() {
        Scene scene = scene();
        api().body(demandBody(scene, unique("demand"), List.of(scene.first(), unique("nobody"))))
                .post("/api/v1/demands")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/addressees/1"));
    }

    @Test
    void addresseeOutsideTheNegotiationIsRejected() {
        Scene scene = scene();
        api().body(demandBody(scene, unique("demand"), List.of(scene.outsider())))
                .post("/api/v1/demands")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/addressees/0"));
    }

    @Test
    void repeatedAddresseeIsRejected() {
        Scene scene = scene();
        api().body(demandBody(scene, unique("demand"), List.of(scene.first(), scene.first())))
                .post("/api/v1/demands")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/addressees/1"));
    }

    @Test
    void proposerCannotAddressItself() {
        Scene scene = scene();
        api().body(demandBody(scene, unique("demand"), List.of(scene.proposer())))
                .post("/api/v1/demands")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/addressees/0"));
    }

    @Test
    void demandWithoutAddresseesIsRejected() {
        Scene scene = scene();
        String slug = unique("demand");
        api().body(demandBody(scene, slug, List.of()))
                .post("/api/v1/demands")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/addressees"));
        api().get("/api/v1/demands/" + slug).then().statusCode(404);
    }

    @Test
    void rejectedDemandIsNotCreated() {
        Scene scene = scene();
        String slug = unique("demand");
        api().body(demandBody(scene, slug, List.of(scene.outsider())))
                .post("/api/v1/demands")
                .then().statusCode(400);
        api().get("/api/v1/demands/" + slug).then().statusCode(404);
        assertThat(listed(Map.of("negotiation", scene.negotiation()))).isEmpty();
    }

    @Test
    void takenSlugConflicts() {
        Scene scene = scene();
        String slug = createDemand(scene);
        api().body(demandBody(scene, slug, List.of(scene.first())))
                .post("/api/v1/demands")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("SLUG_TAKEN"));
    }

    @Test
    void listFiltersByNegotiationProposerAndAddressee() {
        Scene scene = scene();
        String toBoth = createDemand(scene);
        String toFirst = createDemand(demandBody(scene, unique("demand"), List.of(scene.first())));
        Map<String, Object> byFirst = demandBody(scene, unique("demand"), List.of(scene.second()));
        byFirst.put("proposer", scene.first());
        String fromFirst = createDemand(byFirst);

        assertThat(listed(Map.of("negotiation", scene.negotiation()))).containsExactlyInAnyOrder(toBoth, toFirst,
                fromFirst);
        assertThat(listed(Map.of("negotiation", scene.negotiation(), "proposer", scene.proposer())))
                .containsExactlyInAnyOrder(toBoth, toFirst);
        assertThat(listed(Map.of("proposer", scene.first()))).containsExactly(fromFirst);
        assertThat(listed(Map.of("addressee", scene.first()))).containsExactlyInAnyOrder(toBoth, toFirst);
        assertThat(listed(Map.of("addressee", scene.second()))).containsExactlyInAnyOrder(toBoth, fromFirst);
        assertThat(listed(Map.of("negotiation", unique("no-talks")))).isEmpty();
    }

    @Test
    void listIsOrderedBySlug() {
        Scene scene = scene();
        List<String> slugs = new ArrayList<>();
        for (String prefix : List.of("c", "a", "b")) {
            slugs.add(createDemand(demandBody(scene, unique(prefix), List.of(scene.first()))));
        }
        assertThat(listed(Map.of("negotiation", scene.negotiation()))).isSortedAccordingTo(String::compareTo)
                .containsExactlyInAnyOrderElementsOf(slugs);
    }

    @Test
    void listFiltersByTopic() {
        Scene scene = scene();
        String topic = unique("topic");
        Map<String, Object> body = demandBody(scene, unique("demand"), List.of(scene.first()));
        body.put("topic", topic);
        String onTopic = createDemand(body);
        createDemand(scene);
        assertThat(listed(Map.of("topic", topic))).containsExactly(onTopic);
    }

    @Test
    void listFiltersByStatus() {
        Scene scene = scene();
        String slug = createDemand(scene);
        assertThat(listed(Map.of("negotiation", scene.negotiation(), "status", "PENDING"))).containsExactly(slug);
        assertThat(listed(Map.of("negotiation", scene.negotiation(), "status", "REJECTED"))).isEmpty();
    }

    @Test
    void unknownStatusFilterIsRejected() {
        api().queryParam("status", "STALLED").get("/api/v1/demands")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("errors.pointer", hasItem("status"));
        api().queryParam("status", "pending").get("/api/v1/demands").then().statusCode(400);
    }

    @Test
    void statusFilterFollowsTheDerivedStatusAsStancesChange() {
        Scene scene = scene();
        String slug = createDemand(scene);
        Map<String, String> rejected = Map.of("negotiation", scene.negotiation(), "status", "REJECTED");
        Map<String, String> pending = Map.of("negotiation", scene.negotiation(), "status", "PENDING");
        Map<String, String> inNegotiation = Map.of("negotiation", scene.negotiation(), "status", "IN_NEGOTIATION");

        record(slug, scene.first(), "REJECTED", "2022-01-20", scene.source());
        assertThat(listed(rejected)).containsExactly(slug);
        assertThat(listed(pending)).isEmpty();

        record(slug, scene.second(), "COUNTER_PROPOSED", "2022-01-21", scene.source());
        assertThat(listed(inNegotiation)).containsExactly(slug);
        assertThat(listed(rejected)).isEmpty();
    }

    @Test
    void textSearchIgnoresCase() {
        Scene scene = scene();
        String word = unique("Moratorium").toUpperCase();
        Map<String, Object> inTitle = demandBody(scene, unique("demand"), List.of(scene.first()));
        inTitle.put("title", "A " + word + " on deployments");
        String titled = createDemand(inTitle);
        Map<String, Object> inText = demandBody(scene, unique("demand"), List.of(scene.first()));
        inText.put("text", "Calls for a " + word.toLowerCase() + " in the text only.");
        String texted = createDemand(inText);
        createDemand(scene);

        assertThat(listed(Map.of("negotiation", scene.negotiation(), "q", word.toLowerCase())))
                .containsExactlyInAnyOrder(titled, texted);
        assertThat(listed(Map.of("negotiation", scene.negotiation(), "q", word)))
                .containsExactlyInAnyOrder(titled, texted);
    }

    @Test
    void textSearchTakesPercentAndUnderscoreLiterally() {
        Scene scene = scene();
        Map<String, Object> percent = demandBody(scene, unique("demand"), List.of(scene.first()));
        percent.put("title", "Cut forces by 50% this year");
        String withPercent = createDemand(percent);
        Map<String, Object> plain = demandBody(scene, unique("demand"), List.of(scene.first()));
        plain.put("title", "Cut forces by 50 brigades this year");
        createDemand(plain);
        Map<String, Object> underscore = demandBody(scene, unique("demand"), List.of(scene.first()));
        underscore.put("title", "Close zone a_b");
        String withUnderscore = createDemand(underscore);
        Map<String, Object> lookalike = demandBody(scene, unique("demand"), List.of(scene.first()));
        lookalike.put("title", "Close zone axb");
        createDemand(lookalike);

        assertThat(listed(Map.of("negotiation", scene.negotiation(), "q", "50%"))).containsExactly(withPercent);
        assertThat(listed(Map.of("negotiation", scene.negotiation(), "q", "a_b"))).containsExactly(withUnderscore);
    }

    @Test
    void listPagesThroughEveryDemandOnce() {
        Scene scene = scene();
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(createDemand(demandBody(scene, unique("paged"), List.of(scene.first()))));
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            RequestSpecification spec = api().queryParam("negotiation", scene.negotiation()).queryParam("page_size", 2);
            if (token != null) {
                spec.queryParam("page_token", token);
            }
            JsonPath page = spec.get("/api/v1/demands").then().statusCode(200).extract().jsonPath();
            List<String> slugs = page.getList("items.slug");
            assertThat(slugs).hasSizeLessThanOrEqualTo(2);
            for (String slug : slugs) {
                assertThat(seen.add(slug)).as("seen twice: " + slug).isTrue();
            }
            token = page.getString("next_page_token");
            pages++;
        } while (token != null && pages < 100);
        assertThat(seen).isEqualTo(created);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void lastPageHasNoToken() {
        Scene scene = scene();
        createDemand(scene);
        api().queryParam("negotiation", scene.negotiation()).queryParam("page_size", 1)
                .get("/api/v1/demands")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("next_page_token", nullValue());
    }

    @Test
    void pageTokenReusedWithOtherFiltersIsRejected() {
        Scene scene = scene();
        createDemand(scene);
        createDemand(scene);
        String token = api().queryParam("negotiation", scene.negotiation()).queryParam("page_size", 1)
                .get("/api/v1/demands")
                .then().statusCode(200)
                .extract().path("next_page_token");
        assertThat(token).isNotNull();
        api().queryParam("negotiation", scene.negotiation()).queryParam("proposer", scene.proposer())
                .queryParam("page_size", 1).queryParam("page_token", token)
                .get("/api/v1/demands")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_PAGE_TOKEN"));
        api().queryParam("negotiation", scene.negotiation()).queryParam("page_size", 1)
                .queryParam("page_token", token)
                .get("/api/v1/demands")
                .then().statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void badPageSizeIsRejected() {
        api().queryParam("page_size", 0).get("/api/v1/demands")
                .then().statusCode(400).body("errors.pointer", hasItem("page_size"));
        api().queryParam("page_size", "many").get("/api/v1/demands")
                .then().statusCode(400).body("errors.pointer", hasItem("page_size"));
    }

    @Test
    void mergePatchChangesOnlyTheGivenMembers() {
        Scene scene = scene();
        String slug = createDemand(scene);
        mergePatch("{\"title\":\"Renamed demand\",\"kind\":\"RED_LINE\"}")
                .patch("/api/v1/demands/" + slug)
                .then().statusCode(200)
                .body("title", equalTo("Renamed demand"))
                .body("kind", equalTo("RED_LINE"))
                .body("text", equalTo("The proposer asks for " + slug + "."))
                .body("addressees", contains(scene.first(), scene.second()))
                .body("status", equalTo("PENDING"));
        api().get("/api/v1/demands/" + slug).then().statusCode(200).body("title", equalTo("Renamed demand"));
    }

    @Test
    void patchCannotChangeNegotiationProposerOrSlug() {
        Scene scene = scene();
        String slug = createDemand(scene);
        Scene other = scene();
        mergePatch("{\"negotiation\":\"" + other.negotiation() + "\"}").patch("/api/v1/demands/" + slug)
                .then().statusCode(400).body("errors.pointer", hasItem("/negotiation"));
        mergePatch("{\"proposer\":\"" + scene.first() + "\"}").patch("/api/v1/demands/" + slug)
                .then().statusCode(400).body("errors.pointer", hasItem("/proposer"));
        mergePatch("{\"slug\":\"" + unique("renamed") + "\"}").patch("/api/v1/demands/" + slug)
                .then().statusCode(400).body("errors.pointer", hasItem("/slug"));
        api().get("/api/v1/demands/" + slug)
                .then().statusCode(200)
                .body("negotiation", equalTo(scene.negotiation()))
                .body("proposer", equalTo(scene.proposer()));
    }

    @Test
    void patchCannotWriteTheDerivedStatus() {
        Scene scene = scene();
        String slug = createDemand(scene);
        mergePatch("{\"status\":\"AGREED\"}").patch("/api/v1/demands/" + slug)
                .then().statusCode(400).body("errors.pointer", hasItem("/status"));
        api().get("/api/v1/demands/" + slug).then().statusCode(200).body("status", equalTo("PENDING"));
    }

    @Test
    void patchWithPlainJsonIsUnsupported() {
        Scene scene = scene();
        String slug = createDemand(scene);
        api().body(Map.of("title", "X")).patch("/api/v1/demands/" + slug)
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void patchOfUnknownDemandIsNotFound() {
        mergePatch("{\"title\":\"X\"}").patch("/api/v1/demands/" + unique("nothing"))
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void addedAddresseeGetsAnUnassessedPosition() {
        Scene scene = scene();
        String slug = createDemand(demandBody(scene, unique("demand"), List.of(scene.first())));
        mergePatch("{\"addressees\":[\"" + scene.first() + "\",\"" + scene.second() + "\"]}")
                .patch("/api/v1/demands/" + slug)
                .then().statusCode(200)
                .body("addressees", contains(scene.first(), scene.second()));
        api().get("/api/v1/demands/" + slug + "/positions/" + scene.second())
                .then().statusCode(200)
                .body("role", equalTo("ADDRESSEE"))
                .body("status", equalTo("UNASSESSED"));
        api().get("/api/v1/demands/" + slug + "/positions")
                .then().statusCode(200)
                .body("items.party", contains(scene.proposer(), scene.first(), scene.second()));
    }

    @Test
    void patchedAddresseesAreCheckedLikeNewOnes() {
        Scene scene = scene();
        String slug = createDemand(demandBody(scene, unique("demand"), List.of(scene.first())));
        mergePatch("{\"addressees\":[\"" + scene.first() + "\",\"" + scene.outsider() + "\"]}")
                .patch("/api/v1/demands/" + slug)
                .then().statusCode(400).body("errors.pointer", hasItem("/addressees/1"));
        mergePatch("{\"addressees\":[\"" + scene.proposer() + "\"]}")
                .patch("/api/v1/demands/" + slug)
                .then().statusCode(400).body("errors.pointer", hasItem("/addressees/0"));
        mergePatch("{\"addressees\":[]}")
                .patch("/api/v1/demands/" + slug)
                .then().statusCode(400).body("errors.pointer", hasItem("/addressees"));
        api().get("/api/v1/demands/" + slug).then().statusCode(200).body("addressees", contains(scene.first()));
    }

    @Test
    void addresseeWithoutStancesCanBeRemoved() {
        Scene scene = scene();
        String slug = createDemand(scene);
        mergePatch("{\"addressees\":[\"" + scene.second() + "\"]}")
                .patch("/api/v1/demands/" + slug)
                .then().statusCode(200)
                .body("addressees", contains(scene.second()));
        api().get("/api/v1/demands/" + slug + "/positions/" + scene.first())
                .then().statusCode(404);
        api().get("/api/v1/demands/" + slug + "/positions")
                .then().statusCode(200)
                .body("items.party", contains(scene.proposer(), scene.second()));
        assertThat(listed(Map.of("addressee", scene.first()))).doesNotContain(slug);
    }

    @Test
    void addresseesCanBeReordered() {
        Scene scene = scene();
        String slug = createDemand(scene);
        record(slug, scene.first(), "REJECTED", "2022-01-20", scene.source());
        mergePatch("{\"addressees\":[\"" + scene.second() + "\",\"" + scene.first() + "\"]}")
                .patch("/api/v1/demands/" + slug)
                .then().statusCode(200)
                .body("addressees", contains(scene.second(), scene.first()))
                .body("status", equalTo("REJECTED"));
        api().get("/api/v1/demands/" + slug).then().statusCode(200)
                .body("addressees", contains(scene.second(), scene.first()));
    }

    @Test
    void overlongTextSearchIsRejected() {
        api().queryParam("q", "x".repeat(201)).get("/api/v1/demands")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("q"));
    }

    @Test
    void addresseeWithRecordedStancesCannotBeRemoved() {
        Scene scene = scene();
        String slug = createDemand(scene);
        record(slug, scene.first(), "REJECTED", "2022-01-20", scene.source());
        mergePatch("{\"addressees\":[\"" + scene.second() + "\"]}")
                .patch("/api/v1/demands/" + slug)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("ADDRESSEE_HAS_STANCES"));
        api().get("/api/v1/demands/" + slug)
                .then().statusCode(200)
                .body("addressees", contains(scene.first(), scene.second()))
                .body("status", equalTo("REJECTED"));
        api().get("/api/v1/demands/" + slug + "/positions/" + scene.first())
                .then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    @Test
    void removingTheOnlyDissenterRederivesTheStatus() {
        Scene scene = scene();
        String slug = createDemand(scene);
        record(slug, scene.first(), "ACCEPTED", "2022-01-20", scene.source());
        api().get("/api/v1/demands/" + slug).then().body("status", equalTo("IN_NEGOTIATION"));
        mergePatch("{\"addressees\":[\"" + scene.first() + "\"]}")
                .patch("/api/v1/demands/" + slug)
                .then().statusCode(200)
                .body("status", equalTo("AGREED"));
    }

    @Test
    void deletedDemandIsGoneWithItsPositions() {
        Scene scene = scene();
        String slug = createDemand(scene);
        record(slug, scene.first(), "REJECTED", "2022-01-20", scene.source());
        api().delete("/api/v1/demands/" + slug).then().statusCode(204);
        api().get("/api/v1/demands/" + slug).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        api().get("/api/v1/demands/" + slug + "/positions").then().statusCode(404);
        api().get("/api/v1/demands/" + slug + "/positions/" + scene.first()).then().statusCode(404);
        api().get("/api/v1/demands/" + slug + "/positions/" + scene.first() + "/history").then().statusCode(404);
        assertThat(listed(Map.of("negotiation", scene.negotiation()))).doesNotContain(slug);
        api().queryParam("source", scene.source()).get("/api/v1/citations")
                .then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void deletingAnUnknownDemandIsNotFound() {
        api().delete("/api/v1/demands/" + unique("nothing")).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void deletedSlugCanBeTabledAgain() {
        Scene scene = scene();
        String slug = createDemand(scene);
        api().delete("/api/v1/demands/" + slug).then().statusCode(204);
        api().body(demandBody(scene, slug, List.of(scene.second())))
                .post("/api/v1/demands")
                .then().statusCode(201)
                .body("addressees", contains(scene.second()))
                .body("addressees", not(hasItem(scene.first())));
    }
}
