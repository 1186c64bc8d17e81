package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.testing.Api;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.testing.EvaluationDays;
import cn.examcore.server.testing.OperationAnswers;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The chief marker's score review page (成绩复核) and the public certificate verification (证书查验), in headless
 * Chromium at 1366×768 against one real node, by keyboard, in Chinese and in English: a review re-marks a failed
 * operation result, the level then passes, and the certificate that follows is verified.
 */
@DisplayName("Score reviews and certificate verification in a browser")
class ReviewAndVerifyPageIT {

    private static String status(ChromeBrowser b) {
        return b.driver.findElement(By.cssSelector("#status")).getText();
    }

    @SuppressWarnings("unchecked")
    private static List<String> cells(ChromeBrowser b, String table) {
        return (List<String>) b.script("return Array.from(document.querySelectorAll(arguments[0] + ' tbody td'), "
                + "td => td.innerText.trim())", table);
    }

    private static void account(Api api, String admin, String username, String role) {
        Api.Reply created = api.post("/api/admin/staff", admin, new JsonObject().put("username", username)
                .put("password", OperationAnswers.password(username)).put("role", role));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    private static JsonObject result(Api api, String admin, String sittingId, String ticket) {
        return api.get("/api/admin/sittings/" + sittingId + "/results", admin).array().stream()
                .map(o -> (JsonObject) o).filter(o -> o.getString("ticket").equals(ticket)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("The chief marker re-marks a reviewed operation result by keyboard, a refused score named first; the"
            + " level passes, and the certificate issued is shown valid on the public page while a wrong code gets the"
            + " same answer as an unknown number")
    void reviewThenVerify() {
        try (TestNode node = TestNode.builder().demo(new DemoSitting.Options(-60, 120, 240, 1, 2,
                "/samples/hr-4.json", "/samples/hr-4-operation.blueprint.json", Subject.OPERATION, "135790")).start();
             Api api = new Api(node.baseUrl())) {
            ChromeBrowser browser = ChromeBrowser.shared(node.baseUrl());
            String admin = api.adminToken(node);
            api.startSitting(node);
            String operation = node.sittingId();
            DemoSitting.DemoCandidate c0 = node.candidate(0);
            // Candidate 0 hands the operation tasks in empty; candidate 1 is absent.
            OperationAnswers.sit(api, node, 0, null, false);
            assertThat(api.post("/api/proctor/sittings/" + operation + "/seats/" + node.seatCodes().get(1)
                    + "/force-submit", admin, new JsonObject().put("reason", "absent")).status()).isEqualTo(200);
            account(api, admin, "page-review-chief", "CHIEF_MARKER");
            account(api, admin, "page-review-m1", "MARKER");
            account(api, admin, "page-review-m2", "MARKER");
            String chief = api.post("/api/admin/login", null, new JsonObject().put("username", "page-review-chief")
                    .put("password", OperationAnswers.password("page-review-chief"))).json().getString("token");
            assertThat(api.post("/api/marking/sittings/" + operation + "/open", chief, new JsonObject()
                    .put("markers", new JsonArray().add("page-review-m1").add("page-review-m2"))).status())
                    .isEqualTo(201);
            JsonObject before = result(api, admin, operation, c0.ticket());
            assertThat(before.getBoolean("passed")).isFalse();
            BigDecimal max = new BigDecimal(before.getValue("maxScore").toString());

            // The same evaluation's theory, passed on another sitting.
            String bankId = api.get("/api/admin/sittings/" + operation, admin).json().getString("bankId");
            EvaluationDays days = new EvaluationDays(api, node, admin, bankId, System::currentTimeMillis, 640_000);
            String theory = days.sitting("理论知识", "/blueprints/hr-4-objective.blueprint.json");
            Api.Reply roster = days.roster(theory, EvaluationDays.row("TH-" + c0.ticket(), c0.idNumber(), c0.name(), 1,
                    "理论知识;操作技能", c0.ticket(), "首次", "上海市技师协会"));
            assertThat(roster.status()).as(roster.text()).isEqualTo(200);
            days.assembleAndStart(theory, 1);
            days.sit(theory, 1, "TH-" + c0.ticket(), c0.idNumber(), "P0");
            assertThat(result(api, admin, theory, "TH-" + c0.ticket()).getBoolean("passed")).isTrue();

            assertThat(api.post("/api/admin/sittings/" + operation + "/results/release", admin, null).status())
                    .isEqualTo(201);
            // The administrator records the candidate's request on the admin page (复核与复议), by keyboard; a
            // ticket without a result is refused in Chinese, naming the field, and nothing is stored.
            account(api, admin, "page-review-admin", "ADMIN");
            browser.driver.get(node.baseUrl() + "/admin/");
            browser.await(10, "the admin login", d -> d.findElement(By.cssSelector("#view-login")).isDisplayed());
            new Actions(browser.driver).sendKeys("page-review-admin").sendKeys(Keys.TAB)
                    .sendKeys(OperationAnswers.password("page-review-admin")).sendKeys(Keys.ENTER).perform();
            openAppeals(browser, operation);
            browser.driver.findElement(By.cssSelector("#review-form [name=ticket]")).click();
            new Actions(browser.driver).sendKeys("NO-SUCH-1").sendKeys(Keys.TAB).sendKeys("考生认为操作题漏评")
                    .sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
            browser.await(10, "the refusal", d -> text(browser, "#review-status").contains("在本场次没有成绩"));
            assertThat(text(browser, "#review-status")).as("said in Chinese, beside the button")
                    .contains("准考证号 NO-SUCH-1").doesNotContain("has no result");
            assertThat(browser.script("return document.activeElement.name")).isEqualTo("ticket");
            assertThat(api.get("/api/admin/sittings/" + operation + "/reviews", admin).array()).isEmpty();
            new WebInput(browser, "#review-form [name=ticket]").replace(c0.ticket());
            browser.driver.findElement(By.cssSelector("#review-form [name=ticket]")).sendKeys(Keys.ENTER);
            browser.await(10, "the request recorded", d -> text(browser, "#review-status")
                    .startsWith("已登记 " + c0.ticket()));
            assertThat(cells(browser, "#reviews-table")).contains(c0.ticket(), "考生认为操作题漏评", "待阅卷组长处理");
            JsonArray stored = api.get("/api/admin/sittings/" + operation + "/reviews", admin).array();
            assertThat(stored).hasSize(1);
            assertThat(stored.getJsonObject(0).getString("reason")).isEqualTo("考生认为操作题漏评");
            assertThat(stored.getJsonObject(0).getString("requestedBy")).isEqualTo("page-review-admin");
            browser.screenshot("admin-review-request-zh");
            browser.driver.findElement(By.cssSelector("#lang")).click();
            browser.await(5, "English", d -> cells(browser, "#reviews-table").contains("Waiting for the chief marker"));
            assertThat(text(browser, "#review-status")).startsWith("Review request for " + c0.ticket() + " recorded");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1366L);
            browser.screenshot("admin-review-request-en");
            assertThat(browser.axe()).as("WCAG 2.1 AA on the reviews and appeals view").isEmpty();
            browser.driver.findElement(By.cssSelector("#lang")).click();

            // The review page, in Chinese by default, by keyboard.
            browser.driver.get(node.baseUrl() + "/review/");
            browser.await(10, "the login form", d -> d.findElement(By.cssSelector("#view-login")).isDisplayed());
            assertThat(browser.script("return document.activeElement.name")).isEqualTo("username");
            new Actions(browser.driver).sendKeys("page-review-chief").sendKeys(Keys.TAB)
                    .sendKeys(OperationAnswers.password("page-review-chief")).sendKeys(Keys.ENTER).perform();
            browser.await(10, "the requests", d -> cells(browser, "#reviews-table").contains("待处理"));
            assertThat(cells(browser, "#reviews-table")).contains(c0.ticket(), "考生认为操作题漏评");
            browser.screenshot("review-list-zh");
            browser.driver.findElement(By.cssSelector("#reviews-table tbody button")).sendKeys(Keys.ENTER);
            browser.await(5, "the decision form", d -> d.findElement(By.cssSelector("#view-decide")).isDisplayed());
            assertThat(browser.script("return document.activeElement.id")).isEqualTo("decide-h");
            // Keyboard: Tab to the outcome, arrow to 重新评阅, Tab to the score.
            new Actions(browser.driver).sendKeys(Keys.TAB).sendKeys(Keys.ARROW_RIGHT).perform();
            browser.await(5, "the score field", d -> d.findElement(By.cssSelector("#marked-label")).isDisplayed());
            new Actions(browser.driver).sendKeys(Keys.TAB).sendKeys(max.add(BigDecimal.ONE).toPlainString())
                    .sendKeys(Keys.TAB).sendKeys("第1题要点均已完成").sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
            browser.await(10, "the refusal", d -> status(browser).contains("主观题新评分"));
            assertThat(browser.script("return document.activeElement.name")).as("the named field, to correct")
                    .isEqualTo("markedScore");
            assertThat(result(api, admin, operation, c0.ticket()).getBoolean("passed")).as("nothing changed").isFalse();
            browser.screenshot("review-decide-zh");

            WebInput score = new WebInput(browser, "#decide-form [name=markedScore]");
            score.replace(max.toPlainString());
            browser.driver.findElement(By.cssSelector("#decide-form button[type=submit]")).click();
            browser.await(10, "the outcome", d -> status(browser).startsWith("已处理 " + c0.ticket()));
            assertThat(status(browser)).contains("不合格 → 合格");
            assertThat(cells(browser, "#reviews-table")).contains("重新评阅，改分").doesNotContain("待处理");
            assertThat(result(api, admin, operation, c0.ticket()).getBoolean("passed")).isTrue();
            browser.screenshot("review-done-zh");
            browser.driver.findElement(By.cssSelector("#lang")).click();
            browser.await(5, "English", d -> cells(browser, "#reviews-table").contains("Re-marked, score changed"));
            assertThat(status(browser)).startsWith(c0.ticket() + " decided");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1366L);
            browser.screenshot("review-done-en");
            assertThat(browser.driver.findElement(By.cssSelector("#to-marking")).getAttribute("href"))
                    .endsWith("/marking/");
            assertThat(browser.axe()).as("WCAG 2.1 AA on the review page").isEmpty();

            // The level passes now: the administrator issues the certificate on the results view, which shows its
            // verification code once (only the issuing reply carries it).
            browser.driver.get(node.baseUrl() + "/admin/");
            browser.await(10, "signed in still", d -> d.findElement(By.cssSelector("#nav")).isDisplayed());
            browser.driver.findElement(By.cssSelector("#nav [data-view=results]")).click();
            browser.await(10, "the sittings", d -> !d.findElements(By.cssSelector(
                    "#results-sitting option[value='" + operation + "']")).isEmpty());
            new Select(browser.driver.findElement(By.cssSelector("#results-sitting"))).selectByValue(operation);
            browser.driver.findElement(By.cssSelector("#results-form button[type=submit]")).click();
            browser.await(10, "no certificate yet", d -> d.findElement(By.cssSelector("#certificates-empty"))
                    .isDisplayed());
            browser.driver.findElement(By.cssSelector("#issue-certificates")).sendKeys(Keys.ENTER);
            browser.await(10, "the certificate issued", d -> text(browser, "#certificates-status")
                    .equals("本次发放证书 1 份。"));
            List<String> certificate = cells(browser, "#certificates-table");
            String number = certificate.get(0);
            String code = certificate.get(5);
            assertThat(certificate.subList(1, 4)).containsExactly(c0.ticket(), c0.name(), "有效");
            JsonArray issued = api.get("/api/admin/certificates?sittingId=" + operation, admin).array();
            assertThat(issued).hasSize(1);
            assertThat(issued.getJsonObject(0).getString("number")).isEqualTo(number);
            assertThat(issued.getJsonObject(0).getString("issuedBy")).isEqualTo("page-review-admin");
            assertThat(code).matches("[A-Z0-9-]{8,}");
            browser.screenshot("admin-certificates-zh");
            browser.driver.findElement(By.cssSelector("#issue-certificates")).click();
            browser.await(10, "none due now", d -> text(browser, "#certificates-status").startsWith("没有需要发放的证书"));
            assertThat(api.get("/api/admin/certificates?sittingId=" + operation, admin).array()).hasSize(1);
            browser.driver.findElement(By.cssSelector("#lang")).click();
            browser.await(5, "English", d -> cells(browser, "#certificates-table").contains("Valid"));
            assertThat((Long) browser.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1366L);
            browser.screenshot("admin-certificates-en");
            assertThat(browser.axe()).as("WCAG 2.1 AA on the results view with certificates").isEmpty();
            browser.driver.findElement(By.cssSelector("#lang")).click();

            browser.driver.get(node.baseUrl() + "/verify/");
            browser.await(10, "the verify form", d -> d.findElement(By.cssSelector("#verify-form")).isDisplayed());
            assertThat(browser.driver.findElement(By.cssSelector("h1")).getText()).isEqualTo("证书查验");
            browser.driver.findElement(By.cssSelector("#verify-form [name=number]")).click();
            new Actions(browser.driver).sendKeys(number).sendKeys(Keys.TAB).sendKeys("WRONG2CODE")
                    .sendKeys(Keys.ENTER).perform();
            browser.await(10, "the refusal", d -> status(browser).startsWith("未查到相符的证书"));
            String wrongCode = status(browser);
            WebInput numberField = new WebInput(browser, "#verify-form [name=number]");
            numberField.replace("EC-NO-SUCH");
            browser.driver.findElement(By.cssSelector("#verify-form button[type=submit]")).click();
            browser.await(10, "the same refusal", d -> status(browser).equals(wrongCode)
                    && !d.findElement(By.cssSelector("#outcome")).isDisplayed());
            numberField.replace(number);
            // Typed as people type it off paper: lower case, with a space.
            new WebInput(browser, "#verify-form [name=code]").replace(code.substring(0, 5).toLowerCase() + " "
                    + code.substring(5));
            browser.driver.findElement(By.cssSelector("#verify-form [name=code]")).sendKeys(Keys.ENTER);
            browser.await(10, "the certificate", d -> d.findElement(By.cssSelector("#outcome")).isDisplayed());
            assertThat(browser.driver.findElement(By.cssSelector("#outcome-h")).getText()).isEqualTo("证书有效");
            String facts = browser.driver.findElement(By.cssSelector("#outcome-facts")).getText();
            assertThat(facts).contains(number, "企业人力资源管理师", "四级/中级工", "理论知识、操作技能", "上海市技师协会")
                    .contains(c0.name().substring(0, 1) + "*").doesNotContain(c0.name());
            assertThat(browser.script("return document.activeElement.id")).isEqualTo("outcome-h");
            browser.screenshot("verify-valid-zh");
            browser.driver.findElement(By.cssSelector("#lang")).click();
            browser.await(5, "English", d -> d.findElement(By.cssSelector("#outcome-h")).getText()
                    .equals("The certificate is valid"));
            assertThat((Long) browser.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1366L);
            browser.screenshot("verify-valid-en");
            assertThat(browser.axe()).as("WCAG 2.1 AA on the verification page").isEmpty();

            // A tier-B decision found after the sitting (B2) revokes the certificate: the public page says so, in
            // English and in Chinese.
            Api.Reply decided = api.post("/api/proctor/sittings/" + operation + "/decisions", admin, new JsonObject()
                    .put("attemptId", result(api, admin, operation, c0.ticket()).getString("attemptId"))
                    .put("category", "B2").put("outcome", "CONFIRMED").put("afterSitting", true)
                    .put("reason", "copied notes found on review"));
            assertThat(decided.status()).as(decided.text()).isEqualTo(201);
            String decisionId = decided.json().getString("decisionId");
            assertThat(decided.json().getJsonArray("revokedCertificates")).containsExactly(number);
            browser.driver.findElement(By.cssSelector("#verify-form button[type=submit]")).click();
            browser.await(10, "the revoked certificate", d -> d.findElement(By.cssSelector("#outcome-h")).getText()
                    .equals("The certificate was revoked and is no longer valid"));
            assertThat(browser.driver.findElement(By.cssSelector("#outcome-facts")).getText()).contains(number,
                    "Revoked at");
            browser.screenshot("verify-revoked-en");
            browser.driver.findElement(By.cssSelector("#lang")).click();
            browser.await(5, "Chinese", d -> d.findElement(By.cssSelector("#outcome-h")).getText()
                    .equals("证书已撤销，不再有效"));
            assertThat(browser.driver.findElement(By.cssSelector("#outcome-facts")).getText()).contains("撤销时间");
            browser.screenshot("verify-revoked-zh");
            assertThat(browser.axe()).as("WCAG 2.1 AA on a revoked certificate").isEmpty();

            // The appeal (复议), decided on the admin page by another administrator, by keyboard: an unknown category
            // is refused in Chinese with nothing stored; the dismissal is recorded as a new decision, the original
            // stays on record marked as revised, and the cancelled result counts again.
            browser.driver.get(node.baseUrl() + "/admin/");
            browser.await(10, "signed in still", d -> d.findElement(By.cssSelector("#nav")).isDisplayed());
            openAppeals(browser, operation);
            browser.await(10, "the decision", d -> cells(browser, "#decisions-table").contains("有效"));
            assertThat(cells(browser, "#decisions-table")).contains("B2", "认定违纪", "copied notes found on review");
            browser.driver.findElement(By.cssSelector("#decisions-table tbody button")).sendKeys(Keys.ENTER);
            browser.await(5, "the appeal form", d -> d.findElement(By.cssSelector("#revise-form")).isDisplayed());
            assertThat(browser.script("return document.activeElement.id")).isEqualTo("revise-h");
            // Tab: the outcome (不予认定 is chosen), the category, the severity, the reason, the button.
            new Actions(browser.driver).sendKeys(Keys.TAB).sendKeys(Keys.TAB).sendKeys("A7").sendKeys(Keys.TAB)
                    .sendKeys(Keys.TAB).sendKeys("申诉成立：所带为允许的公式表").sendKeys(Keys.TAB).sendKeys(Keys.ENTER)
                    .perform();
            browser.await(10, "the refusal", d -> text(browser, "#revise-status").contains("没有违纪类别 A7"));
            assertThat(browser.script("return document.activeElement.name")).isEqualTo("category");
            String decisionsPath = "/api/proctor/sittings/" + operation + "/decisions";
            assertThat(api.get(decisionsPath, admin).array()).as("nothing stored").hasSize(1);
            browser.screenshot("admin-appeal-refused-zh");
            new WebInput(browser, "#revise-form [name=category]").replace("");
            browser.driver.findElement(By.cssSelector("#revise-form button[type=submit]")).click();
            browser.await(10, "the revision", d -> text(browser, "#decisions-status")
                    .startsWith("已记录对决定 " + decisionId + " 的复议：不予认定"));
            assertThat(browser.driver.findElement(By.cssSelector("#revise-form")).isDisplayed()).isFalse();
            JsonArray history = api.get(decisionsPath, admin).array();
            assertThat(history).hasSize(2);
            JsonObject original = history.stream().map(o -> (JsonObject) o)
                    .filter(o -> o.getString("decisionId").equals(decisionId)).findFirst().orElseThrow();
            JsonObject revision = history.stream().map(o -> (JsonObject) o)
                    .filter(o -> decisionId.equals(o.getString("revises"))).findFirst().orElseThrow();
            assertThat(original.getString("outcome")).as("the original is never changed").isEqualTo("CONFIRMED");
            assertThat(original.getString("revisedBy")).isEqualTo(revision.getString("decisionId"));
            assertThat(revision.getString("outcome")).isEqualTo("DISMISSED");
            assertThat(revision.getString("by")).isEqualTo("page-review-admin");
            assertThat(revision.getString("reason")).isEqualTo("申诉成立：所带为允许的公式表");
            assertThat(result(api, admin, operation, c0.ticket()).getString("status")).isNotEqualTo("CANCELLED");
            List<String> rows = cells(browser, "#decisions-table");
            assertThat(rows).contains("已复议，由决定 " + revision.getString("decisionId") + " 取代",
                    "复议决定（改原决定 " + decisionId + "）", "不予认定（撤销处理）");
            browser.screenshot("admin-appeal-done-zh");
            browser.driver.findElement(By.cssSelector("#lang")).click();
            browser.await(5, "English", d -> cells(browser, "#decisions-table")
                    .contains("Revision (of decision " + decisionId + ")"));
            assertThat(text(browser, "#decisions-status")).startsWith("Revision of decision " + decisionId
                    + " recorded: Dismissed");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1366L);
            browser.screenshot("admin-appeal-done-en");
            assertThat(browser.axe()).as("WCAG 2.1 AA after an appeal").isEmpty();
        }
    }

