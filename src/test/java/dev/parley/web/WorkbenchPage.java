package dev.parley.web;

import java.net.URL;

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
