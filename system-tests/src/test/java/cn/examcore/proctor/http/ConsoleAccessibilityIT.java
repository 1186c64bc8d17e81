package cn.examcore.proctor.http;

import static cn.examcore.proctor.http.ProctorConsoleIT.call;
import static cn.examcore.proctor.http.ProctorConsoleIT.login;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.proctor.ConsoleNode;
import cn.examcore.server.page.ChromeBrowser.AxeViolation;
import cn.examcore.server.paper.PaperService.LoadedPaper;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The proctor console (监考台) held to WCAG 2.1 AA in a real browser against a real exam node: axe-core's A/AA rule
 * sets in every view and state a proctor meets, in both languages at 1366×768; the seat map as one tab stop moved
 * by arrow keys, whose live redraws leave the focused seat alone; and the room fitting a 320-px-wide window.
 *
 * <p>One node, one console and one browser serve all tests (a console start costs seconds and CI has 20 minutes):
 * the tests run in order, each leaving the room as the next one expects it.
 */
@DisplayName("Proctor console accessibility in a real browser against a real node and console")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleAccessibilityIT {

    private static final int WIDTH = 1366;
    private static final int HEIGHT = 768;

    private static TestNode node;
    private static ConsoleNode console;
    private static Vertx vertx;
    private static Browser browser;
    private static String base;
    private static final Map<Integer, SeatClient> SOCKETS = new LinkedHashMap<>();
    private static final Map<Integer, String> ATTEMPTS = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        // An hour before T0, so seats wait first; no heartbeat gap while the test's sockets stay quiet.
        node = TestNode.builder().leadSeconds(3600).heartbeatGapSeconds(600).start();
        console = ProctorConsoleIT.console(node, Map.of("similarity-seconds", "0"));
        vertx = Vertx.vertx();
        browser = Browser.start(WIDTH, HEIGHT);
        browser.viewport(WIDTH, HEIGHT);
        base = console.baseUrl();
    }

    @AfterAll
    static void stop() throws Exception {
        SOCKETS.values().forEach(SeatClient::close);
        for (AutoCloseable c : new AutoCloseable[] {browser, console, node}) {
            if (c != null) {
                c.close();
            }
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** axe's findings per state and language, all reported together so one run names every problem. */
    private static final class Audit {
        private final Map<String, List<AxeViolation>> found = new LinkedHashMap<>();

        /** Checks the page as it is now, in Chinese and then in English, and leaves it in Chinese. */
        void check(String state) {
            for (String lang : List.of("zh-CN", "en")) {
                language(lang);
                browser.screenshot("console-a11y-" + state + "-" + lang);
                List<AxeViolation> violations = browser.axe();
                found.put(state + " " + lang, violations);
                System.out.printf("axe console %-28s %-5s %d violation(s), %d node(s) %s%n", state, lang,
                        violations.size(), violations.stream().mapToInt(v -> v.targets().size()).sum(), violations);
            }
            language("zh-CN");
        }

        void assertClean() {
            assertThat(found).as("states checked").isNotEmpty();
            Map<String, List<AxeViolation>> failing = new LinkedHashMap<>();
            found.forEach((state, v) -> {
                if (!v.isEmpty()) {
                    failing.put(state, v);
                }
            });
            assertThat(failing).as("axe-core WCAG 2.1 A/AA violations per console state").isEmpty();
        }
    }

    /** Switches the console's language with its own button, as a proctor would. */
    private static void language(String lang) {
        if (!lang.equals(browser.script("return document.documentElement.lang"))) {
            browser.find("#lang").click();
            browser.await(5, "the console did not switch to " + lang,
                    d -> lang.equals(browser.script("return document.documentElement.lang")));
        }
    }

    private static String seat(int i) {
        return node.seatCodes().get(i);
    }

    private static String tileCss(int i) {
        return "[data-seat='" + seat(i) + "']";
    }

    private static String state(int i) {
        return browser.find(tileCss(i)).getAttribute("data-state");
    }

    private static void awaitState(int i, String state) {
        browser.await(20, "seat " + seat(i) + " did not show " + state, d -> state.equals(state(i)));
    }

    /** Logs candidate i in at their seat and, when asked, opens the page's seat socket as a loaded paper would. */
    private static void candidate(int i, boolean socket) {
        String terminal = call("POST", node.baseUrl() + "/api/terminal/enrol", null,
                Map.of("seatCode", seat(i), "pin", node.pin())).path("terminalToken").asText();
        JsonNode reply = call("POST", node.baseUrl() + "/api/candidate/login", null, Map.of("terminalToken", terminal,
                "ticket", node.candidate(i).ticket(), "idNumber", node.candidate(i).idNumber()));
        ATTEMPTS.put(i, reply.path("attemptId").asText());
        if (socket) {
            SeatClient client = SeatClient.connect(vertx, node.port(), reply.path("token").asText());
            client.hello(new JsonArray());
            SOCKETS.put(i, client);
        }
    }

    private static void agentEvent(int i, String kind) {
        call("POST", node.baseUrl() + "/api/agent/events", node.agentKey(), Map.of("events", List.of(
                Map.of("seatCode", seat(i), "kind", kind, "detail", Map.of(), "observedAt",
                        System.currentTimeMillis()))));
    }

    private static void seatAction(String admin, int i, String action, Map<String, Object> body) {
        call("POST", base + "/api/proctor/sittings/" + node.sittingId() + "/seats/" + seat(i) + "/" + action, admin,
                body);
    }

    @Test
    @Order(1)
    @DisplayName("sign-in, its error, the room with seats absent, waiting, answering, flagged, away, offline, paused "
            + "and submitted, the seat panel with a flag, a reminder and a decision, the filtered feed and the site "
            + "overview with a similarity run have no axe-core WCAG 2.1 A/AA violation in Chinese or English")
    void everyViewAndStateHasNoViolations() {
        Audit audit = new Audit();
        browser.driver.get(base + "/");
        browser.await(10, "console login form", d -> browser.present("#login-form"));
        audit.check("sign-in");

        browser.type("#username", node.adminUser());
        browser.type("#password", "not-the-password");
        browser.find("#login-form button[type=submit]").click();
        browser.await(10, "no login error", d -> !browser.find("#login-error").getText().isBlank());
        audit.check("sign-in-error");

        browser.type("#password", node.adminPassword());
        browser.find("#login-form button[type=submit]").click();
        browser.await(15, "the room did not show", d -> browser.present(tileCss(29)));
        awaitState(0, "absent");
        audit.check("room-absent");

        // Before T0: six candidates at their seats with the paper loaded, one logged in whose page has not opened.
        for (int i = 0; i < 6; i++) {
            candidate(i, true);
        }
        candidate(6, false);
        awaitState(0, "waiting");
        awaitState(6, "loggedIn");
        // The feed names every kind in the page's language, not by its code.
        browser.await(5, "the feed has no login", d -> browser.find("#feed").getText().contains("考生登录"));
        assertThat(browser.find("#feed").getText()).doesNotContain("LOGIN", "SOCKET_OPENED");
        audit.check("room-waiting");

        String admin = login(base, node.adminUser(), node.adminPassword());
        call("POST", node.baseUrl() + "/api/admin/sittings/" + node.sittingId() + "/start", admin, Map.of());
        // The console re-reads attempt states every 10 s while a seat waits for the start.
        awaitState(0, "answering");
        LoadedPaper paper = Papers.of(node, ATTEMPTS.get(0));
        PaperItem first = objectiveItems(paper).get(0);
        assertThat(SOCKETS.get(0).save(first.number(), Papers.correct(first), 1).getString("type")).isEqualTo("saved");
        agentEvent(1, "PHONE_DETECTED");
        agentEvent(2, "PRESENCE_LOST");
        SOCKETS.remove(3).close();
        seatAction(admin, 4, "pause", Map.of("reason", "测试：暂停"));
        seatAction(admin, 5, "force-submit", Map.of("reason", "测试：收卷"));
        awaitState(3, "offline");
        awaitState(4, "paused");
        awaitState(5, "submitted");
        browser.await(10, "seat 1 shows no flag", d -> browser.find(tileCss(1) + " .badge").isDisplayed());
        browser.await(10, "seat 0 shows no progress", d -> browser.find(tileCss(0)).getText().contains("1/"));
        assertThat(browser.find(tileCss(2)).getText()).as("a seat the agent saw empty").contains("离座");
        audit.check("room-every-state");

        browser.find(tileCss(1)).click();
        browser.await(10, "no B1 flag in the seat panel", d -> browser.find("#seat-flags").getText().contains("B1"));
        audit.check("seat-panel-flag");

        browser.type("form[data-action=remind] input[name=message]", "请将手机放到指定位置。");
        browser.find("form[data-action=remind] button").click();
        browser.await(10, "the reminder was not confirmed", d -> browser.present("form[data-action=remind] .form-result")
                && !browser.find("form[data-action=remind] .form-result").getText().isBlank());
        audit.check("seat-panel-reminded");

        String open = "#seat-flags li[data-flag]:not(.decided)";
        browser.await(10, "could not confirm the flag", d -> {
            browser.type(open + " input[name=reason]", "监控画面确认手机");
            browser.find(open + " button[data-outcome=CONFIRMED]").click();
            return true;
        });
        browser.await(10, "the decision was not recorded", d -> browser.present("#seat-flags li.decided"));
        audit.check("seat-panel-decided");

        new Select(browser.find("#feed-kind")).selectByValue("PHONE_DETECTED");
        browser.await(5, "the feed was not filtered", d -> browser.find("#feed").getText().contains(seat(1)));
        audit.check("feed-filtered");
        new Select(browser.find("#feed-kind")).selectByValue("");

        browser.find("#show-site").click();
        browser.await(5, "no site overview", d -> browser.present("#site-rows tr"));
        audit.check("site");
        browser.find("#run-similarity").click();
        browser.await(30, "the similarity run did not report", d -> {
            String text = browser.find("#similarity-result").getText();
            return !text.isBlank() && !text.endsWith("…");
        });
        audit.check("site-similarity");

        browser.find("#site-rows button").click();
        browser.await(5, "the room did not show again", d -> browser.find("#room-view").isDisplayed());
        audit.assertClean();
    }

    @Test
    @Order(2)
    @DisplayName("the seat map is one tab stop; arrows, Home/End and Ctrl+Home/End move between seats; Enter opens "
            + "the seat panel with focus in it and the seat marked selected; Escape returns to the seat; live "
            + "updates leave the focused seat element attached, focused and unreplaced")
    void theSeatMapWorksByKeyboard() {
        browser.await(5, "the room is not shown", d -> browser.find(tileCss(0)).isDisplayed());
        Actions keys = new Actions(browser.driver);
        // From the last control before the map, one Tab enters it and the next one leaves it.
        browser.script("document.getElementById('report-sitting-pdf').focus()");
        keys.sendKeys(Keys.TAB).perform();
        WebElement entered = browser.driver.switchTo().activeElement();
        assertThat(entered.getAttribute("data-seat")).as("Tab from the room record's last link enters the seat map").isNotNull();
        assertThat(browser.script("return document.querySelectorAll('#seat-map [tabindex=\"0\"]').length"))
                .as("tab stops in the seat map").isEqualTo(1L);
        assertThat(browser.script("return [...document.querySelectorAll('#seat-map [data-seat]')]"
                + ".filter(e => e.tabIndex === -1).length")).isEqualTo((long) node.seatCodes().size() - 1);
        keys.sendKeys(Keys.TAB).perform();
        assertThat(browser.script("return document.getElementById('seat-map').contains(document.activeElement)"))
                .as("a second Tab leaves the seat map").isEqualTo(false);
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(focusedSeat()).isEqualTo(entered.getAttribute("data-seat"));

        // The demo room is 5 rows of 6 seats, numbered along the rows.
        keys.keyDown(Keys.CONTROL).sendKeys(Keys.HOME).keyUp(Keys.CONTROL).perform();
        assertThat(focusedSeat()).isEqualTo(seat(0));
        keys.sendKeys(Keys.ARROW_RIGHT).perform();
        assertThat(focusedSeat()).isEqualTo(seat(1));
        keys.sendKeys(Keys.ARROW_DOWN).perform();
        assertThat(focusedSeat()).isEqualTo(seat(7));
        keys.sendKeys(Keys.END).perform();
        assertThat(focusedSeat()).isEqualTo(seat(11));
        keys.sendKeys(Keys.HOME).perform();
        assertThat(focusedSeat()).isEqualTo(seat(6));
        keys.sendKeys(Keys.ARROW_LEFT).perform();
        assertThat(focusedSeat()).as("the row's edge stops the arrow").isEqualTo(seat(6));
        keys.keyDown(Keys.CONTROL).sendKeys(Keys.END).keyUp(Keys.CONTROL).perform();
        assertThat(focusedSeat()).isEqualTo(seat(29));
        keys.sendKeys(Keys.ARROW_UP).perform();
        assertThat(focusedSeat()).isEqualTo(seat(23));
        assertThat(browser.script("return document.querySelectorAll('#seat-map [tabindex=\"0\"]').length"))
                .as("the tab stop follows the arrows").isEqualTo(1L);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("tabindex")).isEqualTo("0");

        // Enter opens the panel and takes focus into it; the seat says it is the selected one, and no other does.
        keys.keyDown(Keys.CONTROL).sendKeys(Keys.HOME).keyUp(Keys.CONTROL).perform();
        // Seat 1 is still the selected one (opened in the first test): focus and selection side by side.
        browser.screenshot("console-focus-and-selection");
        keys.sendKeys(Keys.ENTER).perform();
        browser.await(5, "Enter did not open the seat panel", d -> browser.find("#seat-panel").isDisplayed());
        assertThat(browser.script("return document.getElementById('seat-panel').contains(document.activeElement)"))
                .as("focus moved into the opened panel").isEqualTo(true);
        assertThat(browser.driver.switchTo().activeElement().getText()).contains(seat(0));
        assertThat(browser.find(tileCss(0)).getAttribute("aria-selected")).isEqualTo("true");
        assertThat(browser.script("return document.querySelectorAll('#seat-map [aria-selected=\"true\"]').length"))
                .isEqualTo(1L);
        keys.sendKeys(Keys.ESCAPE).perform();
        assertThat(focusedSeat()).as("Escape in the panel returns to its seat").isEqualTo(seat(0));

        // Live updates while the seat is focused: its progress moves, clocks tick, the element stays.
        WebElement focused = browser.driver.switchTo().activeElement();
        browser.script("""
                window.__mutations = [];
                window.__observer = new MutationObserver((list) => window.__mutations.push(...list.map((m) =>
                  m.type + ':' + (m.attributeName || '') + ':' + (m.removedNodes.length ? 'removed' : ''))));
                window.__observer.observe(document.getElementById('seat-map'),
                  { subtree: true, childList: true, attributes: true, characterData: true });
                """);
        List<PaperItem> items = objectiveItems(Papers.of(node, ATTEMPTS.get(0)));
        long started = System.nanoTime();
        int answered = 1;
        for (PaperItem item : items.subList(1, items.size())) {
            assertThat(SOCKETS.get(0).save(item.number(), Papers.correct(item), 1).getString("type"))
                    .isEqualTo("saved");
            String shown = ++answered + "/";
            browser.await(5, "seat 0 did not show " + shown, d -> browser.find(tileCss(0)).getText().contains(shown));
            assertThat(browser.script("return arguments[0].isConnected && document.activeElement === arguments[0]",
                    focused)).as("the focused seat is the same element after %s answers", answered).isEqualTo(true);
            if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(6)) {
                break;
            }
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        @SuppressWarnings("unchecked")
        List<String> mutations = (List<String>) browser.script(
                "window.__observer.disconnect(); return window.__mutations");
        System.out.printf("seat map: %d DOM changes in %d s while %d answers arrived: %s%n", mutations.size(), seconds,
                answered - 1, summary(mutations));
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(focused);
        assertThat(mutations).as("no seat element was removed or re-created").noneMatch(m -> m.endsWith("removed")
                && m.startsWith("childList"));
        assertThat(mutations.size()).as("DOM changes in the seat map per second").isLessThan((int) (20 * seconds)
                + 5 * answered);
    }

    @Test
    @Order(3)
    @DisplayName("the room and the seat panel at 1366×768 and 320 px wide in both languages: screenshots, no sideways "
            + "scrolling of the page at 320 px, and no axe-core violation there either")
    void roomAndPanelFitEveryWidth() {
        Audit audit = new Audit();
        List<String> problems = new ArrayList<>();
        browser.find(tileCss(1)).click();
        browser.await(5, "no seat panel", d -> browser.find("#seat-panel").isDisplayed());
        for (int[] size : new int[][] {{WIDTH, HEIGHT}, {320, 640}}) {
            browser.viewport(size[0], size[1]);
            for (String lang : List.of("zh-CN", "en")) {
                language(lang);
                String name = "console-" + size[0] + "-" + lang;
                browser.script("window.scrollTo(0, 0)");
                browser.screenshot(name + "-room");
                browser.script("document.getElementById('seat-panel').scrollIntoView()");
                browser.screenshot(name + "-panel");
                Object overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth");
                if (((Number) overflow).intValue() > 0) {
                    // Name the elements that reach past the window, so the failure says what to fix.
                    Object wide = browser.script("return [...document.querySelectorAll('body *')]"
                            + ".filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && e.offsetParent)"
                            + ".slice(-4).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' '"
                            + " + Math.round(e.getBoundingClientRect().right)).join(', ')");
                    problems.add(name + ": the page is " + overflow + " px wider than the window (" + wide + ")");
                }
            }
            language("zh-CN");
            if (size[0] == 320) {
                audit.check("room-and-panel-320");
            }
        }
        browser.viewport(WIDTH, HEIGHT);
        assertThat(problems).as("sideways scrolling").isEmpty();
        audit.assertClean();
    }

    /** Contrast ratios (WCAG 2.1) of what the page computed, measured in the page: [what, ratio] pairs. */
    private static final String NON_TEXT_CONTRAST = """
            const lum = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number).map((v) => v / 255)
              .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
              .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            const bg = (el) => { for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
              if (c !== 'transparent' && !/, 0\\)$/.test(c)) return c; } return 'rgb(255, 255, 255)'; };
            const out = [];
            const focused = document.activeElement;
            out.push(['focus ring on the header (' + focused.id + ', focus-visible ' + focused.matches(':focus-visible') + ')',
              ratio(getComputedStyle(focused).outlineColor, bg(document.querySelector('header')))]);
            for (const el of [document.querySelector('form[data-action=remind] input'), document.getElementById('feed-seat'),
                document.getElementById('feed-kind')]) {
              out.push(['border of ' + (el.id || el.name), ratio(getComputedStyle(el).borderTopColor, bg(el.parentElement))]);
            }
            const page = bg(document.getElementById('seat-map'));
            for (const el of document.querySelectorAll('#seat-map [data-seat], #legend li')) {
              const st = el.dataset.state || el.className;
              const bar = getComputedStyle(el).borderLeftColor;
              const icon = getComputedStyle(el.querySelector('.icon')).color;
              out.push(['state bar of ' + st + ' on its tile', ratio(bar, getComputedStyle(el).backgroundColor)]);
              out.push(['state bar of ' + st + ' on the page', ratio(bar, page)]);
              out.push(['state icon of ' + st, ratio(icon, getComputedStyle(el).backgroundColor)]);
            }
            return out;
            """;

    @Test
    @Order(4)
    @DisplayName("non-text contrast (WCAG 1.4.11): the header's focus ring, control borders and every seat state's bar "
            + "and icon reach 3:1; each state has its own icon; the selected seat looks unlike the focused one")
    void nonTextPartsHaveContrast() {
        language("zh-CN");
        // By keyboard, so the ring is the :focus-visible one a proctor sees: Tab from the room chooser to 中文/English.
        browser.script("document.getElementById('room').focus()");
        new Actions(browser.driver).sendKeys(Keys.TAB).perform();
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("lang");
        browser.screenshot("console-header-focus");
        @SuppressWarnings("unchecked")
        List<List<Object>> ratios = (List<List<Object>>) browser.script(NON_TEXT_CONTRAST);
        List<String> low = new ArrayList<>();
        for (List<Object> r : ratios) {
            double ratio = ((Number) r.get(1)).doubleValue();
            if (ratio < 3) {
                low.add(r.get(0) + String.format(" %.2f:1", ratio));
            }
        }
        System.out.println("non-text contrast: " + ratios.size() + " measured, lowest " + ratios.stream()
                .mapToDouble(r -> ((Number) r.get(1)).doubleValue()).min().orElse(0));
        assertThat(ratios).hasSizeGreaterThan(3 * node.seatCodes().size());
        assertThat(low).as("non-text parts under 3:1").isEmpty();

        @SuppressWarnings("unchecked")
        Map<String, String> icons = (Map<String, String>) browser.script("""
                const icons = {};
                for (const li of document.querySelectorAll('#legend li')) icons[li.className] = li.querySelector('.icon').textContent;
                return icons;
                """);
        assertThat(icons).hasSize(8);
        assertThat(icons.values()).doesNotHaveDuplicates();
        assertThat(browser.find(tileCss(1)).getAttribute("aria-selected")).isEqualTo("true");
        assertThat(browser.script("return getComputedStyle(arguments[0]).boxShadow", browser.find(tileCss(1))))
                .as("the selected seat's frame").asString().contains("inset");
        assertThat(browser.script("return getComputedStyle(arguments[0]).outlineStyle", browser.find(tileCss(1))))
                .as("a selected seat without focus has no focus ring").isEqualTo("none");
    }

    private static String focusedSeat() {
        return browser.driver.switchTo().activeElement().getAttribute("data-seat");
    }

    private static List<PaperItem> objectiveItems(LoadedPaper paper) {
        return paper.items().values().stream().filter(i -> Papers.objective(i.type()))
                .sorted(Comparator.comparingInt(PaperItem::number)).toList();
    }

    private static Map<String, Integer> summary(List<String> mutations) {
        Map<String, Integer> out = new LinkedHashMap<>();
        mutations.forEach(m -> out.merge(m, 1, Integer::sum));
        return out;
    }
}
