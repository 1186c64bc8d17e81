package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.page.ChromeBrowser.AxeViolation;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin pages (考务管理) held to WCAG 2.1 AA in a real browser against one real node: axe-core's A/AA rule sets
 * in every view and state an administrator can reach, in both languages (the page has no text-size control of its
 * own); messages that follow a language switch; a focus ring that stands out from what it is drawn on; and tables
 * that reflow in a 320-px window instead of scrolling sideways.
 */
@DisplayName("Admin pages accessibility in a real browser against a real node")
class AdminAccessibilityIT {

    private static TestNode node;
    private static Api api;
    private static ChromeBrowser browser;
    /** Candidate 0's ban, left in force; candidate 1's, lifted through the API; candidate 2's, lifted on the page. */
    private static final List<String> DECISIONS = new ArrayList<>();

    @BeforeAll
    static void start() {
        node = TestNode.builder().leadSeconds(600).start();
        api = new Api(node.baseUrl());
        browser = ChromeBrowser.shared(node.baseUrl());
        // Decisions taken through the API, so the results and the ban registry have rows, one of them lifted.
        String admin = api.adminToken(node);
        api.startSitting(node);
        for (int i = 0; i < 3; i++) {
            String attemptId = api.loginDemo(node, i).getString("attemptId");
            Api.Reply decided = api.post("/api/proctor/sittings/" + node.sittingId() + "/decisions", admin,
                    new JsonObject().put("attemptId", attemptId).put("category", "B1").put("outcome", "CONFIRMED")
                            .put("evidence", new JsonArray()).put("reason", "phone used during the paper"));
            assertThat(decided.status()).as(decided.text()).isEqualTo(201);
            DECISIONS.add(decided.json().getString("decisionId"));
            Api.Reply stopped = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/"
                    + node.seatCodes().get(i) + "/force-submit", admin, new JsonObject().put("reason", "B1 confirmed"));
            assertThat(stopped.status()).as(stopped.text()).isEqualTo(200);
        }
        Api.Reply lifted = api.post("/api/admin/bans/" + DECISIONS.get(1) + "/lift", admin,
                new JsonObject().put("reason", "复核撤销原决定"));
        assertThat(lifted.status()).as(lifted.text()).isEqualTo(200);
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

    /** A fresh page in `lang` at 1366×768, logged out. */
    private static void open(String lang) {
        browser.viewport(1366, 768);
        browser.driver.get(node.baseUrl() + "/admin/");
        browser.script("sessionStorage.clear(); localStorage.setItem('examcore.admin.lang', arguments[0])", lang);
        browser.driver.navigate().refresh();
        browser.await(10, "the login form", d -> d.findElement(By.cssSelector("#view-login")).isDisplayed());
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo(lang);
    }

    private static void login(String user, String password) {
        find("#login-form [name=username]").clear();
        find("#login-form [name=username]").sendKeys(user);
        find("#login-form [name=password]").clear();
        find("#login-form [name=password]").sendKeys(password);
        find("#login-form button").click();
    }

    private static void loginAdmin() {
        login(node.adminUser(), node.adminPassword());
        browser.await(10, "the sittings list", d -> cells("#sittings-table").contains(node.demo().title()));
    }

    private static WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    private static boolean shown(String css) {
        return !browser.driver.findElements(By.cssSelector(css)).isEmpty() && find(css).isDisplayed();
    }

    @SuppressWarnings("unchecked")
    private static List<String> cells(String table) {
        return (List<String>) browser.script("return Array.from(document.querySelectorAll(arguments[0] + ' tbody td'), "
                + "td => td.innerText.trim())", table);
    }

    private static String status() {
        return find("#status").getText();
    }

    /** Waits for the action under way to finish: the status no longer says it is working. */
    private static String settled(String what) {
        return browser.await(10, what, d -> {
            String s = status();
            return s.equals("处理中…") || s.equals("Working…") ? null : s;
        });
    }

    private static String settledError(String what) {
        browser.await(10, what, d -> find("#status").getAttribute("class").contains("error"));
        return settled(what);
    }

    private static void nav(String view) {
        find("#nav [data-view=" + view + "]").click();
    }

