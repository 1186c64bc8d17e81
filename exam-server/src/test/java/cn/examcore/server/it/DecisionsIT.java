package cn.examcore.server.it;

import static cn.examcore.server.testing.ReleasedSitting.badRequestNaming;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.conduct.domain.SanctionPolicy;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.ReleasedSitting;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Decisions recorded on exam-server over HTTP: the server-side sanction, the ban registry, refusals, scoping. */
@DisplayName("Decisions and their sanctions")
class DecisionsIT {

    static ReleasedSitting sitting;
    static TestNode node;
    static Api api;
    static String admin;
    static LocalDate sittingDate;
    static List<JsonObject> published;

    @BeforeAll
    static void start() {
        // T0 a minute ago: a decision is then never taken on a Shanghai day before the sitting's, whatever the time
        // of day (a T0 ten minutes ahead fell on the next day between 15:50 and 16:00 UTC, and the post-exam
        // decision was refused as taken before the sitting).
        sitting = ReleasedSitting.start(TestNode.builder().leadSeconds(-60));
        node = sitting.node();
        api = sitting.api();
        admin = sitting.admin();
        published = sitting.published();
        sittingDate = SanctionPolicy.dateOf(Instant.ofEpochMilli(node.demo().t0()));
    }

    @AfterAll
    static void stop() {
        sitting.close();
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

        // 复议: the proctor of one room is not the sitting's chief proctor; a proctor of every room is, and the
        // appeal reduces the severity: a new ban of two years replaces the five-year one, which is lifted.
        String decisionId = r.json().getString("decisionId");
        String revisions = decisions() + "/" + decisionId + "/revisions";
        JsonObject minor = new JsonObject().put("outcome", "CONFIRMED").put("severity", "MINOR")
                .put("reason", "the material was obtained, not spread");
        assertThat(api.post(revisions, other, minor).status()).isEqualTo(403);
        JsonArray everyRoom = new JsonArray();
        api.get("/api/proctor/sittings/" + node.sittingId() + "/rooms", admin).json().getJsonArray("rooms").stream()
                .map(o -> ((JsonObject) o).getString("id")).forEach(everyRoom::add);
        assertThat(everyRoom).hasSize(2);
        assertThat(api.post("/api/admin/staff", admin, new JsonObject().put("username", "chief-proctor")
                .put("password", "long-enough-secret").put("role", "PROCTOR").put("roomIds", everyRoom)).status())
                .isEqualTo(201);
        String chiefProctor = api.post("/api/admin/login", null, new JsonObject().put("username", "chief-proctor")
                .put("password", "long-enough-secret")).json().getString("token");
        assertThat(api.post(revisions, chiefProctor, minor.copy().put("severity", "HUGE")).json()
                .getJsonObject("details").getString("field")).isEqualTo("severity");
        Api.Reply revised = api.post(revisions, chiefProctor, minor);
        assertThat(revised.status()).as(revised.text()).isEqualTo(201);
        assertThat(revised.json().getString("revises")).isEqualTo(decisionId);
        assertThat(revised.json().getString("severity")).isEqualTo("MINOR");
        assertThat(revised.json().getJsonObject("sanction").getString("banUntil"))
                .isEqualTo(sittingDate.plusYears(2).minusDays(1).toString());
        JsonArray bans = api.get("/api/admin/bans?idNumber=" + node.candidate(2).idNumber(), admin).array();
        assertThat(bans.stream().map(o -> (JsonObject) o)
                .filter(b -> b.getString("decisionId").equals(decisionId)).findFirst().orElseThrow()
                .getJsonObject("lift")).isNotNull();
        assertThat(bans.stream().map(o -> (JsonObject) o)
                .filter(b -> b.getString("decisionId").equals(revised.json().getString("decisionId"))).findFirst()
                .orElseThrow().getValue("lift")).isNull();
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

    private static JsonObject resultOf(String ticket) {
        Api.Reply r = api.get("/api/admin/sittings/" + node.sittingId() + "/results", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array().stream().map(o -> (JsonObject) o).filter(o -> o.getString("ticket").equals(ticket))
                .findFirst().orElseThrow();
    }

    @Test
    @DisplayName("A confirmed tier-A decision shows the result CANCELLED with the decision, keeping the score")
    void resultCancelled() {
        String attemptId = CertificatesIT.submit(api, node, 4, false);
        String ticket = node.candidate(4).ticket();
        JsonObject before = resultOf(ticket);
        assertThat(before.getString("status")).isEqualTo("SUBMITTED");
        assertThat(before.getValue("cancellation")).isNull();

        String evidence = incident(4, "A3");
        Api.Reply r = api.post(decisions(), admin, body(attemptId, "A3", null, "CONFIRMED", "flag-a3", evidence));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().getJsonObject("sanction").getString("cancels")).isEqualTo("SUBJECT");
        assertThat(r.json().getJsonObject("sanction").getValue("banUntil")).isNull();
        String decisionId = r.json().getString("decisionId");

        JsonObject after = resultOf(ticket);
        assertThat(after.getString("status")).isEqualTo("CANCELLED");
        assertThat(after.getValue("objectiveScore").toString()).isEqualTo(before.getValue("objectiveScore").toString());
        assertThat(after.getString("submitKind")).isEqualTo("SUBMITTED");
        JsonObject cancellation = after.getJsonObject("cancellation");
        assertThat(cancellation.getString("decisionId")).isEqualTo(decisionId);
        assertThat(cancellation.getString("category")).isEqualTo("A3");
        assertThat(cancellation.getString("reason")).startsWith("A3 ");
        assertThat(cancellation.getBoolean("declaredInvalid")).isFalse();
        assertThat(resultOf(node.candidate(0).ticket()).getString("status")).isNotEqualTo("CANCELLED");

        Api.Reply csv = api.get("/api/admin/sittings/" + node.sittingId() + "/results/export?format=csv", admin);
        assertThat(csv.status()).isEqualTo(200);
        String line = csv.text().lines().filter(l -> l.contains(ticket)).findFirst().orElseThrow();
        assertThat(line).contains("成绩取消").contains(decisionId);
    }

    @Test
    @DisplayName("A post-exam decision declares the score invalid and revokes certificates")
    void afterSitting() {
        String attemptId = CertificatesIT.submit(api, node, 6, false);
        Api.Reply r = api.post(decisions(), admin, body(attemptId, "B3", null, "CONFIRMED", null)
                .put("reason", "the answers were found on a chat group after the sitting").put("afterSitting", true));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonObject sanction = r.json().getJsonObject("sanction");
        assertThat(sanction.getBoolean("scoresInvalid")).isTrue();
        assertThat(sanction.getBoolean("revokeCertificates")).isTrue();
        JsonObject row = resultOf(node.candidate(6).ticket());
        assertThat(row.getString("status")).isEqualTo("CANCELLED");
        assertThat(row.getJsonObject("cancellation").getBoolean("declaredInvalid")).isTrue();
        badRequestNaming(api.post(decisions(), admin, body(attemptId, "B3", null, "CONFIRMED", null)
                .put("afterSitting", "yes")), "afterSitting");
    }

    /** A new sitting two hours ahead with one room R1 of two seats, for roster imports. */
    private static String laterSitting() {
        Api.Reply created = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "later")
                .put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "理论知识")
                .put("t0", System.currentTimeMillis() + 7_200_000).put("durationMinutes", 60)
                .put("checkInMinutes", 10).put("enrolmentPin", "731946"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String later = created.json().getString("id");
        assertThat(api.post("/api/admin/sittings/" + later + "/rooms", admin,
                new JsonObject().put("name", "R1").put("rows", 1).put("cols", 2)).status()).isEqualTo(201);
        return later;
    }

