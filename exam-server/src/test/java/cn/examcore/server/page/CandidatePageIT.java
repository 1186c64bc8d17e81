package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.ItemType;
import cn.examcore.contract.SeatEvent;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.store.StoredUpload;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.paper.PaperService.LoadedPaper;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;

/**
 * The candidate page against a real node (TestNode: in-process exam server, temporary H2, demo sitting) in a
 * real browser: the whole attempt from enrolment to receipt, with an outage in the middle, checked against what
 * the server stored and scored; the language switch and text size; keyboard-only answering; operation tasks with
 * an uploaded deliverable. Each test has its own node and browser profile, so they share no state.
 */
@DisplayName("Candidate page in a real browser against a real node")
class CandidatePageIT {

    /** T0 far away: the tests release the sitting themselves with the admin start, when they are ready. */
    private static final int LEAD_SECONDS = 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<PaperItem> itemsOf(LoadedPaper paper, ItemType type) {
        return paper.items().values().stream().filter(i -> i.type() == type)
                .sorted(Comparator.comparingInt(PaperItem::number)).toList();
    }

    private static Map<Integer, Answer> storedAnswers(TestNode node, String attemptId) {
        return Await.result(node.node().services().attempts().get(attemptId)).answers();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static JsonObject resultOf(TestNode node, Api api, String ticket) {
        Api.Reply reply = api.get("/api/admin/sittings/" + node.sittingId() + "/results", api.adminToken(node));
        assertThat(reply.status()).as("results: %s", reply.text()).isEqualTo(200);
        JsonArray rows = reply.array();
        for (int i = 0; i < rows.size(); i++) {
            if (ticket.equals(rows.getJsonObject(i).getString("ticket"))) {
                return rows.getJsonObject(i);
            }
        }
        throw new AssertionError("no result row for ticket " + ticket + " in " + rows);
    }

    @Test
    @DisplayName("a candidate answers every theory item type, keeps answering through an outage, submits, and the "
            + "server holds and scores exactly what was entered")
    void theoryAttemptThroughAnOutage() {
        try (TestNode node = TestNode.builder().leadSeconds(LEAD_SECONDS).start();
             Api api = new Api(node.baseUrl());
             ChromeBrowser browser = ChromeBrowser.start()) {
            CandidatePage page = new CandidatePage(browser, node.baseUrl());
            DemoSitting.DemoCandidate candidate = node.candidate(0);
            String seat = node.seatCodes().get(0);

            page.open();
            assertThat(browser.driver.getCurrentUrl()).endsWith("/candidate/");
            browser.screenshot("01-enrol");

            // Staff mistype the PIN first: the page names the field and nothing is enrolled.
            page.enrolAttempt(seat, "000000");
            assertThat(page.awaitErrorSummary()).contains("登记码不正确");
            assertThat(page.find("#pin").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.script("return localStorage.getItem('examcore.terminal')")).isNull();
            browser.screenshot("02-enrol-error");

            page.enrol(seat, node.pin());
            assertThat(page.text(".seat-badge")).contains(seat);
            browser.screenshot("03-login");

            page.login(candidate.ticket(), candidate.idNumber());
            assertThat(page.text("main")).contains("取消当次该科目成绩", "当年不得参加评价", "5 年内不得参加评价");
            browser.screenshot("04-rules");
            assertThat(wordsSplitAcrossLines(browser)).isEmpty();

            page.acknowledgeRules();
            page.awaitView("waiting", 10);
            browser.await(20, "the encrypted paper did not arrive",
                    d -> "ready".equals(page.find("#paper-status").getAttribute("data-state")));
            assertThat(page.text("#paper-status")).contains("试卷已下载（已加密）");
            assertThat(page.text("#waiting-countdown")).matches("(\\d+:)?\\d{2}:\\d{2}");
            browser.screenshot("05-waiting");

            String attemptId = page.attemptId();
            LoadedPaper paper = Await.result(node.node().services().papers().paper(attemptId));
            api.startSitting(node);
            page.awaitExam();
            browser.await(5, "the exam clock did not show", d -> page.find("#timer").isDisplayed());
            // Read as soon as it shows: the key carries the deadline counted from the start, so the clock never
            // counts to the scheduled T0's end (an hour later here), not even before the start's state arrives.
            assertThat(page.text("#timer-value")).as("90 minutes, just started").matches("1:(30:00|2\\d:\\d{2})");
            browser.screenshot("06-exam");

            List<PaperItem> single = itemsOf(paper, ItemType.SINGLE_CHOICE);
            List<PaperItem> multiple = itemsOf(paper, ItemType.MULTIPLE_CHOICE);
            List<PaperItem> trueFalse = itemsOf(paper, ItemType.TRUE_FALSE);
            List<PaperItem> fillIn = itemsOf(paper, ItemType.FILL_IN);
            List<PaperItem> shortAnswer = itemsOf(paper, ItemType.SHORT_ANSWER);
            assertThat(List.of(single, multiple, trueFalse, fillIn, shortAnswer)).allSatisfy(l -> assertThat(l).isNotEmpty());

            Map<Integer, String> expected = new LinkedHashMap<>();
            BigDecimal expectedScore = BigDecimal.ZERO;

            // Online: a right and a wrong single choice, a complete multiple choice, a right true/false.
            PaperItem right = single.get(0);
            String rightOption = right.correctOptions().iterator().next();
            page.choose(right.number(), rightOption);
            expected.put(right.number(), "\"" + rightOption + "\"");
            expectedScore = expectedScore.add(right.score());

            PaperItem wrong = single.get(1);
            String wrongOption = wrong.options().stream().map(o -> o.id())
                    .filter(id -> !wrong.correctOptions().contains(id)).findFirst().orElseThrow();
            page.choose(wrong.number(), wrongOption);
            expected.put(wrong.number(), "\"" + wrongOption + "\"");
            page.find("#mark").click();

            PaperItem mc = multiple.get(0);
            page.tick(mc.number(), mc.correctOptions());
            expected.put(mc.number(), JSON.valueToTree(mc.correctOptions().stream().sorted().toList()).toString());
            expectedScore = expectedScore.add(mc.score());

            PaperItem tf = trueFalse.get(0);
            page.go(tf.number());
            page.find("label[for='item-" + tf.number() + "-opt-" + tf.correctTrueFalse() + "']").click();
            expected.put(tf.number(), String.valueOf(tf.correctTrueFalse()));
            expectedScore = expectedScore.add(tf.score());

            page.awaitAllSaved();
            assertThat(storedAnswers(node, attemptId)).containsOnlyKeys(expected.keySet());

            // The connection goes: the banner shows, the journal keeps every save, the server gets none of them.
            browser.driver.setNetworkConditions(new ChromiumNetworkConditions().setOffline(true));
            browser.await(10, "the offline banner did not show", d -> page.offlineBannerShown());

            PaperItem tfWrong = trueFalse.get(1);
            page.go(tfWrong.number());
            page.find("label[for='item-" + tfWrong.number() + "-opt-" + !tfWrong.correctTrueFalse() + "']").click();
            expected.put(tfWrong.number(), String.valueOf(!tfWrong.correctTrueFalse()));

            PaperItem fill = fillIn.get(0);
            List<String> blanks = fill.blanks().stream().map(Blank::accepted).map(a -> a.get(0)).toList();
            page.fill(fill.number(), blanks);
            expected.put(fill.number(), JSON.valueToTree(blanks).toString());
            expectedScore = expectedScore.add(fill.score());

            Set<Integer> offlineItems = Set.of(tfWrong.number(), fill.number());
            browser.await(10, "the journal did not hold the offline saves",
                    d -> page.journalItems().equals(offlineItems));
            assertThat(page.globalSaveState()).isEqualTo("unsaved");
            assertThat(page.text("#save-status")).contains("未保存 2 项");
            assertThat(page.find(".nav-item[data-item='" + fill.number() + "']").getAttribute("class"))
                    .contains("is-pending");
            assertThat(page.journal().get(String.valueOf(fill.number())).get("value"))
                    .isEqualTo(JSON.valueToTree(blanks));
            assertThat(storedAnswers(node, attemptId)).doesNotContainKeys(offlineItems.toArray(Integer[]::new));
            browser.screenshot("07-offline");

            // Back online: hello carries the journal, welcome confirms it, the journal empties.
            browser.driver.deleteNetworkConditions();
            browser.await(20, "the offline banner did not go away", d -> !page.offlineBannerShown());
            page.awaitAllSaved();
            assertThat(storedAnswers(node, attemptId)).containsOnlyKeys(expected.keySet());

            // A second outage ends with the tab closed, as a crash would: the candidate logs in again in a new tab
            // and the journal, kept in localStorage under the attempt, brings the answer typed offline back.
            browser.driver.setNetworkConditions(new ChromiumNetworkConditions().setOffline(true));
            browser.await(10, "the offline banner did not show", d -> page.offlineBannerShown());
            PaperItem sa = shortAnswer.get(0);
            String essay = "培训需求分析分为组织分析、任务分析和人员分析三个层次。";
            page.write(sa.number(), essay);
            expected.put(sa.number(), JSON.createObjectNode().put("text", essay).toString());
            browser.await(10, "the journal did not hold the answer typed offline",
                    d -> page.journalItems().equals(Set.of(sa.number())));
            String crashed = browser.driver.getWindowHandle();
            String fresh = browser.driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
            browser.driver.switchTo().window(crashed).close();
            browser.driver.switchTo().window(fresh);
            browser.driver.deleteNetworkConditions();
            assertThat(storedAnswers(node, attemptId)).doesNotContainKey(sa.number());

            page.open();
            page.login(candidate.ticket(), candidate.idNumber());
            page.acknowledgeRules();
            page.awaitExam();
            assertThat(page.attemptId()).isEqualTo(attemptId);
            page.awaitAllSaved();
            assertThat(storedAnswers(node, attemptId)).containsOnlyKeys(expected.keySet());
            page.go(sa.number());
            assertThat(page.find("#item-" + sa.number() + "-text").getAttribute("value")).isEqualTo(essay);
            assertThat(page.find(".nav-item[data-item='" + wrong.number() + "']").getAttribute("class"))
                    .as("marks for review survive on the terminal").contains("is-marked");

            page.openSubmitConfirmation();
            int total = paper.items().size();
            assertThat(page.text("#submit-summary")).isEqualTo("共 %d 题：已答 %d 题，未答 %d 题，标记待查 1 题。"
                    .formatted(total, expected.size(), total - expected.size()));
            browser.screenshot("08-submit-confirm");
            page.find("#submit-confirm").click();

            page.awaitView("receipt", 20);
            assertThat(page.text("#receipt-code")).isNotBlank().isNotEqualTo("—");
            assertThat(page.find("#receipt-digest-check").getAttribute("class")).contains("ok");
            assertThat(page.text("#receipt-answered")).isEqualTo(expected.size() + " / " + total);
            assertThat(page.text("#receipt-attempt")).isEqualTo(attemptId);
            assertThat(browser.script("return localStorage.getItem('examcore.journal.' + arguments[0])", attemptId))
                    .isNull();
            browser.screenshot("09-receipt");

            Attempt attempt = Await.result(node.node().services().attempts().get(attemptId));
            assertThat(attempt.stateAt(node.node().services().clock().getAsLong())).isEqualTo(AttemptState.SUBMITTED);
            assertThat(attempt.answers()).containsOnlyKeys(expected.keySet());
            expected.forEach((item, json) -> assertThat(tree(attempt.answers().get(item).value()))
                    .as("stored value of item %d", item).isEqualTo(tree(json)));

            JsonObject result = resultOf(node, api, candidate.ticket());
            assertThat(new BigDecimal(String.valueOf(result.getValue("objectiveScore"))))
                    .isEqualByComparingTo(expectedScore);
            assertThat(result.getBoolean("pendingMarking")).isTrue();

            List<String> kinds = Await.result(node.node().services().events().forAttempt(attemptId)).stream()
                    .filter(e -> e.source() == SeatEvent.Source.BROWSER).map(e -> e.kind().name()).toList();
            assertThat(kinds).contains("OFFLINE", "ONLINE");

            // A proctor reopens the attempt (重新开放) while the candidate is still at the terminal: the exam comes
            // back without a new login, with every stored answer.
            Api.Reply reopened = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/" + seat + "/reopen",
                    api.adminToken(node), new JsonObject().put("reason", "误点交卷，监考确认"));
            assertThat(reopened.status()).as(reopened.text()).isEqualTo(200);
            page.awaitExam();
            browser.await(10, "the stored answers did not come back", d -> browser.driver.findElements(
                    org.openqa.selenium.By.cssSelector(".nav-item.is-answered")).size() == expected.size());
        }
    }

