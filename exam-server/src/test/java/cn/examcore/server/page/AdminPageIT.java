package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/** The admin pages (考务管理) driven in headless Chromium against a real node. */
@DisplayName("Admin pages in a browser")
class AdminPageIT {

    /** The table's body cells, read in one script so a re-render in between cannot leave a stale element. */
    @SuppressWarnings("unchecked")
    private static List<String> cells(ChromeBrowser b, String table) {
        return (List<String>) b.script("return Array.from(document.querySelectorAll(arguments[0] + ' tbody td'), "
                + "td => td.innerText.trim())", table);
    }

    private static String status(ChromeBrowser b) {
        return b.driver.findElement(By.cssSelector("#status")).getText();
    }

    private static void openSitting(ChromeBrowser b, String title) {
        b.await(10, "the sittings list", d -> cells(b, "#sittings-table").contains(title));
        b.await(10, "the sitting's button", d -> {
            d.findElement(By.cssSelector("#sittings-table button[aria-label$='" + title + "']")).click();
            return true;
        });
        b.await(10, "the sitting's detail", d -> d.findElement(By.cssSelector("#sitting-detail")).isDisplayed()
                && d.findElement(By.cssSelector("#detail-title")).getText().startsWith(title));
    }

    @Test
    @DisplayName("An administrator logs in by keyboard, sees a bank's issues, a roster's row errors, a cancelled result and the ban, lifts it, adds a proctor, issues an agent key and starts the sitting")
    void adminFlow(@TempDir Path dir) throws Exception {
        try (TestNode node = TestNode.builder().leadSeconds(600).start(); Api api = new Api(node.baseUrl())) {
            ChromeBrowser browser = ChromeBrowser.shared(node.baseUrl());
            // A decision taken through the API, so the results and ban pages have something to show.
            String admin = api.adminToken(node);
            api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null);
            String attemptId = api.loginDemo(node, 0).getString("attemptId");
            Api.Reply decided = api.post("/api/proctor/sittings/" + node.sittingId() + "/decisions", admin,
                    new JsonObject().put("attemptId", attemptId).put("category", "B1").put("outcome", "CONFIRMED")
                            .put("evidence", new JsonArray()).put("reason", "phone used during the paper"));
            assertThat(decided.status()).as(decided.text()).isEqualTo(201);
            String decisionId = decided.json().getString("decisionId");
            Api.Reply stopped = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/"
                    + node.seatCodes().get(0) + "/force-submit", admin, new JsonObject().put("reason", "B1 confirmed"));
            assertThat(stopped.status()).as(stopped.text()).isEqualTo(200);

            browser.driver.get(node.baseUrl() + "/admin/");
            browser.await(10, "the login form", d -> d.findElement(By.cssSelector("#view-login")).isDisplayed());
            assertThat(browser.script("return document.documentElement.lang")).isEqualTo("zh-CN");
            assertThat(browser.driver.findElement(By.cssSelector("h1")).getText()).isEqualTo("考务管理");
            browser.screenshot("admin-login");

            // Keyboard only: the user-name field has focus; Tab to the password, Enter submits.
            new Actions(browser.driver).sendKeys(node.adminUser()).sendKeys(Keys.TAB).sendKeys(node.adminPassword())
                    .sendKeys(Keys.ENTER).perform();
            browser.await(10, "the sittings list", d -> cells(browser, "#sittings-table").contains(node.demo().title()));

            // A bank with an error: every issue is listed with its location, and nothing is stored.
            Path bank = dir.resolve("broken.json");
            Files.writeString(bank, "{\"format\":\"examcore-bank/1\",\"id\":\"broken\",\"items\":[{\"id\":\"x\","
                    + "\"type\":\"SINGLE_CHOICE\"}]}", StandardCharsets.UTF_8);
            browser.driver.findElement(By.cssSelector("#nav [data-view=banks]")).click();
            browser.driver.findElement(By.cssSelector("#bank-form [name=file]")).sendKeys(bank.toString());
            browser.driver.findElement(By.cssSelector("#bank-form button")).click();
            browser.await(10, "the validation report", d -> d.findElement(By.cssSelector("#bank-issues")).isDisplayed());
            List<WebElement> issueRows = browser.driver.findElements(By.cssSelector("#bank-issues tbody tr"));
            assertThat(issueRows).isNotEmpty();
            assertThat(issueRows.get(0).findElements(By.tagName("td")).get(2).getText()).isNotBlank();
            assertThat(browser.driver.findElement(By.cssSelector("#status")).getAttribute("class")).contains("error");
            browser.screenshot("admin-bank-report");