    private static JsonObject banOf(int i) {
        Api.Reply bans = api.get("/api/admin/bans?idNumber=" + node.candidate(i).idNumber(), admin);
        assertThat(bans.status()).as(bans.text()).isEqualTo(200);
        assertThat(bans.array()).hasSize(1);
        return bans.array().getJsonObject(0);
    }

    @Test
    @DisplayName("A lifted ban shows who lifted it, when and why, and no longer refuses the person at roster import")
    void banLifted() {
        String attemptId = api.loginDemo(node, 8).getString("attemptId");
        Api.Reply decided = api.post(decisions(), admin, body(attemptId, "B5", null, "CONFIRMED", "flag-b5",
                incident(8, "B5")));
        assertThat(decided.status()).as(decided.text()).isEqualTo(201);
        String decisionId = decided.json().getString("decisionId");
        String lift = "/api/admin/bans/" + decisionId + "/lift";
        assertThat(banOf(8).getValue("lift")).isNull();

        badRequestNaming(api.post(lift, admin, new JsonObject()), "reason");
        badRequestNaming(api.post(lift, admin, new JsonObject().put("reason", "  ")), "reason");
        badRequestNaming(api.post(lift, admin, new JsonObject().put("reason", 7)), "reason");
        Api.Reply unknown = api.post("/api/admin/bans/no-such-decision/lift", admin,
                new JsonObject().put("reason", "appeal upheld"));
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.json().getJsonObject("details").getString("field")).isEqualTo("decisionId");
        assertThat(banOf(8).getValue("lift")).isNull();

