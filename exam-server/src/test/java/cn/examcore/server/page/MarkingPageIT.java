package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.OperationAnswers;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The marking page (阅卷) in headless Chromium against a real node: the chief marker opens marking, two markers
 * score every script of a candidate from the keyboard alone (one of them in English), disagreeing on the essay;
 * the chief marker arbitrates it on the page, and the candidate's result is complete.
 */
@DisplayName("Marking page in a browser")
class MarkingPageIT {

    private static String status(ChromeBrowser b) {
        return b.driver.findElement(By.cssSelector("#status")).getText();
    }

    private static void keys(ChromeBrowser b, CharSequence... keys) {
        new Actions(b.driver).sendKeys(keys).perform();
    }

    private static String focused(ChromeBrowser b) {
        return (String) b.script("const e = document.activeElement; return e.id || e.name || e.tagName;");
    }

    /** Signs in from the keyboard: the user-name field has focus, Tab to the password, Enter. */
    private static void signIn(ChromeBrowser b, String user) {
        b.await(10, "the sign-in form", d -> d.findElement(By.cssSelector("#view-login")).isDisplayed()
                && "username".equals(focused(b)) || clickUser(b));
        keys(b, user, Keys.TAB, OperationAnswers.password(user), Keys.ENTER);
        b.await(10, "the sittings", d -> d.findElement(By.cssSelector("#view-sittings")).isDisplayed());
    }

    private static boolean clickUser(ChromeBrowser b) {
        b.script("document.querySelector('#login-form [name=username]').focus()");
        return "username".equals(focused(b));
    }

    private static void signOut(ChromeBrowser b) {
        b.driver.findElement(By.cssSelector("#logout")).click();
        b.await(10, "the sign-in form", d -> d.findElement(By.cssSelector("#view-login")).isDisplayed());
    }

    /** Enters the (only) open sitting with Enter on its focused button. */
    private static void enterDesk(ChromeBrowser b) {
        b.await(10, "the sitting's button has focus", d -> "BUTTON".equals(focused(b))
                && d.findElement(By.cssSelector("#sittings-table button[data-sitting]")).isDisplayed());
        keys(b, Keys.ENTER);
        b.await(10, "the desk with a rubric point focused", d -> d.findElement(By.cssSelector("#view-desk"))
                .isDisplayed() && ((String) b.script("return document.activeElement.name || ''")).startsWith("p"));
    }

    private static String sheetHeading(ChromeBrowser b) {
        return b.driver.findElement(By.cssSelector("#sheet-h")).getText();
    }

    /**
     * Scores the shown script from the keyboard: each focused rubric point gets its maximum (or 0), Enter moves on
     * to the next and then to the comment, Ctrl+Enter submits. Answers the script's heading.
     */
    @SuppressWarnings("unchecked")
    private static String score(ChromeBrowser b, boolean zero, String comment) {
        String heading = sheetHeading(b);
        List<String> maxima = (List<String>) b.script("return Array.from(document.querySelectorAll('#rubric input'),"
                + " i => i.max)");
        for (String max : maxima) {
            keys(b, zero ? "0" : max, Keys.ENTER);
        }
        assertThat(focused(b)).isEqualTo("comment");
        keys(b, comment);
        new Actions(b.driver).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        b.await(10, "the mark is acknowledged", d -> status(b).matches(".*(已评|marked).*"));
        return heading;
    }

    private static boolean essayShown(ChromeBrowser b) {
        return b.driver.findElement(By.cssSelector("#answer")).getText().equals("essay of the candidate");
    }

