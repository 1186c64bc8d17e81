package cn.examcore.proctor.http;

import cn.examcore.server.page.ChromeBrowser;
import java.nio.file.Path;
import java.time.Duration;
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
        // The console tab keeps streaming while the candidate tab is in front: no throttling of background tabs.
        return new Browser(ChromeBrowser.start(1440, 900,
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

    @Override
    public void close() {
        chrome.close();
    }
}
