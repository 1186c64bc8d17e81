package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.demo.DemoMarkers;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.node.ExamNode;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.OperationAnswers;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * 阅卷 over real HTTP on PostgreSQL: an operation sitting (two operation tasks and an essay) is answered by three
 * candidates, one of them uploading deliverables and one handing in nothing; the chief marker opens marking for two
 * markers; the markers mark every script independently, disagreeing on one essay beyond the tolerance; the chief
 * arbitrates and later reopens it; the results show objective + marked as the subject score.
 */
@DisplayName("Double marking with arbitration, over HTTP on PostgreSQL")
class MarkingIT {

    static PostgreSQLContainer<?> container;
    static final String SCHEMA = "examcore_marking_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);
    static String url;
    static String user;
    static String password;
    static TestNode node;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
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
        node = TestNode.builder().demo(DemoSitting.Options.operation(600)).config("db-url", url)
                .config("db-user", user).config("db-password", password).config("db-schema", SCHEMA).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        api.startSitting(node);
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

    private static String staff(String username, String role) {
        return OperationAnswers.staff(api, admin, username, role);
    }

    private static String sit(int i, String essay, boolean upload) {
        return OperationAnswers.sit(api, node, i, essay, upload);
    }

    private static JsonObject resultOf(String attemptId) {
        return api.get("/api/admin/sittings/" + node.sittingId() + "/results", admin).array().stream()
                .map(o -> (JsonObject) o).filter(r -> attemptId.equals(r.getString("attemptId"))).findFirst()
                .orElseThrow();
    }