    /** The reminder ids the server recorded as acknowledged for the attempt, read through the proctor API. */
    /**
     * The Latin words and numbers of the candidate's facts (ticket, seat, level…) that the layout splits over two
     * lines: a word in one line box has one client rectangle, a split one has two.
     */
    @SuppressWarnings("unchecked")
    private static List<String> wordsSplitAcrossLines(ChromeBrowser browser) {
        return (List<String>) browser.script("""
                const split = [];
                for (const dd of document.querySelectorAll('.candidate-facts dd')) {
                  const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
                  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (const m of node.data.matchAll(/[A-Za-z0-9()-]+/g)) {
                      const range = document.createRange();
                      range.setStart(node, m.index);
                      range.setEnd(node, m.index + m[0].length);
                      if (range.getClientRects().length > 1) split.push(m[0]);
                    }
                  }
                }
                return split;""");
    }

    private static List<String> acknowledgedReminders(TestNode node, Api api, String admin, String attemptId) {
        Api.Reply reply = api.get("/api/proctor/sittings/" + node.sittingId() + "/events?attemptId=" + attemptId,
                admin);
        assertThat(reply.status()).as("events: %s", reply.text()).isEqualTo(200);
        return reply.array().stream().map(JsonObject.class::cast)
                .filter(e -> "REMINDER_ACKNOWLEDGED".equals(e.getString("kind")))
                .map(e -> e.getJsonObject("detail").getString("reminderId")).toList();
    }

