package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The candidate page when a proctor moves the attempt to another seat (调换座位). */
@DisplayName("Seat change on the candidate page")
class SeatChangePageIT {

    /**
     * Holds back every {@code save} the page sends from now on (the page believes it sent it; the server never hears
     * it), as for a save still in flight when the seat changes; {@code window.__holdSaves = false} lets later ones
     * through.
     */
    private static final String HOLD_SAVES = """
            const send = WebSocket.prototype.send;
            window.__heldSaves = 0;
            window.__holdSaves = true;
            WebSocket.prototype.send = function (data) {
              if (window.__holdSaves && String(data).includes('"type":"save"')) { window.__heldSaves++; return; }
              return send.call(this, data);
            };""";

    @Test
    @DisplayName("A seat change drains the old page's unacknowledged answer to the server, takes the old terminal "
            + "back to login naming the new seat, and the answer is there at the new seat")
    void seatChangedDrainsAndReturnsToLogin() throws Exception {
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
            String attemptId = page.attemptId();
            PaperItem single = Papers.first(Papers.of(node, attemptId), ItemType.SINGLE_CHOICE);
            String option = single.correctOptions().iterator().next();

            // The candidate answers while the save never reaches the server: only the journal holds it.
            browser.script(HOLD_SAVES);
            page.choose(single.number(), option);
            browser.await(10, "the save was not sent (and held back)",
                    d -> ((Number) browser.script("return window.__heldSaves")).intValue() > 0);
            assertThat(page.journalItems()).containsExactly(single.number());
            browser.script("window.__holdSaves = false");

            Api.Reply moved = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/" + from
                    + "/change-seat", admin, new JsonObject().put("toSeat", to).put("reason", "keyboard failed"));
            assertThat(moved.status()).as(moved.text()).isEqualTo(200);

            page.awaitView("login", 10);
            assertThat(page.text("main")).contains("调换座位").contains(to);
            assertThat(browser.script("return sessionStorage.getItem('examcore.session')")).isNull();
            assertThat(browser.script("return localStorage.getItem('examcore.journal.' + arguments[0])", attemptId))
                    .isNull();
            browser.screenshot("seat-changed-login");
            Map<Integer, Answer> held = node.node().services().attempts().get(attemptId).toCompletionStage()
                    .toCompletableFuture().get(30, TimeUnit.SECONDS).answers();
            assertThat(held).containsKey(single.number());
            assertThat(held.get(single.number()).value()).isEqualTo("\"" + option + "\"");

            // The new seat's terminal: nothing of the attempt on it, the answer comes from the server.
            browser.script("localStorage.clear(); sessionStorage.clear()");
            page.open();
            page.enrol(to, node.pin());
            page.login(node.candidate(20).ticket(), node.candidate(20).idNumber());
            assertThat(page.attemptId()).isEqualTo(attemptId);
            page.acknowledgeRules();
            page.awaitExam();
            page.go(single.number());
            browser.await(10, "the drained answer is not shown at the new seat",
                    d -> page.find("#item-" + single.number() + "-opt-" + option).isSelected());
        }
    }
}
