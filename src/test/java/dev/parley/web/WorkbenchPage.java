package dev.parley.web;

import java.net.URL;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The analyst's side: signing in and out, and the stance form. */
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
