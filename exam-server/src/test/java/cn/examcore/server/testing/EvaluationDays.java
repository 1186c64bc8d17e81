package cn.examcore.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Digest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Sittings of an evaluation (一次评价) set up and sat over HTTP, for tests that need a candidate's theory and
 * operation subjects: a sitting of one room R1 with one row of seats, a roster with the evaluation columns,
 * candidates answering (objective items right, essays and operation tasks with text naming them and one upload
 * each), and double marking by two markers with the chief arbitrating.
 */
public final class EvaluationDays {

    /** The roster header with the evaluation columns. */
    public static final String HEADER = "准考证号,身份证号,姓名,考场,座位号,科目,评价编号,申报类型,评价机构\n";

    private final Api api;
    private final TestNode node;
    private final String admin;
    private final String bankId;
    private final LongSupplier clock;
    private final Map<String, String> pins = new HashMap<>();
    private int nextPin;

    public EvaluationDays(Api api, TestNode node, String admin, String bankId, LongSupplier clock, int firstPin) {
        this.api = api;
        this.node = node;
        this.admin = admin;
        this.bankId = bankId;
        this.clock = clock;
        this.nextPin = firstPin;
    }

    public static byte[] resource(String name) {
        try (InputStream in = EvaluationDays.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 企业人力资源管理师 level-4 sitting of the subject started a minute ago on the node's clock, 3 seats. */
    public String sitting(String subject, String blueprint) {
        return sitting(subject, blueprint, "企业人力资源管理师", 4);
    }

    /** A sitting of the occupation, level and subject started a minute ago on the node's clock, 3 seats. */
    public String sitting(String subject, String blueprint, String occupation, int level) {
        String pin = String.valueOf(nextPin++);
        Api.Reply created = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "eval " + subject)
                .put("occupation", occupation).put("level", level).put("subject", subject)
                .put("t0", clock.getAsLong() - 60_000).put("durationMinutes", 120).put("checkInMinutes", 30)
                .put("enrolmentPin", pin));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().getString("id");
        pins.put(id, pin);
        Api.Reply room = api.post("/api/admin/sittings/" + id + "/rooms", admin,
                new JsonObject().put("name", "R1").put("rows", 1).put("cols", 3));
        assertThat(room.status()).as(room.text()).isEqualTo(201);
        Api.Reply bp = api.put("/api/admin/sittings/" + id + "/blueprint", admin, new JsonObject()
                .put("bankId", bankId).put("blueprint", new JsonObject(new String(resource(blueprint),
                        StandardCharsets.UTF_8))));
        assertThat(bp.status()).as(bp.text()).isEqualTo(200);
        return id;
    }

    /** The enrolment PIN of a sitting this helper created. */
    public String pin(String sittingId) {
        return pins.get(sittingId);
    }

    /** Imports the roster rows (after {@link #HEADER}). */
    public Api.Reply roster(String sittingId, String rows) {
        return api.postFile("/api/admin/sittings/" + sittingId + "/roster", admin, "roster.csv",
                (HEADER + rows).getBytes(StandardCharsets.UTF_8));
    }

    /** One roster row at seat R1-0{@code seat}. */
    public static String row(String ticket, String idNumber, String name, int seat, String subjects,
                             String evaluation, String kind, String body) {
        return ticket + "," + idNumber + "," + name + ",R1," + seat + "," + subjects + "," + evaluation + "," + kind
                + "," + body + "\n";
    }

    public void assembleAndStart(String sittingId, int papers) {
        Api.Reply assembled = api.post("/api/admin/sittings/" + sittingId + "/assemble", admin, null);
        assertThat(assembled.status()).as(assembled.text()).isEqualTo(200);
        assertThat(assembled.json().getInteger("papers")).isEqualTo(papers);
        Api.Reply started = api.post("/api/admin/sittings/" + sittingId + "/start", admin, new JsonObject());
        assertThat(started.status()).as(started.text()).isEqualTo(200);
    }

