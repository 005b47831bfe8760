package dev.parley.web;

import java.net.URL;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/** The analyst's side: signing in and out, and the stance form with its document picker. */
final class WorkbenchPage {

    private final URL base;

    WorkbenchPage(URL base) {
        this.base = base;
    }

    WorkbenchPage signIn(String key) {
        Browser.driver().manage().deleteAllCookies();
        Browser.driver().get(base + "workbench");
        Browser.driver().findElement(By.id("key")).sendKeys(key);
        Browser.driver().findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        Browser.waitFor(d -> !d.findElements(By.cssSelector(".who")).isEmpty());
        return this;
    }

    String signedInAs() {
        var who = Browser.driver().findElements(By.cssSelector(".who strong"));
        return who.isEmpty() ? null : who.get(0).getText();
    }

    void signOut() {
        Browser.driver().findElement(By.cssSelector("form[action='/workbench/sign-out'] button")).click();
        Browser.waitFor(d -> d.findElements(By.cssSelector(".who")).isEmpty());
    }

    /** Opens the stance form and waits until it has read the position it will write over. */
    WorkbenchPage stanceForm(String demand, String party) {
        Browser.driver().get(base + "workbench/stance?demand=" + demand + "&party=" + party);
        Browser.waitFor(d -> "true".equals(d.findElement(By.id("stance-form")).getDomAttribute("data-loaded")));
        return this;
    }

    WorkbenchPage stance(String status, String effectiveOn, String note) {
        new Select(Browser.driver().findElement(By.id("status"))).selectByValue(status);
        date("effective_on", effectiveOn);
        type("note", note);
        return this;
    }

    WorkbenchPage quote(String quote, String title) {
        type("quote", quote);
        type("title", title);
        return this;
    }

    /** How the stance is known, how exactly its day is, and the round it came from (an event id, or ""). */
    WorkbenchPage evidence(String basis, String precision, String event) {
        new Select(Browser.driver().findElement(By.id("basis"))).selectByValue(basis);
        new Select(Browser.driver().findElement(By.id("effective_on_precision"))).selectByValue(precision);
        new Select(Browser.driver().findElement(By.id("event_id"))).selectByValue(event);
        return this;
    }

    /** Chooses a document with a held text and waits until its text is shown. */
    WorkbenchPage document(String id) {
        new Select(Browser.driver().findElement(By.id("document_id"))).selectByValue(id);
        Browser.waitFor(d -> id.equals(d.findElement(By.id("document_id")).getDomAttribute("data-loaded")));
        return this;
    }

    String documentText() {
        return Browser.driver().findElement(By.id("document-text")).getDomProperty("value");
    }

    /**
     * Selects one line of the document's text with the keyboard alone: to the text's start, down to the
     * line, then Shift+End. (WebElement.sendKeys would first put the caret at the end of the text.)
     */
    WorkbenchPage selectLine(int index) {
        Browser.driver().findElement(By.id("document-text")).click();
        Actions keys = new Actions(Browser.driver()).keyDown(Keys.CONTROL).sendKeys(Keys.HOME).keyUp(Keys.CONTROL);
        for (int i = 0; i < index; i++) {
            keys.sendKeys(Keys.DOWN);
        }
        keys.sendKeys(Keys.HOME).keyDown(Keys.SHIFT).sendKeys(Keys.END).keyUp(Keys.SHIFT).perform();
        Browser.waitFor(d -> !d.findElement(By.id("selection")).getText().isEmpty());
        return this;
    }

    /** What the page says about the selection or the document: "Quote selected: characters ...". */
    String selection() {
        return Browser.driver().findElement(By.id("selection")).getText();
    }

    String quote() {
        return Browser.driver().findElement(By.id("quote")).getDomProperty("value");
    }

    WorkbenchPage typeQuote(String quote) {
        type("quote", quote);
        return this;
    }

    /** The problem the server answered, once shown. */
    String problemShown() {
        return Browser.waitFor(d -> {
            WebElement box = d.findElement(By.id("problems"));
            return box.isDisplayed() ? box.getText() : null;
        });
    }

    void submit() {
        Browser.driver().findElement(By.id("record")).click();
    }

    /** The conflict box a 412 opens, once shown. */
    WebElement conflict() {
        return Browser.waitFor(d -> {
            WebElement box = d.findElement(By.id("conflict"));
            return box.isDisplayed() ? box : null;
        });
    }

    void reapply() {
        Browser.driver().findElement(By.id("reapply")).click();
    }

    String problems() {
        WebElement problems = Browser.driver().findElement(By.id("problems"));
        return problems.isDisplayed() ? problems.getText() : "";
    }

    /** Opens the new-link form from the demand's page, as an analyst reaches it. */
    WorkbenchPage linkFormFrom(String demand) {
        Browser.driver().get(base + "demands/" + demand);
        Browser.driver().findElement(By.partialLinkText("Link this demand")).click();
        Browser.waitFor(d -> !d.findElements(By.id("link-form")).isEmpty());
        return this;
    }

    /** This demand TYPE target, with a note and the citations (ids) already on the demand that show it. */
    WorkbenchPage link(String type, String target, String note, String... citations) {
        new Select(Browser.driver().findElement(By.id("type"))).selectByValue(type);
        new Select(Browser.driver().findElement(By.id("target"))).selectByValue(target);
        type("note", note);
        for (String citation : citations) {
            Browser.driver().findElement(By.id("cit-" + citation)).click();
        }
        return this;
    }

    /** Opens the new-event form from the negotiation's page, as an analyst reaches it. */
    WorkbenchPage eventFormFrom(String negotiation) {
        Browser.driver().get(base + "negotiations/" + negotiation);
        Browser.driver().findElement(By.partialLinkText("Record an event")).click();
        Browser.waitFor(d -> !d.findElements(By.id("event-form")).isEmpty());
        return this;
    }

    /** A round: its kind, day and how exactly it is known, title, the parties who acted, a note. */
    WorkbenchPage event(String kind, String day, String precision, String title, List<String> parties,
            String note) {
        new Select(Browser.driver().findElement(By.id("kind"))).selectByValue(kind);
        date("occurred_on", day);
        new Select(Browser.driver().findElement(By.id("occurred_on_precision"))).selectByValue(precision);
        type("title", title);
        for (String party : parties) {
            Browser.driver().findElement(By.id("party-" + party)).click();
        }
        type("note", note);
        return this;
    }

    /** Sends a create form (demand, link or event). */
    void create() {
        Browser.driver().findElement(By.id("create")).click();
    }

    private static void type(String id, String text) {
        WebElement field = Browser.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Date inputs take keyboard entry in the browser's locale; setting the value is what a picker does. */
    private static void date(String id, String day) {
        Browser.script("arguments[0].value = arguments[1]", Browser.driver().findElement(By.id(id)), day);
    }
}
