package dev.parley.web;

import static dev.parley.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import dev.parley.support.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The web app in a real browser: what a reader and an analyst see and do. Needs Debian's chromium
 * and chromium-driver (.ci/run installs them); without them the class is skipped, saying so.
 */
@QuarkusTest
class WebAppBrowserTest {

    static final String SEED = "russia-us-nato-security-guarantees";
    static final String HOSTILE = "</script><img src=x onerror=alert(1)>\"'&";

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void chromium() {
        assumeTrue(Browser.installed(),
                "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    }

    @AfterEach
    void wide() {
        Browser.width(1280, 1000);
        Browser.driver().manage().deleteAllCookies();
    }

    /**
     * Where reads need a key (PostgreSQL's default), a page first sends the browser to the sign-in
     * form and back: sign in as a reader. Where reads are open, pages need no sign-in.
     */
    private void enterAsReader() {
        if (!ConfigProvider.getConfig().getValue("parley.anonymous-read", Boolean.class)) {
            Browser.driver().get(base.toString());
            assertThat(Browser.driver().getCurrentUrl()).contains("/workbench?next=");
            new WorkbenchPage(base).signIn(Fixtures.key("reader", "READER"));
        }
    }

    @Test
    void dashboardShowsTheSeedMatrixCellByCell() throws IOException {
        enterAsReader();
        Map<String, Object> matrix = api().get("/api/v1/negotiations/" + SEED + "/matrix").then().statusCode(200)
                .extract().as(Map.class);
        DashboardPage page = new DashboardPage(base, SEED).open().live();

        List<Map<String, Object>> rows = (List<Map<String, Object>>) matrix.get("rows");
        assertThat(page.demandRows()).isEqualTo(rows.size()).isPositive();
        for (Map<String, Object> row : rows) {
            String demand = (String) ((Map<String, Object>) row.get("demand")).get("slug");
            Map<String, Map<String, Object>> cells = (Map<String, Map<String, Object>>) row.get("cells");
            cells.forEach((party, cell) -> {
                assertThat(page.cellStatus(demand, party)).as(demand + " / " + party).isEqualTo(cell.get("status"));
                // Never colour alone: the status is written in the cell.
                assertThat(page.cellText(demand, party)).contains(label((String) cell.get("status")));
            });
        }
        Browser.fullPage(Path.of("target", "screenshots", "dashboard.png"));
        measure();

        Browser.driver().get(base + "demands/nato-non-expansion");
        assertThat(Browser.driver().findElements(By.cssSelector("svg.timeline g rect"))).isNotEmpty();
        Browser.fullPage(Path.of("target", "screenshots", "demand.png"));
    }

    @Test
    void sliderMovesTheGridToAnEarlierDay() {
        enterAsReader();
        Fixtures.Tabled scene = Fixtures.tabled("Slider land", "Slider demand");
        Fixtures.record(Fixtures.analyst("slider"), scene, "REJECTED", "2022-02-01", "Refused.", "We refuse.");
        DashboardPage page = new DashboardPage(base, scene.negotiation()).open();
        assertThat(page.cellStatus(scene.demand(), scene.addressee())).isEqualTo("REJECTED");

        page.sliderToStart();

        Browser.waitFor(d -> Fixtures.TABLED_ON.equals(page.gridAsOf()));
        page.waitForCell(scene.demand(), scene.addressee(), "UNASSESSED");
        assertThat(page.sliderLabel()).isEqualTo(Fixtures.TABLED_ON);
        assertThat(Browser.driver().getCurrentUrl()).endsWith("?as_of=" + Fixtures.TABLED_ON);
    }

    @Test
    void stanceRecordedThroughTheApiShowsOnTheOpenPageWithoutReload() {
        enterAsReader();
        Fixtures.Tabled scene = Fixtures.tabled("Live land", "Live demand");
        DashboardPage page = new DashboardPage(base, scene.negotiation()).open().live();
        assertThat(page.cellStatus(scene.demand(), scene.addressee())).isEqualTo("UNASSESSED");
        Browser.script("window.parleyNotReloaded = true");

        Fixtures.record(Fixtures.analyst("live"), scene, "OPEN_TO_DISCUSSION", "2022-01-20", "Talks.",
                "We are ready to talk.");

        page.waitForCell(scene.demand(), scene.addressee(), "OPEN_TO_DISCUSSION");
        assertThat(page.cellText(scene.demand(), scene.addressee())).contains("Open to discussion", "2022-01-20");
        assertThat(Browser.script("return window.parleyNotReloaded === true")).isEqualTo(true);
    }

    @Test
    void analystSignsInRecordsAStanceWithAQuoteAndSignsOut() {
        Fixtures.Tabled scene = Fixtures.tabled("Workbench land", "Workbench demand");
        WorkbenchPage workbench = new WorkbenchPage(base).signIn(Fixtures.analyst("analyst-browser"));
        assertThat(workbench.signedInAs()).isEqualTo("analyst-browser");

        workbench.stanceForm(scene.demand(), scene.addressee())
                .stance("REJECTED", "2022-01-26", "Rejected in the written reply.")
                .quote("We cannot accept this demand.", "Written reply");
        Browser.fullPage(Path.of("target", "screenshots", "workbench.png"));
        workbench.submit();

        Browser.waitFor(d -> d.getCurrentUrl().endsWith("/demands/" + scene.demand()));
        String page = Browser.driver().findElement(By.tagName("main")).getText();
        assertThat(page).contains("We cannot accept this demand.", "Rejected in the written reply.",
                "recorded by analyst-browser");
        Map<String, Object> position = api().get("/api/v1/demands/" + scene.demand() + "/positions/"
                + scene.addressee()).then().statusCode(200).extract().as(Map.class);
        assertThat(position).containsEntry("status", "REJECTED").containsEntry("recorded_by", "analyst-browser");

        workbench.signOut();
        assertThat(Browser.driver().manage().getCookieNamed("parley_session")).isNull();
        Browser.driver().get(base + "workbench/stance?demand=" + scene.demand() + "&party=" + scene.addressee());
        assertThat(Browser.driver().findElements(By.id("key"))).as("the sign-in form").hasSize(1);
    }

    @Test
    void analystRecordsAStanceByChoosingADocumentAndSelectingTheQuoteWithTheKeyboard() {
        Fixtures.Tabled scene = Fixtures.tabled("Document land", "Document demand");
        // Windows line ends and a character outside the BMP before the quote: offsets count code points of
        // the held text, which the textarea shows with "\n" alone. The words occur twice: the selection chooses.
        String text = "Written reply \uD83D\uDD4A of 26 January\r\nWe cannot accept this demand.\r\n"
                + "We cannot accept this demand.\r\nEnd.";
        String document = Fixtures.document("The written reply", scene.source(), text);
        String event = Fixtures.event(scene.negotiation(), "Written replies", "2022-01-26", List.of(document));
        WorkbenchPage workbench = new WorkbenchPage(base).signIn(Fixtures.analyst("quote-selector"));

        workbench.stanceForm(scene.demand(), scene.addressee())
                .stance("REJECTED", "2022-01-26", "Refused in the reply.")
                .evidence("OWN_STATEMENT", "ON_OR_BEFORE", event)
                .document(document).selectLine(2);

        int start = text.codePointCount(0, text.lastIndexOf("We cannot"));
        assertThat(workbench.quote()).isEqualTo("We cannot accept this demand.");
        assertThat(workbench.selection()).isEqualTo("Quote selected: characters " + start + " to " + (start + 29)
                + " of the text.");
        Browser.fullPage(Path.of("target", "screenshots", "workbench-document.png"));
        workbench.submit();

        Browser.waitFor(d -> d.getCurrentUrl().endsWith("/demands/" + scene.demand()));
        Map<String, Object> position = api().get("/api/v1/demands/" + scene.demand() + "/positions/"
                + scene.addressee()).then().statusCode(200).extract().as(Map.class);
        assertThat(position).containsEntry("status", "REJECTED").containsEntry("basis", "OWN_STATEMENT")
                .containsEntry("effective_on_precision", "ON_OR_BEFORE").containsEntry("event_id", event);
        Map<String, Object> citation = ((List<Map<String, Object>>) position.get("citations")).get(0);
        assertThat(citation).containsEntry("document_id", document).containsEntry("title", "The written reply")
                .containsEntry("quote", "We cannot accept this demand.");
        assertThat((Map<String, Object>) citation.get("anchor")).containsEntry("start", start)
                .containsEntry("end", start + 29);
        assertThat(Browser.driver().findElement(By.tagName("main")).getText())
                .contains("From the round Written replies", "known from the party's own words or act");
    }

    @Test
    void aQuoteTheDocumentDoesNotHoldShowsTheServersProblemAndWritesNothing() {
        Fixtures.Tabled scene = Fixtures.tabled("Misquote land", "Misquote demand");
        String document = Fixtures.document("The statement", scene.source(), "We are open to talks.");
        // Named by a round, so the form lists it among the negotiation's documents however many others exist.
        Fixtures.event(scene.negotiation(), "The statement", "2022-01-26", List.of(document));
        WorkbenchPage workbench = new WorkbenchPage(base).signIn(Fixtures.analyst("misquoter"));
        workbench.stanceForm(scene.demand(), scene.addressee()).stance("ACCEPTED", "2022-01-26", "Misread.")
                .document(document).typeQuote("We accept everything.");

        workbench.submit();

        assertThat(workbench.problemShown()).contains("Quote not in document",
                "The quote does not occur in the text of document '" + document + "'",
                "Quote (exact words): does not occur in document");
        assertThat(Browser.driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("problems");
        assertThat(Browser.driver().getCurrentUrl()).contains("/workbench/stance");
        assertThat(api().get("/api/v1/demands/" + scene.demand() + "/positions/" + scene.addressee()).then()
                .extract().path("status").toString()).isEqualTo("UNASSESSED");
    }

    @Test
    void staleFormShowsTheOtherAnalystsStanceAndReappliesOnTop() {
        Fixtures.Tabled scene = Fixtures.tabled("Conflict land", "Conflict demand");
        WorkbenchPage workbench = new WorkbenchPage(base).signIn(Fixtures.analyst("analyst-one"));
        workbench.stanceForm(scene.demand(), scene.addressee())
                .stance("OPEN_TO_DISCUSSION", "2022-01-28", "Mine: open to talks.")
                .quote("We are open to talks.", "Briefing");

        Fixtures.record(Fixtures.analyst("analyst-two"), scene, "REJECTED", "2022-01-27", "Theirs: rejected.",
                "We reject it.");
        workbench.submit();

        WebElement conflict = workbench.conflict();
        assertThat(conflict.getText()).contains("Rejected", "2022-01-27", "analyst-two", "Theirs: rejected.");
        assertThat(api().get("/api/v1/demands/" + scene.demand() + "/positions/" + scene.addressee()).then()
                .extract().path("recorded_by").toString()).as("nothing written by the stale form").isEqualTo("analyst-two");

        workbench.reapply();

        Browser.waitFor(d -> d.getCurrentUrl().endsWith("/demands/" + scene.demand()));
        Map<String, Object> position = api().get("/api/v1/demands/" + scene.demand() + "/positions/"
                + scene.addressee()).then().statusCode(200).extract().as(Map.class);
        assertThat(position).containsEntry("status", "OPEN_TO_DISCUSSION").containsEntry("recorded_by", "analyst-one");
        List<Object> history = api().get("/api/v1/demands/" + scene.demand() + "/positions/" + scene.addressee()
                + "/history").then().extract().path("items.recorded_by");
        assertThat(history).startsWith("analyst-one", "analyst-two");
    }

    @Test
    void analystLinksADemandAndRecordsAnEventThroughTheForms() {
        Fixtures.Tabled scene = Fixtures.tabled("Link land", "Member " + HOSTILE);
        String pack = Fixtures.demand(scene, "Package " + HOSTILE, "PACKAGE");
        Fixtures.record(Fixtures.analyst("link-recorder"), scene, "REJECTED", "2022-01-26", "No.",
                "Both belong together.");
        String citation = api().get("/api/v1/citations?demand=" + scene.demand()).then().statusCode(200).extract()
                .path("items[0].id");
        WorkbenchPage workbench = new WorkbenchPage(base).signIn(Fixtures.analyst("link-analyst"));

        workbench.linkFormFrom(scene.demand()).link("PART_OF", pack, "Tabled as one " + HOSTILE, citation);
        assertNoScriptRan("link form");
        workbench.create();

        Browser.waitFor(d -> d.getCurrentUrl().endsWith("/demands/" + scene.demand()));
        assertNoScriptRan("demand page");
        assertThat(Browser.driver().findElement(By.cssSelector("ul.links")).getText())
                .isEqualTo("This demand is part of Package " + HOSTILE + ": Tabled as one " + HOSTILE);
        List<Map<String, Object>> links = api().get("/api/v1/demands/" + scene.demand()).then().statusCode(200)
                .extract().path("links");
        assertThat(links).singleElement().satisfies(link -> assertThat(link).containsEntry("type", "PART_OF")
                .containsEntry("target", pack).containsEntry("citation_ids", List.of(citation))
                .containsEntry("created_by", "link-analyst"));

        workbench.eventFormFrom(scene.negotiation()).event("WRITTEN_REPLY", "2022-01-27", "ON_OR_BEFORE",
                "Reply " + HOSTILE, List.of(scene.addressee()), "Handed over " + HOSTILE);
        assertNoScriptRan("event form");
        workbench.create();

        Browser.waitFor(d -> d.getCurrentUrl().endsWith("/negotiations/" + scene.negotiation()));
        assertNoScriptRan("negotiation page");
        String rounds = Browser.driver().findElement(By.cssSelector("ol.rounds")).getText();
        assertThat(rounds).contains("2022-01-27 (on or before) · Written reply · Reply " + HOSTILE + " · Link land",
                "Handed over " + HOSTILE);
        List<Map<String, Object>> events = api().get("/api/v1/negotiations/" + scene.negotiation() + "/events")
                .then().statusCode(200).extract().path("items");
        assertThat(events).singleElement().satisfies(event -> assertThat(event)
                .containsEntry("kind", "WRITTEN_REPLY").containsEntry("occurred_on_precision", "ON_OR_BEFORE")
                .containsEntry("parties", List.of(scene.addressee())).containsEntry("title", "Reply " + HOSTILE));
    }

    @Test
    void aLinkThatClosesACycleIsRefusedReadablyAndTheCorrectedFormThenLinks() {
        Fixtures.Tabled scene = Fixtures.tabled("Cycle land", "Cycle demand");
        String outer = Fixtures.demand(scene, "Outer package", "PACKAGE");
        String inner = Fixtures.demand(scene, "Inner package", "PACKAGE");
        Fixtures.link(inner, "PART_OF", outer, "Inside it.");
        WorkbenchPage workbench = new WorkbenchPage(base).signIn(Fixtures.analyst("cycle-analyst"));

        workbench.linkFormFrom(outer).link("PART_OF", inner, "Round and round");
        workbench.create();

        assertThat(workbench.problemShown()).contains("This link would go round in a circle",
                "would close a cycle");
        assertThat(Browser.script("return document.activeElement.id")).as("focus on the problem")
                .isEqualTo("problems");
        assertThat(Browser.driver().getCurrentUrl()).contains("/workbench/links/new");
        assertThat(api().get("/api/v1/demands/" + outer).then().statusCode(200).extract().<List<?>> path("links"))
                .isEmpty();
        // Corrected, the same form sends again: the refusal stays with its own Idempotency-Key.
        workbench.link("COUNTER_TO", inner, "Offered instead");
        workbench.create();
        Browser.waitFor(d -> d.getCurrentUrl().endsWith("/demands/" + outer));
        assertThat(api().get("/api/v1/demands/" + outer).then().statusCode(200).extract()
                .<List<String>> path("links.type")).containsExactly("COUNTER_TO");
    }

    @Test
    void hostileStringsStayText() {
        enterAsReader();
        Fixtures.Tabled scene = Fixtures.tabled("Party " + HOSTILE, "Demand " + HOSTILE);
        Fixtures.record(Fixtures.analyst("hostile-recorder"), scene, "REJECTED", "2022-01-26",
                "Note " + HOSTILE, "Quote " + HOSTILE);
        String key = Fixtures.analyst("hostile-analyst");

        List<String> pages = List.of("negotiations/" + scene.negotiation(), "demands/" + scene.demand(), "");
        for (String path : pages) {
            Browser.driver().get(base + path);
            assertNoScriptRan(path);
            assertThat(Browser.driver().findElement(By.tagName("main")).getText()).as(path).contains(HOSTILE);
        }
        String document = Fixtures.document("Document " + HOSTILE, scene.source(), "Text " + HOSTILE);
        WorkbenchPage workbench = new WorkbenchPage(base).signIn(key).stanceForm(scene.demand(), scene.addressee());
        assertNoScriptRan("stance form");
        assertThat(Browser.driver().findElement(By.tagName("main")).getText()).contains("Quote " + HOSTILE);

        workbench.document(document);
        assertNoScriptRan("document chosen");
        assertThat(workbench.documentText()).isEqualTo("Text " + HOSTILE);
        assertThat(Browser.driver().findElement(By.cssSelector("#document_id option[value='" + document + "']"))
                .getText()).contains("Document " + HOSTILE);
        assertThat(Browser.driver().findElement(By.id("title")).getDomProperty("value"))
                .isEqualTo("Document " + HOSTILE);
    }

    @Test
    void everyPageHasNoSeriousAccessibilityViolationAndFits375Pixels() throws IOException {
        Fixtures.Tabled scene = Fixtures.tabled("Axe land", "Axe demand");
        Fixtures.record(Fixtures.analyst("axe"), scene, "COUNTER_PROPOSED", "2022-01-26", "Counter.",
                "We propose something else.");
        // Links, a round and a document, so that the pages show them too.
        Fixtures.link(scene.demand(), "PART_OF", Fixtures.demand(scene, "Axe package", "PACKAGE"), "In it.");
        String document = Fixtures.document("Axe document", scene.source(), "We propose something else.");
        String event = Fixtures.event(scene.negotiation(), "Axe round", "2022-01-26", List.of(document));
        api().body(Map.of("status", "UNASSESSED", "effective_on", "2022-01-27", "event_id", event))
                .header("If-Match", api().get("/api/v1/demands/" + scene.demand() + "/positions/" + scene.proposer())
                        .then().extract().header("ETag"))
                .put("/api/v1/demands/" + scene.demand() + "/positions/" + scene.proposer()).then().statusCode(200);
        String key = Fixtures.analyst("axe-analyst");
        List<String> anonymous = List.of("", "negotiations/" + SEED, "negotiations/" + SEED + "?as_of=2022-01-10",
                "negotiations/" + SEED + "/changes?from=2021-12-17&to=2022-02-18", "negotiations/" + SEED + "/changes",
                "negotiations/" + scene.negotiation(), "demands/nato-non-expansion", "demands/" + scene.demand(),
                "workbench");
        List<String> signedIn = List.of("workbench", "workbench/stance?demand=" + scene.demand() + "&party="
                + scene.addressee(), "workbench/demands/new?negotiation=" + scene.negotiation(),
                "workbench/links/new?demand=" + scene.demand(), "workbench/events/new?negotiation=" + scene.negotiation());
        Map<String, List<String>> findings = new LinkedHashMap<>();
        List<String> weights = new ArrayList<>();
        List<String> report = new ArrayList<>();
        for (int width : new int[] { 1280, 375 }) {
            Browser.width(width, 900);
            enterAsReader();
            for (String path : anonymous) {
                check(path, width, findings, weights, report);
            }
            new WorkbenchPage(base).signIn(key);
            for (String path : signedIn) {
                check(path, width, findings, weights, report);
            }
            Browser.driver().manage().deleteAllCookies();
        }
        Files.write(Path.of("target", "web-page-weights.txt"), weights);
        // Every finding, whatever its impact, for the record; only serious and critical ones fail.
        Files.write(Path.of("target", "axe-results.txt"), report.isEmpty() ? List.of("no violations") : report);
        assertThat(findings).as("axe-core serious or critical violations, and pages wider than the window")
                .isEmpty();
    }

    private void check(String path, int width, Map<String, List<String>> findings, List<String> weights,
            List<String> report) {
        Browser.driver().get(base + path);
        if (path.startsWith("workbench/stance")) {
            Browser.waitFor(d -> "true".equals(d.findElement(By.id("stance-form")).getDomAttribute("data-loaded")));
            // With a document's text shown, as an analyst selecting a quote sees it.
            String document = (String) Browser.script(
                    "return document.querySelector('#document_id option[data-held=\"true\"]')?.value");
            if (document != null) {
                new WorkbenchPage(base).document(document);
            }
        }
        List<String> axe = Browser.axeViolations();
        axe.forEach(violation -> report.add(width + " px /" + path + "\t" + violation));
        List<String> problems = new ArrayList<>(axe.stream().filter(Browser::seriousOrCritical).toList());
        Number overflow = (Number) Browser.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow.intValue() > 0) {
            problems.add("wider than " + width + " px by " + overflow + " px");
        }
        if (!problems.isEmpty()) {
            findings.put(width + " px /" + path, problems);
        }
        if (width == 1280) {
            weights.add("/" + path + "\t" + Browser.script("""
                    const n = performance.getEntriesByType('navigation')[0];
                    const bytes = { html: n.decodedBodySize, js: 0, css: 0, data: 0 };
                    for (const r of performance.getEntriesByType('resource')) {
                        const kind = r.name.endsWith('.js') ? 'js' : r.name.endsWith('.css') ? 'css' : 'data';
                        bytes[kind] += r.name.includes('/changes/stream') ? 0 : r.decodedBodySize;
                    }
                    const total = bytes.html + bytes.js + bytes.css + bytes.data;
                    return total + '\tHTML ' + bytes.html + '\tJS ' + bytes.js + '\tCSS ' + bytes.css
                        + '\tfetched by script ' + bytes.data;"""));
        }
    }

    private static void assertNoScriptRan(String where) {
        try {
            Browser.driver().switchTo().alert();
            throw new AssertionError("an alert opened on " + where);
        } catch (NoAlertPresentException expected) {
            // the hostile markup stayed text
        }
        assertThat(Browser.driver().findElements(By.cssSelector("img[src='x']"))).as(where).isEmpty();
    }

    /** Time to first render of the seed matrix page, against fetching the matrix JSON, in this browser. */
    private void measure() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Browser.driver().get(base + "negotiations/" + SEED);
            // The first paint may come after the load event WebDriver waits for: observe it.
            Object paint = ((JavascriptExecutor) Browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const n = performance.getEntriesByType('navigation')[0];
                    new PerformanceObserver((list, observer) => {
                        const p = list.getEntriesByName('first-contentful-paint')[0];
                        if (p) {
                            observer.disconnect();
                            done([Math.round(n.responseEnd - n.startTime), Math.round(p.startTime),
                                  Math.round(n.domContentLoadedEventEnd - n.startTime), n.decodedBodySize]);
                        }
                    }).observe({type: 'paint', buffered: true});""");
            Object json = ((JavascriptExecutor) Browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const t0 = performance.now();
                    fetch('/api/v1/negotiations/%s/matrix', {cache: 'no-store'}).then(r => r.text())
                        .then(b => done([Math.round(performance.now() - t0), b.length]));""".formatted(SEED));
            lines.add("page [response ms, first contentful paint ms, DOMContentLoaded ms, bytes] " + paint
                    + "\tmatrix JSON [ms, bytes] " + json);
        }
        lines.forEach(System.out::println);
        Files.write(Path.of("target", "web-first-render.txt"), lines, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String label(String status) {
        String words = status.replace('_', ' ').toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