    @Test
    @DisplayName("the page starts in Chinese, switches to English and back, and keeps language and text size "
            + "across a reload")
    void languageAndTextSize() {
        try (TestNode node = TestNode.builder().leadSeconds(LEAD_SECONDS).start();
             ChromeBrowser browser = ChromeBrowser.start()) {
            CandidatePage page = new CandidatePage(browser, node.baseUrl());
            page.open();
            page.awaitView("enrol", 10);
            assertThat(browser.script("return document.documentElement.lang")).isEqualTo("zh-CN");
            assertThat(page.text("h1")).isEqualTo("考位登记");

            page.find("#lang-switch").click();
            browser.await(5, "the page did not switch to English",
                    d -> "en".equals(browser.script("return document.documentElement.lang")));
            assertThat(page.text("h1")).isEqualTo("Terminal enrolment");
            assertThat(page.text("#lang-switch")).isEqualTo("中文");
            assertThat(browser.driver.getTitle()).isEqualTo("Terminal enrolment — Vocational Skill Evaluation");

            // Bad input is explained in the page language, next to the field it concerns.
            page.find("button[type=submit]").click();
            assertThat(page.awaitErrorSummary()).contains("Please enter the seat code.", "Please enter the enrolment PIN.");
            assertThat(page.text("#seat-code-error")).isEqualTo("Please enter the seat code.");
            page.type("#seat-code", "R101/07");
            page.type("#pin", "1");
            page.find("button[type=submit]").click();
            browser.await(5, "the seat code format was not refused",
                    d -> page.text("#seat-code-error").contains("letters, digits and hyphens"));
            assertThat(browser.script("return localStorage.getItem('examcore.terminal')")).isNull();

            page.find("#font-larger").click();
            page.find("#font-larger").click();
            assertThat(browser.script("return getComputedStyle(document.documentElement).fontSize")).isEqualTo("22px");

            browser.driver.navigate().refresh();
            page.awaitView("enrol", 10);
            assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
            assertThat(page.text("h1")).isEqualTo("Terminal enrolment");
            assertThat(browser.script("return getComputedStyle(document.documentElement).fontSize")).isEqualTo("22px");

            page.enrol(node.seatCodes().get(1), node.pin());
            page.login(node.candidate(1).ticket(), node.candidate(1).idNumber());
            assertThat(page.text("main")).contains("The score of this subject in this sitting is cancelled",
                    "I have read and understood these rules");
            assertThat(page.text("main")).doesNotContain("取消当次");
            // The version shown is the sitting's, and the one the acknowledgement records.
            assertThat(page.text("#rules-version")).contains("2025-1");
            browser.screenshot("10-rules-english");
            // At large text in English the facts' narrow columns must not split a ticket number or a word.
            assertThat(wordsSplitAcrossLines(browser)).isEmpty();
            page.find("#font-larger").click();
            page.find("#font-larger").click();
            assertThat(browser.script("return getComputedStyle(document.documentElement).fontSize")).isEqualTo("28px");
            assertThat(wordsSplitAcrossLines(browser)).isEmpty();
            browser.screenshot("10b-rules-english-largest");
            page.find("#font-smaller").click();
            page.find("#font-smaller").click();

            page.find("#font-smaller").click();
            page.find("#font-smaller").click();
            page.find("#lang-switch").click();
            browser.await(5, "the page did not switch back to Chinese",
                    d -> "zh-CN".equals(browser.script("return document.documentElement.lang")));
            assertThat(page.text("h1")).isEqualTo("参评人员须知");
            assertThat(browser.script("return localStorage.getItem('examcore.lang')")).isEqualTo("zh-CN");
            assertThat(browser.script("return getComputedStyle(document.documentElement).fontSize")).isEqualTo("18px");
        }
    }

