package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The candidate page when a proctor moves the attempt to another seat (调换座位). */
@DisplayName("Seat change on the candidate page")
class SeatChangePageIT {

    @Test
    @DisplayName("A seat change takes the old terminal back to login, naming the new seat")
    void seatChangedReturnsToLogin() {
        try (TestNode node = TestNode.builder().leadSeconds(600).start(); Api api = new Api(node.baseUrl());
             ChromeBrowser browser = ChromeBrowser.start()) {
            String admin = api.adminToken(node);
            assertThat(api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null).status())
                    .isEqualTo(200);
            Api.Reply room = api.post("/api/admin/sittings/" + node.sittingId() + "/rooms", admin,
                    new JsonObject().put("name", "R-spare").put("rows", 1).put("cols", 1));
            assertThat(room.status()).as(room.text()).isEqualTo(201);
            String to = room.json().getJsonArray("seatCodes").getString(0);
            String from = node.seatCodes().get(20);

            CandidatePage page = new CandidatePage(browser, node.baseUrl());
            page.open();
            page.enrol(from, node.pin());
            page.login(node.candidate(20).ticket(), node.candidate(20).idNumber());
            page.acknowledgeRules();
            page.awaitExam();

            Api.Reply moved = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/" + from
                    + "/change-seat", admin, new JsonObject().put("toSeat", to).put("reason", "keyboard failed"));
            assertThat(moved.status()).as(moved.text()).isEqualTo(200);

            page.awaitView("login", 10);
            assertThat(page.text("main")).contains("调换座位").contains(to);
            assertThat(browser.script("return sessionStorage.getItem('examcore.session')")).isNull();
            browser.screenshot("seat-changed-login");
        }
    }
}
