package dev.parley.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * Debian's chromium driven headless by its own chromedriver (Selenium Manager never downloads one),
 * in a fresh profile. A failing test leaves a screenshot under target/browser-failures.
 */
final class Browser implements TestWatcher {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** How long a page may take to show what a test waits for; waits poll and return as soon as it shows. */
    static final Duration PATIENCE = Duration.ofSeconds(15);

    private static ChromeDriver driver;
    private static Path profile;

    static boolean installed() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    static synchronized ChromeDriver driver() {
        if (driver == null) {
            try {
                profile = Files.createTempDirectory("parley-chromium");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless",
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile, "--window-size=1280,1000");
            driver = new ChromeDriver(service, options);
            Runtime.getRuntime().addShutdownHook(new Thread(Browser::quit));
        }
        return driver;
    }

    static synchronized void quit() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    static <T> T waitFor(Function<WebDriver, T> condition) {
        // The live grid is swapped whole, so an element read a moment ago may be gone: read it again.
        return new WebDriverWait(driver(), PATIENCE).ignoring(StaleElementReferenceException.class).until(condition);
    }

    static Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver()).executeScript(script, args);
    }

    static void width(int width, int height) {
        driver().manage().window().setSize(new Dimension(width, height));
    }

    /** axe-core's findings on the page shown, of every impact, as "rule (impact): where" lines. */
    static List<String> axeViolations() {
        Results results = new AxeBuilder().analyze(driver());
        return results.getViolations().stream().map(Browser::describe).toList();
    }

    static boolean seriousOrCritical(String violation) {
        return violation.contains("(serious)") || violation.contains("(critical)");
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
    }

    static void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            File shot = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The whole page from its top, for the README: the window grows to the page's height, then back. */
    static void fullPage(Path file) {
        Dimension before = driver().manage().window().getSize();
        script("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()");
        Number height = (Number) script("return document.documentElement.scrollHeight");
        width(before.getWidth(), Math.min(2400, height.intValue() + 140));
        screenshot(file);
        driver().manage().window().setSize(before);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver != null) {
            screenshot(Path.of("target", "browser-failures",
                    context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()
                            + ".png"));
        }
    }
}