        String header = "准考证号,身份证号,姓名,考场,座位号,科目\n";
        byte[] roster = (header + "M-001," + node.candidate(8).idNumber() + ",丙,R1,1,理论知识\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String later = laterSitting();
        assertThat(api.postFile("/api/admin/sittings/" + later + "/roster", admin, "roster.csv", roster).status())
                .isEqualTo(422);

        long before = System.currentTimeMillis();
        Api.Reply lifted = api.post(lift, admin, new JsonObject().put("reason", "appeal upheld by the review board"));
        assertThat(lifted.status()).as(lifted.text()).isEqualTo(200);
        JsonObject view = banOf(8);
        assertThat(view.getString("decisionId")).isEqualTo(decisionId);
        assertThat(view.getString("until")).isEqualTo(sittingDate.getYear() + "-12-31");
        JsonObject shown = view.getJsonObject("lift");
        assertThat(shown.getString("by")).isEqualTo(node.adminUser());
        assertThat(shown.getString("reason")).isEqualTo("appeal upheld by the review board");
        assertThat(shown.getLong("at")).isBetween(before, System.currentTimeMillis());
        assertThat(lifted.json().getJsonObject("lift")).isEqualTo(shown);

        Api.Reply audit = api.get("/api/admin/sittings/" + node.sittingId() + "/audit", admin);
        assertThat(audit.array().stream().map(o -> (JsonObject) o)
                .filter(a -> a.getString("action").equals("ban.lift") && a.getString("actor").equals(node.adminUser()))
                .anyMatch(a -> a.getString("detail").contains(decisionId)
                        && a.getString("detail").contains("appeal upheld"))).isTrue();

        Api.Reply again = api.post(lift, admin, new JsonObject().put("reason", "once more"));
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.json().getJsonObject("details").getString("liftedBy")).isEqualTo(node.adminUser());
        assertThat(banOf(8).getJsonObject("lift")).isEqualTo(shown);

        Api.Reply accepted = api.postFile("/api/admin/sittings/" + later + "/roster", admin, "roster.csv", roster);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(accepted.json().getInteger("imported")).isEqualTo(1);
    }

    @Test
    @DisplayName("A later roster naming a banned candidate is refused naming the ban, and nothing is imported")
    void bannedCandidateRefusedAtRosterImport() {
        String attemptId = api.loginDemo(node, 5).getString("attemptId");
        String evidence = incident(5, "B4");
        Api.Reply decided = api.post(decisions(), admin, body(attemptId, "B4", null, "CONFIRMED", "flag-b4",
                evidence));
        assertThat(decided.status()).as(decided.text()).isEqualTo(201);
        String decisionId = decided.json().getString("decisionId");

        String later = laterSitting();
        String header = "准考证号,身份证号,姓名,考场,座位号,科目\n";
        String clean = "L-001," + node.candidate(7).idNumber() + ",甲,R1,1,理论知识\n";
        String banned = "L-002," + node.candidate(5).idNumber() + ",乙,R1,2,理论知识\n";

        Api.Reply refused = api.postFile("/api/admin/sittings/" + later + "/roster", admin, "roster.csv",
                (header + clean + banned).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("ROSTER_REJECTED");
        JsonArray errors = refused.json().getJsonObject("details").getJsonArray("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.getJsonObject(0).getInteger("row")).isEqualTo(3);
        assertThat(errors.getJsonObject(0).getString("field")).isEqualTo("idNumber");
        assertThat(errors.getJsonObject(0).getString("message")).contains(decisionId).contains("B4")
                .contains(sittingDate.getYear() + "-12-31");
        assertThat(api.get("/api/admin/sittings/" + later, admin).json().getInteger("candidates")).isZero();

        Api.Reply accepted = api.postFile("/api/admin/sittings/" + later + "/roster", admin, "roster.csv",
                (header + clean).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(accepted.json().getInteger("imported")).isEqualTo(1);
    }
}
