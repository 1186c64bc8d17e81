package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.api.Addresses;
import cn.examcore.server.decision.SanctionPolicy;
import cn.examcore.server.domain.Digest;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Decisions recorded on exam-server over HTTP: the server-side sanction, the ban registry, refusals, scoping. */
@DisplayName("Decisions and their sanctions")
class DecisionsIT {

    static TestNode node;
    static Api api;
    static String admin;
    static LocalDate sittingDate;
    static final List<JsonObject> published = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        node = TestNode.builder().leadSeconds(600).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        sittingDate = SanctionPolicy.dateOf(Instant.ofEpochMilli(node.demo().t0()));
        node.node().vertx().eventBus().<String>consumer(Addresses.SEAT_EVENTS,
                m -> published.add(new JsonObject(m.body())));
        assertThat(api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null).status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    private static String decisions() {
        return "/api/proctor/sittings/" + node.sittingId() + "/decisions";
    }

    private static JsonArray listed() {
        Api.Reply r = api.get(decisions(), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array();
    }

    /** Records an incident at seat i and returns its event id, the evidence a decision cites. */
    private static String incident(int i, String category) {
        Api.Reply r = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/" + node.seatCodes().get(i)
                + "/record-incident", admin, new JsonObject().put("category", category).put("note", "seen"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().getString("eventId");
    }

    private static JsonObject body(String attemptId, String category, String severity, String outcome,
                                   String flagId, String... evidence) {
        JsonArray ev = new JsonArray();
        for (String e : evidence) {
            ev.add(e);
        }
        return new JsonObject().put("attemptId", attemptId).put("category", category).put("severity", severity)
                .put("outcome", outcome).put("flagId", flagId).put("evidence", ev).put("reason", "seen by two proctors");
    }

    private static void badRequestNaming(Api.Reply r, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo(field);
    }

    @Test
    @DisplayName("A confirmed tier-B decision carries the server's sanction, bans to year end, and is published")
    void tierBDecision() {
        JsonObject login = api.loginDemo(node, 0);
        String attemptId = login.getString("attemptId");
        String evidence = incident(0, "B1");

        Api.Reply r = api.post(decisions(), admin, body(attemptId, "B1", null, "CONFIRMED", "flag-b", evidence));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonObject d = r.json();
        assertThat(d.getString("by")).isEqualTo(node.adminUser());
        assertThat(d.getString("candidateId")).isEqualTo(node.candidate(0).ticket());
        assertThat(d.getString("attemptId")).isEqualTo(attemptId);
        JsonObject sanction = d.getJsonObject("sanction");
        assertThat(sanction.getString("cancels")).isEqualTo("ALL_SUBJECTS");
        assertThat(sanction.getString("banFrom")).isEqualTo(sittingDate.toString());
        assertThat(sanction.getString("banUntil")).isEqualTo(sittingDate.getYear() + "-12-31");
        assertThat(sanction.getBoolean("referral")).isFalse();
        assertThat(sanction.getBoolean("scoresInvalid")).isFalse();

        String decisionId = d.getString("decisionId");
        assertThat(listed().stream().map(o -> ((JsonObject) o).getString("decisionId"))).contains(decisionId);
        Await.until("the decision is published as a seat event", Duration.ofSeconds(10), () -> published.stream()
                .anyMatch(e -> e.getString("kind").equals("DECISION_RECORDED")
                        && decisionId.equals(e.getJsonObject("detail").getString("decisionId"))
                        && "flag-b".equals(e.getJsonObject("detail").getString("flagId"))));

        Api.Reply bans = api.get("/api/admin/bans?idNumber=" + node.candidate(0).idNumber(), admin);
        assertThat(bans.status()).as(bans.text()).isEqualTo(200);
        assertThat(bans.array()).hasSize(1);
        JsonObject ban = bans.array().getJsonObject(0);
        assertThat(ban.getString("decisionId")).isEqualTo(decisionId);
        assertThat(ban.getString("until")).isEqualTo(sittingDate.getYear() + "-12-31");
        assertThat(ban.getString("idNumber")).doesNotContain(node.candidate(0).idNumber().substring(6, 14));

        Api.Reply audit = api.get("/api/admin/sittings/" + node.sittingId() + "/audit", admin);
        assertThat(audit.array().stream().map(o -> (JsonObject) o)
                .filter(a -> a.getString("action").equals("decision.record"))
                .anyMatch(a -> a.getString("detail").contains(decisionId))).isTrue();

        Api.Reply again = api.post(decisions(), admin, body(attemptId, "B1", null, "DISMISSED", "flag-b"));
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.json().getJsonObject("details").getString("decidedBy")).isEqualTo(node.adminUser());
        assertThat(again.json().getJsonObject("details").getString("decisionId")).isEqualTo(decisionId);
        assertThat(again.json().getString("message")).contains(node.adminUser());
    }

    @Test
    @DisplayName("Bad decisions are refused naming the field, and nothing is stored")
    void refusals() {
        String attemptId = api.loginDemo(node, 1).getString("attemptId");
        String evidence = incident(1, "C3");
        int before = listed().size();

        badRequestNaming(api.post(decisions(), admin, body(attemptId, "Z9", null, "CONFIRMED", null, evidence)),
                "category");
        badRequestNaming(api.post(decisions(), admin, body(attemptId, "C3", null, "CONFIRMED", null, evidence)),
                "severity");
        badRequestNaming(api.post(decisions(), admin, body(attemptId, "A1", "MINOR", "CONFIRMED", null, evidence)),
                "severity");
        badRequestNaming(api.post(decisions(), admin, body(attemptId, "C3", "HUGE", "CONFIRMED", null, evidence)),
                "severity");
        badRequestNaming(api.post(decisions(), admin, body(attemptId, "C3", "MINOR", "MAYBE", null, evidence)),
                "outcome");
        badRequestNaming(api.post(decisions(), admin, body(attemptId, "C3", "MINOR", "CONFIRMED", null,
                evidence, "no-such-event")), "evidence[1]");
        badRequestNaming(api.post(decisions(), admin, body(attemptId, "C3", "MINOR", "CONFIRMED", null,
                evidence, evidence)), "evidence[1]");
        badRequestNaming(api.post(decisions(), admin, body(null, "C3", "MINOR", "CONFIRMED", null, evidence)),
                "attemptId");
        badRequestNaming(api.post(decisions(), admin, body(attemptId, "B2", null, "DISMISSED", null)
                .put("reason", null)), "reason");
        assertThat(api.post(decisions(), admin, body("no-such-attempt", "B1", null, "CONFIRMED", null, evidence))
                .status()).isEqualTo(404);

        assertThat(listed()).hasSize(before);
        assertThat(api.get("/api/admin/bans?idNumber=" + node.candidate(1).idNumber(), admin).array()).isEmpty();
        badRequestNaming(api.get("/api/admin/bans?idNumber=123", admin), "idNumber");
    }

    @Test
    @DisplayName("A serious tier-C decision bans for five years and refers; a proctor of another room may not decide")
    void tierCSeriousAndScoping() {
        String attemptId = api.loginDemo(node, 2).getString("attemptId");
        String evidence = incident(2, "C2");

        Api.Reply room = api.post("/api/admin/sittings/" + node.sittingId() + "/rooms", admin,
                new JsonObject().put("name", "R-other").put("rows", 1).put("cols", 1));
        assertThat(room.status()).as(room.text()).isEqualTo(201);
        assertThat(api.post("/api/admin/staff", admin, new JsonObject().put("username", "proctor-other")
                .put("password", "long-enough-secret").put("role", "PROCTOR")
                .put("roomIds", new JsonArray().add(room.json().getString("id")))).status()).isEqualTo(201);
        String other = api.post("/api/admin/login", null, new JsonObject().put("username", "proctor-other")
                .put("password", "long-enough-secret")).json().getString("token");
        int before = listed().size();
        assertThat(api.post(decisions(), other, body(attemptId, "C2", "SERIOUS", "CONFIRMED", "flag-c", evidence))
                .status()).isEqualTo(403);
        assertThat(listed()).hasSize(before);
        assertThat(api.get(decisions(), other).array()).isEmpty();

        Api.Reply r = api.post(decisions(), admin, body(attemptId, "C2", "SERIOUS", "CONFIRMED", "flag-c", evidence));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonObject sanction = r.json().getJsonObject("sanction");
        assertThat(r.json().getString("severity")).isEqualTo("SERIOUS");
        assertThat(sanction.getString("cancels")).isEqualTo("ALL_SUBJECTS");
        assertThat(sanction.getString("banUntil")).isEqualTo(sittingDate.plusYears(5).minusDays(1).toString());
        assertThat(sanction.getBoolean("referral")).isTrue();
    }

    @Test
    @DisplayName("A dismissal carries no sanction and no ban")
    void dismissal() {
        String attemptId = api.loginDemo(node, 3).getString("attemptId");
        Api.Reply r = api.post(decisions(), admin, body(attemptId, "A2", null, "DISMISSED", "flag-a"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().getValue("sanction")).isNull();
        assertThat(api.get("/api/admin/bans?idNumber=" + node.candidate(3).idNumber(), admin).array()).isEmpty();
    }
}
