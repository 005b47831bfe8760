package dev.parley.web;

import static dev.parley.support.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The pages over HTTP: headers, escaping, ETags, and the session cookie's rules. */
@QuarkusTest
class WebPagesTest {

    static final String HOSTILE = "</script><img src=x onerror=alert(1)>";

    /** Pages read with a key, as the API is: on PostgreSQL reads need one unless configured open. */
    static RequestSpecification page() {
        return given().auth().oauth2(Api.ADMIN_KEY);
    }

    @Test
    void pagesCarryTheirOwnStrictPolicyAndTheApiKeepsItsOwn() {
        String page = page().get("/").then().statusCode(200).contentType(ContentType.HTML)
                .extract().header("Content-Security-Policy");
        assertThat(page).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(given().get("/web/parley.css").then().statusCode(200).extract().header("Content-Security-Policy"))
                .isEqualTo(page);
        assertThat(api().get("/api/v1/parties").then().statusCode(200).extract().header("Content-Security-Policy"))
                .startsWith("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void pageAnswers304ForItsETagUntilWhatItShowsChanges() {
        Fixtures.Tabled scene = Fixtures.tabled("Tag land", "Tag demand");
        String path = "/negotiations/" + scene.negotiation();
        String etag = page().get(path).then().statusCode(200).extract().header("ETag");
        assertThat(etag).isNotBlank();
        page().header("If-None-Match", etag).get(path).then().statusCode(304).header("ETag", etag);

        Fixtures.record(Fixtures.analyst("tagger"), scene, "REJECTED", "2022-01-26", "No.", "No.");

        page().header("If-None-Match", etag).get(path).then().statusCode(200)
                .header("ETag", not(etag)).body(containsString("Rejected"));
    }

    @Test
    void userStringsAreEscapedInEveryPage() {
        Fixtures.Tabled scene = Fixtures.tabled(HOSTILE, HOSTILE);
        Fixtures.record(Fixtures.analyst("escaper"), scene, "REJECTED", "2022-01-26", HOSTILE, HOSTILE);
        for (String path : new String[] { "/", "/negotiations/" + scene.negotiation(), "/demands/" + scene.demand() }) {
            String html = page().get(path).then().statusCode(200).extract().asString();
            assertThat(html).as(path).doesNotContain("<img src=x").contains("&lt;/script&gt;&lt;img src=x");
        }
    }

    @Test
    void aDemandPageShowsHowEachStanceIsKnownAndWhereItsWordsStand() {
        Fixtures.Tabled scene = Fixtures.tabled("Known", "Evidence shown");
        String document = api().body(Map.of("title", "Reply " + HOSTILE, "source_id", scene.source(), "language", "en",
                "text", "The reply said: we are open to talks on this point."))
                .post("/api/v1/documents").then().statusCode(201).extract().path("id");
        Map<String, Object> citation = new HashMap<>();
        citation.put("source_id", scene.source());
        citation.put("title", "The reply");
        citation.put("quote", "we are open to talks");
        citation.put("kind", "REPORTED");
        citation.put("relation", "SUPPORTS");
        citation.put("document_id", document);
        citation.put("via", List.of("Foreign Ministry", HOSTILE));
        citation.put("translated", true);
        Map<String, Object> stance = new HashMap<>(Map.of("status", "OPEN_TO_DISCUSSION", "effective_on", "2022-01-26",
                "basis", "COUNTERPART_CLAIM", "effective_on_precision", "ON_OR_BEFORE", "citations", List.of(citation)));
        long wrong = api().body(stance).put("/api/v1/demands/" + scene.demand() + "/positions/" + scene.addressee())
                .then().statusCode(200).extract().jsonPath().getLong("change_id");
        Map<String, Object> correction = new HashMap<>(stance);
        correction.put("effective_on", "2022-01-27");
        correction.put("change_kind", "CORRECTION");
        correction.put("corrects", wrong);
        correction.put("reason", "The day was the report's.");
        api().body(correction).put("/api/v1/demands/" + scene.demand() + "/positions/" + scene.addressee())
                .then().statusCode(200);

        String html = page().get("/demands/" + scene.demand()).then().statusCode(200).extract().asString();
        assertThat(html).contains("known from the other side&#39;s account").contains("on or before")
                .contains("Counterpart claim only").contains("Date approximate")
                .contains("Correction</strong> of an earlier entry: The day was the report&#39;s.")
                .contains("Corrected later").contains("characters 16–36").contains("A translation")
                .contains("/api/v1/documents/" + document + "/text").contains("Reply &lt;/script&gt;&lt;img src=x")
                .contains("Relayed by Foreign Ministry → &lt;/script&gt;&lt;img src=x").doesNotContain("<img src=x");
        String matrix = page().get("/negotiations/" + scene.negotiation()).then().statusCode(200).extract().asString();
        assertThat(matrix).contains("<span class=\"evidence-flag\">Counterpart claim only</span>");
    }

    @Test
    void signingInSetsAStrictHttpOnlyCookieAndSigningOutEndsTheSession() {
        String key = Fixtures.analyst("cookie-analyst");
        Response signIn = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("key", key).formParam("next", "/workbench").post("/workbench/sign-in");
        assertThat(signIn.statusCode()).isEqualTo(303);
        String setCookie = signIn.header("Set-Cookie");
        assertThat(setCookie).contains("parley_session=", "HttpOnly", "SameSite=Strict").doesNotContain(key);
        String session = signIn.cookie("parley_session");

        String page = given().cookie("parley_session", session).get("/workbench").then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("Signed in as <strong>cookie-analyst</strong>");
        String csrf = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");

        given().redirects().follow(false).cookie("parley_session", session).contentType(ContentType.URLENC)
                .formParam("csrf", csrf).post("/workbench/sign-out").then().statusCode(303);
        given().cookie("parley_session", session).get("/workbench").then().statusCode(200)
                .body(not(containsString("Signed in as")));
    }

    @Test
    void anUnknownKeyDoesNotSignIn() {
        given().contentType(ContentType.URLENC).formParam("key", "parley_not_a_key").post("/workbench/sign-in")
                .then().statusCode(401).header("Set-Cookie", nullValue())
                .body(containsString("unknown or revoked"));
    }

    @Test
    void signInFromAnotherSiteIsRefusedAndNextNeverLeavesTheSite() {
        String key = Fixtures.analyst("origin-analyst");
        given().header("Origin", "https://evil.example").contentType(ContentType.URLENC).formParam("key", key)
                .post("/workbench/sign-in").then().statusCode(403).header("Set-Cookie", nullValue());
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("key", key)
                .formParam("next", "//evil.example/").post("/workbench/sign-in")
                .then().statusCode(303).header("Location", endsWith("/workbench"));
    }

    @Test
    void aSessionWritesThroughTheApiOnlyWithItsCsrfToken() {
        Fixtures.Tabled scene = Fixtures.tabled("Csrf land", "Csrf demand");
        String key = Fixtures.analyst("csrf-analyst");
        Response signIn = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("key", key)
                .post("/workbench/sign-in");
        String session = signIn.cookie("parley_session");
        String form = given().cookie("parley_session", session)
                .get("/workbench/stance?demand=" + scene.demand() + "&party=" + scene.addressee())
                .then().statusCode(200).extract().asString();
        String csrf = form.replaceAll("(?s).*<meta name=\"csrf-token\" content=\"([^\"]+)\">.*", "$1");
        String path = "/api/v1/demands/" + scene.demand() + "/positions/" + scene.addressee();
        String etag = given().cookie("parley_session", session).get(path).then().statusCode(200).extract()
                .header("ETag");
        Map<String, Object> stance = Map.of("status", "UNASSESSED", "effective_on", "2022-01-20", "note", "checked");

        given().cookie("parley_session", session).header("If-Match", etag).contentType(ContentType.JSON)
                .body(stance).put(path).then().statusCode(403)
                .body("code", equalTo("CSRF_TOKEN_MISSING"));
        given().cookie("parley_session", session).header("If-Match", etag).header("X-CSRF-Token", "forged")
                .contentType(ContentType.JSON).body(stance).put(path).then().statusCode(403);
        api().get(path).then().statusCode(200).body("recorded_by", not(equalTo("csrf-analyst")));

        given().cookie("parley_session", session).header("If-Match", etag).header("X-CSRF-Token", csrf)
                .contentType(ContentType.JSON).body(stance).put(path).then().statusCode(200)
                .body("recorded_by", equalTo("csrf-analyst"));
    }

    @Test
    void aRefusedPageIsAReadablePageWithTheApisStatus() {
        page().get("/demands/no-such-demand").then().statusCode(404).contentType(ContentType.HTML)
                .body(containsString("no-such-demand"), containsString("Back to the negotiations"));
        page().get("/negotiations/no-such-talks").then().statusCode(404).contentType(ContentType.HTML);
        page().get("/").then().statusCode(200);
        Fixtures.Tabled scene = Fixtures.tabled("Error land", "Error demand");
        page().get("/negotiations/" + scene.negotiation() + "?as_of=not-a-day").then().statusCode(400)
                .contentType(ContentType.HTML).body(containsString("as_of"));
    }

    @Test
    void theStanceFormOffersTheNegotiationsDocumentsFirstItsRoundsAndHowAStanceIsKnown() {
        Fixtures.Tabled scene = Fixtures.tabled("Documents land", "Documents offered");
        String ours = Fixtures.document("Reply " + HOSTILE, scene.source(), "We reply.");
        String event = Fixtures.event(scene.negotiation(), "Round " + HOSTILE, "2022-01-26", List.of(ours));
        String other = Fixtures.document("Elsewhere", Fixtures.tabled("Other land", "Other").source(), "Other.");
        // 'other' was made after 'ours', so it is listed among the others unless the first page is full.
        String session = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("key", Fixtures.analyst("form-reader")).post("/workbench/sign-in").cookie("parley_session");

        String form = given().cookie("parley_session", session)
                .get("/workbench/stance?demand=" + scene.demand() + "&party=" + scene.addressee())
                .then().statusCode(200).extract().asString();

        String escaped = "Reply &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;";
        assertThat(form).doesNotContain("<img src=x")
                .contains("<option value=\"" + ours + "\" data-title=\"" + escaped + "\" data-source=\""
                        + scene.source() + "\"")
                .contains("<option value=\"" + event + "\">2022-01-26 · Written reply · Round &lt;/script&gt;")
                .contains("<option value=\"COUNTERPART_CLAIM\">The other side&#39;s account</option>")
                .contains("<option value=\"ON_OR_BEFORE\">only as a day it held by (on or before)</option>");
        assertThat(form.indexOf("This negotiation&#39;s documents")).as("the negotiation's own documents first")
                .isLessThan(form.indexOf("value=\"" + ours + "\""));
        assertThat(form.indexOf("Other documents")).isGreaterThan(form.indexOf("value=\"" + ours + "\""));
        // One page of the others: in a database that holds more, the form says so instead.
        if (!form.contains("other documents are listed.")) {
            assertThat(form.indexOf("value=\"" + other + "\"")).isGreaterThan(form.indexOf("Other documents"));
        }
    }

    @Test
    void aDemandPageListsItsLinksAndTheRoundsItsStancesCameFrom() {
        Fixtures.Tabled scene = Fixtures.tabled("Links land", "Linked demand");
        String pack = Fixtures.demand(scene, "The package " + HOSTILE, "PACKAGE");
        String counter = Fixtures.demand(scene, "The counter-offer", "OFFER");
        Fixtures.link(scene.demand(), "PART_OF", pack, "One of the package " + HOSTILE);
        Fixtures.link(counter, "COUNTER_TO", scene.demand(), "Offered instead");
        String event = Fixtures.event(scene.negotiation(), "Written reply " + HOSTILE, "2022-01-26", List.of());
        Map<String, Object> citation = Map.of("source_id", scene.source(), "title", "Reply", "quote", "No.", "kind",
                "DIRECT_QUOTE", "relation", "SUPPORTS");
        api().body(Map.of("status", "REJECTED", "effective_on", "2022-01-26", "event_id", event, "citations",
                List.of(citation))).put("/api/v1/demands/" + scene.demand() + "/positions/" + scene.addressee())
                .then().statusCode(200);

        String html = page().get("/demands/" + scene.demand()).then().statusCode(200).extract().asString();

        assertThat(html).doesNotContain("<img src=x")
                .contains("This demand <span class=\"link-type\">is part of</span> <a href=\"/demands/" + pack
                        + "\">The package &lt;/script&gt;")
                .contains(": <span class=\"note\">One of the package &lt;/script&gt;")
                .contains("<a href=\"/demands/" + counter + "\">The counter-offer</a> <span class=\"link-type\">"
                        + "is a counter-proposal to</span> this demand")
                .contains("<li id=\"round-" + event + "\"><time datetime=\"2022-01-26\">2022-01-26</time>")
                .contains("<strong>Written reply &lt;/script&gt;")
                .contains("From the round <a href=\"#round-" + event + "\">Written reply &lt;/script&gt;")
                .contains("<g class=\"round\"><title>Round: Written reply &lt;/script&gt;");
    }

    @Test
    void aDemandPageChangesItsETagWhenARoundItNamesIsRenamed() {
        Fixtures.Tabled scene = Fixtures.tabled("Round tag land", "Round tag demand");
        String event = Fixtures.event(scene.negotiation(), "First title", "2022-01-26", List.of());
        Map<String, Object> citation = Map.of("source_id", scene.source(), "title", "Reply", "quote", "No.", "kind",
                "DIRECT_QUOTE", "relation", "SUPPORTS");
        api().body(Map.of("status", "REJECTED", "effective_on", "2022-01-26", "event_id", event, "citations",
                List.of(citation))).put("/api/v1/demands/" + scene.demand() + "/positions/" + scene.addressee())
                .then().statusCode(200);
        String path = "/demands/" + scene.demand();
        String etag = page().get(path).then().statusCode(200).extract().header("ETag");
        page().header("If-None-Match", etag).get(path).then().statusCode(304);

        String eventPath = "/api/v1/negotiations/" + scene.negotiation() + "/events/" + event;
        String eventTag = api().get(eventPath).then().statusCode(200).extract().header("ETag");
        api().header("If-Match", eventTag).contentType("application/merge-patch+json")
                .body(Map.of("title", "Second title")).patch(eventPath).then().statusCode(200);

        page().header("If-None-Match", etag).get(path).then().statusCode(200).body(containsString("Second title"));
    }

    @Test
    void theGridGroupsPackageMembersUnderTheirPackage() {
        Fixtures.Tabled scene = Fixtures.tabled("Package land", "A member");
        String pack = Fixtures.demand(scene, "Zz package", "PACKAGE");
        Fixtures.link(scene.demand(), "PART_OF", pack, "In it");
        Fixtures.demand(scene, "Standalone", "DEMAND");

        String html = page().get("/negotiations/" + scene.negotiation()).then().statusCode(200).extract().asString();

        int packageRow = html.indexOf("<tr data-demand=\"" + pack + "\"");
        int memberRow = html.indexOf("<tr data-demand=\"" + scene.demand() + "\" data-part-of=\"" + pack
                + "\" class=\"member depth-1\">");
        assertThat(packageRow).isPositive();
        assertThat(memberRow).as("the member right under its package, though its slug sorts first")
                .isGreaterThan(packageRow);
        assertThat(html.substring(memberRow)).contains("<span class=\"part-of\">Part of Zz package</span>");
    }

    @Test
    void whatChangedIsTheApisDiffBetweenTheTwoDays() {
        Fixtures.Tabled scene = Fixtures.tabled("Diff land", "Diff demand " + HOSTILE);
        Fixtures.record(Fixtures.analyst("differ"), scene, "REJECTED", "2022-01-26", "No.", "No.");
        String later = Fixtures.demand(scene, "Tabled later", "DEMAND", "2022-01-20");
        Map<String, Object> diff = api().get("/api/v1/negotiations/" + scene.negotiation()
                + "/diff?from=2022-01-15&to=2022-01-31").then().statusCode(200).extract().as(Map.class);

        String html = page().get("/negotiations/" + scene.negotiation() + "/changes?from=2022-01-15&to=2022-01-31")
                .then().statusCode(200).extract().asString();

        assertThat(html).doesNotContain("<img src=x")
                .contains(((List<?>) diff.get("cells")).size() + " stances moved, "
                        + ((List<?>) diff.get("demand_statuses")).size() + " demands changed status, 1 were tabled and"
                        + " 0 withdrawn")
                .contains("<tr data-demand=\"" + scene.demand() + "\" data-party=\"" + scene.addressee() + "\">")
                .contains("Diff demand &lt;/script&gt;").contains("<a href=\"/demands/" + later + "\">Tabled later</a>")
                .contains("/api/v1/negotiations/" + scene.negotiation() + "/diff?from=2022-01-15&amp;to=2022-01-31");
    }

    @Test
    void theLinkFormOffersTheNegotiationsOtherDemandsAndTheDemandsCitationsAsText() {
        Fixtures.Tabled scene = Fixtures.tabled("Link form land", "Linking " + HOSTILE);
        String pack = Fixtures.demand(scene, "Package " + HOSTILE, "PACKAGE");
        String elsewhere = Fixtures.tabled("Elsewhere land", "Elsewhere demand").demand();
        Fixtures.record(Fixtures.analyst("link-recorder"), scene, "REJECTED", "2022-01-26", "No.",
                "Quote " + HOSTILE);
        String citation = api().get("/api/v1/citations?demand=" + scene.demand()).then().statusCode(200).extract()
                .path("items[0].id");
        String session = session("link-former");

        String form = given().cookie("parley_session", session).get("/workbench/links/new?demand=" + scene.demand())
                .then().statusCode(200).extract().asString();

        assertThat(form).doesNotContain("<img src=x")
                .contains("data-target=\"/api/v1/demands/" + scene.demand() + "/links\"")
                .contains("<strong>Linking &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</strong>")
                .contains("<option value=\"" + pack + "\">Package &lt;/script&gt;")
                .contains("<option value=\"PART_OF\">Is part of</option>")
                .contains("<option value=\"CONDITIONAL_ON\">Is conditional on</option>")
                .contains("<input type=\"checkbox\" id=\"cit-" + citation + "\" name=\"citation_ids\" value=\""
                        + citation + "\">")
                .contains("<q>Quote &lt;/script&gt;")
                .doesNotContain("<option value=\"" + scene.demand() + "\"", "<option value=\"" + elsewhere + "\"");
        assertThat(page().get("/workbench/links/new?demand=" + scene.demand()).then().extract().asString())
                .as("a caller without a session is sent to sign in").doesNotContain("link-form");
    }

    @Test
    void theEventFormOffersTheParticipantsAndTheNegotiationPageListsItsRounds() {
        Fixtures.Tabled scene = Fixtures.tabled("Party " + HOSTILE, "Event form demand");
        String session = session("event-former");

        String form = given().cookie("parley_session", session)
                .get("/workbench/events/new?negotiation=" + scene.negotiation()).then().statusCode(200).extract()
                .asString();

        assertThat(form).doesNotContain("<img src=x")
                .contains("data-target=\"/api/v1/negotiations/" + scene.negotiation() + "/events\"")
                .contains("<input type=\"checkbox\" id=\"party-" + scene.addressee() + "\" name=\"parties\" value=\""
                        + scene.addressee() + "\"><label for=\"party-" + scene.addressee()
                        + "\">Party &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</label>")
                .contains("id=\"party-" + scene.proposer() + "\"")
                .contains("<option value=\"WRITTEN_REPLY\">Written reply</option>")
                .contains("<option value=\"YEAR\">To the year only</option>");

        String event = Fixtures.event(scene.negotiation(), "Reply " + HOSTILE, "2022-01-26", List.of());
        String signedIn = given().cookie("parley_session", session).get("/negotiations/" + scene.negotiation())
                .then().statusCode(200).extract().asString();
        assertThat(signedIn).doesNotContain("<img src=x")
                .contains("<li id=\"round-" + event + "\"><time datetime=\"2022-01-26\">2022-01-26</time>")
                .contains("<strong>Reply &lt;/script&gt;")
                .contains("<a href=\"/workbench/events/new?negotiation=" + scene.negotiation() + "\">Record an event");
        assertThat(given().cookie("parley_session", session).get("/demands/" + scene.demand()).then().statusCode(200)
                .extract().asString()).contains("<a href=\"/workbench/links/new?demand=" + scene.demand() + "\">");
        assertThat(given().cookie("parley_session", session).get("/workbench").then().statusCode(200).extract()
                .asString()).contains("<a class=\"button\" href=\"/workbench/events/new?negotiation="
                        + scene.negotiation() + "\">New event");
    }

    private static String session(String analyst) {
        return given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("key", Fixtures.analyst(analyst)).post("/workbench/sign-in").cookie("parley_session");
    }
}
