package cn.examcore.server.page;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, sized like a 1366×768 exam terminal.
 * Both paths are given explicitly, so Selenium Manager never looks for (or downloads) a browser or driver.
 */
public final class ChromeBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** axe-core as `npm ci` installs it at the repository root (a devDependency of the root package.json). */
    static final Path AXE = Path.of("node_modules", "axe-core", "axe.min.js");

    /** The WCAG 2.1 A and AA rule sets; axe's best-practice and experimental rules are not part of the claim. */
    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String axeSource;

    /** The browser of {@link #shared}, started by the first page test that asks for it. */
    private static ChromeBrowser shared;

    /**
     * No devtools artifact is on the test classpath on purpose, so Selenium's notice about it is noise. Held in a
     * field because java.util.logging keeps loggers only weakly and would forget the level.
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
    }

    public final ChromeDriver driver;
    private final Dimension windowSize;

    private ChromeBrowser(ChromeDriver driver, Dimension windowSize) {
        this.driver = driver;
        this.windowSize = windowSize;
    }

    /** The candidate-page size of a small terminal screen. */
    static ChromeBrowser start() {
        return start(1366, 768);
    }

    /**
     * The one browser the page tests of this JVM share, at the terminal size, made a terminal never used at
     * {@code origin} ({@link #freshTerminal}). Chromium takes seconds to start on a loaded machine, and what a page
     * test needs is a clean terminal, not a new process. It lives until the JVM exits: callers never close it.
     */
    static synchronized ChromeBrowser shared(String origin) {
        if (shared == null) {
            shared = start();
            ChromeDriver driver = shared.driver;
            Runtime.getRuntime().addShutdownHook(new Thread(driver::quit, "shared-chromium-quit"));
        }
        shared.freshTerminal(origin);
        return shared;
    }

    /**
     * Starts a headless Chromium with a window of the given size and extra command-line switches; public for the
     * proctor console's browser tests, which use it through exam-server's test jar.
     */
    public static ChromeBrowser start(int width, int height, String... extraArguments) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromedriver: "
                    + "apt-get install -y chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=" + width + "," + height,
                "--disable-dev-shm-usage", "--lang=zh-CN");
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new ChromeBrowser(driver, new Dimension(width, height));
    }

    /**
     * Makes this browser a terminal that has never been used at {@code origin}: one new tab, in front and focused
     * (sessionStorage belongs to a tab, and closing the others closes their sockets), on-line, at the window size it
     * started with, and with the origin's cookies, localStorage and every other store cleared. Tests that share one
     * browser begin with it, so none sees what another left behind, whatever their order and whether the one before
     * failed half-way.
     */
    public void freshTerminal(String origin) {
        String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(fresh)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(fresh);
        // A tab opened this way is visible but has no focus, unlike a terminal's only window: blur and focus are
        // what the candidate page reports to the proctor, and keyboard tests need the focus ring.
        driver.executeCdpCommand("Page.bringToFront", Map.of());
        // Offline emulation set through chromedriver outlives the tab it was set in; chromedriver refuses to delete
        // conditions that were never set, so they are set to "on-line, unthrottled" first and then deleted.
        driver.setNetworkConditions(new ChromiumNetworkConditions());
        driver.deleteNetworkConditions();
        driver.manage().window().setSize(windowSize);
        driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
    }

    /**
     * Waits up to {@code seconds} for {@code condition} to return something other than null or false. An element
     * that a re-render replaced between finding and using it is retried, not failed: the pages redraw their tables
     * whenever fresh data arrives, which is exactly what a waiting condition waits for.
     */
    <T> T await(int seconds, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100))
                .withMessage(what)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Runs an async script; the last argument the script receives is the callback for its result. */
    public Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    /**
     * One failed axe rule: its id, impact, help text and the CSS selectors of the elements that fail it, so an
     * assertion message names what to fix.
     */
    public record AxeViolation(String id, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return id + " (" + impact + ": " + help + ") at " + targets;
        }
    }

    /**
     * Runs axe-core with the WCAG 2.1 A/AA rule sets on the current document, injecting it first if this document
     * does not have it yet, and returns the violations (an empty list when there are none).
     */
    public List<AxeViolation> axe() {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
            script(axeSource() + "\n;return true;");
        }
        Object result = asyncScript("""
                const done = arguments[arguments.length - 1];
                window.axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
                  .then((r) => done(JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map((n) => n.target.join(' ')) })))), (e) => done('error: ' + e));
                """, WCAG_21_AA);
        String json = String.valueOf(result);
        if (!json.startsWith("[")) {
            throw new IllegalStateException("axe-core did not run: " + json);
        }
        try {
            return JSON.readValue(json, new TypeReference<List<AxeViolation>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable axe result " + json, e);
        }
    }

    /**
     * axe.min.js from the repository root's node_modules, found by walking up from the working directory (a module
     * directory under failsafe, the root in an IDE).
     */
    private static synchronized String axeSource() {
        if (axeSource == null) {
            Path start = Path.of("").toAbsolutePath();
            Path dir = start;
            while (dir != null && !Files.isRegularFile(dir.resolve(AXE))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("axe-core is missing: no " + AXE + " in " + start + " or above; run "
                        + "`npm ci` at the repository root (axe-core is a devDependency of its package.json)");
            }
            try {
                axeSource = Files.readString(dir.resolve(AXE));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + dir.resolve(AXE), e);
            }
        }
        return axeSource;
    }

    /**
     * Resizes the window so that the page's viewport (innerWidth × innerHeight) is {@code width} × {@code height}
     * CSS pixels: a headless window's size includes a frame the page does not get.
     */
    public void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long innerWidth = ((Number) script("return window.innerWidth")).longValue();
        long innerHeight = ((Number) script("return window.innerHeight")).longValue();
        driver.manage().window().setSize(new Dimension((int) (2 * width - innerWidth), (int) (2 * height - innerHeight)));
    }

    /**
     * Pictures are for people reviewing pages; a run nobody looks at (CI sets {@code EXAMCORE_SCREENSHOTS=off})
     * spares the few hundred milliseconds each costs on a loaded machine. No test asserts on one.
     */
    static final boolean SCREENSHOTS_ON = !"off".equalsIgnoreCase(System.getenv("EXAMCORE_SCREENSHOTS"));

    /**
     * Saves the viewport as {@code target/screenshots/<name>.png} (nothing is written when screenshots are off; the
     * path is returned all the same).
     */
    public Path screenshot(String name) {
        if (!SCREENSHOTS_ON) {
            return SCREENSHOTS.resolve(name + ".png");
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            File png = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.move(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        if (this == shared) {
            throw new IllegalStateException("the shared browser is closed when the JVM exits, not by a test");
        }
        driver.quit();
    }
}
