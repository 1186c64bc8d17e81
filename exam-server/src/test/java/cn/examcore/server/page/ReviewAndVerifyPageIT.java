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
             Api api = new Api(node.baseUrl()); ChromeBrowser browser = ChromeBrowser.start()) {
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
            Api.Reply requested = api.post("/api/admin/sittings/" + operation + "/reviews", admin,
                    new JsonObject().put("ticket", c0.ticket()).put("reason", "考生认为操作题漏评"));
            assertThat(requested.status()).as(requested.text()).isEqualTo(201);

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

            // The level passes now: a certificate, whose code only the issuing reply carries.
            Api.Reply issued = api.post("/api/admin/sittings/" + operation + "/certificates", admin, null);
            assertThat(issued.status()).as(issued.text()).isEqualTo(201);
            assertThat(issued.array()).hasSize(1);
            String number = issued.array().getJsonObject(0).getString("number");
            String code = issued.array().getJsonObject(0).getString("verificationCode");

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
        }
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
