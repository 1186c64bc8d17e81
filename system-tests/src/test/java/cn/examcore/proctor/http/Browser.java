package cn.examcore.proctor.http;

import cn.examcore.server.page.ChromeBrowser;
import cn.examcore.server.page.ChromeBrowser.AxeViolation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * exam-server's headless Chromium ({@link ChromeBrowser}) at a console-sized 1440×900 window, with the waits and
 * lookups the console's live pages need.
 */
final class Browser implements AutoCloseable {

    private final ChromeBrowser chrome;
    final ChromeDriver driver;

    private Browser(ChromeBrowser chrome) {
        this.chrome = chrome;
        this.driver = chrome.driver;
    }

    static Browser start() {
        return start(1440, 900);
    }

    /** A window of the given size; the console tab keeps streaming while another tab is in front. */
    static Browser start(int width, int height) {
        return new Browser(ChromeBrowser.start(width, height,
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding"));
    }

    <T> T await(int seconds, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50)).withMessage(what)
                // the console redraws a seat or a list in place while events stream: look again
                .ignoring(StaleElementReferenceException.class)
                .ignoring(ElementNotInteractableException.class)
                .until(condition);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    void type(String css, String text) {
        WebElement el = find(css);
        el.clear();
        el.sendKeys(text);
    }

    Object script(String js, Object... args) {
        return chrome.script(js, args);
    }

    Path screenshot(String name) {
        return chrome.screenshot(name);
    }

    /** Makes the page's viewport exactly {@code width} × {@code height} CSS pixels. */
    void viewport(int width, int height) {
        chrome.viewport(width, height);
    }

    /** axe-core's WCAG 2.1 A/AA violations on the current document. */
    List<AxeViolation> axe() {
        return chrome.axe();
    }

    @Override
    public void close() {
        chrome.close();
    }
}
