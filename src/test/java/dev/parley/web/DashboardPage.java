package dev.parley.web;

import java.net.URL;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The negotiation page as a reader uses it: the grid, the as_of slider, the live status line. */
final class DashboardPage {

    private final URL base;
    private final String negotiation;

    DashboardPage(URL base, String negotiation) {
        this.base = base;
        this.negotiation = negotiation;
    }

    DashboardPage open() {
        Browser.driver().get(base + "negotiations/" + negotiation);
        return this;
    }

    /** Waits until the change stream is open: from then on a change reaches this page. */
    DashboardPage live() {
        Browser.waitFor(d -> "live".equals(d.findElement(By.id("live-status")).getDomAttribute("data-state")));
        return this;
    }

    // Reads go through one script each: the live grid may be swapped between two WebDriver calls.
    String cellStatus(String demand, String party) {
        return (String) Browser.script("return document.querySelector(arguments[0])?.dataset.status ?? null",
                cellSelector(demand, party));
    }

    String cellText(String demand, String party) {
        return (String) Browser.script("return document.querySelector(arguments[0])?.innerText ?? null",
                cellSelector(demand, party));
    }

    private static String cellSelector(String demand, String party) {
        return "tr[data-demand='" + demand + "'] td[data-party='" + party + "']";
    }

    /** Waits until the cell shows the status (as its data attribute, which the text repeats). */
    void waitForCell(String demand, String party, String status) {
        Browser.waitFor(d -> status.equals(cellStatus(demand, party)));
    }

    /** The day the grid shows, empty for today. */
    String gridAsOf() {
        return (String) Browser.script("return document.getElementById('grid').dataset.asOf");
    }

    int demandRows() {
        return ((Number) Browser.script("return document.querySelectorAll('#grid tbody tr').length")).intValue();
    }

    /** Moves the slider to its first day with the keyboard, as a reader without a mouse would. */
    void sliderToStart() {
        WebElement slider = Browser.driver().findElement(By.id("as-of-slider"));
        slider.sendKeys(Keys.HOME);
        // A range input reports "change" when it loses focus after keyboard moves.
        Browser.script("arguments[0].dispatchEvent(new Event('change'))", slider);
    }

    String sliderLabel() {
        return Browser.driver().findElement(By.id("as-of-label")).getText();
    }
}
