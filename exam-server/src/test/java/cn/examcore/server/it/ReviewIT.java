package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.LocalPostgres;
import cn.examcore.server.testing.OperationAnswers;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Score reviews (复核) over HTTP: an administrator records a candidate's request once the results are released;
 * the chief marker re-marks it, the result and its verdict follow, and who decided what is kept and audited.
 */
@DisplayName("Score reviews (复核)")
class ReviewIT {

    static LocalPostgres pg;
    static TestNode node;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
        // The operation demo: two seats, a paper of operation tasks only, marked by people.
        // On the local PostgreSQL when EXAMCORE_TEST_PG=local: the transactions and their guards are what is tested.
        pg = LocalPostgres.schemaIfRequested("examcore_review");
        TestNode.Builder builder = TestNode.builder().demo(new DemoSitting.Options(600, 120, 240, 1, 2,
                "/samples/hr-4.json", "/samples/hr-4-operation.blueprint.json", Subject.OPERATION, "135790"));
        node = (pg == null ? builder : pg.on(builder)).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        api.startSitting(node);
    }

    @AfterAll
    static void stop() throws java.sql.SQLException {
        api.close();
        node.close();
        if (pg != null) {
            pg.drop();
        }
    }

    private static String sitting() {
        return "/api/admin/sittings/" + node.sittingId();
    }

    private static JsonObject resultOf(String attemptId) {
        return api.get(sitting() + "/results", admin).array().stream().map(o -> (JsonObject) o)
                .filter(r -> attemptId.equals(r.getString("attemptId"))).findFirst().orElseThrow();
    }

    private static void refused(Api.Reply r, int status, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().getJsonObject("details").getString("field")).as(r.text()).isEqualTo(field);
    }

    @Test
    @DisplayName("A review requested after the release is re-marked by the chief marker: the marked score, the total "
            + "and the verdict follow, the decision and who took it are kept, and bad requests change nothing")
    void requestAndRemark() {
        String blank = OperationAnswers.sit(api, node, 0, null, false);
        Api.Reply absent = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/" + node.seatCodes().get(1)
                + "/force-submit", admin, new JsonObject().put("reason", "absent"));
        assertThat(absent.status()).as(absent.text()).isEqualTo(200);
        String chief = OperationAnswers.staff(api, admin, "review-chief", "CHIEF_MARKER");
        String marker = OperationAnswers.staff(api, admin, "review-marker-1", "MARKER");
        OperationAnswers.staff(api, admin, "review-marker-2", "MARKER");
        Api.Reply opened = api.post("/api/marking/sittings/" + node.sittingId() + "/open", chief, new JsonObject()
                .put("markers", new JsonArray().add("review-marker-1").add("review-marker-2")));
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        JsonObject before = resultOf(blank);
        assertThat(before.getBoolean("pendingMarking")).isFalse();
        assertThat(before.getBoolean("passed")).isFalse();
        BigDecimal max = new BigDecimal(before.getValue("maxScore").toString());
        String ticket = node.candidate(0).ticket();

        JsonObject request = new JsonObject().put("ticket", ticket).put("reason", "考生认为操作题漏评");
        refused(api.post(sitting() + "/reviews", admin, request), 409, "sittingId");
        assertThat(api.post(sitting() + "/results/release", admin, null).status()).isEqualTo(201);
        refused(api.post(sitting() + "/reviews", admin, new JsonObject().put("ticket", "NO-SUCH")
                .put("reason", "r")), 400, "ticket");
        refused(api.post(sitting() + "/reviews", admin, new JsonObject().put("ticket", ticket)), 400, "reason");
        assertThat(api.post(sitting() + "/reviews", chief, request).status()).isEqualTo(403);

        Api.Reply requested = api.post(sitting() + "/reviews", admin, request);
        assertThat(requested.status()).as(requested.text()).isEqualTo(201);
        String reviewId = requested.json().getString("reviewId");
        assertThat(requested.json().getValue("outcome")).isNull();
        refused(api.post(sitting() + "/reviews", admin, request), 409, "ticket");

        Api.Reply listed = api.get("/api/marking/sittings/" + node.sittingId() + "/reviews", chief);
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.array()).hasSize(1);
        assertThat(api.get("/api/marking/sittings/" + node.sittingId() + "/reviews", marker).status())
                .isEqualTo(403);

        String decide = "/api/marking/reviews/" + reviewId + "/decision";
        JsonArray resultsBefore = api.get(sitting() + "/results", admin).array();
        refused(api.post(decide, chief, new JsonObject().put("outcome", "REMARKED")
                .put("markedScore", max.add(BigDecimal.ONE)).put("comment", "c")), 400, "markedScore");
        refused(api.post(decide, chief, new JsonObject().put("outcome", "REMARKED").put("comment", "c")), 400,
                "markedScore");
        refused(api.post(decide, chief, new JsonObject().put("outcome", "MAYBE").put("comment", "c")), 400,
                "outcome");
        refused(api.post(decide, chief, new JsonObject().put("outcome", "CONFIRMED").put("markedScore", 1)
                .put("comment", "c")), 400, "markedScore");
        refused(api.post("/api/marking/reviews/no-such-review/decision", chief, new JsonObject()
                .put("outcome", "CONFIRMED").put("comment", "c")), 404, "reviewId");
        assertThat(api.post(decide, marker, new JsonObject().put("outcome", "CONFIRMED").put("comment", "c"))
                .status()).isEqualTo(403);
        assertThat(api.get(sitting() + "/results", admin).array()).isEqualTo(resultsBefore);

        Api.Reply remarked = api.post(decide, chief, new JsonObject().put("outcome", "REMARKED")
                .put("markedScore", max).put("comment", "第2题评分要点漏计，重新评定"));
        assertThat(remarked.status()).as(remarked.text()).isEqualTo(200);
        assertThat(remarked.json().getString("outcome")).isEqualTo("REMARKED");
        assertThat(remarked.json().getString("decidedBy")).isEqualTo("review-chief");
        assertThat(new BigDecimal(remarked.json().getValue("totalBefore").toString())).isEqualByComparingTo("0");
        assertThat(new BigDecimal(remarked.json().getValue("totalAfter").toString())).isEqualByComparingTo(max);
        assertThat(remarked.json().getBoolean("passedBefore")).isFalse();
        assertThat(remarked.json().getBoolean("passedAfter")).isTrue();
        JsonObject after = resultOf(blank);
        assertThat(new BigDecimal(after.getValue("markedScore").toString())).isEqualByComparingTo(max);
        assertThat(after.getBoolean("passed")).isTrue();
        refused(api.post(decide, chief, new JsonObject().put("outcome", "CONFIRMED").put("comment", "again")), 409,
                "reviewId");

        JsonObject kept = api.get(sitting() + "/reviews", admin).array().getJsonObject(0);
        assertThat(kept.getString("outcome")).isEqualTo("REMARKED");
        assertThat(kept.getString("requestedBy")).isEqualTo(node.adminUser());
        assertThat(kept.getString("comment")).isEqualTo("第2题评分要点漏计，重新评定");
        JsonArray audit = api.get(sitting() + "/audit", admin).array();
        assertThat(audit.stream().map(o -> ((JsonObject) o).getString("action")))
                .contains("review.request", "review.decide");
        JsonObject decided = audit.stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("action").equals("review.decide")).findFirst().orElseThrow();
        assertThat(decided.getString("actor")).isEqualTo("review-chief");
        JsonObject detail = new JsonObject(decided.getString("detail"));
        assertThat(detail.getJsonObject("before").getString("passed")).isEqualTo("false");
        assertThat(detail.getJsonObject("after").getString("passed")).isEqualTo("true");

        // A second request on the same result, now closed, may be confirmed as it stands.
        Api.Reply second = api.post(sitting() + "/reviews", admin, request);
        assertThat(second.status()).as(second.text()).isEqualTo(201);
        Api.Reply confirmed = api.post("/api/marking/reviews/" + second.json().getString("reviewId") + "/decision",
                chief, new JsonObject().put("outcome", "CONFIRMED").put("comment", "维持"));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        assertThat(new BigDecimal(confirmed.json().getValue("totalAfter").toString())).isEqualByComparingTo(max);
        assertThat(resultOf(blank).getBoolean("passed")).isTrue();
    }
}
