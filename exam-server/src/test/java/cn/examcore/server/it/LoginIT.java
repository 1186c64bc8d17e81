package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Terminal enrolment and candidate login")
class LoginIT {

    static TestNode node;
    static Api api;

    @BeforeAll
    static void start() {
        node = TestNode.builder().leadSeconds(600).start();
        api = new Api(node.baseUrl());
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    @Test
    @DisplayName("A candidate logs in at the assigned seat and gets a token, the attempt and the sitting")
    void rightSeat() {
        String terminal = api.enrol(node.seatCodes().get(0), node.pin());
        Api.Reply r = api.login(terminal, node.candidate(0).ticket(), node.candidate(0).idNumber().toLowerCase());
        assertThat(r.status()).isEqualTo(200);
        JsonObject body = r.json();
        assertThat(body.getString("token")).isNotBlank();
        assertThat(body.getString("attemptId")).isNotBlank();
        assertThat(body.getJsonObject("candidate").getString("ticket")).isEqualTo(node.candidate(0).ticket());
        assertThat(body.getJsonObject("sitting").getLong("t0")).isEqualTo(node.demo().t0());
        assertThat(body.getJsonObject("sitting").getLong("durationSeconds")).isEqualTo(90 * 60);
        assertThat(body.getLong("serverNow")).isPositive();
    }

    @Test
    @DisplayName("Logging in at another seat is refused as WRONG_SEAT and recorded as an event of the attempt")
    void wrongSeat() {
        String terminal = api.enrol(node.seatCodes().get(10), node.pin());
        Api.Reply r = api.login(terminal, node.candidate(11).ticket(), node.candidate(11).idNumber());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("WRONG_SEAT");
        assertThat(r.text()).doesNotContain(node.seatCodes().get(11));
        String admin = api.adminToken(node);
        Api.Reply events = api.get("/api/proctor/sittings/" + node.sittingId() + "/events", admin);
        List<JsonObject> wrong = new ArrayList<>();
        events.array().forEach(o -> {
            JsonObject e = (JsonObject) o;
            if (e.getString("kind").equals("WRONG_SEAT")) {
                wrong.add(e);
            }
        });
        assertThat(wrong).hasSize(1);
        assertThat(wrong.get(0).getString("seatCode")).isEqualTo(node.seatCodes().get(10));
        assertThat(wrong.get(0).getString("source")).isEqualTo("SERVER");
        assertThat(wrong.get(0).getJsonObject("detail").getString("assignedSeat")).isEqualTo(node.seatCodes().get(11));
        assertThat(wrong.get(0).getLong("at")).isPositive();
    }

    @Test
    @DisplayName("Wrong credentials, a wrong PIN and an unknown seat are refused by name")
    void badCredentials() {
        String terminal = api.enrol(node.seatCodes().get(12), node.pin());
        Api.Reply r = api.login(terminal, node.candidate(12).ticket(), "310101199001011234");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("BAD_CREDENTIALS");
        Api.Reply pin = api.post("/api/terminal/enrol", null, new JsonObject().put("seatCode",
                node.seatCodes().get(12)).put("pin", "000000"));
        assertThat(pin.status()).isEqualTo(403);
        assertThat(pin.code()).isEqualTo("BAD_PIN");
        Api.Reply seat = api.post("/api/terminal/enrol", null, new JsonObject().put("seatCode", "NOPE-99")
                .put("pin", node.pin()));
        assertThat(seat.status()).isEqualTo(404);
        assertThat(seat.code()).isEqualTo("UNKNOWN_SEAT");
        Api.Reply missing = api.post("/api/candidate/login", null, new JsonObject().put("terminalToken", terminal)
                .put("ticket", node.candidate(12).ticket()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getJsonObject("details").getString("field")).isEqualTo("idNumber");
        Api.Reply malformed = api.postRaw("/api/candidate/login", null, "{\"ticket\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getJsonObject("details").getString("field")).isEqualTo("body");
    }

    @Test
    @DisplayName("Repeated failed logins for one ticket are rate-limited, and the limit holds for the right ID too")
    void rateLimitedPerTicket() {
        String terminal = api.enrol(node.seatCodes().get(13), node.pin());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Api.Reply r = api.login(terminal, node.candidate(13).ticket(), "310101199001011234");
            statuses.add(r.status());
            if (r.status() == 429) {
                assertThat(r.code()).isEqualTo("RATE_LIMITED");
            }
        }
        // A burst of 5 per ticket; one more is earned every 12 s, so a slow machine may see one extra 401.
        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 8)).contains(429);
        Api.Reply right = api.login(terminal, node.candidate(13).ticket(), node.candidate(13).idNumber());
        assertThat(right.status()).isEqualTo(429);
    }

    @Test
    @DisplayName("A terminal is rate-limited across tickets")
    void rateLimitedPerTerminal() {
        String terminal = api.enrol(node.seatCodes().get(14), node.pin());
        int limited = 0;
        for (int i = 0; i < 12; i++) {
            Api.Reply r = api.login(terminal, "NO-SUCH-" + i, "310101199001011234");
            if (r.status() == 429) {
                limited++;
            }
        }
        // A burst of 10 per terminal (one more every 6 s): the eleventh or twelfth is refused.
        assertThat(limited).isPositive();
    }
}
