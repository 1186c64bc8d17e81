package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.EvaluationDays;
import cn.examcore.server.testing.OperationAnswers;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of the five occupations and levels the two bodies evaluate in 2026 (domain/evaluation-rules.md), from the
 * roster to the certificate: its sample bank and blueprints, theory on one day and operation on the next in one
 * evaluation (一次评价), double marking, the level result, and a certificate naming the body, occupation and level.
 */
@DisplayName("Every 2026 offering, from roster to certificate")
class OfferingsIT {

    /** One offering: the sample files' key, the body, the occupation as the notices write it, the level. */
    record Offering(String key, String body, String occupation, int level, String levelName) {
        @Override
        public String toString() {
            return body + " " + occupation + " " + levelName;
        }
    }

    static Stream<Offering> offerings() {
        return Stream.of(
                new Offering("hr-4", "上海市技师协会", "企业人力资源管理师", 4, "四级/中级工"),
                new Offering("hr-3", "上海市技师协会", "企业人力资源管理师", 3, "三级/高级工"),
                new Offering("trainer-3", "上海市技师协会", "职业培训师", 3, "三级/高级工"),
                new Offering("health-4", "上海市健康促进协会", "社群健康助理员", 4, "四级/中级工"),
                new Offering("health-3", "上海市健康促进协会", "社群健康助理员", 3, "三级/高级工"));
    }

    static final AtomicLong OFFSET = new AtomicLong();
    static TestNode node;
    static Api api;
    static String admin;
    static String chief;
    static List<String> markers;
    static int offeringsRun;

    @BeforeAll
    static void start() {
        node = TestNode.builder().noDemo().clock(() -> System.currentTimeMillis() + OFFSET.get()).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        markers = List.of(OperationAnswers.staff(api, admin, "offer-marker-1", "MARKER"),
                OperationAnswers.staff(api, admin, "offer-marker-2", "MARKER"));
        chief = OperationAnswers.staff(api, admin, "offer-chief", "CHIEF_MARKER");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offerings")
    @DisplayName("theory and operation in one evaluation pass the level, and the certificate names the offering")
    void rosterToCertificate(Offering o) throws Exception {
        int n = offeringsRun++;
        Api.Reply bank = api.postFile("/api/admin/banks", admin, o.key() + ".json",
                EvaluationDays.resource("/samples/" + o.key() + ".json"));
        assertThat(bank.status()).as(bank.text()).isEqualTo(201);
        EvaluationDays days = new EvaluationDays(api, node, admin, bank.json().getString("bankId"),
                () -> System.currentTimeMillis() + OFFSET.get(), 800_000 + 10 * n);
        String body = String.format("3101011990%02d%02d%03d", 1 + n, 10 + n, 600 + n);
        String id = body + DemoSitting.checkChar(body);
        String evaluation = "EV-" + o.key();

        // Day 1: theory. (Every offering's day 1 is the same day: they are independent evaluations.)
        OFFSET.set(0);
        String theory = days.sitting("理论知识", "/samples/" + o.key() + "-theory.blueprint.json", o.occupation(),
                o.level());
        sitOne(days, theory, "T-" + o.key(), id, evaluation, o.body());
        // Day 2: operation, the same evaluation under another ticket.
        OFFSET.set(Duration.ofDays(1).toMillis());
        String operation = days.sitting("操作技能", "/samples/" + o.key() + "-operation.blueprint.json",
                o.occupation(), o.level());
        sitOne(days, operation, "O-" + o.key(), id, evaluation, o.body());

        JsonObject result = resultOf(operation, "O-" + o.key());
        assertThat(result.getBoolean("passed")).as(result.encode()).isTrue();
        JsonObject level = result.getJsonObject("levelResult");
        assertThat(level.getString("status")).as(level.encode()).isEqualTo("PASSED");
        assertThat(level.getJsonArray("subjects")).hasSize(2);

        Api.Reply issued = api.post("/api/admin/sittings/" + operation + "/certificates", admin, null);
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        assertThat(issued.array()).hasSize(1);
        JsonObject cert = issued.array().getJsonObject(0);
        String number = cert.getString("number");
        Api.Reply pdf = api.get("/api/admin/certificates/" + number + "/pdf", admin,
                Map.of("X-Verification-Code", cert.getString("verificationCode")));
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.body().getBytes())) {
            assertThat(new PDFTextStripper().getText(doc)).contains(number).contains(o.body())
                    .contains(o.occupation()).contains(o.levelName());
        }
    }

    /** Imports one candidate, sits the paper and, when it has subjective items, marks them in full. */
    private static void sitOne(EvaluationDays days, String sittingId, String ticket, String id, String evaluation,
                               String body) {
        Api.Reply imported = days.roster(sittingId, EvaluationDays.row(ticket, id, "考生" + ticket, 1,
                "理论知识;操作技能", evaluation, "首次", body));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        days.assembleAndStart(sittingId, 1);
        days.sit(sittingId, 1, ticket, id, ticket);
        if (resultOf(sittingId, ticket).getBoolean("pendingMarking")) {
            days.doubleMark(sittingId, chief, List.of("offer-marker-1", "offer-marker-2"), markers, null, null);
        }
        JsonObject result = resultOf(sittingId, ticket);
        assertThat(result.getBoolean("pendingMarking")).as(result.encode()).isFalse();
        assertThat(result.getBoolean("passed")).as(result.encode()).isTrue();
    }

    private static JsonObject resultOf(String sittingId, String ticket) {
        Api.Reply r = api.get("/api/admin/sittings/" + sittingId + "/results", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array().stream().map(x -> (JsonObject) x).filter(x -> x.getString("ticket").equals(ticket))
                .findFirst().orElseThrow();
    }
}