    private static String text(ChromeBrowser b, String css) {
        return b.driver.findElement(By.cssSelector(css)).getText();
    }

    /** The admin page's reviews and appeals view, with `sittingId` chosen and shown. */
    private static void openAppeals(ChromeBrowser browser, String sittingId) {
        browser.await(10, "the menu", d -> d.findElement(By.cssSelector("#nav")).isDisplayed());
        browser.driver.findElement(By.cssSelector("#nav [data-view=appeals]")).click();
        browser.await(10, "the sittings", d -> !d.findElements(By.cssSelector(
                "#appeals-sitting option[value='" + sittingId + "']")).isEmpty());
        new Select(browser.driver.findElement(By.cssSelector("#appeals-sitting"))).selectByValue(sittingId);
        browser.driver.findElement(By.cssSelector("#appeals-sitting-form button[type=submit]")).click();
        browser.await(10, "the view loaded", d -> d.findElement(By.cssSelector("#reviews-empty")).isDisplayed()
                || d.findElement(By.cssSelector("#reviews-table")).isDisplayed());
    }

    /** A text field replaced as a person would: select all, type over. */
    private record WebInput(ChromeBrowser browser, String selector) {
        void replace(String text) {
            var field = browser.driver.findElement(By.cssSelector(selector));
            field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            field.sendKeys(text);
        }
    }
}