            // A QTI item from another tool carries none of our tags: the form's import defaults fill them, the bank
            // is accepted, and each default taken is listed as a warning.
            Path foreign = dir.resolve("foreign.xml");
            Files.writeString(foreign, """
                    <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="FOREIGN-1" title="t">
                      <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
                        <correctResponse><value>B</value></correctResponse>
                      </responseDeclaration>
                      <itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
                        <prompt>Which city is the capital of France?</prompt>
                        <simpleChoice identifier="A">Lyon</simpleChoice><simpleChoice identifier="B">Paris</simpleChoice>
                        <simpleChoice identifier="C">Nice</simpleChoice>
                      </choiceInteraction></itemBody>
                      <responseProcessing
                          template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
                    </assessmentItem>""", StandardCharsets.UTF_8);
            browser.driver.findElement(By.cssSelector("#bank-form [name=file]")).sendKeys(foreign.toString());
            browser.driver.findElement(By.cssSelector("#bank-form [name=occupation]")).sendKeys("企业人力资源管理师");
            browser.driver.findElement(By.cssSelector("#bank-form [name=level]")).sendKeys("4");
            new org.openqa.selenium.support.ui.Select(browser.driver.findElement(
                    By.cssSelector("#bank-form [name=subject]"))).selectByValue("THEORY");
            browser.driver.findElement(By.cssSelector("#bank-form [name=difficulty]")).sendKeys("3");
            browser.driver.findElement(By.cssSelector("#bank-form button")).click();
            browser.await(10, "the accepted bank", d -> status(browser).startsWith("题库 foreign 已接收"));
            assertThat(cells(browser, "#bank-issues")).contains("defaulted-value");
            assertThat(String.join(" ", cells(browser, "#bank-issues"))).contains("企业人力资源管理师");
            // The imported banks are listed with the ids a blueprint names, the one just accepted among them.
            browser.await(10, "the bank list", d -> cells(browser, "#bank-list").contains("foreign"));
            // Each listed bank exports as a QTI package from its row (the API alone had it before).
            browser.driver.findElement(By.cssSelector("#bank-list button[aria-label='将题库 foreign 导出为 QTI 2.1']"))
                    .sendKeys(Keys.ENTER);
            browser.await(10, "the export", d -> status(browser).startsWith("题库 foreign 已导出为 QTI 2.1：1 题"));

            // A roster with a bad identity number: the row and field are named and nothing is imported.
            browser.driver.findElement(By.cssSelector("#nav [data-view=sittings]")).click();
            browser.await(10, "the sittings list", d -> !d.findElements(By.cssSelector("#sittings-table tbody button"))
                    .isEmpty());
            assertThat(String.join(" ", cells(browser, "#sittings-table"))).as("the level by its name")
                    .contains("四级/中级工");
            // Clicked as openSitting does: the list may be drawn again between finding the button and clicking it.
            browser.await(10, "the sitting's button", d -> {
                d.findElement(By.cssSelector("#sittings-table tbody button")).click();
                return true;
            });
            browser.await(10, "the sitting's detail", d -> d.findElement(By.cssSelector("#sitting-detail")).isDisplayed());
            String before = browser.driver.findElement(By.cssSelector("#detail-counts")).getText();
            Path roster = dir.resolve("roster.csv");
            Files.writeString(roster, "准考证号,身份证号,姓名,考场,座位号,科目\nX-1,12345,丁,R101,1,理论知识\n",
                    StandardCharsets.UTF_8);
            browser.driver.findElement(By.cssSelector("#roster-form [name=file]")).sendKeys(roster.toString());
            browser.driver.findElement(By.cssSelector("#roster-form button")).click();
            browser.await(10, "the roster errors", d -> d.findElement(By.cssSelector("#roster-errors")).isDisplayed());
            List<String> rosterCells = cells(browser, "#roster-errors");
            assertThat(rosterCells.get(0)).isEqualTo("2");
            assertThat(rosterCells).contains("idNumber");
            assertThat(browser.driver.findElement(By.cssSelector("#detail-counts")).getText()).isEqualTo(before);
            browser.screenshot("admin-roster-errors");

