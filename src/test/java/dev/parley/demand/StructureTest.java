package dev.parley.demand;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.bare;
import static dev.parley.support.Api.etag;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.createDemand;
import static dev.parley.support.Fixtures.demandBody;
import static dev.parley.support.Fixtures.record;
import static dev.parley.support.Fixtures.scene;
import static dev.parley.support.Fixtures.stance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.support.Fixtures.Scene;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Packages, joint and concerned parties, stances with terms, rounds and revisions, through the API. */
@QuarkusTest
class StructureTest {

    static String createPackage(Scene scene, boolean inseparable) {
        Map<String, Object> body = demandBody(scene, unique("package"), List.of(scene.first(), scene.second()));
        body.put("kind", "PACKAGE");
        body.put("inseparable", inseparable);
        return createDemand(body);
    }

    static String link(String from, String type, String target) {
        return api().body(Map.of("type", type, "target", target)).post("/api/v1/demands/" + from + "/links")
                .then().statusCode(201).extract().path("id");
    }

    static String demandTo(Scene scene, String addressee) {
        return createDemand(demandBody(scene, unique("demand"), List.of(addressee)));
    }

    @Test
    void anInseparablePackageIsRejectedWhenAMemberIsAndNamesThePartyPartialOnIt() {
        Scene scene = scene();
        String pkg = createPackage(scene, true);
        String core = demandTo(scene, scene.first());
        String side = demandTo(scene, scene.first());
        link(core, "PART_OF", pkg);
        link(side, "PART_OF", pkg);
        api().get("/api/v1/demands/" + pkg).then().body("status", equalTo("PENDING"));

        record(side, scene.first(), "OPEN_TO_DISCUSSION", "2022-01-26", scene.source());
        api().get("/api/v1/demands/" + pkg).then().body("status", equalTo("IN_NEGOTIATION"))
                .body("partial_on_package", empty());

        record(core, scene.first(), "REJECTED", "2022-01-26", scene.source());
        api().get("/api/v1/demands/" + pkg).then().body("status", equalTo("REJECTED"))
                .body("partial_on_package", contains(scene.first()))
                .body("inseparable", equalTo(true));
    }

    @Test
    void aSeparablePackageStaysInNegotiationWhileAMemberIsEngagedAndIsAgreedOnlyWithEveryMember() {
        Scene scene = scene();
        String pkg = createPackage(scene, false);
        String one = demandTo(scene, scene.first());
        String two = demandTo(scene, scene.first());
        link(one, "PART_OF", pkg);
        link(two, "PART_OF", pkg);
        record(one, scene.first(), "ACCEPTED", "2022-01-26", scene.source());
        record(two, scene.first(), "REJECTED", "2022-01-26", scene.source());
        api().get("/api/v1/demands/" + pkg).then().body("status", equalTo("IN_NEGOTIATION"))
                .body("partial_on_package", empty());
        record(two, scene.first(), "ACCEPTED", "2022-02-01", scene.source());
        api().get("/api/v1/demands/" + pkg).then().body("status", equalTo("AGREED"));
    }

    @Test
    void aPackageAsOfAPastDayFollowsItsMembersOnThatDay() {
        Scene scene = scene();
        String pkg = createPackage(scene, true);
        String member = demandTo(scene, scene.first());
        link(member, "PART_OF", pkg);
        record(member, scene.first(), "REJECTED", "2022-02-01", scene.source());
        JsonPath before = api().get("/api/v1/negotiations/" + scene.negotiation() + "/matrix?as_of=2022-01-20")
                .then().statusCode(200).extract().jsonPath();
        assertThat(before.getString("rows.find { it.demand.slug == '" + pkg + "' }.demand.status"))
                .isEqualTo("PENDING");
        JsonPath after = api().get("/api/v1/negotiations/" + scene.negotiation() + "/matrix?as_of=2022-02-02")
                .then().statusCode(200).extract().jsonPath();
        assertThat(after.getString("rows.find { it.demand.slug == '" + pkg + "' }.demand.status"))
                .isEqualTo("REJECTED");
    }

