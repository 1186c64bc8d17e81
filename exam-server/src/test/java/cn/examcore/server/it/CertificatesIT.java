package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.Subject;
import cn.examcore.contract.MisconductCode;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Digest;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.results.ResultsExporter;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.EvaluationDays;
import cn.examcore.server.testing.OperationAnswers;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Certificates (证书) over HTTP: issued only from a finished sitting's passed, uncancelled results, once; revoked by
 * a decision taken after the sitting, which names the certificates it revoked.
 */
@DisplayName("Certificates and their revocation")
public class CertificatesIT {

    static TestNode node;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
        // Four seats: candidate 0 passes, 1 fails, 2 passes but is cancelled during the sitting, 3 is absent.
        node = TestNode.builder().demo(seats(4)).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        assertThat(api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null).status())
                .isEqualTo(200);
    }

    /**
     * The theory demo with one row of {@code n} seats, so that closing the sitting takes few calls, and a paper of
     * objective items only (the sample theory blueprint without its short answers), so a result is final at submit
     * and a correct paper passes from real scoring. T0 is a minute in the past, so the sitting's day in Shanghai
     * is today's and a decision taken after the sitting is never dated before it (a T0 ten minutes ahead crossed
     * Shanghai's midnight from 15:50 UTC on).
     */
    public static DemoSitting.Options seats(int n) {
        return new DemoSitting.Options(-60, 90, 240, 1, n, "/samples/hr-4.json",
                "/blueprints/hr-4-objective.blueprint.json", Subject.THEORY, "246810");
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    private static String sitting() {
        return "/api/admin/sittings/" + node.sittingId();
    }

    private static String decisions() {
        return "/api/proctor/sittings/" + node.sittingId() + "/decisions";
    }

    private static String submitEmpty(int i) {
        return submit(api, node, i, false);
    }

    private static String submitCorrect(int i) {
        return submit(api, node, i, true);
    }

    /**
     * Logs demo candidate {@code i} in and submits: every item answered correctly (the keys of the sample bank,
     * read from the candidate's assembled paper), which passes, or nothing, which fails. Returns the attempt id.
     */
    public static String submit(Api api, TestNode node, int i, boolean correct) {
        JsonObject login = api.loginDemo(node, i);
        String attemptId = login.getString("attemptId");
        JsonArray answers = new JsonArray();
        List<Answer> digested = new ArrayList<>();
        if (correct) {
            for (PaperItem item : Papers.of(node, attemptId).items().values()) {
                answers.add(new JsonObject().put("item", item.number()).put("value", Papers.correct(item))
                        .put("rev", 1));
                digested.add(new Answer(item.number(), "x", 1, 0));
            }
        }
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            seat.hello(new JsonArray());
            seat.send(new JsonObject().put("type", "submit").put("answers", answers)
                    .put("digest", Digest.of(digested)));
            seat.next("submitted");
        }
        return attemptId;
    }

    /**
     * Completes demo candidate {@code i}'s evaluation: an operation sitting of the same evaluation (the roster names
     * the theory ticket, the demo's evaluation id) sat with uploads and double-marked in full. Returns its id.
     */
    private static String passOperation(int i) {
        return passOperation(api, node, admin, i, "cert", 810_000);
    }

    /**
     * Completes demo candidate {@code i}'s evaluation on {@code node}: an operation sitting of the same evaluation
     * (the theory ticket is the demo's evaluation id), sat with uploads and double-marked in full by two new marker
     * accounts named after {@code prefix}. Returns the operation sitting's id.
     */
    static String passOperation(Api api, TestNode node, String admin, int i, String prefix, int firstPin) {
        String bankId = api.get("/api/admin/sittings/" + node.sittingId(), admin).json().getString("bankId");
        EvaluationDays days = new EvaluationDays(api, node, admin, bankId, System::currentTimeMillis, firstPin);
        String operation = days.sitting("操作技能", "/samples/hr-4-operation.blueprint.json");
        DemoSitting.DemoCandidate c = node.candidate(i);
        Api.Reply roster = days.roster(operation, EvaluationDays.row("OP-" + c.ticket(), c.idNumber(), c.name(), 1,
                "理论知识;操作技能", c.ticket(), "首次", "上海市技师协会"));
        assertThat(roster.status()).as(roster.text()).isEqualTo(200);
        days.assembleAndStart(operation, 1);
        days.sit(operation, 1, "OP-" + c.ticket(), c.idNumber(), "C" + i);
        String m1 = OperationAnswers.staff(api, admin, prefix + "-marker-1", "MARKER");
        String m2 = OperationAnswers.staff(api, admin, prefix + "-marker-2", "MARKER");
        String chief = OperationAnswers.staff(api, admin, prefix + "-chief", "CHIEF_MARKER");
        days.doubleMark(operation, chief, List.of(prefix + "-marker-1", prefix + "-marker-2"), List.of(m1, m2), null,
                null);
        return operation;
    }

    private static JsonObject decision(String attemptId, String category, String severity, boolean afterSitting,
                                       String flagId) {
        return new JsonObject().put("attemptId", attemptId).put("category", category).put("severity", severity)
                .put("outcome", "CONFIRMED").put("flagId", flagId).put("reason", "found on review")
                .put("afterSitting", afterSitting);
    }

    private static JsonObject resultOf(int i) {
        Api.Reply r = api.get(sitting() + "/results", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array().stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("ticket").equals(node.candidate(i).ticket())).findFirst().orElseThrow();
    }

    private static JsonArray certificatesOf(int i) {
        Api.Reply r = api.get("/api/admin/certificates?idNumber=" + node.candidate(i).idNumber(), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array();
    }

    @Test
    @DisplayName("A passed result gets one certificate, a failed or cancelled one none, and a later decision revokes it")
    void issueAndRevoke() {
        String passed = submitCorrect(0);
        submitEmpty(1);
        String cancelled = submitCorrect(2);
        JsonObject scored = resultOf(0);
        assertThat(scored.getBoolean("passed")).as(scored.encode()).isTrue();
        assertThat(scored.getBoolean("pendingMarking")).isFalse();
        assertThat(new java.math.BigDecimal(scored.getValue("objectiveScore").toString()))
                .isEqualByComparingTo(new java.math.BigDecimal(scored.getValue("maxScore").toString()));
        assertThat(resultOf(1).getBoolean("passed")).isFalse();
        Api.Reply b1 = api.post(decisions(), admin, decision(cancelled, "B1", null, false, "flag-cert-b1"));
        assertThat(b1.status()).as(b1.text()).isEqualTo(201);

        // Seat 3 never logged in and the scheduled end is 90 minutes away: the sitting is not finished.
        Api.Reply early = api.post(sitting() + "/certificates", admin, null);
        assertThat(early.status()).as(early.text()).isEqualTo(409);
        assertThat(early.json().getJsonObject("details").getJsonArray("openTickets"))
                .containsExactly(node.candidate(3).ticket());
        assertThat(api.get("/api/admin/certificates?sittingId=" + node.sittingId(), admin).array()).isEmpty();

        Api.Reply forced = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/" + node.seatCodes().get(3)
                + "/force-submit", admin, new JsonObject().put("reason", "absent, closing the sitting"));
        assertThat(forced.status()).as(forced.text()).isEqualTo(200);

        // Theory alone earns nothing: a certificate needs every subject of the level (理论知识 and 操作技能).
        Api.Reply theoryOnly = api.post(sitting() + "/certificates", admin, null);
        assertThat(theoryOnly.status()).as(theoryOnly.text()).isEqualTo(201);
        assertThat(theoryOnly.array()).isEmpty();
        assertThat(resultOf(0).getJsonObject("levelResult").getString("status")).isEqualTo("PENDING");
        assertThat(api.get(sitting() + "/audit", admin).array().stream().map(o -> (JsonObject) o)
                .filter(a -> a.getString("action").equals("certificates.issue"))
                .map(a -> new JsonObject(a.getString("detail")).getJsonArray("levelNotPassed"))
                .anyMatch(t -> t != null && t.contains(node.candidate(0).ticket()))).isTrue();
        String operation = passOperation(0);
        assertThat(resultOf(0).getJsonObject("levelResult").getString("status")).isEqualTo("PASSED");

        Api.Reply issued = api.post(sitting() + "/certificates", admin, null);
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        assertThat(issued.array()).hasSize(1);
        JsonObject certificate = issued.array().getJsonObject(0);
        String number = certificate.getString("number");
        assertThat(certificate.getString("ticket")).isEqualTo(node.candidate(0).ticket());
        assertThat(certificate.getString("status")).isEqualTo("ISSUED");
        assertThat(certificate.getString("subject")).isEqualTo("THEORY+OPERATION");
        assertThat(certificate.getString("evaluationId")).isEqualTo(node.candidate(0).ticket());
        // The operation sitting issues nothing more: the evaluation holds its one certificate.
        assertThat(api.post("/api/admin/sittings/" + operation + "/certificates", admin, null).array()).isEmpty();
        assertThat(certificate.getInteger("level")).isEqualTo(4);
        assertThat(certificate.getValue("revokedBy")).isNull();

        cancelledEverywhere(2, b1.json().getString("decisionId"), "B1", false);

        Api.Reply again = api.post(sitting() + "/certificates", admin, null);
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.array()).isEmpty();
        assertThat(certificatesOf(0)).hasSize(1);
        assertThat(certificatesOf(1)).isEmpty();
        assertThat(certificatesOf(2)).isEmpty();
        assertThat(certificatesOf(3)).isEmpty();

        Api.Reply post = api.post(decisions(), admin, decision(passed, "C4", "MINOR", true, "flag-cert-c4"));
        assertThat(post.status()).as(post.text()).isEqualTo(201);
        String decisionId = post.json().getString("decisionId");
        assertThat(post.json().getJsonObject("sanction").getBoolean("revokeCertificates")).isTrue();
        assertThat(post.json().getJsonArray("revokedCertificates")).containsExactly(number);
        assertThat(b1.json().getJsonArray("revokedCertificates")).isEmpty();

        JsonObject after = certificatesOf(0).getJsonObject(0);
        assertThat(after.getString("number")).isEqualTo(number);
        assertThat(after.getString("status")).isEqualTo("REVOKED");
        assertThat(after.getString("revokedBy")).isEqualTo(decisionId);
        assertThat(after.getLong("revokedAt")).isEqualTo(post.json().getLong("at"));

        JsonObject listed = api.get(decisions(), admin).array().stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("decisionId").equals(decisionId)).findFirst().orElseThrow();
        assertThat(listed.getJsonArray("revokedCertificates")).containsExactly(number);

        // A revoked certificate is not issued again.
        assertThat(api.post(sitting() + "/certificates", admin, null).array()).isEmpty();
        cancelledEverywhere(0, decisionId, "C4", true);

        Api.Reply audit = api.get(sitting() + "/audit", admin);
        assertThat(audit.array().stream().map(o -> (JsonObject) o)
                .filter(a -> a.getString("action").equals("certificates.issue"))
                .anyMatch(a -> a.getString("detail").contains(number))).isTrue();
    }

    /**
     * The three readers of a sitting's results show candidate {@code i}'s result cancelled by the same decision: the
     * results view, the CSV and {@code .xlsx} exports (成绩取消 with the same reason and decision) and certificate
     * issuing (an issue withheld the passed result naming the decision in its audit). They all read the lines of
     * {@code ResultAdjustments}; one that read the results as scored would show the result standing.
     */
    private static void cancelledEverywhere(int i, String decisionId, String category, boolean declaredInvalid) {
        String ticket = node.candidate(i).ticket();
        JsonObject row = resultOf(i);
        assertThat(row.getString("status")).as(row.encode()).isEqualTo("CANCELLED");
        assertThat(row.getBoolean("passed")).as("the original verdict is kept").isTrue();
        JsonObject cancellation = row.getJsonObject("cancellation");
        assertThat(cancellation.getString("decisionId")).isEqualTo(decisionId);
        assertThat(cancellation.getString("category")).isEqualTo(category);
        assertThat(cancellation.getBoolean("declaredInvalid")).isEqualTo(declaredInvalid);
        String reason = cancellation.getString("reason");
        assertThat(reason).isEqualTo(category + " " + MisconductCode.valueOf(category).noticeText());

        Api.Reply csv = api.get(sitting() + "/results/export?format=csv", admin);
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        String line = csv.text().lines().filter(l -> l.startsWith(ticket + ",")).findFirst().orElseThrow();
        assertThat(line).contains("成绩取消", reason + " (decision " + decisionId);
        assertThat(line.contains("declared invalid")).isEqualTo(declaredInvalid);

        Api.Reply xlsx = api.get(sitting() + "/results/export?format=xlsx", admin);
        assertThat(xlsx.status()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body().getBytes()))) {
            Row cells = StreamSupport.stream(book.getSheetAt(0).spliterator(), false)
                    .filter(r -> ticket.equals(r.getCell(0).getStringCellValue())).findFirst().orElseThrow();
            assertThat(cells.getCell(ResultsExporter.HEADERS.indexOf("状态")).getStringCellValue()).isEqualTo("成绩取消");
            assertThat(cells.getCell(ResultsExporter.HEADERS.indexOf("取消原因")).getStringCellValue())
                    .contains(reason + " (decision " + decisionId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        Api.Reply audit = api.get(sitting() + "/audit", admin);
        assertThat(audit.array().stream().map(o -> (JsonObject) o)
                .filter(a -> a.getString("action").equals("certificates.issue"))
                .map(a -> new JsonObject(a.getString("detail")).getJsonObject("withheld"))
                .anyMatch(w -> w != null && new JsonArray().add(decisionId).equals(w.getJsonArray(ticket))))
                .as("a certificate issue withheld ticket " + ticket + " for decision " + decisionId).isTrue();
        assertThat(certificatesOf(i).stream().map(o -> (JsonObject) o).noneMatch(c -> "ISSUED".equals(
                c.getString("status")))).isTrue();
    }

    @Test
    @DisplayName("Bad certificate requests are refused naming the field")
    void refusals() {
        Api.Reply none = api.get("/api/admin/certificates", admin);
        assertThat(none.status()).as(none.text()).isEqualTo(400);
        assertThat(none.json().getJsonObject("details").getString("field")).isEqualTo("idNumber");
        Api.Reply badId = api.get("/api/admin/certificates?idNumber=12345", admin);
        assertThat(badId.status()).as(badId.text()).isEqualTo(400);
        assertThat(badId.json().getJsonObject("details").getString("field")).isEqualTo("idNumber");
        Api.Reply unknown = api.post("/api/admin/sittings/no-such-sitting/certificates", admin, null);
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.json().getJsonObject("details").getString("field")).isEqualTo("sittingId");
    }
}