    private static void upload(String form, Path file) {
        find(form + " [name=file]").sendKeys(file.toString());
        find(form + " button[type=submit]").click();
    }

    private static String resource(String name) {
        try (InputStream in = AdminAccessibilityIT.class.getResourceAsStream(name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe's findings per state, reported together so one run names every problem; a screenshot of each. */
    private static final class Audit {
        private final String run;
        private final Map<String, List<AxeViolation>> found = new LinkedHashMap<>();

        Audit(String run) {
            this.run = run;
        }

        /** Checks the page as it is, after bringing `css` into view for the screenshot. */
        void check(String state, String css) {
            browser.script("const el = document.querySelector(arguments[0]); if (el) el.scrollIntoView({block: 'start'});"
                    + "window.scrollBy(0, -8)", css);
            browser.screenshot("admin-a11y-" + run + "-" + state);
            List<AxeViolation> violations = browser.axe();
            found.put(state, violations);
            System.out.printf("axe admin %s %-24s %d violation(s) %s%n", run, state, violations.size(), violations);
        }

        void assertClean() {
            Map<String, List<AxeViolation>> failing = new LinkedHashMap<>();
            found.forEach((state, v) -> {
                if (!v.isEmpty()) {
                    failing.put(state, v);
                }
            });
            assertThat(found).as("states checked").hasSizeGreaterThan(20);
            assertThat(failing).as("axe-core WCAG 2.1 A/AA violations (%s) per state", run).isEmpty();
        }
    }

    @Test
    @DisplayName("every admin view, form, report and error state, in zh-CN and in English, has no axe-core WCAG 2.1 "
            + "A/AA violation")
    void everyViewAndStateHasNoViolations(@TempDir Path dir) throws IOException {
        Path brokenBank = dir.resolve("broken.json");
        Files.writeString(brokenBank, "{\"format\":\"examcore-bank/1\",\"id\":\"broken\",\"items\":[{\"id\":\"x\","
                + "\"type\":\"SINGLE_CHOICE\"}]}", StandardCharsets.UTF_8);
        Path badRoster = dir.resolve("bad-roster.csv");
        Files.writeString(badRoster, "准考证号,身份证号,姓名,考场,座位号,科目\nX-1,12345,丁,R101,1,理论知识\n",
                StandardCharsets.UTF_8);
        String blueprint = resource("/samples/hr-4-theory.blueprint.json");
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("zh-CN", "en")) {
            String tag = "zh-CN".equals(lang) ? "zh" : "en";
            Audit audit = new Audit(lang);
            open(lang);
            assertThat(shown("#nav")).as("no navigation before login").isFalse();
            audit.check("login", "body");
            login(node.adminUser(), "not-the-password");
            settledError("the refused login");
            audit.check("login-refused", "body");
            login(node.adminUser(), node.adminPassword());
            browser.await(10, "the sittings list", d -> cells("#sittings-table").contains(node.demo().title()));
            audit.check("sittings", "body");

            // A new sitting through the form: its detail with rooms, roster, blueprint, start, agent key and staff.
            String title = "无障碍检查场次 " + tag;
            find("#sitting-form [name=title]").sendKeys(title);
            find("#sitting-form [name=occupation]").sendKeys("企业人力资源管理师");
            browser.script("document.querySelector('#sitting-form [name=t0]').value = '2030-01-02T09:00'");
            find("#sitting-form button[type=submit]").click();
            browser.await(10, "the new sitting's detail", d -> shown("#sitting-detail")
                    && find("#detail-title").getText().startsWith(title));
            audit.check("sitting-created", "#sitting-detail");

            find("#room-form [name=name]").sendKeys("A" + tag);
            find("#room-form [name=rows]").clear();
            find("#room-form [name=rows]").sendKeys("2");
            find("#room-form [name=cols]").clear();
            find("#room-form [name=cols]").sendKeys("2");
            find("#room-form button").click();
            browser.await(10, "the room", d -> !browser.driver.findElements(By.cssSelector("#staff-rooms input"))
                    .isEmpty());
            audit.check("room-added", "#sitting-detail");

            upload("#roster-form", badRoster);
            browser.await(10, "the roster errors", d -> shown("#roster-errors"));
            settled("the roster refusal");
            audit.check("roster-errors", "#roster-form");
            Path roster = dir.resolve("roster-" + tag + ".csv");
            Files.writeString(roster, "准考证号,身份证号,姓名,考场,座位号,科目\nA11Y-" + tag + "-1,P:E1234567" + tag.length()
                    + ",林晓,A" + tag + ",1,理论知识\nA11Y-" + tag + "-2,P:E7654321" + tag.length() + ",Anna Smith,A"
                    + tag + ",2,理论知识\n", StandardCharsets.UTF_8);
            upload("#roster-form", roster);
            browser.await(10, "the roster import", d -> !shown("#roster-errors") && status().contains("2"));
            audit.check("roster-imported", "#roster-form");

            find("#blueprint-form [name=bankId]").sendKeys("hr-4");
            find("#blueprint-form [name=blueprint]").sendKeys("{");
            find("#blueprint-form button[type=submit]").click();
            settledError("the blueprint's JSON error");
            audit.check("blueprint-json-error", "#blueprint-form");
            find("#blueprint-form [name=bankId]").clear();
            find("#blueprint-form [name=bankId]").sendKeys("no-such-bank");
            browser.script("document.querySelector('#blueprint-form [name=blueprint]').value = arguments[0]", blueprint);
            find("#blueprint-form button[type=submit]").click();
            settledError("the refused blueprint");
            audit.check("blueprint-refused", "#blueprint-form");
            find("#start-sitting").click();
            settledError("the refused start");
            audit.check("start-refused", "#start-box");
            find("#blueprint-form [name=bankId]").clear();
            find("#blueprint-form [name=bankId]").sendKeys("hr-4");
            find("#blueprint-form button[type=submit]").click();
            settled("the saved blueprint");
            find("#assemble").click();
            browser.await(10, "the assembly", d -> !status().isEmpty() && !status().startsWith("处理中")
                    && !status().startsWith("Working") && !status().equals("已保存。") && !status().equals("Saved."));
            audit.check("assembled", "#blueprint-form");
            find("#agent-key").click();
            browser.await(10, "the agent key", d -> shown("#agent-key-box"));
            audit.check("agent-key", "#start-box");

            new Select(find("#staff-form [name=role]")).selectByValue("OBSERVER");
            assertThat(find("#staff-rooms input").isEnabled()).as("an observer is not scoped to rooms").isFalse();
            audit.check("staff-observer", "#staff-form");
            find("#staff-form [name=username]").sendKeys("observer-" + tag);
            find("#staff-form [name=password]").sendKeys("a-long-password");
            find("#staff-form button[type=submit]").click();
            browser.await(10, "the observer account", d -> status().contains("observer-" + tag));
            find("#staff-form [name=username]").sendKeys("proctor-" + tag);
            find("#staff-form [name=password]").sendKeys("a-long-password");
            find("#staff-rooms input").click();
            browser.script("document.querySelector('#staff-form [name=username]').focus()");
            audit.check("staff-proctor", "#staff-form");

            // Banks: the empty form, a refused bank with its errors, a foreign QTI item accepted with warnings.
            nav("banks");
            browser.await(10, "the bank form", d -> shown("#bank-form"));
            audit.check("banks", "body");
            upload("#bank-form", brokenBank);
            browser.await(10, "the validation report", d -> shown("#bank-issues"));
            settledError("the refused bank");
            audit.check("bank-errors", "body");
            Path foreign = dir.resolve("foreign-" + tag + ".xml");
            Files.writeString(foreign, """
                    <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="FOREIGN-1" title="t">
                      <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
                        <correctResponse><value>B</value></correctResponse>
                      </responseDeclaration>
                      <itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
                        <prompt>Which city is the capital of France?</prompt>
                        <simpleChoice identifier="A">Lyon</simpleChoice><simpleChoice identifier="B">Paris</simpleChoice>
                      </choiceInteraction></itemBody>
                      <responseProcessing
                          template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
                    </assessmentItem>""", StandardCharsets.UTF_8);
            find("#bank-form [name=occupation]").sendKeys("企业人力资源管理师");
            find("#bank-form [name=level]").sendKeys("4");
            new Select(find("#bank-form [name=subject]")).selectByValue("THEORY");
            find("#bank-form [name=difficulty]").sendKeys("3");
            upload("#bank-form", foreign);
            browser.await(10, "the accepted bank", d -> status().contains("foreign-" + tag));
            assertThat(cells("#bank-issues")).contains("defaulted-value");
            audit.check("bank-warnings", "body");

            // Results of the demo sitting, with the cancelled rows.
            nav("results");
            browser.await(10, "the sitting choice", d -> !browser.driver.findElements(By.cssSelector(
                    "#results-sitting option")).isEmpty());
            audit.check("results-empty", "body");
            new Select(find("#results-sitting")).selectByValue(node.sittingId());
            find("#results-form button[type=submit]").click();
            browser.await(10, "the cancelled rows", d -> browser.driver.findElements(By.cssSelector(
                    "#results-table tr.cancelled")).size() == 3);
            audit.check("results", "body");

            // The ban registry: bans in force and lifted, a lift refused for want of a reason.
            nav("bans");
            browser.await(10, "the bans", d -> cells("#bans-table").containsAll(DECISIONS));
            audit.check("bans", "body");
            find("#lift-form [name=decisionId]").sendKeys(DECISIONS.get(0));
            find("#lift-form button").click();
            settledError("the refused lift");
            audit.check("lift-refused", "#bans-table");

            // 320 px wide: the results table reflows into one card per candidate.
            nav("results");
            browser.await(10, "the results", d -> browser.driver.findElements(By.cssSelector("#results-table tr.cancelled"))
                    .size() == 3);
            browser.viewport(320, 640);
            String wide = sticksOut();
            if (wide != null) {
                problems.add(lang + ": the results view scrolls sideways at 320 px: " + wide);
            }
            audit.check("results-320", "#results-table");
            browser.viewport(1366, 768);

            // An observer account may log in but not administer: the refusal is a state of its own.
            find("#logout").click();
            browser.await(10, "the login form", d -> shown("#view-login"));
            login("observer-" + tag, "a-long-password");
            settledError("the observer's refusal");
            assertThat(cells("#sittings-table")).as("the administrator's sittings are gone").isEmpty();
            assertThat(shown("#sitting-detail")).as("the administrator's sitting, with its PIN, is gone").isFalse();
            assertThat(find("#detail-pin").getAttribute("textContent")).isEmpty();
            assertThat(find("#agent-key-value").getAttribute("value")).as("the agent key is gone").isEmpty();
            audit.check("observer-refused", "body");
            find("#logout").click();
            audit.assertClean();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("after a switch to English the status message and the ban registry's Lifted cell are in English, "
            + "and text in the other language is marked with its lang")
    void messagesFollowTheLanguageSwitch() {
        open("zh-CN");
        loginAdmin();
        nav("bans");
        String decision = DECISIONS.get(2);
        browser.await(10, "the bans", d -> cells("#bans-table").contains(decision));

        // A refusal: Chinese headline and the server's Chinese text; the field's name, English, marked as English.
        find("#lift-form [name=decisionId]").sendKeys(decision);
        find("#lift-form button").click();
        assertThat(settledError("the refused lift")).startsWith("请求有误：必须填写").doesNotContain("is required");
        assertThat(browser.script("return Array.from(document.querySelectorAll('#status [lang=en]'), s => s.textContent)"
                + ".join(' ')")).asString().contains("reason");
        find("#lang").click();
        assertThat(status()).startsWith("Bad request: ").contains("reason is required").contains("[field: reason]");
        assertThat(browser.driver.findElements(By.cssSelector("#status [lang]"))).as("all of it is English now").isEmpty();
        find("#lang").click();

        // A success message and the row it changed.
        find("#lift-form [name=reason]").sendKeys("复核撤销原决定");
        find("#lift-form button").click();
        browser.await(10, "the lift", d -> status().equals("决定 " + decision + " 的禁考已解除。"));
        String liftedZh = liftedCell(decision);
        assertThat(liftedZh).contains(node.adminUser() + " 于 ").endsWith("解除：复核撤销原决定");

        find("#lang").click();
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
        assertThat(status()).isEqualTo("The ban of decision " + decision + " was lifted.");
        assertThat(liftedCell(decision)).startsWith("lifted by " + node.adminUser() + " at ").endsWith(": 复核撤销原决定");
        assertThat(browser.script("""
                const row = Array.from(document.querySelectorAll('#bans-table tbody tr'))
                  .find((tr) => tr.cells[4].textContent === arguments[0]);
                return row.cells[5].querySelector('[lang="zh-CN"]').textContent""", decision))
                .as("the Chinese reason on the English page").isEqualTo("复核撤销原决定");
        assertThat(find("#nav").getAttribute("aria-label")).isEqualTo("Sections");
        browser.screenshot("admin-a11y-en-bans-lifted-after-switch");

        find("#lang").click();
        assertThat(status()).isEqualTo("决定 " + decision + " 的禁考已解除。");
        assertThat(liftedCell(decision)).isEqualTo(liftedZh);
        assertThat(find("#nav").getAttribute("aria-label")).isEqualTo("栏目");
    }

    private static String liftedCell(String decision) {
        return (String) browser.script("""
                const row = Array.from(document.querySelectorAll('#bans-table tbody tr'))
                  .find((tr) => tr.cells[4].textContent === arguments[0]);
                return row.cells[5].innerText.trim()""", decision);
    }

    @Test
    @DisplayName("at every tab stop of the sittings, results and ban views the focus ring is at least 2 px and 3:1 "
            + "against what it is drawn on")
    void theFocusRingContrasts() {
        open("zh-CN");
        loginAdmin();
        find("#sittings-table button[aria-label$='" + node.demo().title() + "']").click();
        browser.await(10, "the sitting's detail", d -> shown("#sitting-detail"));
        List<String> problems = new ArrayList<>();
        int stops = 0;
        for (String view : List.of("sittings", "results", "bans")) {
            nav(view);
            browser.await(10, view, d -> shown("#view-" + view));
            if ("results".equals(view)) {
                browser.await(10, "the sitting choice", d -> !browser.driver.findElements(By.cssSelector(
                        "#results-sitting option")).isEmpty());
            }
            browser.script("document.activeElement.blur(); window.scrollTo(0, 0)");
            Actions keys = new Actions(browser.driver);
            String first = null;
            for (int i = 0; i < 80; i++) {
                keys.sendKeys(Keys.TAB).perform();
                @SuppressWarnings("unchecked")
                Map<String, Object> ring = (Map<String, Object>) browser.script(RING);
                String where = view + " " + ring.get("element");
                if ("BODY[]".equals(ring.get("element"))) {
                    continue; // past the last stop, on the way round to the first
                }
                if (where.equals(first)) {
                    break;
                }
                if (first == null) {
                    first = where;
                }
                stops++;
                double contrast = ((Number) ring.get("contrast")).doubleValue();
                double width = ((Number) ring.get("width")).doubleValue();
                if (!Boolean.TRUE.equals(ring.get("visible")) || contrast < 3 || width < 2) {
                    problems.add(where + ": " + ring);
                }
            }
        }
        assertThat(stops).as("tab stops checked").isGreaterThan(30);
        assertThat(problems).as("focus rings under 3:1 or 2 px").isEmpty();
    }

    /**
     * The focused element's outline, and its contrast with the background it is drawn on: the outline sits outside
     * the element (offset 2 px), so that is the nearest ancestor's opaque background, not the element's own.
     */
    private static final String RING = """
            const el = document.activeElement;
            const cs = getComputedStyle(el);
            const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map((v) => v / 255)
              .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
              .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            let p = el.parentElement;
            while (p && (rgb(getComputedStyle(p).backgroundColor)[3] ?? 1) === 0) p = p.parentElement;
            const behind = p ? rgb(getComputedStyle(p).backgroundColor) : [255, 255, 255];
            const ring = rgb(cs.outlineColor);
            const [hi, lo] = [lum(ring), lum(behind)].sort((a, b) => b - a);
            if (el === document.body) return { element: 'BODY[]' };
            return { element: el.id ? '#' + el.id : el.tagName + '[' + (el.name || el.textContent.trim().slice(0, 20)) + ']',
              visible: cs.outlineStyle !== 'none',
              width: parseFloat(cs.outlineWidth), color: cs.outlineColor, behind: behind.join(','),
              contrast: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100 };
            """;

    @Test
    @DisplayName("at 320 px and at 200 % zoom of 1366×768 the results, ban, sittings and bank views need no sideways "
            + "scrolling: at 320 px rows are stacked with each value beside its column heading")
    void tablesReflowInNarrowWindows() {
        open("en");
        loginAdmin();
        find("#sittings-table button[aria-label$='" + node.demo().title() + "']").click();
        browser.await(10, "the sitting's detail", d -> shown("#sitting-detail"));
        nav("results");
        browser.await(10, "the sitting choice", d -> !browser.driver.findElements(By.cssSelector(
                "#results-sitting option")).isEmpty());
        new Select(find("#results-sitting")).selectByValue(node.sittingId());
        find("#results-form button[type=submit]").click();
        browser.await(10, "the results", d -> browser.driver.findElements(By.cssSelector("#results-table tr.cancelled"))
                .size() == 3);
        Map<String, String> overflow = new LinkedHashMap<>();
        for (int[] size : new int[][] {{320, 640}, {683, 384}}) {
            browser.viewport(size[0], size[1]);
            for (String view : List.of("results", "bans", "sittings", "banks")) {
                nav(view);
                browser.await(10, view, d -> shown("#view-" + view));
                if (!"banks".equals(view)) {
                    browser.await(10, view + " rows", d -> !browser.driver.findElements(By.cssSelector(
                            "#view-" + view + " tbody tr")).isEmpty());
                }
                overflow.put(size[0] + " px " + view, sticksOut());
                if ("sittings".equals(view)) {
                    assertThat(shown("#roster-errors")).as("an empty roster report stays hidden").isFalse();
                }
                if ("results".equals(view)) {
                    browser.script("document.querySelector('#results-table').scrollIntoView()");
                    browser.screenshot("admin-a11y-en-results-" + size[0] + "-table");
                }
            }
            if (size[0] == 320) {
                nav("results");
                // Each cell shows its heading beside the value; the headings stay in the table for screen readers.
                assertThat(browser.script("const td = document.querySelector('#results-table tbody td');"
                        + "return [getComputedStyle(td, '::before').content, td.dataset.label]"))
                        .isInstanceOfSatisfying(List.class, l -> {
                            assertThat(l.get(0)).isNotIn("none", "normal");
                            assertThat(l.get(1)).isEqualTo("Ticket");
                        });
            }
        }
        assertThat(overflow).as("sideways scrolling per window and view")
                .allSatisfy((view, wide) -> assertThat(wide).isNull());
    }

    /**
     * Null when the page needs no sideways scrolling (scrollWidth within clientWidth), else by how much and the
     * innermost elements that stick out on the right, so a failure says what to fix.
     */
    private static String sticksOut() {
        return (String) browser.script("""
                const root = document.documentElement;
                if (root.scrollWidth <= root.clientWidth) return null;
                const out = Array.from(document.querySelectorAll('body *')).filter((el) => {
                  const r = el.getBoundingClientRect();
                  return r.width > 0 && r.right > root.clientWidth + 0.5
                    && !Array.from(el.children).some((c) => c.getBoundingClientRect().right > root.clientWidth + 0.5);
                });
                const name = (el) => el.tagName + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : '');
                const wide = Array.from(document.querySelectorAll('body, body *'))
                  .filter((el) => el.scrollWidth > root.clientWidth + 0.5 && el.getBoundingClientRect().width > 0);
                return (root.scrollWidth - root.clientWidth) + ' px too wide (window ' + root.clientWidth + ' px): '
                  + out.slice(0, 5).map((el) => name(el) + ' right=' + el.getBoundingClientRect().right).join(', ')
                  + '; wider than the window: ' + wide.slice(-5).map((el) => name(el) + ' ' + el.scrollWidth).join(', ');
                """);
    }
}
