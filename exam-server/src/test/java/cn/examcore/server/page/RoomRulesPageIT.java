package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The room rules on the candidate page in a real browser: the submit button closed until the earliest submission
 * and saying when it opens, the rules acknowledgement (承诺) reaching the server with its text version, and an
 * announcement shown as a banner until acknowledged (and not again after a reload once it is).
 */
@DisplayName("Room rules on the candidate page")
class RoomRulesPageIT {

    private static List<JsonObject> events(Api api, String admin, TestNode node, String attemptId, String kind) {
        return api.get("/api/proctor/sittings/" + node.sittingId() + "/events?attemptId=" + attemptId, admin).array()
                .stream().map(o -> (JsonObject) o).filter(e -> e.getString("kind").equals(kind)).toList();
    }

    @Test
    @DisplayName("the submit button waits for the earliest submission, the rules acknowledgement is stored, and an"
            + " announcement banner stays until the candidate acknowledges it")
    void rulesAndAnnouncements() {
        try (TestNode node = TestNode.builder().leadSeconds(-60).start();
             Api api = new Api(node.baseUrl());
             ChromeBrowser browser = ChromeBrowser.start()) {
            String admin = api.adminToken(node);
            assertThat(api.put("/api/admin/sittings/" + node.sittingId() + "/rules", admin,
                    new JsonObject().put("earliestSubmitMinutes", 30)).status()).isEqualTo(200);
            String seat = node.seatCodes().get(3);
            CandidatePage page = new CandidatePage(browser, node.baseUrl());
            page.open();
            page.enrol(seat, node.pin());
            page.login(node.candidate(3).ticket(), node.candidate(3).idNumber());
            page.acknowledgeRules();
            page.awaitExam();
            String attemptId = page.attemptId();

            browser.await(10, "the submit button did not close", d -> !page.find("#submit").isEnabled());
            assertThat(page.text("#submit")).endsWith("起可交卷");
            browser.await(10, "the rules acknowledgement did not reach the server",
                    d -> !events(api, admin, node, attemptId, "RULES_ACKNOWLEDGED").isEmpty());
            assertThat(events(api, admin, node, attemptId, "RULES_ACKNOWLEDGED").get(0).getJsonObject("detail")
                    .getString("version")).isEqualTo("2025-1");

            String room = api.get("/api/proctor/sittings/" + node.sittingId() + "/rooms", admin).json()
                    .getJsonArray("rooms").getJsonObject(0).getString("id");
            Api.Reply made = api.post("/api/proctor/sittings/" + node.sittingId() + "/announcements", admin,
                    new JsonObject().put("roomId", room).put("message", "请检查答题卡上的准考证号。"));
            assertThat(made.status()).as(made.text()).isEqualTo(201);
            browser.await(10, "the announcement banner did not show", d -> page.present(".announcement"));
            assertThat(page.text(".announcement")).contains("考场公告", "请检查答题卡上的准考证号。");
            browser.screenshot("rooms-announcement-zh");

            browser.driver.navigate().refresh();
            page.awaitExam();
            browser.await(10, "the unacknowledged banner did not come back", d -> page.present(".announcement"));
            page.find(".announcement button").click();
            browser.await(5, "the banner did not go", d -> !page.present(".announcement"));
            browser.await(10, "the acknowledgement did not reach the server",
                    d -> events(api, admin, node, attemptId, "ANNOUNCEMENT_ACKNOWLEDGED").size() == 1);
            browser.driver.navigate().refresh();
            page.awaitExam();
            browser.await(10, "the page did not sync", d -> "online".equals(page.find("#conn-status")
                    .getAttribute("data-state")));
            assertThat(page.present(".announcement")).as("an acknowledged announcement is not shown again").isFalse();

            page.find("#lang-switch").click();
            assertThat(api.post("/api/proctor/sittings/" + node.sittingId() + "/announcements", admin,
                    new JsonObject().put("message", "The sitting ends five minutes later.")).status()).isEqualTo(201);
            browser.await(10, "the second banner did not show", d -> page.present(".announcement"));
            assertThat(page.text(".announcement")).contains("Announcement to all rooms", "I have read this");
            assertThat(page.text("#submit")).startsWith("Submit from");
            browser.screenshot("rooms-announcement-en");
        }
    }
}