    @Test
    @DisplayName("a candidate logs in, finds, answers and marks items with the keyboard alone, with visible focus")
    void keyboardOnly() {
        try (TestNode node = TestNode.builder().leadSeconds(LEAD_SECONDS).start();
             Api api = new Api(node.baseUrl());
             ChromeBrowser browser = ChromeBrowser.start()) {
            api.startSitting(node);
            CandidatePage page = new CandidatePage(browser, node.baseUrl());
            Actions keys = new Actions(browser.driver);
            page.open();
            page.awaitView("enrol", 10);
            keys.sendKeys(node.seatCodes().get(2)).sendKeys(Keys.TAB).sendKeys(node.pin()).sendKeys(Keys.ENTER).perform();
            page.awaitView("login", 10);
            keys.sendKeys(node.candidate(2).ticket()).sendKeys(Keys.TAB).sendKeys(node.candidate(2).idNumber())
                    .sendKeys(Keys.ENTER).perform();
            page.awaitView("rules", 10);
            keys.sendKeys(Keys.TAB).sendKeys(Keys.SPACE).sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
            page.awaitExam();
            String attemptId = page.attemptId();
            LoadedPaper paper = Await.result(node.node().services().papers().paper(attemptId));
            PaperItem second = paper.items().get(2);
            assertThat(second.type()).as("the demo paper opens with single choice").isEqualTo(ItemType.SINGLE_CHOICE);
            assertThat(page.active().getAttribute("id")).isEqualTo("item-heading");

            keys.sendKeys(Keys.ARROW_RIGHT).perform();
            browser.await(5, "→ did not move to item 2", d -> page.text("#item-heading").equals("第 2 题"));
            keys.sendKeys("2").perform();
            String secondOption = second.options().get(1).id();
            browser.await(5, "key 2 did not choose the second option",
                    d -> page.find("#item-2-opt-" + secondOption).isSelected());
            assertThat(page.active().getAttribute("id")).isEqualTo("item-2-opt-" + secondOption);
            assertThat(browser.script("return getComputedStyle(document.activeElement.closest('label')).outlineStyle"))
                    .as("the focused option shows a focus ring").isEqualTo("solid");
            page.awaitAllSaved();
            assertThat(tree(storedAnswers(node, attemptId).get(2).value())).isEqualTo(tree("\"" + secondOption + "\""));

            keys.sendKeys("m").perform();
            assertThat(page.find(".nav-item[data-item='2']").getAttribute("class")).contains("is-marked");
            assertThat(page.find("#mark").getAttribute("aria-pressed")).isEqualTo("true");

            // The arrow keys of a radio group move the choice on, as in any form.
            keys.sendKeys(Keys.ARROW_DOWN).perform();
            String thirdOption = second.options().get(2).id();
            browser.await(5, "↓ did not move the choice", d -> page.find("#item-2-opt-" + thirdOption).isSelected());
            page.awaitAllSaved();
            Answer stored = storedAnswers(node, attemptId).get(2);
            assertThat(tree(stored.value())).isEqualTo(tree("\"" + thirdOption + "\""));
            assertThat(stored.rev()).isEqualTo(2);
            browser.screenshot("11-keyboard");

            keys.sendKeys(Keys.F1).perform();
            browser.await(5, "F1 did not open the shortcut help", d -> page.present("#help-dialog[open]"));
            assertThat(page.text("#help-dialog")).contains("标记 / 取消标记待查");
            browser.screenshot("12-help");
            keys.sendKeys(Keys.ESCAPE).perform();
            browser.await(5, "Esc did not close the help", d -> !page.present("#help-dialog"));

            // Back on the radio button, ← chooses the option before it, as in any form; the item stays.
            assertThat(page.active().getAttribute("id")).isEqualTo("item-2-opt-" + thirdOption);
            keys.sendKeys(Keys.ARROW_LEFT).perform();
            browser.await(5, "← on a radio did not choose the option before",
                    d -> page.find("#item-2-opt-" + secondOption).isSelected());
            assertThat(page.text("#item-heading")).isEqualTo("第 2 题");
            page.awaitAllSaved();
            assertThat(tree(storedAnswers(node, attemptId).get(2).value())).isEqualTo(tree("\"" + secondOption + "\""));

            // Off the radio (Shift+Tab reaches the answer sheet), ← moves to the item before.
            keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            assertThat(page.active().getAttribute("class")).contains("nav-item");
            keys.sendKeys(Keys.ARROW_LEFT).perform();
            browser.await(5, "← did not move back to item 1", d -> page.text("#item-heading").equals("第 1 题"));

            // From the item heading, Tab enters the options and Space chooses the focused one.
            String firstOption = paper.items().get(1).options().get(0).id();
            keys.sendKeys(Keys.TAB).perform();
            assertThat(page.active().getAttribute("id")).isEqualTo("item-1-opt-" + firstOption);
            keys.sendKeys(Keys.SPACE).perform();
            browser.await(5, "Space did not choose the focused option",
                    d -> page.find("#item-1-opt-" + firstOption).isSelected());
            page.awaitAllSaved();
            assertThat(tree(storedAnswers(node, attemptId).get(1).value())).isEqualTo(tree("\"" + firstOption + "\""));
        }
    }

