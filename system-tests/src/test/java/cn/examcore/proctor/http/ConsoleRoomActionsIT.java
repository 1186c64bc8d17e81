package cn.examcore.proctor.http;

import static cn.examcore.proctor.http.ProctorConsoleIT.call;
import static cn.examcore.proctor.http.ProctorConsoleIT.console;
import static cn.examcore.proctor.http.ProctorConsoleIT.login;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.proctor.ConsoleNode;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's room actions in a real browser: a room-wide extension with its reason, an announcement to the
 * room, and reopening a submitted attempt from the seat panel, each answered next to its button and checked on
 * exam-server.
 */
class ConsoleRoomActionsIT {

    private static Map<String, Long> deadlines(String base, String sitting, String token) {
        Map<String, Long> m = new HashMap<>();
        for (JsonNode a : call("GET", base + "/api/proctor/sittings/" + sitting + "/attempts", token, null)) {
            m.put(a.path("seatCode").asText(), a.path("deadline").asLong());
        }
        return m;
    }

    /** The seat panel's "time left" value as shown. */
    private static String timeLeftShown(Browser browser) {
        return String.valueOf(browser.script("return document.querySelectorAll('#seat-facts dd')[3].textContent"));
    }

    @Test
    @DisplayName("a proctor extends the room with a reason, announces to the room and reopens a submitted attempt"
            + " from the console, pauses and resumes the seat (its clock stands still, then ticks); each result shows"
            + " beside its button, in the page's language, and exam-server holds it")
    void roomActionsFromTheConsole() {
        try (TestNode node = TestNode.builder().leadSeconds(-60).start();
             ConsoleNode console = console(node, Map.of());
             Api api = new Api(node.baseUrl());
             Browser browser = Browser.start()) {
            String base = console.baseUrl();
            String sitting = node.sittingId();
            String admin = login(base, node.adminUser(), node.adminPassword());
            String roomId = call("GET", base + "/api/proctor/sittings/" + sitting + "/rooms", admin, null)
                    .path("rooms").get(0).path("id").asText();
            call("POST", base + "/api/admin/staff", admin, Map.of("username", "proctor1",
                    "password", "proctor-password-1", "role", "PROCTOR", "roomIds", List.of(roomId)));
            JsonObject candidate = api.loginDemo(node, 0);
            try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), candidate.getString("token"))) {
                seat.hello(new JsonArray());
                seat.send(new JsonObject().put("type", "submit").put("answers", new JsonArray())
                        .put("digest", "0".repeat(64)));
                seat.next("submitted");
            }

            browser.driver.get(base + "/");
            browser.await(10, "console login form", d -> browser.present("#login-form"));
            browser.type("#username", "proctor1");
            browser.type("#password", "proctor-password-1");
            browser.find("#login-form button[type=submit]").click();
            browser.await(15, "the room view", d -> browser.present("#room-action-form")
                    && browser.find("#room-action-form").isDisplayed());

            Map<String, Long> before = deadlines(base, sitting, admin);
            new Select(browser.find("#room-action")).selectByValue("extend");
            browser.type("#room-action-minutes", "10");
            browser.type("#room-action-reason", "停电补时");
            browser.find("#room-action-go").click();
            browser.await(10, "the extension's result", d -> browser.find("#room-action-result").getText()
                    .startsWith("已执行"));
            Map<String, Long> after = deadlines(base, sitting, admin);
            String open = node.seatCodes().get(1);
            assertThat(after.get(open)).isEqualTo(before.get(open) + 600_000);
            assertThat(after.get(node.seatCodes().get(0))).as("the submitted seat is left alone")
                    .isEqualTo(before.get(node.seatCodes().get(0)));

            browser.type("#announce-message", "请检查答题卡上的准考证号。");
            browser.find("#announce-go").click();
            browser.await(10, "the announcement's result", d -> browser.find("#announce-result").getText()
                    .startsWith("已发布公告"));
            JsonNode listed = call("GET", base + "/api/proctor/sittings/" + sitting + "/announcements", admin, null);
            assertThat(listed.get(0).path("message").asText()).isEqualTo("请检查答题卡上的准考证号。");
            assertThat(listed.get(0).path("roomId").asText()).isEqualTo(roomId);
            // The feed reads as labelled facts: the extension once per seat as its event, never raw JSON or the
            // audit copy of each seat's action.
            browser.await(10, "the extension in the feed", d -> browser.find("#feed").getText()
                    .contains("原因：停电补时；10 分钟"));
            assertThat(browser.find("#feed").getText()).doesNotContain("{\"", "AUDIT:seat.");
            browser.screenshot("rooms-console-zh");

            browser.find(".seat[data-seat='" + node.seatCodes().get(0) + "']").click();
            browser.type("form[data-action=reopen] input[name=reason]", "误点交卷，监考确认");
            browser.find("form[data-action=reopen] button").click();
            // A seat action's result shows right after the button that was used, not below the long form.
            browser.await(10, "the reopen's result", d -> browser.find("form[data-action=reopen] .form-result")
                    .getText().startsWith("已执行"));
            assertThat(call("GET", base + "/api/proctor/sittings/" + sitting + "/attempts", admin, null).findValues(
                    "state").stream().map(JsonNode::asText).toList()).doesNotContain("SUBMITTED");

            // Pause the reopened seat: its clock stands still in the panel (and on the tile) until the resume, then
            // the panel's time left ticks again.
            browser.type("form[data-action=pause] input[name=reason]", "考场停电，请稍候");
            browser.find("form[data-action=pause] button").click();
            browser.await(10, "the pause's result", d -> browser.find("form[data-action=pause] .form-result")
                    .getText().startsWith("已执行"));
            // (The tile says "offline": the candidate's socket closed after the submission; the clock is what counts.)
            String seatCss = ".seat[data-seat='" + node.seatCodes().get(0) + "']";
            String pausedLeft = timeLeftShown(browser);
            assertThat(pausedLeft).as("the paused seat's time left").matches("\\d+:\\d{2}(:\\d{2})?");
            String pausedTile = browser.find(seatCss).getText();
            long pausedAt = System.currentTimeMillis();
            browser.await(5, "time stood still", d -> System.currentTimeMillis() - pausedAt > 2500);
            assertThat(timeLeftShown(browser)).as("a paused seat's time left").isEqualTo(pausedLeft);
            assertThat(browser.find(seatCss).getText()).as("a paused seat's tile").isEqualTo(pausedTile);
            browser.find("form[data-action=resume] button").click();
            browser.await(10, "the resume's result", d -> browser.find("form[data-action=resume] .form-result")
                    .getText().startsWith("已执行"));
            String resumedLeft = timeLeftShown(browser);
            browser.await(5, "the panel's time left does not tick", d -> !timeLeftShown(browser).equals(resumedLeft));

            browser.find("#lang").click();
            browser.await(5, "English", d -> browser.find("#room-action-go").getText().equals("Apply"));
            assertThat(browser.find("#room-action-result").getText()).as("the result is said again in English")
                    .startsWith("Done: Extend");
            assertThat(browser.find("form[data-action=resume] .form-result").getText())
                    .as("a seat action's result is said again in English").isEqualTo("Done: Resume");
            browser.screenshot("rooms-console-en");

            // The rules are the administrator's, on the sitting's page of the admin pages.
            browser.driver.get(node.baseUrl() + "/admin/");
            browser.await(10, "the admin login", d -> browser.present("#login-form input[name=username]")
                    && browser.find("#login-form input[name=username]").isDisplayed());
            browser.type("#login-form input[name=username]", node.adminUser());
            browser.type("#login-form input[name=password]", node.adminPassword());
            browser.find("#login-form button").click();
            browser.await(10, "the sitting's button", d -> {
                d.findElement(org.openqa.selenium.By.cssSelector("#sittings-table tbody button")).click();
                return true;
            });
            browser.await(10, "the rules form", d -> browser.find("#rules-form").isDisplayed()
                    && "0".equals(browser.find("#rules-form input[name=lateEntryMinutes]").getAttribute("value")));
            browser.find("#rules-form input[name=lateEntryMinutes]").clear();
            browser.type("#rules-form input[name=lateEntryMinutes]", "15");
            browser.find("#rules-form button").click();
            browser.await(10, "the rules saved", d -> browser.find("#rules-status").getText()
                    .contains(node.adminUser()));
            assertThat(call("GET", node.baseUrl() + "/api/admin/sittings/" + sitting + "/rules", admin, null)
                    .path("lateEntryMinutes").asInt()).isEqualTo(15);
            browser.script("document.getElementById('rules-form').scrollIntoView()");
            browser.screenshot("rooms-admin-rules-zh");
            browser.find("#lang").click();
            browser.await(5, "English", d -> browser.find("#rules-form button").getText().equals("Save rules"));
            assertThat(browser.find("#rules-status").getText()).startsWith("Last changed by");
            browser.screenshot("rooms-admin-rules-en");
        }
    }
}