    @Test
    @DisplayName("the chief marker opens marking, two markers score three scripts by keyboard alone without seeing"
            + " each other's marks, the essay goes to arbitration and the chief decides it on the page")
    void doubleMarkingInTheBrowser() {
        try (TestNode node = TestNode.builder().demo(DemoSitting.Options.operation(600)).start();
             Api api = new Api(node.baseUrl())) {
            ChromeBrowser b = ChromeBrowser.shared(node.baseUrl());
            String admin = api.adminToken(node);
            api.startSitting(node);
            String attemptId = OperationAnswers.sit(api, node, 0, "essay of the candidate", true);
            OperationAnswers.staff(api, admin, "page-m1", "MARKER");
            OperationAnswers.staff(api, admin, "page-m2", "MARKER");
            OperationAnswers.staff(api, admin, "page-chief", "CHIEF_MARKER");

            b.driver.get(node.baseUrl() + "/marking/");
            assertThat(b.script("return document.documentElement.lang")).isEqualTo("zh-CN");
            assertThat(b.driver.findElement(By.cssSelector("h1")).getText()).isEqualTo("阅卷");
            b.screenshot("marking-login-zh");
            assertThat(b.axe()).as("axe on the sign-in").isEmpty();

            // The chief marker opens the sitting's marking for the two markers.
            signIn(b, "page-chief");
            b.driver.findElement(By.cssSelector("#sittings-table button[data-open]")).click();
            b.await(10, "the open form", d -> "markers".equals(focused(b)));
            keys(b, "page-m1, page-m2", Keys.ENTER);
            b.await(10, "marking opened", d -> status(b).contains("已开启：3 份答卷"));
            b.screenshot("marking-sittings-chief-zh");
            signOut(b);

            // Marker one: every script full marks, by keyboard; a file of an operation answer is fetched.
            signIn(b, "page-m1");
            enterDesk(b);
            assertThat(b.driver.findElements(By.cssSelector("#script-list button.s-TO_MARK"))).hasSize(3);
            assertThat(b.driver.findElement(By.cssSelector("#marks-box")).isDisplayed()).isFalse();
            b.screenshot("marking-desk-marker-zh");
            assertThat(b.axe()).as("axe on the marker's desk (zh-CN)").isEmpty();
            for (int i = 0; i < 3; i++) {
                if (!b.driver.findElements(By.cssSelector("#files button")).isEmpty() && i < 2) {
                    b.driver.findElement(By.cssSelector("#files button")).click();
                    b.await(10, "the file was fetched", d -> status(b).equals("附件 1 已下载"));
                    b.script("document.querySelector('#rubric input').focus()");
                }
                score(b, false, "要点齐全");
            }
            b.await(10, "all three marked", d -> d.findElements(By.cssSelector("#script-list button.s-MARKED"))
                    .size() == 3);
            // Alt+P and Alt+N step through the list; a marked script shows the marker's own mark, read-only.
            String last = sheetHeading(b);
            new Actions(b.driver).keyDown(Keys.ALT).sendKeys("p").keyUp(Keys.ALT).perform();
            b.await(10, "the previous script", d -> !sheetHeading(b).equals(last));
            new Actions(b.driver).keyDown(Keys.ALT).sendKeys("n").keyUp(Keys.ALT).perform();
            b.await(10, "back to the last", d -> sheetHeading(b).equals(last));
            assertThat(b.driver.findElement(By.cssSelector("#mine")).getText()).startsWith("您的评分：");
            assertThat(b.driver.findElement(By.cssSelector("#mark-submit")).isEnabled()).isFalse();
            signOut(b);

            // Marker two, in English: sees nothing of marker one's marks, gives the essay 0.
            b.driver.findElement(By.cssSelector("#lang")).click();
            b.await(10, "English", d -> "en".equals(b.script("return document.documentElement.lang")));
            b.screenshot("marking-login-en");
            signIn(b, "page-m2");
            enterDesk(b);
            b.screenshot("marking-desk-marker-en");
            assertThat(b.axe()).as("axe on the marker's desk (en)").isEmpty();
            // At 200 % zoom of 1366×768 the desk reflows to one column and never scrolls sideways.
            b.viewport(683, 384);
            b.await(10, "reflowed", d -> (Boolean) b.script("return document.documentElement.scrollWidth"
                    + " <= window.innerWidth"));
            b.screenshot("marking-desk-marker-en-683");
            b.viewport(1366, 768);
            for (int i = 0; i < 3; i++) {
                assertThat(b.driver.findElement(By.cssSelector("#sheet")).getText()).doesNotContain("要点齐全")
                        .doesNotContain("page-m1");
                score(b, essayShown(b), "second");
            }
            b.await(10, "all three marked", d -> d.findElements(By.cssSelector("#script-list button.s-MARKED"))
                    .size() == 3);
            assertThat(api.get("/api/admin/sittings/" + node.sittingId() + "/results", admin).array().stream()
                    .map(o -> (JsonObject) o).filter(r -> attemptId.equals(r.getString("attemptId"))).findFirst()
                    .orElseThrow().getBoolean("pendingMarking")).isTrue();
            signOut(b);

            // The chief marker lands on the script to arbitrate, sees both marks, and decides it.
            b.driver.findElement(By.cssSelector("#lang")).click();
            b.await(10, "Chinese", d -> "zh-CN".equals(b.script("return document.documentElement.lang")));
            signIn(b, "page-chief");
            enterDesk(b);
            assertThat(b.driver.findElement(By.cssSelector("#sheet-state")).getText()).isEqualTo("待仲裁");
            assertThat(essayShown(b)).isTrue();
            assertThat(b.driver.findElements(By.cssSelector("#marks li"))).hasSize(2);
            assertThat(b.driver.findElement(By.cssSelector("#marks")).getText()).contains("page-m1")
                    .contains("page-m2");
            b.screenshot("marking-arbitration-chief-zh");
            assertThat(b.axe()).as("axe on the chief's arbitration").isEmpty();
            @SuppressWarnings("unchecked")
            List<String> maxima = (List<String>) b.script("return Array.from(document.querySelectorAll("
                    + "'#rubric input'), i => i.max)");
            for (int i = 0; i < maxima.size(); i++) {
                keys(b, i == 0 ? "6" : maxima.get(i), Keys.ENTER);
            }
            keys(b, "要点一部分");
            new Actions(b.driver).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
            BigDecimal essay = maxima.stream().skip(1).map(BigDecimal::new).reduce(BigDecimal.valueOf(6),
                    BigDecimal::add);
            b.await(10, "arbitrated", d -> status(b).startsWith("答卷") && status(b).contains("已仲裁"));
            assertThat(b.driver.findElement(By.cssSelector("#final")).getText()).isEqualTo("最终得分："
                    + essay.stripTrailingZeros().toPlainString() + " 分");

            // The chief marker's way to the score reviews (复核).
            assertThat(b.driver.findElement(By.cssSelector("#nav-review")).isDisplayed()).isTrue();
            b.driver.findElement(By.cssSelector("#nav-progress")).click();
            b.await(10, "the progress", d -> d.findElement(By.cssSelector("#view-progress")).isDisplayed());
            assertThat(b.driver.findElement(By.cssSelector("#progress-summary")).getText())
                    .isEqualTo("共 3 份，已定分 3 份，待仲裁 0 份");
            b.screenshot("marking-progress-zh");
            b.driver.findElement(By.cssSelector("#lang")).click();
            b.await(10, "English progress", d -> d.findElement(By.cssSelector("#progress-summary")).getText()
                    .equals("3 scripts, 3 final, 0 to arbitrate"));
            b.screenshot("marking-progress-en");
            assertThat(b.axe()).as("axe on the progress (en)").isEmpty();

            JsonObject result = api.get("/api/admin/sittings/" + node.sittingId() + "/results", admin).array()
                    .stream().map(o -> (JsonObject) o).filter(r -> attemptId.equals(r.getString("attemptId")))
                    .findFirst().orElseThrow();
            assertThat(result.getBoolean("pendingMarking")).isFalse();
            assertThat(new BigDecimal(result.getValue("total").toString()))
                    .isEqualByComparingTo(BigDecimal.valueOf(70).add(essay));
        }
    }
}