    @Test
    @DisplayName("the page follows the proctor: a reminder stays through a reload until acknowledged and the "
            + "acknowledgement reaches the server; pause overlay, resume, an extension with its note, and the "
            + "five-minute warning")
    void proctorActions() {
        try (TestNode node = TestNode.builder().leadSeconds(LEAD_SECONDS).durationMinutes(5).start();
             Api api = new Api(node.baseUrl());
             ChromeBrowser browser = ChromeBrowser.start()) {
            api.startSitting(node);
            String seat = node.seatCodes().get(4);
            CandidatePage page = new CandidatePage(browser, node.baseUrl());
            page.open();
            page.enrol(seat, node.pin());
            page.login(node.candidate(4).ticket(), node.candidate(4).idNumber());
            page.acknowledgeRules();
            page.awaitExam();
            browser.await(5, "no five-minute warning", d -> page.text("#toasts").contains("距考试结束还有 5 分钟"));
            assertThat(page.find("#timer").getAttribute("data-level")).isEqualTo("danger");
            // A toast never lies over the question or its answers: it takes its own room above the paper.
            assertThat(browser.script("const a = document.querySelector('#toasts .toast').getBoundingClientRect();"
                    + " const b = document.getElementById('item-scroll').getBoundingClientRect();"
                    + " return a.bottom <= b.top || a.top >= b.bottom || a.right <= b.left || a.left >= b.right;"))
                    .as("the five-minute warning covers the question").isEqualTo(true);
            // The candidate is on item 3 when the page is reloaded below: it must come back there, not to item 1.
            page.go(3);

            String admin = api.adminToken(node);
            String seatPath = "/api/proctor/sittings/" + node.sittingId() + "/seats/" + seat + "/";
            String attemptId = page.attemptId();
            Api.Reply reminded = api.post(seatPath + "remind", admin,
                    new JsonObject().put("message", "请将手机放到指定位置。"));
            assertThat(reminded.status()).as(reminded.text()).isEqualTo(200);
            String reminderId = reminded.json().getString("eventId");
            assertThat(reminderId).isNotBlank();
            browser.await(10, "the reminder did not show", d -> page.present("dialog.reminder[open]"));
            assertThat(page.text("dialog.reminder")).contains("监考员提醒", "请将手机放到指定位置。");
            browser.screenshot("14-reminder");
            new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
            assertThat(page.present("dialog.reminder[open]")).as("Esc does not dismiss a reminder").isTrue();

            // A reload does not make a reminder go away unacknowledged.
            browser.driver.navigate().refresh();
            page.awaitExam();
            browser.await(10, "the reminder did not come back after the reload",
                    d -> page.present("dialog.reminder[open]"));
            assertThat(page.text("#item-heading")).as("the item shown after a reload").matches("\\D*3\\D*");
            assertThat(page.text("dialog.reminder")).contains("请将手机放到指定位置。");
            assertThat(acknowledgedReminders(node, api, admin, attemptId)).as("nothing acknowledged yet").isEmpty();
            page.find("dialog.reminder button").click();
            browser.await(5, "the reminder did not close", d -> !page.present("dialog.reminder"));
            browser.await(10, "the acknowledgement did not reach the server",
                    d -> acknowledgedReminders(node, api, admin, attemptId).contains(reminderId));
            assertThat(browser.script("return localStorage.getItem('examcore.reminders.' + arguments[0])", attemptId))
                    .as("an acknowledged reminder is not shown again").isNull();

            long pausedAt = System.currentTimeMillis();
            assertThat(api.post(seatPath + "pause", admin, new JsonObject().put("reason", "考场停电，请稍候"))
                    .status()).isEqualTo(200);
            browser.await(10, "the pause overlay did not show", d -> page.present("#paused-dialog[open]"));
            assertThat(page.text("#paused-dialog")).contains("考试已暂停", "原因：考场停电，请稍候");
            assertThat(browser.script("return document.querySelector('.exam').inert")).isEqualTo(true);
            browser.screenshot("15-paused");
            // A plain resume gives back the time paused (here more than the page's 1-s threshold for news): never
            // announced as an extension.
            browser.await(5, "time stood still", d -> System.currentTimeMillis() - pausedAt > 2000);
            assertThat(api.post(seatPath + "resume", admin, new JsonObject()).status()).isEqualTo(200);
            browser.await(10, "the pause overlay did not go after the first resume",
                    d -> !page.present("#paused-dialog"));
            assertThat(page.text("#notices") + page.text("#toasts")).doesNotContain("考试时间已延长");

            assertThat(api.post(seatPath + "pause", admin, new JsonObject()).status()).isEqualTo(200);
            browser.await(10, "the second pause overlay did not show", d -> page.present("#paused-dialog[open]"));

            // A reload during the pause: the page must sync again by itself once the attempt resumes.
            browser.driver.navigate().refresh();
            browser.await(15, "the page did not come back", d -> Boolean.TRUE.equals(
                    browser.script("return !!window.examcoreCandidate && window.examcoreCandidate.examState === 'PAUSED'")));

            assertThat(api.post(seatPath + "resume", admin, new JsonObject()).status()).isEqualTo(200);
            page.awaitExam();
            browser.await(10, "the pause overlay did not go", d -> !page.present("#paused-dialog"));
            browser.await(10, "the page did not sync after the resume",
                    d -> "online".equals(page.find("#conn-status").getAttribute("data-state")));
            assertThat(browser.script("return document.querySelector('.exam').inert")).isEqualTo(false);

            Api.Reply extended = api.post(seatPath + "extend", admin, new JsonObject().put("seconds", 600)
                    .put("reason", "本考场曾停电，延长 10 分钟。"));
            assertThat(extended.status()).as(extended.text()).isEqualTo(200);
            browser.await(10, "the extension did not reach the clock",
                    d -> page.text("#timer-value").matches("1[45]:\\d{2}"));
            assertThat(page.find("#timer").getAttribute("data-level")).isEqualTo("warn");
            browser.await(5, "the extension notice did not show", d -> page.text("#notices").contains("考试时间已延长"));
            String newEnd = java.time.Instant.ofEpochMilli(extended.json().getLong("deadline"))
                    .atZone(java.time.ZoneId.of("Asia/Shanghai")).format(java.time.format.DateTimeFormatter
                            .ofPattern("HH:mm:ss"));
            assertThat(page.text("#notices")).contains("新的结束时间 " + newEnd, "监考员说明：本考场曾停电，延长 10 分钟。");
            browser.screenshot("16-extended");
        }
    }