    @Test
    void theMatrixGroupedByPackageListsEachPackageBeforeItsMembers() {
        Scene scene = scene();
        String pkg = createPackage(scene, true);
        String member = createDemand(demandBody(scene, "a-" + unique("member"), List.of(scene.first())));
        String loose = createDemand(demandBody(scene, "b-" + unique("loose"), List.of(scene.first())));
        link(member, "PART_OF", pkg);
        JsonPath matrix = api().get("/api/v1/negotiations/" + scene.negotiation() + "/matrix?group_by=package")
                .then().statusCode(200).body("group_by", equalTo("package")).extract().jsonPath();
        List<String> order = matrix.getList("rows.demand.slug");
        assertThat(order.indexOf(member)).isEqualTo(order.indexOf(pkg) + 1);
        assertThat(order).contains(loose);
        assertThat(matrix.getString("rows.find { it.demand.slug == '" + member + "' }.part_of")).isEqualTo(pkg);
        assertThat(matrix.getString("rows.find { it.demand.slug == '" + pkg + "' }.demand.kind")).isEqualTo("PACKAGE");
        api().get("/api/v1/negotiations/" + scene.negotiation() + "/matrix?group_by=topic").then().statusCode(400);
    }

    @Test
    void theGraphHasEveryDemandAsANodeAndEveryLinkAsAnEdge() {
        Scene scene = scene();
        String pkg = createPackage(scene, true);
        String member = demandTo(scene, scene.first());
        String offer = demandTo(scene, scene.second());
        String graph = "/api/v1/negotiations/" + scene.negotiation() + "/graph";
        String before = etag(graph);
        link(member, "PART_OF", pkg);
        link(offer, "COUNTER_TO", pkg);
        assertThat(etag(graph)).isNotEqualTo(before);
        JsonPath answer = api().get(graph).then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("nodes.slug", String.class)).containsExactlyInAnyOrder(pkg, member, offer);
        assertThat(answer.getList("edges", Map.class)).extracting(e -> e.get("from") + " " + e.get("type") + " "
                + e.get("to")).containsExactlyInAnyOrder(member + " PART_OF " + pkg, offer + " COUNTER_TO " + pkg);
    }

    @Test
    void concernedPartiesHoldPositionsThatNeverMoveTheStatus() {
        Scene scene = scene();
        Map<String, Object> body = demandBody(scene, unique("demand"), List.of(scene.first()));
        body.put("concerned", List.of(scene.outsider()));
        String slug = createDemand(body);
        api().get("/api/v1/demands/" + slug + "/positions/" + scene.outsider()).then().statusCode(200)
                .body("role", equalTo("CONCERNED")).body("status", equalTo("UNASSESSED"));
        record(slug, scene.outsider(), "REJECTED", "2022-01-20", scene.source());
        api().get("/api/v1/demands/" + slug).then().body("status", equalTo("PENDING"))
                .body("concerned", contains(scene.outsider()));
        // A negotiation keeps no concerned party as a participant, and a PATCH of it still works.
        raw().contentType("application/merge-patch+json").accept("application/json").body("{\"title\": \"Renamed\"}")
                .patch("/api/v1/negotiations/" + scene.negotiation()).then().statusCode(200);
    }

    @Test
    void aCoProposerHoldsATabledPositionAndTheDemandIsWithdrawnOnlyWhenBothWithdraw() {
        Scene scene = scene();
        Map<String, Object> body = demandBody(scene, unique("joint"), List.of(scene.first()));
        body.put("co_proposers", List.of(scene.second()));
        String slug = createDemand(body);
        api().get("/api/v1/demands/" + slug + "/positions/" + scene.second()).then()
                .body("role", equalTo("CO_PROPOSER")).body("status", equalTo("TABLED"));
        api().body(stance("REJECTED", "2022-01-20", scene.source()))
                .put("/api/v1/demands/" + slug + "/positions/" + scene.second()).then().statusCode(400);
        record(slug, scene.proposer(), "WITHDRAWN", "2022-01-20", scene.source());
        api().get("/api/v1/demands/" + slug).then().body("status", equalTo("PENDING"));
        record(slug, scene.second(), "WITHDRAWN", "2022-01-21", scene.source());
        api().get("/api/v1/demands/" + slug).then().body("status", equalTo("WITHDRAWN"))
                .body("co_proposers", contains(scene.second()));
    }

    @Test
    void aPartyHoldsOneRoleOnADemand() {
        Scene scene = scene();
        Map<String, Object> body = demandBody(scene, unique("demand"), List.of(scene.first()));
        body.put("co_proposers", List.of(scene.first()));
        body.put("concerned", List.of(scene.proposer()));
        api().body(body).post("/api/v1/demands").then().statusCode(400)
                .body("errors.pointer", hasItem("/addressees/0")).body("errors.pointer", hasItem("/concerned/0"));
        Map<String, Object> outsider = demandBody(scene, unique("demand"), List.of(scene.first()));
        outsider.put("co_proposers", List.of(scene.outsider()));
        api().body(outsider).post("/api/v1/demands").then().statusCode(400)
                .body("errors.pointer", hasItem("/co_proposers/0"));
    }

    @Test
    void anAddresseeWithoutStancesCanBecomeConcerned() {
        Scene scene = scene();
        String slug = createDemand(demandBody(scene, unique("demand"), List.of(scene.first(), scene.second())));
        raw().contentType("application/merge-patch+json").accept("application/json")
                .body(Map.of("addressees", List.of(scene.first()), "concerned", List.of(scene.second())))
                .patch("/api/v1/demands/" + slug).then().statusCode(200)
                .body("concerned", contains(scene.second()));
        api().get("/api/v1/demands/" + slug + "/positions/" + scene.second()).then()
                .body("role", equalTo("CONCERNED"));
    }

    @Test
    void aCounterProposalNamesTheDemandItAnswersWith() {
        Scene scene = scene();
        String demand = demandTo(scene, scene.first());
        String offer = createDemand(demandBody(scene, unique("offer"), List.of(scene.second())));
        Map<String, Object> body = stance("COUNTER_PROPOSED", "2022-01-26", scene.source());
        body.put("counter", offer);
        api().body(body).put("/api/v1/demands/" + demand + "/positions/" + scene.first()).then().statusCode(200)
                .body("counter", equalTo(offer));
        api().get("/api/v1/demands/" + demand + "/positions/" + scene.first() + "/history").then()
                .body("items[0].counter", equalTo(offer));

        Map<String, Object> wrong = stance("REJECTED", "2022-01-27", scene.source());
        wrong.put("counter", offer);
        api().body(wrong).put("/api/v1/demands/" + demand + "/positions/" + scene.first()).then().statusCode(400)
                .body("errors.pointer", hasItem("/counter"));
    }

    @Test
    void aConditionalAcceptanceNamesItsConditionsFromTheSameNegotiation() {
        Scene scene = scene();
        String demand = demandTo(scene, scene.first());
        String condition = demandTo(scene, scene.second());
        Map<String, Object> body = stance("CONDITIONALLY_ACCEPTED", "2022-01-26", scene.source());
        body.put("conditions", List.of(condition));
        api().body(body).put("/api/v1/demands/" + demand + "/positions/" + scene.first()).then().statusCode(200)
                .body("conditions", contains(condition));

        Scene other = scene();
        String elsewhere = demandTo(other, other.first());
        Map<String, Object> wrong = stance("CONDITIONALLY_ACCEPTED", "2022-01-27", scene.source());
        wrong.put("conditions", List.of(elsewhere, demand));
        api().body(wrong).put("/api/v1/demands/" + demand + "/positions/" + scene.first()).then().statusCode(400)
                .body("errors.pointer", contains("/conditions/0", "/conditions/1"));
    }

    @Test
    void aStanceNamesTheRoundItCameFrom() {
        Scene scene = scene();
        String demand = demandTo(scene, scene.first());
        String events = "/api/v1/negotiations/" + scene.negotiation() + "/events";
        String listTag = etag(events);
        String event = api().body(Map.of("kind", "WRITTEN_REPLY", "occurred_on", "2022-01-26", "title",
                "Written replies", "parties", List.of(scene.first()), "document_ids", List.of("doc_reply")))
                .post(events).then().statusCode(201).body("occurred_on_precision", equalTo("DAY"))
                .extract().path("id");
        assertThat(etag(events)).isNotEqualTo(listTag);
        api().get(events).then().statusCode(200).body("items.id", contains(event));

        Map<String, Object> body = stance("REJECTED", "2022-01-26", scene.source());
        body.put("event_id", event);
        api().body(body).put("/api/v1/demands/" + demand + "/positions/" + scene.first()).then().statusCode(200)
                .body("event_id", equalTo(event));

        Scene other = scene();
        String foreign = api().body(Map.of("kind", "NOTE", "occurred_on", "2022-02-01", "title", "A note"))
                .post("/api/v1/negotiations/" + other.negotiation() + "/events").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> wrong = stance("REJECTED", "2022-01-27", scene.source());
        wrong.put("event_id", foreign);
        api().body(wrong).put("/api/v1/demands/" + demand + "/positions/" + scene.first()).then().statusCode(400)
                .body("errors.pointer", hasItem("/event_id"));
    }

    @Test
    void anEventIsChangedByMergePatchWithIfMatch() {
        Scene scene = scene();
        String events = "/api/v1/negotiations/" + scene.negotiation() + "/events";
        String id = api().body(Map.of("kind", "NOTE", "occurred_on", "2022-02-01", "occurred_on_precision", "MONTH",
                "title", "Notes")).post(events).then().statusCode(201).extract().path("id");
        String path = events + "/" + id;
        bare().contentType("application/merge-patch+json").body("{\"title\": \"Diplomatic notes\"}").patch(path)
                .then().statusCode(428);
        String tag = etag(path);
        raw().contentType("application/merge-patch+json").accept("application/json")
                .body("{\"title\": \"Diplomatic notes\", \"kind\": \"WRITTEN_REPLY\"}").patch(path)
                .then().statusCode(200).body("title", equalTo("Diplomatic notes"))
                .body("occurred_on_precision", equalTo("MONTH"));
        assertThat(etag(path)).isNotEqualTo(tag);
        api().get("/api/v1/negotiations/" + scene().negotiation() + "/events/" + id).then().statusCode(404);
    }

    @Test
    void aPatchOfTheWordingKeepsTheOneItReplaced() {
        Scene scene = scene();
        String slug = demandTo(scene, scene.first());
        String revisions = "/api/v1/demands/" + slug + "/revisions";
        api().get(revisions).then().statusCode(200).body("items", empty());
        String tag = etag(revisions);
        raw().contentType("application/merge-patch+json").accept("application/json")
                .body(Map.of("title", "Sharper wording", "change_summary", "Wording of the published draft"))
                .patch("/api/v1/demands/" + slug).then().statusCode(200).body("title", equalTo("Sharper wording"));
        assertThat(etag(revisions)).isNotEqualTo(tag);
        api().get(revisions).then().statusCode(200)
                .body("items[0].title", equalTo("Demand " + slug))
                .body("items[0].change_summary", equalTo("Wording of the published draft"));
        // A PATCH that leaves the wording alone keeps no revision.
        raw().contentType("application/merge-patch+json").accept("application/json")
                .body(Map.of("topic", "another-topic")).patch("/api/v1/demands/" + slug).then().statusCode(200);
        api().get(revisions).then().body("items.title", contains("Demand " + slug))
                .body("items[0].demand", equalTo(slug)).body("next_page_token", nullValue());
    }
}
