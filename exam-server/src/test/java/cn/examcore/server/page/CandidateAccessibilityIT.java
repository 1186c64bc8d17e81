package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.page.ChromeBrowser.AxeViolation;
import cn.examcore.server.paper.PaperService.LoadedPaper;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;

/**
 * The candidate page held to WCAG 2.1 AA in a real browser against a real node: axe-core's A/AA rule sets in every
 * view and state a candidate can meet, in both languages and at the largest text size; single-key shortcuts that
 * cannot change an answer from outside the question; and the exam still usable, nothing cut off, when zoomed to
 * 200 % or shown 320 px wide. The tests share one node and one browser, but no state: each takes a sitting of its
 * own and starts as a terminal never used before (a fresh tab, storage cleared, on-line, the usual window size).
 */
@DisplayName("Candidate page accessibility in a real browser against a real node")
class CandidateAccessibilityIT {

    private static TestNode node;
    private static Api api;
    /** The JVM's shared browser, a fresh terminal at the start of each test. */
    private static ChromeBrowser browser;

    @BeforeAll
    static void start() {
        node = TestNode.builder().noDemo().start();
        api = new Api(node.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void freshTerminal() {
        browser = ChromeBrowser.shared(node.baseUrl());
    }

    private static final int LEAD_SECONDS = 3600;
    private static final int LARGEST_FONT = 28;

    /** Sets language and text size as a terminal keeps them, then reloads so the page boots with both. */
    private static void prefer(ChromeBrowser browser, CandidatePage page, String lang, int fontSize) {
        page.open();
        browser.script("localStorage.setItem('examcore.lang', arguments[0]);"
                + "localStorage.setItem('examcore.fontSize', arguments[1]);", lang, String.valueOf(fontSize));
        page.open();
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo(lang);
    }

    /** axe's findings per state, all reported together so one run names every problem. */
    private static final class Audit {
        private final ChromeBrowser browser;
        private final String run;
        private final Map<String, List<AxeViolation>> found = new LinkedHashMap<>();

        Audit(ChromeBrowser browser, String run) {
            this.browser = browser;
            this.run = run;
        }

        void check(String state) {
            // Judged as the candidate sees it: after a toast's fade-in, not half-transparent in the middle of it.
            browser.await(5, "animations did not finish before " + state, d -> Boolean.TRUE.equals(browser.script(
                    "return document.getAnimations().every((a) => a.playState !== 'running')")));
            browser.screenshot("a11y-" + run.replaceAll("[^A-Za-z0-9]+", "-") + "-" + state);
            List<AxeViolation> violations = browser.axe();
            found.put(state, violations);
            System.out.printf("axe %s %-28s %d violation(s) %s%n", run, state, violations.size(), violations);
        }

        void assertClean() {
            assertThat(found).as("states checked").isNotEmpty();
            Map<String, List<AxeViolation>> failing = new LinkedHashMap<>();
            found.forEach((state, v) -> {
                if (!v.isEmpty()) {
                    failing.put(state, v);
                }
            });
            assertThat(failing).as("axe-core WCAG 2.1 A/AA violations (%s) per state", run).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @CsvSource({"zh-CN, 18", "en, 28"})
    @DisplayName("a whole theory attempt, every view, dialog and state, has no axe-core WCAG 2.1 A/AA violation")
    void theoryAttemptHasNoViolations(String lang, int fontSize) {
        DemoSitting.Info sitting = node.seed(DemoSitting.Options.theory(LEAD_SECONDS).withDuration(30));
        CandidatePage page = new CandidatePage(browser, node.baseUrl());
        Audit audit = new Audit(browser, lang + "@" + fontSize);
        String seat = sitting.seatCodes().get(0);
        prefer(browser, page, lang, fontSize);

        page.awaitView("enrol", 10);
        audit.check("enrol");
        page.find("button[type=submit]").click();
        page.awaitErrorSummary();
        audit.check("enrol-errors");
        page.enrol(seat, sitting.pin());
        audit.check("login");

        // Re-enrolment asks once, in the page's own dialog (a native confirm() would leave an alert open here).
        page.find("#reenrol").click();
        browser.await(5, "no re-enrolment dialog", d -> page.present("#reenrol-dialog[open]"));
        assertThat(page.find("#reenrol-dialog").getAttribute("aria-describedby")).isEqualTo("reenrol-dialog-text");
        audit.check("reenrol-confirm");
        page.find("#reenrol-dialog button[autofocus]").click();
        browser.await(5, "the dialog did not close", d -> !page.present("#reenrol-dialog"));
        assertThat(page.view()).isEqualTo("login");

        page.login(sitting.candidates().get(0).ticket(), sitting.candidates().get(0).idNumber());
        audit.check("rules");
        page.find("#rules-continue").click();
        browser.await(5, "no acknowledgement error", d -> page.find("#ack-error").isDisplayed());
        audit.check("rules-error");
        page.acknowledgeRules();
        page.awaitView("waiting", 10);
        browser.await(20, "the encrypted paper did not arrive",
                d -> "ready".equals(page.find("#paper-status").getAttribute("data-state")));
        audit.check("waiting");
        String waitingTitle = browser.driver.getTitle();

        String attemptId = page.attemptId();
        LoadedPaper paper = Await.result(node.node().services().papers().paper(attemptId));
        api.startSitting(node, sitting.sittingId());
        page.awaitExam();
        assertThat(browser.driver.getTitle()).as("the title names the view").isNotEqualTo(waitingTitle);
        for (ItemType type : List.of(ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE, ItemType.TRUE_FALSE,
                ItemType.FILL_IN, ItemType.SHORT_ANSWER)) {
            PaperItem item = first(paper, type);
            page.go(item.number());
            audit.check("exam-" + type);
        }
        PaperItem single = first(paper, ItemType.SINGLE_CHOICE);
        page.choose(single.number(), single.options().get(0).id());
        page.find("#mark").click();
        page.awaitAllSaved();
        audit.check("exam-answered-marked");
        if ("en".equals(lang)) {
            assertThat(page.find("#stem").getAttribute("lang")).as("Chinese stems are marked").isEqualTo("zh-CN");
        }

        new Actions(browser.driver).sendKeys(Keys.F1).perform();
        browser.await(5, "no help", d -> page.present("#help-dialog[open]"));
        audit.check("help");
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        browser.await(5, "the help did not close", d -> !page.present("#help-dialog"));

        String admin = api.adminToken(node);
        String seatPath = "/api/proctor/sittings/" + sitting.sittingId() + "/seats/" + seat + "/";
        assertThat(api.post(seatPath + "remind", admin, new JsonObject().put("message", "请将手机放到指定位置。"))
                .status()).isEqualTo(200);
        browser.await(10, "the reminder did not show", d -> page.present("dialog.reminder[open]"));
        audit.check("reminder");
        page.find("dialog.reminder button").click();
        browser.await(5, "the reminder did not close", d -> !page.present("dialog.reminder"));

        assertThat(api.post(seatPath + "extend", admin, new JsonObject().put("seconds", 600)
                .put("reason", "本考场曾停电，延长 10 分钟。")).status()).isEqualTo(200);
        browser.await(10, "no extension notice", d -> page.present("#extension-toast"));
        audit.check("extension-notice");

        assertThat(api.post(seatPath + "pause", admin, new JsonObject()).status()).isEqualTo(200);
        browser.await(10, "the pause overlay did not show", d -> page.present("#paused-dialog[open]"));
        audit.check("paused");
        assertThat(api.post(seatPath + "resume", admin, new JsonObject()).status()).isEqualTo(200);
        browser.await(10, "the pause overlay did not go", d -> !page.present("#paused-dialog"));
        browser.await(10, "not synchronised after the resume",
                d -> "online".equals(page.find("#conn-status").getAttribute("data-state")));
        assertThat(page.present("#extension-toast")).as("the extension notice stays until dismissed").isTrue();
        page.find("#extension-toast button").click();
        assertThat(page.present("#extension-toast")).isFalse();

        browser.driver.setNetworkConditions(new ChromiumNetworkConditions().setOffline(true));
        browser.await(10, "the offline banner did not show", d -> page.offlineBannerShown());
        PaperItem tf = first(paper, ItemType.TRUE_FALSE);
        page.go(tf.number());
        page.find("label[for='item-" + tf.number() + "-opt-true']").click();
        browser.await(5, "no unsaved state", d -> "unsaved".equals(page.globalSaveState()));
        audit.check("offline");
        browser.driver.deleteNetworkConditions();
        browser.await(15, "the page did not reconnect", d -> !page.offlineBannerShown());
        page.awaitAllSaved();

        page.openSubmitConfirmation();
        assertThat(page.find("#submit-dialog").getAttribute("aria-describedby")).isEqualTo("submit-summary");
        assertThat(page.find("#submit-dialog .jump").getAttribute("aria-label"))
                .matches("zh-CN".equals(lang) ? "第 \\d+ 题（未答.*）" : "Item \\d+ \\(Unanswered.*\\)");
        audit.check("submit-confirm");
        page.find("#submit-confirm").click();
        page.awaitView("receipt", 20);
        audit.check("receipt");

        audit.assertClean();
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @CsvSource({"zh-CN, 28", "en, 18"})
    @DisplayName("an operation task and an essay, with an uploaded file listed, have no axe-core violation")
    void operationPaperHasNoViolations(String lang, int fontSize) {
        DemoSitting.Info sitting = node.seed(DemoSitting.Options.operation(LEAD_SECONDS));
        api.startSitting(node, sitting.sittingId());
        CandidatePage page = new CandidatePage(browser, node.baseUrl());
        Audit audit = new Audit(browser, lang + "@" + fontSize);
        prefer(browser, page, lang, fontSize);
        page.enrol(sitting.seatCodes().get(3), sitting.pin());
        page.login(sitting.candidates().get(3).ticket(), sitting.candidates().get(3).idNumber());
        page.acknowledgeRules();
        page.awaitExam();
        LoadedPaper paper = Await.result(node.node().services().papers().paper(page.attemptId()));
        for (ItemType type : List.of(ItemType.OPERATION, ItemType.ESSAY)) {
            page.go(first(paper, type).number());
            audit.check("exam-" + type);
        }
        audit.assertClean();
    }

    @Test
    @DisplayName("a stray key outside the question area (交卷, header, answer sheet, nothing focused) changes no "
            + "saved answer; inside it the shortcut works, and switched off it does not, across a reload")
    void strayKeysChangeNoAnswer() {
        DemoSitting.Info sitting = node.seed(DemoSitting.Options.theory(LEAD_SECONDS));
        api.startSitting(node, sitting.sittingId());
        CandidatePage page = new CandidatePage(browser, node.baseUrl());
        page.open();
        page.enrol(sitting.seatCodes().get(5), sitting.pin());
        page.login(sitting.candidates().get(5).ticket(), sitting.candidates().get(5).idNumber());
        page.acknowledgeRules();
        page.awaitExam();
        String attemptId = page.attemptId();
        LoadedPaper paper = Await.result(node.node().services().papers().paper(attemptId));
        List<PaperItem> singles = items(paper, ItemType.SINGLE_CHOICE);
        PaperItem item = singles.get(0);
        PaperItem control = singles.get(1);
        String third = item.options().get(2).id();
        page.choose(item.number(), third);
        page.awaitAllSaved();
        assertThat(stored(attemptId, item.number())).isEqualTo(new Saved("\"" + third + "\"", 1));

        Actions keys = new Actions(browser.driver);
        for (String target : List.of("#submit", "#lang-switch", "#font-larger", "#help-button",
                ".nav-item[data-item='" + control.number() + "']", "#mark", "#next", "body")) {
            focus(browser, target);
            keys.sendKeys("1").sendKeys("a").sendKeys("b").sendKeys("m").sendKeys("?").perform();
            assertThat(page.present("dialog[open]")).as("? on %s opened nothing", target).isFalse();
        }
        assertThat(page.text("#item-heading")).contains(String.valueOf(item.number()));
        assertThat(page.find("#mark").getAttribute("aria-pressed")).as("M outside marked nothing").isEqualTo("false");
        assertThat(page.find("#item-" + item.number() + "-opt-" + third).isSelected()).isTrue();

        // Saves travel in order on one socket: once the control item's save is acknowledged, any save a
        // stray key had caused would have been stored before it.
        page.choose(control.number(), control.options().get(0).id());
        page.awaitAllSaved();
        assertThat(stored(attemptId, control.number()).rev()).isEqualTo(1);
        assertThat(stored(attemptId, item.number())).as("the stray keys changed the saved answer")
                .isEqualTo(new Saved("\"" + third + "\"", 1));

        // Inside the question area the shortcut is what it always was.
        page.go(item.number());
        assertThat(page.active().getAttribute("id")).isEqualTo("item-heading");
        keys.sendKeys("1").perform();
        String first = item.options().get(0).id();
        browser.await(5, "1 in the question did not choose", d -> page.find("#item-" + item.number() + "-opt-"
                + first).isSelected());
        page.awaitAllSaved();
        assertThat(stored(attemptId, item.number())).isEqualTo(new Saved("\"" + first + "\"", 2));

        // Switched off in the help, the choice survives a reload and keys in the question do nothing either.
        page.find("#help-button").click();
        browser.await(5, "no help", d -> page.present("#help-dialog[open]"));
        // By keyboard: Shift+Tab from Close reaches the switch, shown above the dialog's pinned buttons.
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(page.active().getAttribute("id")).isEqualTo("shortcuts-on");
        assertThat(browser.script("""
                const r = document.activeElement.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return hit === document.activeElement || hit === document.activeElement.closest('label');
                """)).as("the focused switch is not hidden behind the dialog's buttons").isEqualTo(true);
        keys.sendKeys(Keys.SPACE).perform();
        assertThat(browser.script("return localStorage.getItem('examcore.shortcuts')")).isEqualTo("off");
        keys.sendKeys(Keys.ESCAPE).perform();
        browser.driver.navigate().refresh();
        page.awaitExam();
        page.go(item.number());
        keys.sendKeys("2").sendKeys("m").perform();
        page.go(control.number());
        page.find("label[for='item-" + control.number() + "-opt-" + control.options().get(1).id() + "']").click();
        page.awaitAllSaved();
        assertThat(stored(attemptId, control.number()).rev()).isEqualTo(2);
        assertThat(stored(attemptId, item.number())).as("a switched-off shortcut changed the answer")
                .isEqualTo(new Saved("\"" + first + "\"", 2));
        assertThat(page.find(".nav-item[data-item='" + item.number() + "']").getAttribute("class"))
                .doesNotContain("is-marked");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"zh-CN", "en"})
    @DisplayName("zoomed to 200 % of 1366×768, at 320×256 and at the largest text size, the question and 交卷 can "
            + "be scrolled into view, nothing is cut off sideways, and axe finds nothing")
    void smallWindowsKeepTheExamReachable(String lang) {
        DemoSitting.Info sitting = node.seed(DemoSitting.Options.theory(LEAD_SECONDS));
        api.startSitting(node, sitting.sittingId());
        CandidatePage page = new CandidatePage(browser, node.baseUrl());
        prefer(browser, page, lang, 18);
        page.enrol(sitting.seatCodes().get(6), sitting.pin());
        page.login(sitting.candidates().get(6).ticket(), sitting.candidates().get(6).idNumber());
        page.acknowledgeRules();
        page.awaitExam();
        LoadedPaper paper = Await.result(node.node().services().papers().paper(page.attemptId()));
        PaperItem multiple = first(paper, ItemType.MULTIPLE_CHOICE);
        page.go(multiple.number());
        String lastOption = "label[for='item-" + multiple.number() + "-opt-"
                + multiple.options().get(multiple.options().size() - 1).id() + "']";

        Audit audit = new Audit(browser, "small windows " + lang);
        List<String> problems = new ArrayList<>();
        record Size(String name, int width, int height, int font) { }
        for (Size size : List.of(new Size("200pct", 683, 384, 18), new Size("320x256", 320, 256, 18),
                new Size("1366x768-28px", 1366, 768, LARGEST_FONT), new Size("320x256-28px", 320, 256, LARGEST_FONT))) {
            browser.script("localStorage.setItem('examcore.fontSize', arguments[0])", String.valueOf(size.font()));
            browser.viewport(size.width(), size.height());
            browser.driver.navigate().refresh();
            page.awaitExam();
            page.go(multiple.number());
            assertThat(browser.script("return [innerWidth, innerHeight]")).as("viewport")
                    .isEqualTo(List.of((long) size.width(), (long) size.height()));
            for (String css : List.of("#item-heading", "#stem", lastOption, "#next", "#submit", "#timer")) {
                String problem = reachable(browser, css);
                if (problem != null) {
                    problems.add(size.name() + ": " + problem);
                }
            }
            if (size.width() >= 1366) {
                // The header is one row on a 1366-pixel screen, in English too, and no button's words break
                // (标记待查 at the largest text size).
                if (Boolean.TRUE.equals(browser.script("const kids = [...document.getElementById('topbar')"
                        + ".children].filter(k => k.offsetParent);"
                        + " const bottom = Math.min(...kids.map(k => k.getBoundingClientRect().bottom));"
                        + " return kids.some(k => k.getBoundingClientRect().top >= bottom);"))) {
                    problems.add(size.name() + ": the header takes more than one row");
                }
                // One rectangle per line the button's own words take.
                Object lines = browser.script("const r = document.createRange();"
                        + " r.selectNodeContents(document.getElementById('mark').lastChild);"
                        + " return [...r.getClientRects()].filter(x => x.width > 0).length;");
                if (((Number) lines).intValue() > 1) {
                    problems.add(size.name() + ": the mark button's text takes " + lines + " lines");
                }
            }
            Object overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth");
            if (((Number) overflow).intValue() > 0) {
                problems.add(size.name() + ": the page is " + overflow + " px wider than the window");
            }
            browser.script("window.scrollTo(0, 0); document.getElementById('main').scrollTop = 0");
            audit.check(size.name());
            if (size.width() < 800) {
                assertThat(page.find("#nav-toggle").getAttribute("aria-expanded")).as("folded after a pick")
                        .isEqualTo("false");
                page.find("#nav-toggle").click();
                assertThat(page.find("#nav-toggle").getAttribute("aria-expanded")).isEqualTo("true");
                String problem = reachable(browser, ".nav-item[data-item='" + multiple.number() + "']");
                if (problem != null) {
                    problems.add(size.name() + ": " + problem);
                }
                browser.screenshot("a11y-" + lang + "-" + size.name() + "-sheet");
            }
            page.openSubmitConfirmation();
            String problem = reachable(browser, "#submit-confirm");
            if (problem != null) {
                problems.add(size.name() + ": " + problem);
            }
            audit.check(size.name() + "-submit");
            page.find("#submit-cancel").click();
        }
        assertThat(problems).as("cut off or unreachable").isEmpty();
        audit.assertClean();
    }

    /**
     * Scrolls the element into view as a keyboard or a scroll wheel would, and says what is wrong if it is then
     * not wholly inside the window or not the element found at its own centre (covered or clipped by an ancestor).
     */
    private static String reachable(ChromeBrowser browser, String css) {
        return (String) browser.script("""
                const el = document.querySelector(arguments[0]);
                if (!el) return arguments[0] + ' is missing';
                // Taller than the window (a long stem at 28 px): its top must come into view, the rest scrolls.
                const tall = el.getBoundingClientRect().height > innerHeight;
                el.scrollIntoView({ block: tall ? 'start' : 'nearest', inline: 'nearest' });
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0) return arguments[0] + ' has no size';
                if (r.top < -1 || r.left < -1 || (!tall && r.bottom > innerHeight + 1) || r.right > innerWidth + 1) {
                  return arguments[0] + ' is not wholly visible after scrolling: ' + JSON.stringify(r)
                    + ' in ' + innerWidth + 'x' + innerHeight;
                }
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height, innerHeight) / 2);
                if (!hit || !(el === hit || el.contains(hit) || hit.contains(el) && hit.tagName === 'LABEL')) {
                  return arguments[0] + ' is covered by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing');
                }
                return null;
                """, css);
    }

    private static void focus(ChromeBrowser browser, String css) {
        if ("body".equals(css)) {
            browser.script("document.activeElement && document.activeElement.blur()");
        } else {
            browser.script("document.querySelector(arguments[0]).focus()", css);
        }
    }

    private record Saved(String value, long rev) { }

    private static Saved stored(String attemptId, int item) {
        Answer answer = Await.result(node.node().services().attempts().get(attemptId)).answers().get(item);
        assertThat(answer).as("no stored answer for item %s", item).isNotNull();
        return new Saved(answer.value().replace(" ", ""), answer.rev());
    }

    private static List<PaperItem> items(LoadedPaper paper, ItemType type) {
        return paper.items().values().stream().filter(i -> i.type() == type)
                .sorted(Comparator.comparingInt(PaperItem::number)).toList();
    }

    private static PaperItem first(LoadedPaper paper, ItemType type) {
        List<PaperItem> items = items(paper, type);
        assertThat(items).as("the paper has a %s item", type).isNotEmpty();
        return items.get(0);
    }
}