    @Test
    @DisplayName("an operation task takes an uploaded deliverable of an accepted type and notes, an essay takes "
            + "text, and both reach the server")
    void operationPaper(@TempDir Path dir) throws Exception {
        try (TestNode node = TestNode.builder().demo(DemoSitting.Options.operation(LEAD_SECONDS)).start();
             Api api = new Api(node.baseUrl());
             ChromeBrowser browser = ChromeBrowser.start()) {
            api.startSitting(node);
            CandidatePage page = new CandidatePage(browser, node.baseUrl());
            page.open();
            page.enrol(node.seatCodes().get(3), node.pin());
            page.login(node.candidate(3).ticket(), node.candidate(3).idNumber());
            page.acknowledgeRules();
            page.awaitExam();
            String attemptId = page.attemptId();
            LoadedPaper paper = Await.result(node.node().services().papers().paper(attemptId));
            PaperItem task = itemsOf(paper, ItemType.OPERATION).get(0);
            PaperItem essay = itemsOf(paper, ItemType.ESSAY).get(0);
            String accepted = task.operation().deliverableTypes().get(0);

            page.go(task.number());
            assertThat(page.text("#item-" + task.number() + "-types")).contains("." + accepted);
            WebElement picker = page.find("#item-" + task.number() + "-file");

            Path wrongType = Files.writeString(dir.resolve("notes.exe"), "not a deliverable");
            picker.sendKeys(wrongType.toString());
            browser.await(5, "a wrong file type was not refused", d -> page.text("#item-" + task.number()
                    + "-upload-status").contains("notes.exe"));
            assertThat(page.text("#item-" + task.number() + "-upload-status")).contains("." + accepted);

            byte[] content = "方案正文".getBytes(StandardCharsets.UTF_8);
            Path deliverable = Files.write(dir.resolve("plan." + accepted), content);
            picker.sendKeys(deliverable.toString());
            browser.await(15, "the deliverable was not uploaded",
                    d -> page.text(".file-list").contains("plan." + accepted));
            String notes = "见附件：岗位说明书。";
            page.type("#item-" + task.number() + "-notes", notes);
            browser.screenshot("13-operation");

            page.write(essay.number(), "案例分析：该企业应先做工作分析。");
            assertThat(page.text("#item-" + essay.number() + "-text-count")).isEqualTo("已输入 16 字");
            page.awaitAllSaved();

            Map<Integer, Answer> stored = storedAnswers(node, attemptId);
            JsonNode taskValue = tree(stored.get(task.number()).value());
            assertThat(taskValue.get("text").asText()).isEqualTo(notes);
            assertThat(taskValue.get("files")).hasSize(1);
            String fileId = taskValue.get("files").get(0).asText();
            Optional<StoredUpload> upload = Await.result(node.node().stores().uploads().upload(fileId));
            assertThat(upload).get().satisfies(u -> {
                assertThat(u.attemptId()).isEqualTo(attemptId);
                assertThat(u.name()).isEqualTo("plan." + accepted);
                assertThat(u.content()).isEqualTo(content);
            });
            assertThat(tree(stored.get(essay.number()).value()))
                    .isEqualTo(tree("{\"text\":\"案例分析：该企业应先做工作分析。\"}"));

            page.openSubmitConfirmation();
            page.find("#submit-confirm").click();
            page.awaitView("receipt", 20);
            JsonObject result = resultOf(node, api, node.candidate(3).ticket());
            assertThat(result.getBoolean("pendingMarking")).isTrue();
            assertThat(new BigDecimal(String.valueOf(result.getValue("objectiveScore"))))
                    .isEqualByComparingTo(BigDecimal.ZERO);
        }
    }

