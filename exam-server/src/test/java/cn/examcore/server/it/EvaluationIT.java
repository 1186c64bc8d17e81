package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.EvaluationDays;
import cn.examcore.server.testing.OperationAnswers;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * 一次评价 from roster to certificate over real HTTP on PostgreSQL, on a node clock the test moves on: theory on day 1,
 * operation (uploads, double marking, one arbitration) on day 2, level results and certificates; a tier-B decision
 * on the day-1 sitting that cancels day 2 and revokes the certificate; a candidate failing operation who comes back
 * for a makeup within the window and passes; and the roster refusing a makeup outside the window.
 */
@DisplayName("An evaluation over two days, with makeup and certificates, over HTTP on PostgreSQL")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvaluationIT {

    static final Duration DAY = Duration.ofDays(1);
    static final AtomicLong OFFSET = new AtomicLong();
    static PostgreSQLContainer<?> container;
    static final String SCHEMA = "examcore_eval_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);
    static String url;
    static String user;
    static String password;
    static TestNode node;
    static Api api;
    static String admin;
    static String bankId;
    static String m1;
    static String m2;
    static String chief;
    static EvaluationDays days;

    /** Three people: P1 and P2 pass both subjects, P3 passes theory and fails operation. */
    static final String[] PEOPLE = {"P1", "P2", "P3"};
    static final Map<String, String> ID = new HashMap<>();
    static String theory;
    static String operation;
    static final Map<String, String> THEORY_ATTEMPT = new HashMap<>();
    /** Each certificate's verification code, known only from the reply that issued it. */
    static final Map<String, String> CODES = new HashMap<>();
    static String admin2;

    @BeforeAll
    static void start() throws Exception {
        if ("local".equals(System.getenv("EXAMCORE_TEST_PG"))) {
            url = "jdbc:postgresql://127.0.0.1:5432/test";
            user = "postgres";
            password = "";
        } else {
            container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            url = container.getJdbcUrl();
            user = container.getUsername();
            password = container.getPassword();
        }
        node = TestNode.builder().noDemo().clock(() -> System.currentTimeMillis() + OFFSET.get())
                .config("db-url", url).config("db-user", user).config("db-password", password)
                .config("db-schema", SCHEMA).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        Api.Reply bank = api.postFile("/api/admin/banks", admin, "hr-4.json",
                EvaluationDays.resource("/samples/hr-4.json"));
        assertThat(bank.status()).as(bank.text()).isEqualTo(201);
        bankId = bank.json().getString("bankId");
        days = new EvaluationDays(api, node, admin, bankId, EvaluationIT::now, 700_000);
        for (int i = 0; i < PEOPLE.length; i++) {
            String body = String.format("3101011988%02d%02d%03d", 3 + i, 10 + i, 500 + i);
            ID.put(PEOPLE[i], body + DemoSitting.checkChar(body));
        }
        m1 = OperationAnswers.staff(api, admin, "eval-marker-1", "MARKER");
        m2 = OperationAnswers.staff(api, admin, "eval-marker-2", "MARKER");
        chief = OperationAnswers.staff(api, admin, "eval-chief", "CHIEF_MARKER");
        admin2 = OperationAnswers.staff(api, admin, "eval-admin-2", "ADMIN");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (api != null) {
            api.close();
        }
        if (node != null) {
            node.close();
        }
        if (container != null) {
            container.stop();
            return;
        }
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    static long now() {
        return System.currentTimeMillis() + OFFSET.get();
    }

    static String row(String ticket, String person, int seat, String subjects, String evaluation, String kind) {
        return EvaluationDays.row(ticket, ID.get(person), "考生" + person, seat, subjects, evaluation, kind,
                "上海市技师协会");
    }

    static String sitting(String subject, String blueprint) {
        return days.sitting(subject, blueprint);
    }

    static Api.Reply roster(String sittingId, String rows) {
        return days.roster(sittingId, rows);
    }

    static void assembleAndStart(String sittingId, int papers) {
        days.assembleAndStart(sittingId, papers);
    }

    static String sit(String sittingId, int seat, String ticket, String person) {
        return days.sit(sittingId, seat, ticket, ID.get(person), person);
    }

    static String doubleMark(String sittingId, String failing, String disputed) {
        return days.doubleMark(sittingId, chief, List.of("eval-marker-1", "eval-marker-2"), List.of(m1, m2), failing,
                disputed);
    }

    static JsonObject resultOf(String sittingId, String ticket) {
        Api.Reply r = api.get("/api/admin/sittings/" + sittingId + "/results", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array().stream().map(o -> (JsonObject) o).filter(o -> o.getString("ticket").equals(ticket))
                .findFirst().orElseThrow();
    }

    static JsonObject evaluation(String id) {
        Api.Reply r = api.get("/api/admin/evaluations/" + id, admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    static String issue(String sittingId, int expected) {
        Api.Reply issued = api.post("/api/admin/sittings/" + sittingId + "/certificates", admin, null);
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        assertThat(issued.array()).hasSize(expected);
        issued.array().stream().map(o -> (JsonObject) o)
                .forEach(c -> CODES.put(c.getString("number"), c.getString("verificationCode")));
        return issued.text();
    }

    static JsonObject certificate(String number) {
        return api.get("/api/admin/certificates?idNumber=" + ID.get(number.substring("EC-EV-".length(),
                "EC-EV-".length() + 2)), admin).array().stream().map(o -> (JsonObject) o)
                .filter(c -> c.getString("number").equals(number)).findFirst().orElseThrow();
    }

    static Api.Reply verify(String number, String code) {
        return api.post("/api/public/certificates/verify", null, new JsonObject().put("number", number)
                .put("code", code));
    }

    @Test
    @Order(1)
    @DisplayName("theory on day 1 and operation on day 2 make one evaluation: the level passes only with both, and a"
            + " certificate follows, as a PDF, verifiable by number and code")
    void twoDayEvaluation() throws Exception {
        // Day 1: theory. Every row says which evaluation it belongs to and that it sits both subjects.
        theory = sitting("理论知识", "/blueprints/hr-4-objective.blueprint.json");
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < PEOPLE.length; i++) {
            csv.append(row("T-" + PEOPLE[i], PEOPLE[i], i + 1, "理论知识;操作技能", "EV-" + PEOPLE[i], "首次"));
        }
        Api.Reply imported = roster(theory, csv.toString());
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assembleAndStart(theory, 3);
        for (int i = 0; i < PEOPLE.length; i++) {
            THEORY_ATTEMPT.put(PEOPLE[i], sit(theory, i + 1, "T-" + PEOPLE[i], PEOPLE[i]));
        }
        JsonObject p1Theory = resultOf(theory, "T-P1");
        assertThat(p1Theory.getBoolean("passed")).isTrue();
        assertThat(p1Theory.getString("evaluationId")).isEqualTo("EV-P1");
        assertThat(p1Theory.getJsonObject("levelResult").getString("status")).isEqualTo("PENDING");
        // Theory alone earns nothing: the level needs operation too.
        issue(theory, 0);

        // Day 2: operation, same evaluations, other tickets.
        OFFSET.set(DAY.toMillis());
        operation = sitting("操作技能", "/samples/hr-4-operation.blueprint.json");
        StringBuilder csv2 = new StringBuilder();
        for (int i = 0; i < PEOPLE.length; i++) {
            csv2.append(row("O-" + PEOPLE[i], PEOPLE[i], i + 1, "理论知识;操作技能", "EV-" + PEOPLE[i], "首次"));
        }
        Api.Reply imported2 = roster(operation, csv2.toString());
        assertThat(imported2.status()).as(imported2.text()).isEqualTo(200);
        assembleAndStart(operation, 3);
        for (int i = 0; i < PEOPLE.length; i++) {
            sit(operation, i + 1, "O-" + PEOPLE[i], PEOPLE[i]);
        }
        assertThat(resultOf(operation, "O-P1").getBoolean("pendingMarking")).isTrue();
        String disputed = doubleMark(operation, "P3", "P1");
        assertThat(disputed).isNotNull();
        assertThat(resultOf(operation, "O-P1").getBoolean("pendingMarking")).as("awaits arbitration").isTrue();
        JsonObject sheet = api.get("/api/marking/scripts/" + disputed, chief).json();
        assertThat(sheet.getString("state")).isEqualTo("ARBITRATION");
        Api.Reply arbitrated = api.post("/api/marking/scripts/" + disputed + "/arbitration", chief,
                new JsonObject().put("points", EvaluationDays.rubricPoints(sheet, true)).put("comment", "arbiter"));
        assertThat(arbitrated.status()).as(arbitrated.text()).isEqualTo(201);

        JsonObject p1 = resultOf(operation, "O-P1");
        assertThat(p1.getBoolean("passed")).as(p1.encode()).isTrue();
        JsonObject level = p1.getJsonObject("levelResult");
        assertThat(level.getString("status")).as(level.encode()).isEqualTo("PASSED");
        List<String> days = level.getJsonArray("subjects").stream().map(o -> ((JsonObject) o).getString("sittingDate"))
                .toList();
        assertThat(days).hasSize(2).doesNotHaveDuplicates();
        JsonObject p3 = resultOf(operation, "O-P3");
        assertThat(p3.getBoolean("passed")).isFalse();
        assertThat(p3.getJsonObject("levelResult").getString("status")).isEqualTo("FAILED");
        // The theory sitting's view shows the same level result, across days.
        assertThat(resultOf(theory, "T-P2").getJsonObject("levelResult").getString("status")).isEqualTo("PASSED");

        JsonObject ev1 = evaluation("EV-P1");
        assertThat(ev1.getJsonArray("sittings")).hasSize(2);
        assertThat(ev1.getString("application")).isEqualTo("FIRST");
        assertThat(ev1.getJsonArray("subjects")).containsExactly("THEORY", "OPERATION");

        String issued = issue(operation, 2);
        assertThat(issued).contains("EC-EV-P1").contains("EC-EV-P2").doesNotContain("EC-EV-P3");
        JsonObject cert = certificate("EC-EV-P1");
        assertThat(cert.getString("status")).isEqualTo("ISSUED");
        assertThat(cert.getString("subject")).isEqualTo("THEORY+OPERATION");
        assertThat(cert.getString("body")).isEqualTo("上海市技师协会");
        assertThat(cert.getString("evaluationId")).isEqualTo("EV-P1");
        // The code is in the issuing reply only: the store keeps its hash, and no listing shows it.
        assertThat(cert.containsKey("verificationCode")).as(cert.encode()).isFalse();
        String code = CODES.get("EC-EV-P1");
        assertThat(code).hasSize(10);
        // Issuing again, from either sitting, issues nothing twice.
        issue(theory, 0);
        issue(operation, 0);

        Api.Reply pdf = api.get("/api/admin/certificates/EC-EV-P1/pdf", admin, Map.of("X-Verification-Code", code));
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body().getBytes())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("EC-EV-P1").contains(code).contains("考生P1").contains("企业人力资源管理师")
                    .contains("上海市技师协会").contains("四级/中级工");
        }
        Api.Reply wrongPdf = api.get("/api/admin/certificates/EC-EV-P1/pdf", admin,
                Map.of("X-Verification-Code", "WRONGCODE2"));
        assertThat(wrongPdf.status()).isEqualTo(400);
        assertThat(wrongPdf.json().getJsonObject("details").getString("field")).isEqualTo("code");
        try (PDDocument doc = Loader.loadPDF(api.get("/api/admin/certificates/EC-EV-P1/pdf", admin).body()
                .getBytes())) {
            assertThat(new PDFTextStripper().getText(doc)).as("without the code, the PDF cannot print it")
                    .contains("EC-EV-P1").doesNotContain(code);
        }
        assertThat(api.get("/api/admin/certificates/EC-EV-P1/pdf", m1).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/certificates/EC-NONE/pdf", admin).status()).isEqualTo(404);

        Api.Reply verified = verify("EC-EV-P1", code.toLowerCase(Locale.ROOT));
        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        assertThat(verified.json().getString("status")).isEqualTo("ISSUED");
        assertThat(verified.json().getString("name")).as("the public answer masks the name").isEqualTo("考***");
        Api.Reply wrong = verify("EC-EV-P1", "WRONGCODE2");
        assertThat(wrong.status()).isEqualTo(404);
        assertThat(wrong.json().getJsonObject("details").getString("field")).isEqualTo("number");
        Api.Reply missing = api.post("/api/public/certificates/verify", null, new JsonObject().put("number", "x"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getJsonObject("details").getString("field")).isEqualTo("code");
    }

    @Test
    @Order(2)
    @DisplayName("a tier-B decision on the day-1 sitting, taken on day 2, cancels the day-2 subject and revokes the"
            + " certificate; the other candidate's stays")
    void tierBReachesTheOtherDay() {
        Api.Reply b2 = api.post("/api/proctor/sittings/" + theory + "/decisions", admin, new JsonObject()
                .put("attemptId", THEORY_ATTEMPT.get("P1")).put("category", "B2").put("outcome", "CONFIRMED")
                .put("flagId", "flag-eval-b2").put("reason", "copied, found on review").put("afterSitting", true));
        assertThat(b2.status()).as(b2.text()).isEqualTo(201);
        String decisionId = b2.json().getString("decisionId");
        assertThat(b2.json().getJsonArray("revokedCertificates")).containsExactly("EC-EV-P1");

        JsonObject day2 = resultOf(operation, "O-P1");
        assertThat(day2.getString("status")).isEqualTo("CANCELLED");
        assertThat(day2.getJsonObject("cancellation").getString("decisionId")).isEqualTo(decisionId);
        assertThat(day2.getJsonObject("levelResult").getString("status")).isEqualTo("FAILED");
        JsonObject revoked = certificate("EC-EV-P1");
        assertThat(revoked.getString("status")).isEqualTo("REVOKED");
        assertThat(revoked.getString("revokedBy")).isEqualTo(decisionId);
        assertThat(verify("EC-EV-P1", CODES.get("EC-EV-P1")).json().getString("status")).isEqualTo("REVOKED");
        assertThat(certificate("EC-EV-P2").getString("status")).isEqualTo("ISSUED");
        assertThat(resultOf(operation, "O-P2").getString("status")).isNotEqualTo("CANCELLED");
        // Not issued again while the decision stands.
        issue(operation, 0);
    }

    @Test
    @Order(3)
    @DisplayName("an appeal against the tier-B decision, decided by another administrator, keeps the decision on record,"
            + " lifts its ban and restores the day-2 result; the level passes again under a new certificate number"
            + " while the revoked one stays verifiable as revoked; a further revision re-imposing it revokes again")
    void appealRevisesTheDecision() {
        String decisionsPath = "/api/proctor/sittings/" + theory + "/decisions";
        JsonObject original = decisionsOf(decisionsPath, "flag-eval-b2");
        String decisionId = original.getString("decisionId");
        String path = decisionsPath + "/" + decisionId + "/revisions";
        JsonObject lift = new JsonObject().put("outcome", "DISMISSED")
                .put("reason", "the appeal showed the notes were the permitted formula sheet");

        // Bad input and the wrong people are refused, naming what is wrong, and change nothing.
        assertField(api.post(path, admin2, new JsonObject().put("reason", "x")), 400, "outcome");
        assertField(api.post(path, admin2, new JsonObject().put("outcome", "DISMISSED")), 400, "reason");
        assertField(api.post(path, admin2, lift.copy().put("outcome", "MAYBE")), 400, "outcome");
        assertField(api.post(path, admin2, new JsonObject().put("outcome", "CONFIRMED").put("category", "Z9")
                .put("reason", "x")), 400, "category");
        assertField(api.post(decisionsPath + "/no-such-decision/revisions", admin2, lift), 404, "decisionId");
        assertThat(api.post(path, admin, lift).status()).as("not by who took the decision").isEqualTo(403);
        assertThat(api.post(path, m1, lift).status()).isEqualTo(403);
        assertThat(api.post(path, null, lift).status()).isEqualTo(401);
        assertThat(resultOf(operation, "O-P1").getString("status")).isEqualTo("CANCELLED");

        Api.Reply revised = api.post(path, admin2, lift);
        assertThat(revised.status()).as(revised.text()).isEqualTo(201);
        String revisionId = revised.json().getString("decisionId");
        assertThat(revised.json().getString("revises")).isEqualTo(decisionId);
        assertThat(revised.json().getString("outcome")).isEqualTo("DISMISSED");
        assertThat(revised.json().getString("by")).isEqualTo("eval-admin-2");
        assertThat(revised.json().getValue("sanction")).isNull();
        Api.Reply twice = api.post(path, admin2, lift);
        assertThat(twice.status()).as(twice.text()).isEqualTo(409);
        assertThat(twice.json().getJsonObject("details").getString("revisionId")).isEqualTo(revisionId);

        // Append-only: the decision is as it was, and names the revision that applies in its place.
        JsonObject kept = decisionsOf(decisionsPath, "flag-eval-b2");
        assertThat(kept.getString("outcome")).isEqualTo("CONFIRMED");
        assertThat(kept.getString("reason")).isEqualTo(original.getString("reason"));
        assertThat(kept.getJsonObject("sanction")).isEqualTo(original.getJsonObject("sanction"));
        assertThat(kept.getString("revisedBy")).isEqualTo(revisionId);
        assertThat(api.get("/api/admin/sittings/" + theory + "/audit", admin).array().stream()
                .map(o -> (JsonObject) o).filter(a -> a.getString("action").equals("decision.revise"))
                .map(a -> new JsonObject(a.getString("detail")))
                .anyMatch(d -> d.getString("revises").equals(decisionId)
                        && d.getString("before").equals("CONFIRMED B2") && d.getString("after").equals("DISMISSED B2")))
                .isTrue();
        assertThat(api.get("/api/proctor/sittings/" + theory + "/events?attemptId=" + THEORY_ATTEMPT.get("P1"), admin)
                .text()).as("the consoles see the revision as a decision event").contains(revisionId);
        JsonObject ban = api.get("/api/admin/bans?idNumber=" + ID.get("P1"), admin).array().stream()
                .map(o -> (JsonObject) o).filter(b -> b.getString("decisionId").equals(decisionId)).findFirst()
                .orElseThrow();
        assertThat(ban.getJsonObject("lift")).as(ban.encode()).isNotNull();
        assertThat(ban.getJsonObject("lift").getString("by")).isEqualTo("eval-admin-2");

        JsonObject restored = resultOf(operation, "O-P1");
        assertThat(restored.getString("status")).isNotEqualTo("CANCELLED");
        assertThat(restored.getJsonObject("levelResult").getString("status")).isEqualTo("PASSED");
        assertThat(issue(operation, 1)).contains("EC-EV-P1-2");
        assertThat(verify("EC-EV-P1", CODES.get("EC-EV-P1")).json().getString("status")).isEqualTo("REVOKED");
        assertThat(verify("EC-EV-P1-2", CODES.get("EC-EV-P1-2")).json().getString("status")).isEqualTo("ISSUED");
        assertThat(verify("EC-EV-P1-2", CODES.get("EC-EV-P1")).status()).as("each number has its own code")
                .isEqualTo(404);
        issue(theory, 0);

        // A further appeal revises the revision (by someone other than its author) and imposes the sanction again.
        Api.Reply reimposed = api.post(decisionsPath + "/" + revisionId + "/revisions", admin, new JsonObject()
                .put("outcome", "CONFIRMED").put("reason", "the formula sheet carried handwritten answers"));
        assertThat(reimposed.status()).as(reimposed.text()).isEqualTo(201);
        assertThat(reimposed.json().getString("category")).isEqualTo("B2");
        assertThat(reimposed.json().getJsonArray("revokedCertificates")).containsExactly("EC-EV-P1-2");
        assertThat(resultOf(operation, "O-P1").getString("status")).isEqualTo("CANCELLED");
        assertThat(verify("EC-EV-P1-2", CODES.get("EC-EV-P1-2")).json().getString("status")).isEqualTo("REVOKED");
        assertThat(api.post(path, admin2, lift).status()).as("the first decision stays revised once").isEqualTo(409);
        issue(operation, 0);
    }

    static JsonObject decisionsOf(String path, String flagId) {
        return api.get(path, admin).array().stream().map(o -> (JsonObject) o)
                .filter(d -> flagId.equals(d.getString("flagId"))).findFirst().orElseThrow();
    }

    static void assertField(Api.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.json().getJsonObject("details").getString("field")).isEqualTo(field);
    }

    @Test
    @Order(4)
    @DisplayName("a makeup row outside the validity window is refused naming the rule, and nothing is imported;"
            + " an unknown evaluation or body is refused naming the field")
    void badInput() throws Exception {
        OFFSET.set(DAY.toMillis() * (2 * 365 + 10));
        String late = sitting("操作技能", "/samples/hr-4-operation.blueprint.json");
        Api.Reply refused = roster(late, row("L-P3", "P3", 1, "操作技能", "EV-P3-LATE", "补考"));
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        JsonObject error = refused.json().getJsonObject("details").getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("field")).isEqualTo("application");
        assertThat(error.getString("message")).contains("MAKEUP_OUTSIDE_WINDOW").contains("EV-P3");
        assertThat(api.get("/api/admin/sittings/" + late + "/results", admin).array()).isEmpty();

        Api.Reply body = roster(late, row("L-P2", "P2", 1, "操作技能", "EV-P2-X", "首次")
                .replace("上海市技师协会", "上海市某协会"));
        assertThat(body.status()).as(body.text()).isEqualTo(422);
        assertThat(body.json().getJsonObject("details").getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("body");

        Api.Reply unknown = api.get("/api/admin/evaluations/EV-NOBODY", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getJsonObject("details").getString("field")).isEqualTo("evaluationId");
        assertThat(api.get("/api/admin/evaluations/EV-P1", m1).status()).isEqualTo(403);
    }

    @Test
    @Order(5)
    @DisplayName("the candidate who failed operation comes back within the window for operation only, passes, and"
            + " the level passes with the theory pass carried")
    void makeupWithinTheWindow() throws Exception {
        OFFSET.set(DAY.toMillis() * 120);
        String makeup = sitting("操作技能", "/samples/hr-4-operation.blueprint.json");
        // Sitting theory again in a makeup is refused: it is still validly passed.
        Api.Reply twice = roster(makeup, row("M-P3", "P3", 1, "理论知识;操作技能", "EV-P3-M", "补考"));
        assertThat(twice.status()).as(twice.text()).isEqualTo(422);
        assertThat(twice.json().getJsonObject("details").getJsonArray("errors").getJsonObject(0)
                .getString("message")).contains("MAKEUP_SUBJECT_ALREADY_PASSED");
        Api.Reply imported = roster(makeup, row("M-P3", "P3", 1, "操作技能", "EV-P3-M", "补考"));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assembleAndStart(makeup, 1);
        sit(makeup, 1, "M-P3", "P3");
        doubleMark(makeup, null, null);

        JsonObject result = resultOf(makeup, "M-P3");
        assertThat(result.getBoolean("passed")).as(result.encode()).isTrue();
        JsonObject level = result.getJsonObject("levelResult");
        assertThat(level.getString("status")).as(level.encode()).isEqualTo("PASSED");
        JsonObject ev = evaluation("EV-P3-M");
        assertThat(ev.getString("application")).isEqualTo("MAKEUP");
        JsonObject theorySubject = ev.getJsonObject("levelResult").getJsonArray("subjects").getJsonObject(0);
        assertThat(theorySubject.getString("subject")).isEqualTo("THEORY");
        assertThat(theorySubject.getString("evaluationId")).isEqualTo("EV-P3");
        assertThat(issue(makeup, 1)).contains("EC-EV-P3-M");
    }

    @Test
    @Order(6)
    @DisplayName("a terminal enrolled for the morning sitting logs the afternoon sitting's candidate in at the same"
            + " seat on the same day without enrolling again, but not the next day's")
    void terminalStaysEnrolledForTheDay() {
        // Noon in Shanghai, 300 days on: the morning sitting ended an hour ago, the afternoon one has just begun.
        long noon = java.time.LocalDate.now(cn.examcore.contract.Evaluation.ZONE).plusDays(300).atTime(12, 0)
                .atZone(cn.examcore.contract.Evaluation.ZONE).toInstant().toEpochMilli();
        OFFSET.set(noon - System.currentTimeMillis());
        OFFSET.addAndGet(-3 * 3600_000L);
        String morning = sitting("理论知识", "/blueprints/hr-4-objective.blueprint.json");
        assertThat(roster(morning, row("AM-P2", "P2", 1, "理论知识;操作技能", "EV-P2-DAY", "首次")).status())
                .isEqualTo(200);
        assembleAndStart(morning, 1);
        String terminal = api.enrol("R1-01", days.pin(morning));
        OFFSET.addAndGet(3 * 3600_000L);
        String afternoon = sitting("操作技能", "/samples/hr-4-operation.blueprint.json");
        assertThat(roster(afternoon, row("PM-P2", "P2", 1, "理论知识;操作技能", "EV-P2-DAY", "首次")).status())
                .isEqualTo(200);
        assembleAndStart(afternoon, 1);

        Api.Reply login = api.login(terminal, "PM-P2", ID.get("P2"));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        JsonObject row = resultOf(afternoon, "PM-P2");
        assertThat(row.getString("state")).as(row.encode()).isNotNull();
        assertThat(row.getString("status")).isEqualTo("OPEN");

        // The next day the enrolment no longer carries over: that sitting's candidate is unknown to it.
        OFFSET.addAndGet(DAY.toMillis());
        String tomorrow = sitting("操作技能", "/samples/hr-4-operation.blueprint.json");
        assertThat(roster(tomorrow, row("TM-P1", "P1", 1, "理论知识;操作技能", "EV-P1-NEXT", "首次")).status())
                .isEqualTo(200);
        assembleAndStart(tomorrow, 1);
        Api.Reply refused = api.login(terminal, "TM-P1", ID.get("P1"));
        assertThat(refused.status()).as(refused.text()).isEqualTo(401);
    }

    @Test
    @Order(7)
    @DisplayName("the public verification throttles wrong number/code pairs from one address with RATE_LIMITED")
    void verificationIsThrottled() {
        int limited = 0;
        for (int i = 0; i < 14; i++) {
            Api.Reply r = verify("EC-EV-P2", "GUESS" + i);
            if (r.status() == 429) {
                assertThat(r.code()).isEqualTo("RATE_LIMITED");
                limited++;
            } else {
                assertThat(r.status()).as(r.text()).isEqualTo(404);
            }
        }
        assertThat(limited).as("wrong guesses beyond the burst of 10 are refused").isGreaterThanOrEqualTo(3);
    }
}