            // The access token lives minutes: one the server refuses (here forged) is renewed with the refresh token
            // and the request tried again, and one about to lapse is renewed before the request; the administrator
            // is not sent back to the login form.
            browser.script("const k = 'examcore.admin.session'; const s = JSON.parse(sessionStorage.getItem(k));"
                    + " s.token = 'not-a-token'; s.expiresAt = Date.now() + 3600000;"
                    + " sessionStorage.setItem(k, JSON.stringify(s));");
            browser.driver.findElement(By.cssSelector("#nav [data-view=sittings]")).click();
            // The list may still show from before: wait for the renewal itself, then for the list.
            browser.await(10, "the renewal of the refused token", d -> !"not-a-token".equals(browser.script(
                    "return JSON.parse(sessionStorage.getItem('examcore.admin.session')).token")));
            browser.await(10, "the sittings list after a renewal",
                    d -> cells(browser, "#sittings-table").contains(node.demo().title()));
            assertThat(browser.driver.findElement(By.cssSelector("#view-login")).isDisplayed()).isFalse();
            browser.script("const k = 'examcore.admin.session'; const s = JSON.parse(sessionStorage.getItem(k));"
                    + " window.lapsed = s.token; s.expiresAt = Date.now(); sessionStorage.setItem(k, JSON.stringify(s));");

            // Results: the sanctioned candidate's row is CANCELLED with the decision, the score kept.
            browser.driver.findElement(By.cssSelector("#nav [data-view=results]")).click();
            browser.await(10, "the sitting choice", d -> !d.findElements(By.cssSelector("#results-sitting option"))
                    .isEmpty());
            browser.script("document.querySelector('#results-sitting').value = arguments[0]", node.sittingId());
            browser.driver.findElement(By.cssSelector("#results-form button[type=submit]")).click();
            browser.await(10, "the cancelled row", d -> !d.findElements(By.cssSelector("#results-table tr.cancelled"))
                    .isEmpty());
            WebElement cancelled = browser.driver.findElement(By.cssSelector("#results-table tr.cancelled"));
            assertThat(cancelled.getText()).contains(node.candidate(0).ticket()).contains("成绩取消")
                    .contains(decisionId).contains("B1");
            assertThat(browser.script("return JSON.parse(sessionStorage.getItem('examcore.admin.session')).token"
                    + " !== window.lapsed")).as("the lapsing token was renewed before the request").isEqualTo(true);
            // The level result (等级成绩) of the row's evaluation stands beside it: theory cancelled, level failed.
            assertThat(cancelled.getText()).contains("等级未通过（理论知识 成绩取消，操作技能 未考）");
            // The sitting has just started and has no late-entry cutoff: a candidate without a login may still come.
            String waitingRow = String.valueOf(browser.script("return [...document.querySelectorAll('#results-table tr')]"
                    + ".find(tr => tr.textContent.includes(arguments[0])).textContent", node.candidate(1).ticket()));
            assertThat(waitingRow).contains("尚未到场").doesNotContain("缺考");
            browser.screenshot("admin-results");
            browser.script("localStorage.setItem('examcore.admin.lang', 'en')");
            browser.driver.navigate().refresh();
            browser.await(10, "the English page", d -> !d.findElements(By.cssSelector("#nav [data-view=results]"))
                    .isEmpty() && "en".equals(browser.script("return document.documentElement.lang")));
            browser.driver.findElement(By.cssSelector("#nav [data-view=results]")).click();
            browser.await(10, "the sitting choice", d -> !d.findElements(By.cssSelector("#results-sitting option"))
                    .isEmpty());
            browser.script("document.querySelector('#results-sitting').value = arguments[0]", node.sittingId());
            browser.driver.findElement(By.cssSelector("#results-form button[type=submit]")).click();
            browser.await(10, "the cancelled row in English", d -> !d.findElements(By.cssSelector(
                    "#results-table tr.cancelled")).isEmpty());
            assertThat(browser.driver.findElement(By.cssSelector("#results-table tr.cancelled")).getText())
                    .contains("level failed");
            browser.screenshot("admin-results-en");
            browser.script("localStorage.setItem('examcore.admin.lang', 'zh-CN')");
            browser.driver.navigate().refresh();
            browser.await(10, "the Chinese page", d -> "zh-CN".equals(browser.script(
                    "return document.documentElement.lang")));