    /** A small bar chart: something a person looking at the screenshot recognises at once. */
    private static byte[] chartPng() throws java.io.IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(CHART_WIDTH, CHART_HEIGHT,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
        g.setColor(new java.awt.Color(0x1d4ed8));
        int[] bars = {60, 110, 85, 140};
        for (int i = 0; i < bars.length; i++) {
            g.fillRect(30 + i * 70, CHART_HEIGHT - 10 - bars[i], 45, bars[i]);
        }
        g.setColor(java.awt.Color.DARK_GRAY);
        g.drawLine(20, CHART_HEIGHT - 10, CHART_WIDTH - 10, CHART_HEIGHT - 10);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static final int CHART_WIDTH = 320;
    private static final int CHART_HEIGHT = 160;

    /** A bank of two single-choice items that show pictures: one in its stem, one in its options. */
    private static String imageBank() throws java.io.IOException {
        String chart = java.util.Base64.getEncoder().encodeToString(chartPng());
        String legend = java.util.Base64.getEncoder().encodeToString(CandidatePageScriptsIT.png(40, 20));
        JsonObject tags = new JsonObject().put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "THEORY");
        return new JsonObject().put("format", "examcore-bank/1").put("id", "img-1").put("title", "带图片的题库")
                .put("resources", new JsonArray()
                        .add(new JsonObject().put("name", "chart.png").put("mediaType", "image/png").put("base64", chart))
                        .add(new JsonObject().put("name", "legend.png").put("mediaType", "image/png")
                                .put("base64", legend)))
                .put("items", new JsonArray()
                        .add(new JsonObject().put("id", "IMG-1").put("type", "SINGLE_CHOICE")
                                .put("stem", "<p>下图是某企业四个季度的招聘人数。</p><p><img src=\"res:chart.png\" "
                                        + "alt=\"四个季度招聘人数柱状图\"></p><p>招聘人数最多的是第几季度？</p>")
                                .put("options", new JsonArray()
                                        .add(new JsonObject().put("id", "A").put("html", "第一季度"))
                                        .add(new JsonObject().put("id", "B").put("html", "第二季度"))
                                        .add(new JsonObject().put("id", "C").put("html", "第三季度"))
                                        .add(new JsonObject().put("id", "D").put("html", "第四季度")))
                                .put("key", new JsonArray().add("D")).put("score", 50).put("shuffleOptions", false)
                                .put("knowledgePoint", "HR4-01-01").put("difficulty", 2).put("tags", tags))
                        .add(new JsonObject().put("id", "IMG-2").put("type", "SINGLE_CHOICE")
                                .put("stem", "<p>哪一幅图与上一题的图相同？</p>")
                                .put("options", new JsonArray()
                                        .add(new JsonObject().put("id", "A")
                                                .put("html", "<img src=\"res:chart.png\" alt=\"柱状图\">"))
                                        .add(new JsonObject().put("id", "B")
                                                .put("html", "<img src=\"res:legend.png\" alt=\"图例\">")))
                                .put("key", new JsonArray().add("A")).put("score", 50).put("shuffleOptions", false)
                                .put("knowledgePoint", "HR4-01-01").put("difficulty", 2).put("tags", tags)))
                .encode();
    }

