package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.attempt.HistoryCheck;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.domain.Digest;
import cn.examcore.server.attempt.store.AttemptMapStore;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The answer history end to end: saves, a reconnect's vector and a submission over the seat socket, the history
 * rows the write-behind store puts in the database, the administrator's export and the command-line check. On the
 * machine's PostgreSQL with {@code EXAMCORE_TEST_PG=local} (a fresh schema, dropped afterwards), else on the
 * embedded H2 file.
 */
@DisplayName("Answer history (seat socket → database → export → verify-history)")
class AnswerHistoryIT {

    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final boolean PG = "local".equals(System.getenv("EXAMCORE_TEST_PG"));
    static final String SCHEMA = "examcore_hist_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
            .toLowerCase(Locale.ROOT);
    static TestNode node;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
        TestNode.Builder b = TestNode.builder().leadSeconds(600).writeDelaySeconds(1);
        if (PG) {
            b.config("db-url", PG_URL).config("db-user", "postgres").config("db-password", "")
                    .config("db-schema", SCHEMA);
        }
        node = b.start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        assertThat(api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null).status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() throws SQLException {
        api.close();
        node.close();
        if (PG) {
            try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    private static Connection db() throws SQLException {
        // The node's own pool: on PostgreSQL it is bound to the test's schema.
        return node.node().database().connection();
    }

    /** The history entries the database holds for the attempt, unpacked from their rows. */
    private static List<AnswerHistory.Link> storedChain(String attemptId) throws SQLException {
        try (Connection c = db()) {
            return AttemptMapStore.storedHistory(c, attemptId);
        }
    }

    private static Map<Integer, Answer> storedAnswers(String attemptId) throws SQLException {
        Map<Integer, Answer> answers = new TreeMap<>();
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "SELECT item, answer_value, rev, saved_at FROM answers WHERE attempt_id = ?")) {
            ps.setString(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    answers.put(rs.getInt(1), new Answer(rs.getInt(1), rs.getString(2), rs.getLong(3),
                            rs.getLong(4)));
                }
            }
        }
        return answers;
    }

    @Test
    @DisplayName("Every accepted save, the reconnect's vector and the final vector are chained in the database, the"
            + " chain verifies and replays to the stored answers, and the export verifies against the receipt")
    void historyEndToEnd() throws Exception {
        JsonObject login = api.loginDemo(node, 3);
        String token = login.getString("token");
        String attemptId = login.getString("attemptId");
        var paper = Papers.of(node, attemptId);
        PaperItem single = Papers.first(paper, ItemType.SINGLE_CHOICE);
        PaperItem tf = Papers.first(paper, ItemType.TRUE_FALSE);
        String a = single.options().get(0).id();
        String b = single.options().get(1).id();
        String c = single.options().get(2).id();
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            seat.hello(new JsonArray());
            assertThat(seat.save(single.number(), a, 1).getString("type")).isEqualTo("saved");
            assertThat(seat.save(single.number(), b, 2).getString("type")).isEqualTo("saved");
            assertThat(seat.save(tf.number(), true, 1).getString("type")).isEqualTo("saved");
            assertThat(seat.save(single.number(), b, 2).getString("type")).as("a repeat").isEqualTo("saved");
            assertThat(seat.save(tf.number(), false, 2).getString("type")).isEqualTo("saved");
        }
        JsonObject receipt;
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            seat.hello(new JsonArray().add(new JsonObject().put("item", tf.number()).put("value", true).put("rev", 3)));
            JsonArray vector = new JsonArray().add(new JsonObject().put("item", single.number()).put("value", c)
                    .put("rev", 3));
            seat.send(new JsonObject().put("type", "submit").put("answers", vector)
                    .put("digest", Digest.of(List.of(new Answer(single.number(), "x", 3, 0),
                            new Answer(tf.number(), "x", 3, 0)))));
            receipt = seat.next("submitted").getJsonObject("receipt");
        }

        Await.until("the six history entries written behind", Duration.ofSeconds(20),
                () -> sql(() -> storedChain(attemptId).size()) == 6);
        List<AnswerHistory.Link> chain = storedChain(attemptId);
        assertThat(chain).extracting(l -> l.entry().kind().name())
                .containsExactly("SAVE", "SAVE", "SAVE", "SAVE", "VECTOR", "FINAL");
        assertThat(chain).extracting(l -> l.entry().node()).as("the node that took each change")
                .allMatch(n -> n != null && n.contains(":"));
        String head = chain.get(chain.size() - 1).hash();
        assertThat(AnswerHistory.verify(attemptId, chain, head).valid()).isTrue();
        Map<Integer, AnswerHistory.Replayed> replayed = AnswerHistory.replay(chain.stream()
                .map(AnswerHistory.Link::entry).toList());
        Map<Integer, Answer> answers = storedAnswers(attemptId);
        assertThat(replayed.keySet()).isEqualTo(answers.keySet());
        answers.values().forEach(ans -> assertThat(replayed.get(ans.item()).matches(ans)).as("item %s", ans.item())
                .isTrue());
        assertThat(AnswerHistory.valuesDigest(replayed)).isEqualTo(receipt.getString("valuesDigest"));

        String path = "/api/admin/attempts/" + attemptId + "/history";
        assertThat(api.get(path, null).status()).isEqualTo(401);
        assertThat(api.post("/api/admin/staff", admin, new JsonObject().put("username", "proctor-hist")
                .put("password", "long-enough-secret").put("role", "PROCTOR").put("roomIds", new JsonArray()))
                .status()).isEqualTo(201);
        String proctor = api.post("/api/admin/login", null, new JsonObject().put("username", "proctor-hist")
                .put("password", "long-enough-secret")).json().getString("token");
        Api.Reply forbidden = api.get(path, proctor);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("FORBIDDEN");
        Api.Reply missing = api.get("/api/admin/attempts/no-such-attempt/history", admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("NOT_FOUND");

        JsonObject export = api.get(path, admin).json();
        assertThat(export.getString("format")).isEqualTo("examcore-answer-history-v1");
        assertThat(export.getJsonObject("head").getString("hash")).isEqualTo(head);
        assertThat(export.getJsonObject("head").getLong("seq")).isEqualTo(6);
        assertThat(export.getBoolean("replaysToAnswers")).isTrue();
        assertThat(export.getString("valuesDigest")).isEqualTo(receipt.getString("valuesDigest"));
        List<String> exportedHashes = export.getJsonArray("entries").stream()
                .map(o -> ((JsonObject) o).getString("hash")).toList();
        assertThat(exportedHashes).isEqualTo(chain.stream().map(AnswerHistory.Link::hash).toList());
        JsonArray audit = api.get("/api/admin/sittings/" + node.sittingId() + "/audit", admin).array();
        assertThat(audit.stream().map(o -> (JsonObject) o)
                .filter(r -> "attempt.history.export".equals(r.getString("action"))).map(r -> r.getString("target")))
                .contains(attemptId);

        Path dir = Files.createTempDirectory("history-it");
        Path historyFile = dir.resolve("history.json");
        Path receiptFile = dir.resolve("receipt.json");
        Files.writeString(historyFile, export.encode());
        Files.writeString(receiptFile, receipt.encode());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(HistoryCheck.run(new String[] {"verify-history", historyFile.toString(), receiptFile.toString()},
                print, print)).as("%s", out).isZero();
        export.getJsonArray("entries").getJsonObject(1).put("rev", 7);
        Files.writeString(historyFile, export.encode());
        assertThat(HistoryCheck.run(new String[] {"verify-history", historyFile.toString()}, print, print))
                .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("VERIFIED: 6 entries").contains("BROKEN at entry 2");
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