            // The ban registry shows the ban to 31 December, the identity number masked.
            browser.driver.findElement(By.cssSelector("#nav [data-view=bans]")).click();
            browser.await(10, "the ban", d -> cells(browser, "#bans-table").contains(decisionId));
            List<String> ban = cells(browser, "#bans-table");
            assertThat(ban.get(3)).endsWith("-12-31");
            assertThat(ban.get(0)).contains("*").doesNotContain(node.candidate(0).idNumber());

            // Lifting the ban: without a reason the server's refusal is shown in Chinese with its detail and field,
            // and nothing changes; with one, the row shows who lifted it and why.
            browser.driver.findElement(By.cssSelector("#bans-table tbody button")).click();
            assertThat(browser.driver.findElement(By.cssSelector("#lift-form [name=decisionId]")).getAttribute("value"))
                    .isEqualTo(decisionId);
            browser.driver.findElement(By.cssSelector("#lift-form button")).click();
            browser.await(10, "the refusal", d -> status(browser).startsWith("请求有误："));
            assertThat(status(browser)).contains("必须填写").contains("[字段: reason]").doesNotContain("is required");
            assertThat(api.get("/api/admin/bans", admin).array().getJsonObject(0).getValue("lift")).isNull();
            assertThat(browser.driver.findElement(By.cssSelector("#lift-form [name=decisionId]")).getAttribute("value"))
                    .isEqualTo(decisionId);
            browser.driver.findElement(By.cssSelector("#lift-form [name=reason]")).sendKeys("复核撤销原决定");
            browser.driver.findElement(By.cssSelector("#lift-form button")).click();
            browser.await(10, "the lifted row", d -> !d.findElements(By.cssSelector("#bans-table tr.lifted")).isEmpty());
            assertThat(browser.driver.findElement(By.cssSelector("#bans-table tr.lifted")).getText())
                    .contains(node.adminUser()).contains("复核撤销原决定");
            assertThat(browser.driver.findElements(By.cssSelector("#bans-table tbody button"))).isEmpty();
            JsonObject lift = api.get("/api/admin/bans", admin).array().getJsonObject(0).getJsonObject("lift");
            assertThat(lift.getString("by")).isEqualTo(node.adminUser());
            assertThat(lift.getString("reason")).isEqualTo("复核撤销原决定");
            browser.screenshot("admin-ban-lifted");

            // The demo sitting: its PIN, a proctor account for room R101, a seat-agent key, start.
            browser.driver.findElement(By.cssSelector("#nav [data-view=sittings]")).click();
            openSitting(browser, node.demo().title());
            assertThat(browser.driver.findElement(By.cssSelector("#detail-pin")).getText()).contains(node.pin());
            browser.driver.findElement(By.cssSelector("#staff-form [name=username]")).sendKeys("proctor-page");
            browser.driver.findElement(By.cssSelector("#staff-form [name=password]")).sendKeys("a-long-password");
            List<WebElement> roomBoxes = browser.driver.findElements(By.cssSelector("#staff-rooms input"));
            assertThat(roomBoxes).hasSize(1);
            roomBoxes.get(0).click();
            browser.driver.findElement(By.cssSelector("#staff-form button")).click();
            browser.await(10, "the account", d -> status(browser).contains("已创建 proctor-page（监考员）"));
            Api.Reply proctorLogin = api.post("/api/admin/login", null, new JsonObject()
                    .put("username", "proctor-page").put("password", "a-long-password"));
            assertThat(proctorLogin.status()).as(proctorLogin.text()).isEqualTo(200);
            Api.Reply proctorRooms = api.get("/api/proctor/sittings/" + node.sittingId() + "/rooms",
                    proctorLogin.json().getString("token"));
            assertThat(proctorRooms.status()).as(proctorRooms.text()).isEqualTo(200);
            assertThat(proctorRooms.json().getJsonArray("rooms").getJsonObject(0).getString("name")).isEqualTo("R101");