    @Test
    @DisplayName("pictures of a bank show in stems and options, fetched once per name with the candidate's token "
            + "and never requested as res: URLs, and are gone from the terminal after the candidate logs out")
    void itemImages() throws Exception {
        try (TestNode node = TestNode.builder().noDemo().start();
             Api api = new Api(node.baseUrl());
             ChromeBrowser browser = ChromeBrowser.start()) {
            String admin = api.adminToken(node);
            Api.Reply bank = api.postFile("/api/admin/banks", admin, "img-1.json",
                    imageBank().getBytes(StandardCharsets.UTF_8));
            assertThat(bank.status()).as(bank.text()).isEqualTo(201);
            String pin = "864213";
            Api.Reply created = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "带图片的试卷")
                    .put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "理论知识")
                    .put("t0", System.currentTimeMillis() + LEAD_SECONDS * 1000L).put("durationMinutes", 30)
                    .put("checkInMinutes", 240).put("enrolmentPin", pin));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String sittingId = created.json().getString("id");
            Api.Reply room = api.post("/api/admin/sittings/" + sittingId + "/rooms", admin,
                    new JsonObject().put("name", "R1").put("rows", 1).put("cols", 1));
            assertThat(room.status()).as(room.text()).isEqualTo(201);
            String idBody = "31010119900101123";
            String idNumber = idBody + DemoSitting.checkChar(idBody);
            Api.Reply roster = api.postFile("/api/admin/sittings/" + sittingId + "/roster", admin, "roster.csv",
                    ("准考证号,身份证号,姓名,考场,座位号,科目\nIMG-001," + idNumber + ",甲,R1,1,理论知识\n")
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(roster.status()).as(roster.text()).isEqualTo(200);
            JsonObject blueprint = new JsonObject().put("format", "examcore-blueprint/1").put("id", "img-1")
                    .put("title", "带图片的试卷").put("tags", new JsonObject().put("occupation", "企业人力资源管理师")
                            .put("level", 4).put("subject", "THEORY"))
                    .put("durationMinutes", 30).put("sections", new JsonArray().add(new JsonObject().put("id", "s1")
                            .put("title", "一、单项选择题").put("type", "SINGLE_CHOICE").put("count", 2)
                            .put("scorePerItem", 50).putNull("multipleRule").put("constraints", new JsonArray())));
            Api.Reply attached = api.put("/api/admin/sittings/" + sittingId + "/blueprint", admin,
                    new JsonObject().put("bankId", bank.json().getString("bankId")).put("blueprint", blueprint));
            assertThat(attached.status()).as(attached.text()).isEqualTo(200);
            Api.Reply assembled = api.post("/api/admin/sittings/" + sittingId + "/assemble", admin, null);
            assertThat(assembled.status()).as(assembled.text()).isEqualTo(200);
            Api.Reply started = api.post("/api/admin/sittings/" + sittingId + "/start", admin, new JsonObject());
            assertThat(started.status()).as(started.text()).isEqualTo(200);

            CandidatePage page = new CandidatePage(browser, node.baseUrl());
            page.open();
            page.enrol("R1-01", pin);
            page.login("IMG-001", idNumber);
            page.acknowledgeRules();
            page.awaitExam();
            String attemptId = page.attemptId();
            LoadedPaper paper = Await.result(node.node().services().papers().paper(attemptId));
            int stemItem = paper.items().values().stream().filter(i -> i.stem().contains("res:chart.png"))
                    .findFirst().orElseThrow().number();
            int optionItem = 3 - stemItem;

            page.go(stemItem);
            browser.await(10, "the stem's picture did not load",
                    d -> page.present("#stem img[data-res-state=loaded]"));
            WebElement chart = page.find("#stem img");
            String chartUrl = chart.getAttribute("src");
            assertThat(chartUrl).startsWith("blob:");
            assertThat(chart.getAttribute("alt")).isEqualTo("四个季度招聘人数柱状图");
            assertThat(browser.script("return arguments[0].naturalWidth", chart)).isEqualTo((long) CHART_WIDTH);
            assertThat(chart.isDisplayed()).isTrue();
            assertThat(page.present("#stem .res-placeholder")).as("the placeholder gives way").isFalse();
            browser.screenshot("17-image-stem");

            page.go(optionItem);
            browser.await(10, "the options' pictures did not load",
                    d -> browser.driver.findElements(org.openqa.selenium.By.cssSelector(
                            ".option-text img[data-res-state=loaded]")).size() == 2);
            assertThat(browser.script("return arguments[0].naturalWidth",
                    page.find("label[for='item-" + optionItem + "-opt-B'] img"))).isEqualTo(40L);
            browser.screenshot("18-image-options");
            page.find("label[for='item-" + optionItem + "-opt-A'] img").click();
            page.awaitAllSaved();
            assertThat(tree(storedAnswers(node, attemptId).get(optionItem).value())).isEqualTo(tree("\"A\""));

            List<String> requested = ((List<?>) browser.script(
                    "return performance.getEntriesByType('resource').map((e) => e.name)"))
                    .stream().map(String::valueOf).toList();
            assertThat(requested).as("no request for a res: URL").noneMatch(u -> u.startsWith("res:"));
            assertThat(requested.stream().filter(u -> u.endsWith("/api/candidate/resource/chart.png")))
                    .as("chart.png, shown twice, was fetched once").hasSize(1);
            assertThat(requested.stream().filter(u -> u.endsWith("/api/candidate/resource/legend.png"))).hasSize(1);
            String blobUrl = page.find("label[for='item-" + optionItem + "-opt-A'] img").getAttribute("src");
            assertThat(blobUrl).as("the same picture reuses its blob: URL").isEqualTo(chartUrl);

            page.openSubmitConfirmation();
            page.find("#submit-confirm").click();
            page.awaitView("receipt", 20);
            page.find("#receipt-done").click();
            page.awaitView("login", 10);
            Object fetched = browser.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0]).then(() => done('readable'), () => done('revoked'));
                    """, blobUrl);
            assertThat(fetched).as("the picture's blob: URL after logout").isEqualTo("revoked");
        }
    }
}