    /**
     * Logs the candidate in at seat R1-0{@code seat} and submits: objective items right, essays and operation tasks
     * with text naming {@code label} and one uploaded file per task. Returns the attempt id.
     */
    public String sit(String sittingId, int seat, String ticket, String idNumber, String label) {
        String terminal = api.enrol("R1-0" + seat, pins.get(sittingId));
        Api.Reply login = api.login(terminal, ticket, idNumber);
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        String attemptId = login.json().getString("attemptId");
        String token = login.json().getString("token");
        JsonArray answers = new JsonArray();
        List<Answer> digested = new ArrayList<>();
        for (PaperItem item : Papers.of(node, attemptId).items().values()) {
            Object value = switch (item.type()) {
                case ESSAY, SHORT_ANSWER -> new JsonObject().put("text", "essay of candidate " + label);
                case OPERATION -> {
                    Api.Reply r = api.postMultipart("/api/candidate/upload", token, "作品-" + item.number() + ".docx",
                            ("work of candidate " + label).getBytes(StandardCharsets.UTF_8));
                    assertThat(r.status()).as(r.text()).isEqualTo(200);
                    yield new JsonObject().put("text", "task " + item.number() + " by candidate " + label)
                            .put("files", new JsonArray().add(r.json().getString("fileId")));
                }
                default -> Papers.correct(item);
            };
            answers.add(new JsonObject().put("item", item.number()).put("value", value).put("rev", 1));
            digested.add(new Answer(item.number(), "x", 1, 0));
        }
        try (SeatClient s = SeatClient.connect(api.vertx(), node.port(), token)) {
            s.hello(new JsonArray());
            s.send(new JsonObject().put("type", "submit").put("answers", answers).put("digest", Digest.of(digested)));
            s.next("submitted");
        }
        return attemptId;
    }

    /** Every rubric point at its maximum, or every point 0. */
    public static JsonArray rubricPoints(JsonObject sheet, boolean full) {
        JsonArray out = new JsonArray();
        for (Object o : sheet.getJsonObject("item").getJsonArray("rubric")) {
            out.add(full ? new BigDecimal(((JsonObject) o).getValue("points").toString()) : BigDecimal.ZERO);
        }
        return out;
    }

    /**
     * Opens marking of the sitting for the two markers (usernames and tokens); each marks every script full except
     * those naming {@code failing} (zero) and, for the second marker only, the essay of {@code disputed} (zero, so
     * it goes to the chief). Returns the disputed essay's script id, or null.
     */
    public String doubleMark(String sittingId, String chief, List<String> markerNames, List<String> markers,
                             String failing, String disputed) {
        Api.Reply opened = api.post("/api/marking/sittings/" + sittingId + "/open", chief, new JsonObject()
                .put("markers", new JsonArray(markerNames)).put("arbitrationRule", "ARBITER"));
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        String dispute = null;
        for (String marker : markers) {
            Api.Reply list = api.get("/api/marking/sittings/" + sittingId + "/scripts", marker);
            assertThat(list.status()).as(list.text()).isEqualTo(200);
            for (Object o : list.array()) {
                String scriptId = ((JsonObject) o).getString("scriptId");
                JsonObject sheet = api.get("/api/marking/scripts/" + scriptId, marker).json();
                String text = sheet.encode();
                boolean zero = failing != null && text.contains("candidate " + failing);
                if (disputed != null && marker.equals(markers.get(1))
                        && text.contains("essay of candidate " + disputed)) {
                    zero = true;
                    dispute = scriptId;
                }
                JsonObject mark = new JsonObject().put("points", rubricPoints(sheet, !zero)).put("comment", "eval");
                Api.Reply marked = atMarkersPace(() -> api.post("/api/marking/scripts/" + scriptId + "/marks",
                        marker, mark));
                assertThat(marked.status()).as(marked.text()).isEqualTo(201);
            }
        }
        return dispute;
    }

    /**
     * A marking write as a marker's page makes it: one the server refuses as RATE_LIMITED (each marker's budget is a
     * burst of 20, then 5 a second) is tried again a moment later, as the refusal asks. A scripted marker on a fast
     * machine marks several sittings' scripts faster than any person, so without this the test's pace, not the
     * product, decides whether it passes; anything else the server answers is returned at once.
     */
    private static Api.Reply atMarkersPace(Supplier<Api.Reply> write) {
        Api.Reply reply = write.get();
        for (int tries = 0; reply.status() == 429 && tries < 40; tries++) {
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            reply = write.get();
        }
        return reply;
    }
}