            // A read-only observer account (the console's service account): no room list, reads every room, may
            // not act.
            new Select(browser.driver.findElement(By.cssSelector(
                    "#staff-form [name=role]"))).selectByValue("OBSERVER");
            assertThat(browser.driver.findElement(By.cssSelector("#staff-rooms input")).isEnabled())
                    .as("an observer is not scoped to rooms").isFalse();
            browser.script("document.querySelector('#staff-form').scrollIntoView()");
            browser.screenshot("admin-staff-observer");
            browser.driver.findElement(By.cssSelector("#staff-form [name=username]")).sendKeys("observer-page");
            browser.driver.findElement(By.cssSelector("#staff-form [name=password]")).sendKeys("a-long-password");
            browser.driver.findElement(By.cssSelector("#staff-form button")).click();
            browser.await(10, "the observer", d -> status(browser).contains("已创建 observer-page（观察账号（只读））"));
            assertThat(browser.driver.findElement(By.cssSelector("#staff-rooms input")).isEnabled())
                    .as("the form is reset to a proctor, whose rooms apply").isTrue();
            Api.Reply observerLogin = api.post("/api/admin/login", null, new JsonObject()
                    .put("username", "observer-page").put("password", "a-long-password"));
            assertThat(observerLogin.status()).as(observerLogin.text()).isEqualTo(200);
            String observer = observerLogin.json().getString("token");
            Api.Reply observerRooms = api.get("/api/proctor/sittings/" + node.sittingId() + "/rooms", observer);
            assertThat(observerRooms.status()).as(observerRooms.text()).isEqualTo(200);
            assertThat(observerRooms.json().getJsonArray("rooms")).isNotEmpty();
            Api.Reply observerActs = api.post("/api/proctor/sittings/" + node.sittingId() + "/rooms/"
                    + observerRooms.json().getJsonArray("rooms").getJsonObject(0).getString("id") + "/pause",
                    observer, new JsonObject());
            assertThat(observerActs.status()).as(observerActs.text()).isEqualTo(403);

            browser.driver.findElement(By.cssSelector("#agent-key")).click();
            browser.await(10, "the agent key", d -> d.findElement(By.cssSelector("#agent-key-box")).isDisplayed());
            assertThat(browser.driver.findElement(By.cssSelector("#agent-key-value")).getAttribute("value"))
                    .startsWith("ak_");
            browser.driver.findElement(By.cssSelector("#start-sitting")).click();
            browser.await(10, "the start", d -> status(browser).startsWith("已开考"));
            assertThat(browser.driver.findElement(By.cssSelector("#detail-start")).getText()).startsWith("已开考");
            browser.screenshot("admin-sitting-staff");

            // A sitting without papers cannot start: the conflict is shown in Chinese, the server's reason kept.
            Api.Reply bare = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "未组卷场次")
                    .put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "理论知识")
                    .put("t0", System.currentTimeMillis() + 7_200_000).put("durationMinutes", 60));
            assertThat(bare.status()).as(bare.text()).isEqualTo(201);
            browser.driver.findElement(By.cssSelector("#nav [data-view=banks]")).click();
            browser.driver.findElement(By.cssSelector("#nav [data-view=sittings]")).click();
            openSitting(browser, "未组卷场次");
            browser.driver.findElement(By.cssSelector("#start-sitting")).click();
            browser.await(10, "the refusal", d -> status(browser).startsWith("与当前状态冲突："));
            assertThat(status(browser)).contains("assemble the papers");
            assertThat(browser.driver.findElement(By.cssSelector("#status")).getAttribute("class")).contains("error");
            Api.Reply unstarted = api.get("/api/admin/sittings/" + bare.json().getString("id"), admin);
            assertThat(unstarted.json().getLong("startAt")).isEqualTo(unstarted.json().getLong("t0"));

            // English on request.
            browser.driver.findElement(By.cssSelector("#nav [data-view=bans]")).click();
            browser.driver.findElement(By.cssSelector("#lang")).click();
            assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
            assertThat(browser.driver.findElement(By.cssSelector("#bans-h")).getText()).isEqualTo("Ban registry");
            browser.screenshot("admin-bans-en");
        }
    }
}