    private static List<JsonObject> scripts(String token) {
        Api.Reply r = api.get("/api/marking/sittings/" + node.sittingId() + "/scripts", token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array().stream().map(o -> (JsonObject) o).toList();
    }

    private static JsonObject sheet(String token, String scriptId) {
        Api.Reply r = api.get("/api/marking/scripts/" + scriptId, token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    /** The rubric maxima of a sheet, with {@code minus} taken off the first point. */
    private static JsonArray points(JsonObject sheet, BigDecimal minus, boolean zero) {
        JsonArray out = new JsonArray();
        JsonArray rubric = sheet.getJsonObject("item").getJsonArray("rubric");
        for (int i = 0; i < rubric.size(); i++) {
            BigDecimal max = new BigDecimal(rubric.getJsonObject(i).getValue("points").toString());
            out.add(zero ? BigDecimal.ZERO : i == 0 ? max.subtract(minus) : max);
        }
        return out;
    }

    /** Scores that add up to {@code total}: each rubric point filled to its maximum in turn, the rest 0. */
    private static JsonArray summing(JsonObject sheet, int total) {
        JsonArray out = new JsonArray();
        BigDecimal left = BigDecimal.valueOf(total);
        for (Object o : sheet.getJsonObject("item").getJsonArray("rubric")) {
            BigDecimal max = new BigDecimal(((JsonObject) o).getValue("points").toString());
            BigDecimal p = left.min(max);
            out.add(p);
            left = left.subtract(p);
        }
        return out;
    }

    private static Api.Reply mark(String token, String scriptId, JsonArray points, String comment) {
        return api.post("/api/marking/scripts/" + scriptId + "/marks", token, new JsonObject().put("points", points)
                .put("comment", comment));
    }

    private static void refused(Api.Reply r, int status, String code, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.code()).as(r.text()).isEqualTo(code);
        assertThat(r.json().getJsonObject("details").getString("field")).as(r.text()).isEqualTo(field);
    }

    private static BigDecimal number(JsonObject o, String field) {
        Object v = o.getValue(field);
        return v == null ? null : new BigDecimal(v.toString()).stripTrailingZeros();
    }

    @Test
    @DisplayName("the demo's marker and chief marker accounts sign in with the passwords the demo prints and reach"
            + " the marking API in their roles")
    void demoAccounts() {
        List<DemoMarkers.Account> accounts = ExamNode.await(DemoMarkers.ensure(node.node()));
        assertThat(accounts).extracting(DemoMarkers.Account::username)
                .containsExactly("demo-marker-1", "demo-marker-2", "demo-chief");
        for (DemoMarkers.Account a : accounts) {
            Api.Reply login = api.post("/api/admin/login", null, new JsonObject().put("username", a.username())
                    .put("password", a.password()));
            assertThat(login.status()).as(login.text()).isEqualTo(200);
            assertThat(login.json().getString("role")).isEqualTo(a.role().name());
            String token = login.json().getString("token");
            assertThat(api.get("/api/marking/sittings", token).status()).isEqualTo(200);
            assertThat(api.get("/api/marking/sittings/" + node.sittingId() + "/progress", token).status())
                    .isEqualTo(a.role().name().equals("CHIEF_MARKER") ? 200 : 403);
            assertThat(api.get("/api/admin/sittings", token).status()).isEqualTo(403);
        }
    }

    @Test
    @DisplayName("a staff member's marking writes are rate-limited: a burst beyond 20 is refused with RATE_LIMITED")
    void markingWritesAreRateLimited() {
        String flooder = staff("marker-flood", "MARKER");
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            Api.Reply r = mark(flooder, "no-such-script", new JsonArray().add(1), "");
            if (r.status() == 429) {
                assertThat(r.code()).isEqualTo("RATE_LIMITED");
                limited++;
            } else {
                assertThat(r.status()).isEqualTo(404);
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(5);
        assertThat(api.get("/api/marking/sittings", flooder).status()).as("reads are not limited").isEqualTo(200);
    }

    @Test
    @DisplayName("two markers mark every script blind, one essay goes to arbitration, and the results add objective"
            + " and marked scores once marking is final; every step is audited and bad marks change nothing")
    void doubleMarkingWithArbitration() {
        String a = sit(0, "essay of candidate A", true);
        String b = sit(1, "essay of candidate B", false);
        String blank = sit(2, null, false);
        assertThat(resultOf(a).getBoolean("pendingMarking")).isTrue();
        assertThat(resultOf(a).getValue("passed")).isNull();

        String m1 = staff("marker-one", "MARKER");
        String m2 = staff("marker-two", "MARKER");
        String outsider = staff("marker-three", "MARKER");
        String chief = staff("chief-marker", "CHIEF_MARKER");
        String sitting = node.sittingId();
        assertThat(api.get("/api/marking/sittings", m1).array()).isEmpty();

        // Only the chief marker opens marking, only with MARKER accounts, and a refusal stores nothing.
        assertThat(api.post("/api/marking/sittings/" + sitting + "/open", admin, new JsonObject()).status())
                .isEqualTo(403);
        assertThat(api.post("/api/marking/sittings/" + sitting + "/open", m1, new JsonObject()).status())
                .isEqualTo(403);
        refused(api.post("/api/marking/sittings/" + sitting + "/open", chief, new JsonObject()
                .put("markers", new JsonArray().add("marker-one").add("chief-marker"))), 400, "BAD_VALUE",
                "markers[1]");
        refused(api.post("/api/marking/sittings/" + sitting + "/open", chief, new JsonObject()
                .put("markers", new JsonArray().add("marker-one"))), 400, "BAD_VALUE", "markers");
        assertThat(scripts(chief)).isEmpty();

        Api.Reply opened = api.post("/api/marking/sittings/" + sitting + "/open", chief, new JsonObject()
                .put("markers", new JsonArray().add("marker-one").add("marker-two"))
                .put("arbitrationRule", "ARBITER"));
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        assertThat(opened.json().getInteger("scripts")).isEqualTo(6);
        assertThat(opened.json().getInteger("attempts")).isEqualTo(3);
        assertThat(opened.json().getJsonObject("loads").getMap()).containsEntry("marker-one", 6)
                .containsEntry("marker-two", 6);
        // The candidate who handed in nothing is complete at once: 0 marked points, failed.
        JsonObject blankResult = resultOf(blank);
        assertThat(blankResult.getBoolean("pendingMarking")).isFalse();
        assertThat(number(blankResult, "markedScore")).isEqualByComparingTo("0");
        assertThat(blankResult.getBoolean("passed")).isFalse();

        // Anonymous: nothing a marker reads names the candidate, the ticket, the seat or the attempt.
        List<JsonObject> mine = scripts(m1);
        assertThat(mine).hasSize(6).allSatisfy(s -> assertThat(s.getString("state")).isEqualTo("TO_MARK"));
        assertThat(scripts(outsider)).isEmpty();
        Map<String, JsonObject> sheets = new HashMap<>();
        for (JsonObject s : mine) {
            JsonObject sheet = sheet(m1, s.getString("scriptId"));
            sheets.put(s.getString("scriptId"), sheet);
            String text = sheet.encode();
            for (int i = 0; i < 3; i++) {
                assertThat(text).doesNotContain(node.candidate(i).ticket()).doesNotContain(node.candidate(i).name())
                        .doesNotContain(node.candidate(i).idNumber())
                        .doesNotContain("\"" + node.candidate(i).seatCode() + "\"");
            }
            assertThat(text).doesNotContain(a).doesNotContain(b).doesNotContain("张三");
            assertThat(sheet.getJsonObject("item").getJsonArray("rubric")).isNotEmpty();
        }
        String essayA = mine.stream().map(s -> s.getString("scriptId")).filter(id -> sheets.get(id)
                .getString("answer").equals("essay of candidate A")).findFirst().orElseThrow();
        String essayB = mine.stream().map(s -> s.getString("scriptId")).filter(id -> sheets.get(id)
                .getString("answer").equals("essay of candidate B")).findFirst().orElseThrow();
        JsonObject withFile = sheets.values().stream().filter(s -> !s.getJsonArray("files").isEmpty()).findFirst()
                .orElseThrow();

        // Uploaded files: the marker downloads them under the script's number, a marker of other scripts cannot.
        JsonObject file = withFile.getJsonArray("files").getJsonObject(0);
        assertThat(file.getString("extension")).isEqualTo("docx");
        assertThat(file.getBoolean("viewable")).isFalse();
        Api.Reply download = api.get("/api/marking/scripts/" + withFile.getString("scriptId") + "/files/1", m1);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body().toString(StandardCharsets.UTF_8)).startsWith("deliverable of task");
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"script-"
                + withFile.getInteger("scriptNo") + "-1.docx\"");
        refused(api.get("/api/marking/scripts/" + withFile.getString("scriptId") + "/files/1", outsider), 403,
                "FORBIDDEN", "scriptId");
        refused(api.get("/api/marking/scripts/" + withFile.getString("scriptId") + "/files/9", m1), 404,
                "NOT_FOUND", "index");
        refused(api.get("/api/marking/scripts/" + essayA, outsider), 403, "FORBIDDEN", "scriptId");

        // Bad marks are refused naming the field, and store nothing.
        JsonObject sheetA = sheets.get(essayA);
        JsonArray tooMany = points(sheetA, BigDecimal.ZERO, false);
        tooMany.set(0, new BigDecimal("12.5"));
        refused(mark(m1, essayA, tooMany, ""), 400, "BAD_VALUE", "points[0]");
        JsonArray negative = points(sheetA, BigDecimal.ZERO, false);
        negative.set(1, -1);
        refused(mark(m1, essayA, negative, ""), 400, "BAD_VALUE", "points[1]");
        refused(mark(m1, essayA, new JsonArray().add(1), ""), 400, "BAD_VALUE", "points");
        refused(mark(m1, "no-such-script", new JsonArray().add(1), ""), 404, "NOT_FOUND", "scriptId");
        refused(mark(outsider, essayA, points(sheetA, BigDecimal.ZERO, false), ""), 403, "FORBIDDEN", "scriptId");
        assertThat(api.post("/api/marking/scripts/" + essayA + "/marks", chief, new JsonObject()
                .put("points", points(sheetA, BigDecimal.ZERO, false))).status()).isEqualTo(403);
        assertThat(sheet(m1, essayA).getValue("myMark")).isNull();

        // Marker one marks everything full; a second mark of the same script is refused.
        for (JsonObject s : mine) {
            Api.Reply r = mark(m1, s.getString("scriptId"), points(sheets.get(s.getString("scriptId")),
                    BigDecimal.ZERO, false), "完整");
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            assertThat(r.json().getString("state")).isEqualTo("MARKED");
        }
        refused(mark(m1, essayA, points(sheetA, BigDecimal.ZERO, false), ""), 409, "CONFLICT", "scriptId");
        assertThat(scripts(m1)).allSatisfy(s -> assertThat(s.getString("state")).isEqualTo("MARKED"));

        // Marker two never sees marker one's score, before or after marking.
        JsonObject blind = sheet(m2, essayA);
        assertThat(blind.getValue("myMark")).isNull();
        assertThat(blind.getJsonArray("marks")).isEmpty();
        assertThat(blind.encode()).doesNotContain("完整");
        for (JsonObject s : scripts(m2)) {
            String id = s.getString("scriptId");
            JsonObject sheet = sheet(m2, id);
            JsonArray p = id.equals(essayA) ? points(sheet, BigDecimal.ZERO, true)
                    : id.equals(essayB) ? points(sheet, BigDecimal.valueOf(3), false)
                    : points(sheet, BigDecimal.ZERO, false);
            Api.Reply r = mark(m2, id, p, "second");
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            assertThat(r.json().fieldNames()).doesNotContain("otherTotal");
            assertThat(r.json().getValue("finalScore")).isNull();
        }
        assertThat(sheet(m2, essayA).getJsonArray("marks")).isEmpty();
        assertThat(sheet(m2, essayA).encode()).doesNotContain("完整");

        // Within tolerance (3 of 30 ≤ 15 %): the mean; beyond it (30): arbitration, and A's result stays pending.
        JsonObject rb = resultOf(b);
        assertThat(rb.getBoolean("pendingMarking")).isFalse();
        assertThat(number(rb, "markedScore")).isEqualByComparingTo("98.5");
        assertThat(number(rb, "objectiveScore")).isEqualByComparingTo("0");
        assertThat(number(rb, "total")).isEqualByComparingTo("98.5");
        assertThat(rb.getBoolean("passed")).isTrue();
        assertThat(resultOf(a).getBoolean("pendingMarking")).isTrue();

        JsonObject progress = api.get("/api/marking/sittings/" + sitting + "/progress", chief).json();
        assertThat(progress.getInteger("scripts")).isEqualTo(6);
        assertThat(progress.getInteger("finals")).isEqualTo(5);
        assertThat(progress.getJsonArray("arbitration")).hasSize(1);
        assertThat(progress.getJsonArray("arbitration").getJsonObject(0).getString("scriptId")).isEqualTo(essayA);
        assertThat(progress.getJsonArray("markers").stream().map(o -> (JsonObject) o).toList())
                .allSatisfy(m -> assertThat(m.getInteger("marked")).isEqualTo(6));
        assertThat(api.get("/api/marking/sittings/" + sitting + "/progress", m1).status()).isEqualTo(403);

        // The chief marker sees both marks and arbitrates; markers may not.
        JsonObject chiefView = sheet(chief, essayA);
        assertThat(chiefView.getString("state")).isEqualTo("ARBITRATION");
        assertThat(chiefView.getJsonArray("marks")).hasSize(2);
        assertThat(api.post("/api/marking/scripts/" + essayA + "/arbitration", m1, new JsonObject()
                .put("points", points(sheetA, BigDecimal.ZERO, false))).status()).isEqualTo(403);
        refused(api.post("/api/marking/scripts/" + essayB + "/arbitration", chief, new JsonObject()
                .put("points", points(sheetA, BigDecimal.ZERO, false))), 409, "CONFLICT", "scriptId");
        JsonArray twenty = summing(sheetA, 20);
        Api.Reply arbitrated = api.post("/api/marking/scripts/" + essayA + "/arbitration", chief, new JsonObject()
                .put("points", twenty).put("comment", "要点二不完整"));
        assertThat(arbitrated.status()).as(arbitrated.text()).isEqualTo(201);
        assertThat(number(arbitrated.json(), "finalScore")).isEqualByComparingTo("20");
        JsonObject ra = resultOf(a);
        assertThat(ra.getBoolean("pendingMarking")).isFalse();
        assertThat(number(ra, "markedScore")).isEqualByComparingTo("90");
        assertThat(number(ra, "total")).isEqualByComparingTo("90");
        assertThat(ra.getBoolean("passed")).isTrue();
        String csv = api.get("/api/admin/sittings/" + sitting + "/results/export?format=csv", admin).body()
                .toString(StandardCharsets.UTF_8);
        assertThat(csv).contains(node.candidate(0).ticket()).contains(",90,100,合格,")
                .contains(",98.5,100,合格,");

        // Reopening needs the chief and a reason; it makes A pending again until the chief decides anew.
        assertThat(api.post("/api/marking/scripts/" + essayA + "/reopen", m1, new JsonObject().put("reason", "x"))
                .status()).isEqualTo(403);
        refused(api.post("/api/marking/scripts/" + essayA + "/reopen", chief, new JsonObject()), 400, "BAD_VALUE",
                "reason");
        Api.Reply reopened = api.post("/api/marking/scripts/" + essayA + "/reopen", chief, new JsonObject()
                .put("reason", "复核：要点一有得分"));
        assertThat(reopened.status()).as(reopened.text()).isEqualTo(200);
        assertThat(reopened.json().getString("state")).isEqualTo("ARBITRATION");
        assertThat(resultOf(a).getBoolean("pendingMarking")).isTrue();
        assertThat(resultOf(a).getValue("total")).isNull();
        refused(mark(m2, essayA, points(sheetA, BigDecimal.ZERO, false), ""), 409, "CONFLICT", "scriptId");
        Api.Reply again = api.post("/api/marking/scripts/" + essayA + "/arbitration", chief, new JsonObject()
                .put("points", summing(sheetA, 22)).put("comment", "复核后"));
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(number(resultOf(a), "total")).isEqualByComparingTo("92");
        JsonObject history = sheet(chief, essayA);
        assertThat(history.getJsonArray("marks")).hasSize(4);
        assertThat(history.getJsonArray("marks").getJsonObject(2).getBoolean("setAside")).isTrue();
        assertThat(history.getJsonArray("marks").getJsonObject(2).getString("setAsideWhy")).isEqualTo("复核：要点一有得分");

        // Every opening, mark, arbitration and reopening is an audit record of the sitting.
        Map<String, Integer> actions = new HashMap<>();
        api.get("/api/admin/sittings/" + sitting + "/audit", admin).array().stream().map(o -> (JsonObject) o)
                .forEach(r -> actions.merge(r.getString("action"), 1, Integer::sum));
        assertThat(actions).containsEntry("marking.open", 1).containsEntry("marking.mark", 12)
                .containsEntry("marking.arbitrate", 2).containsEntry("marking.reopen", 1);

        // A marker sees the sitting in their list; the chief marker every sitting.
        assertThat(api.get("/api/marking/sittings", m1).array()).hasSize(1);
        assertThat(api.get("/api/marking/sittings", outsider).array()).isEmpty();
        assertThat(api.get("/api/marking/sittings", chief).array().getJsonObject(0).getBoolean("open")).isTrue();
    }
}
