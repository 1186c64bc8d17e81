package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.server.offline.domain.OfflineCrypto;
import cn.examcore.server.offline.domain.OfflineFile;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.LocalPostgres;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 离线答卷 over HTTP on a real node (and PostgreSQL when EXAMCORE_TEST_PG=local): a file sealed as the page seals it
 * is refused while the attempt is open, merged after the deadline (answers, result, event, audit), merges nothing a
 * second time, and is refused forged, foreign, out of scope and late, each time with nothing changed.
 */
class OfflineAnswersIT {

    private static final AtomicLong OFFSET = new AtomicLong();
    static LocalPostgres pg;
    static TestNode node;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
        pg = LocalPostgres.schemaIfRequested("examcore_offline");
        TestNode.Builder builder = TestNode.builder().leadSeconds(-60).durationMinutes(60)
                .clock(() -> System.currentTimeMillis() + OFFSET.get());
        node = (pg == null ? builder : pg.on(builder)).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
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
        return "/api/proctor/sittings/" + node.sittingId();
    }

    /** The page's answers for every objective item of the paper, correct, at revision {@code rev}, as JSON text. */
    private static byte[] correctAnswers(String attemptId, long rev) {
        JsonArray answers = new JsonArray();
        for (PaperItem item : Papers.of(node, attemptId).items().values()) {
            if (Papers.objective(item.type())) {
                answers.add(new JsonObject().put("item", item.number()).put("value", Papers.correct(item))
                        .put("rev", rev));
            }
        }
        return new JsonObject().put("attemptId", attemptId).put("answers", answers).encode()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject json(OfflineFile f) {
        return JsonObject.mapFrom(f);
    }

    private static OfflineFile seal(JsonObject credentials, String attemptId, byte[] plaintext) {
        return OfflineCrypto.seal(OfflineCrypto.parsePublic(credentials.getString("publicKey")),
                Base64.getDecoder().decode(credentials.getString("macKey")), attemptId,
                credentials.getString("ticket"), credentials.getString("seatCode"), System.currentTimeMillis(),
                plaintext);
    }

    private static JsonObject result(String attemptId) {
        for (Object o : api.get("/api/admin/sittings/" + node.sittingId() + "/results", admin).array()) {
            JsonObject row = (JsonObject) o;
            if (attemptId.equals(row.getString("attemptId"))) {
                return row;
            }
        }
        return null;
    }

    private static List<String> eventKinds(String attemptId) {
        return api.get(sitting() + "/events?attemptId=" + attemptId, admin).array().stream()
                .map(o -> ((JsonObject) o).getString("kind")).toList();
    }

    @Test
    @DisplayName("a page's offline file is refused while its attempt is open, merged by revision after the deadline"
            + " (answers, score, event, audit), merges nothing again, and a forged, foreign, out-of-scope or late file"
            + " is refused with its own code and nothing changed")
    void offlineFileAfterTheDeadline() throws Exception {
        JsonObject login0 = api.loginDemo(node, 0);
        JsonObject login1 = api.loginDemo(node, 1);
        String attempt0 = login0.getString("attemptId");
        String attempt1 = login1.getString("attemptId");
        JsonObject cred0 = api.get("/api/candidate/offline-credentials", login0.getString("token")).json();
        JsonObject cred1 = api.get("/api/candidate/offline-credentials", login1.getString("token")).json();
        assertThat(cred0.getString("attemptId")).isEqualTo(attempt0);
        assertThat(cred0.getInteger("windowMinutes")).isEqualTo(30);
        assertThat(cred0.getString("publicKey")).as("one key per sitting").isEqualTo(cred1.getString("publicKey"));
        assertThat(cred0.getString("macKey")).as("one MAC key per attempt").isNotEqualTo(cred1.getString("macKey"));

        // The seat saves one answer (revision 1) and then loses the network for good.
        PaperItem first = Papers.first(Papers.of(node, attempt0), cn.examcore.bank.model.ItemType.SINGLE_CHOICE);
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login0.getString("token"))) {
            seat.hello(new JsonArray());
            seat.save(first.number(), Papers.wrong(first), 1);
        }
        OfflineFile file = seal(cred0, attempt0, correctAnswers(attempt0, 2));

        Api.Reply open = api.post(sitting() + "/offline-answers", admin, json(file));
        assertThat(open.status()).isEqualTo(409);
        assertThat(open.code()).isEqualTo("OFFLINE_WINDOW_CLOSED");

        // The deadline passes: the timer freezes both attempts with what they hold.
        OFFSET.set(61 * 60_000L);
        Await.until("both results stored", java.time.Duration.ofSeconds(20),
                () -> result(attempt0) != null && result(attempt1) != null);
        JsonObject before = result(attempt0);
        assertThat(before.getString("submitKind")).isEqualTo("AUTO_SUBMITTED");

        // A changed byte, another attempt's file under this attempt's id, and this file as if for another seat.
        byte[] ct = Base64.getDecoder().decode(file.ciphertext());
        ct[3] ^= 1;
        OfflineFile changed = new OfflineFile(file.format(), file.attemptId(), file.ticket(), file.seatCode(),
                file.createdAt(), file.epk(), file.iv(), Base64.getEncoder().encodeToString(ct), file.mac());
        OfflineFile foreign = seal(cred1, attempt1, correctAnswers(attempt1, 2));
        OfflineFile foreignAsThis = new OfflineFile(foreign.format(), attempt0, file.ticket(), file.seatCode(),
                foreign.createdAt(), foreign.epk(), foreign.iv(), foreign.ciphertext(), foreign.mac());
        OfflineFile otherSeat = new OfflineFile(file.format(), file.attemptId(), file.ticket(),
                node.seatCodes().get(1), file.createdAt(), file.epk(), file.iv(), file.ciphertext(), file.mac());
        for (OfflineFile bad : List.of(changed, foreignAsThis, otherSeat)) {
            Api.Reply r = api.post(sitting() + "/offline-answers", admin, json(bad));
            assertThat(r.status()).as(r.text()).isEqualTo(422);
            assertThat(r.code()).isEqualTo("OFFLINE_FILE_FORGED");
        }
        Api.Reply notAFile = api.postRaw(sitting() + "/offline-answers", admin, "{\"hello\": 1}");
        assertThat(notAFile.status()).isEqualTo(400);
        assertThat(notAFile.code()).isEqualTo("OFFLINE_FILE_INVALID");

        // A proctor of another room may not upload it.
        api.post("/api/admin/staff", admin, new JsonObject().put("username", "offline-proctor")
                .put("password", "offline-proctor-password").put("role", "PROCTOR")
                .put("roomIds", new JsonArray().add("another-room")));
        String proctor = api.post("/api/admin/login", null, new JsonObject().put("username", "offline-proctor")
                .put("password", "offline-proctor-password")).json().getString("token");
        Api.Reply scope = api.post(sitting() + "/offline-answers", proctor, json(file));
        assertThat(scope.status()).isEqualTo(403);
        assertThat(scope.code()).isEqualTo("FORBIDDEN");

        assertThat(result(attempt0)).as("nothing changed by a refused file").isEqualTo(before);
        assertThat(eventKinds(attempt0)).doesNotContain("OFFLINE_ANSWERS_MERGED");

        Api.Reply merged = api.post(sitting() + "/offline-answers", admin, json(file));
        assertThat(merged.status()).as(merged.text()).isEqualTo(200);
        JsonObject out = merged.json();
        long objectives = Papers.of(node, attempt0).items().values().stream()
                .filter(i -> Papers.objective(i.type())).count();
        assertThat(out.getInteger("merged")).isEqualTo((int) objectives);
        assertThat(out.getInteger("answered")).isEqualTo((int) objectives);
        JsonObject after = result(attempt0);
        assertThat(after.getDouble("objectiveScore")).isGreaterThan(before.getDouble("objectiveScore"));
        assertThat(after.getDouble("objectiveScore")).isEqualTo(out.getDouble("objectiveScore"));
        assertThat(after.getLong("submittedAt")).as("still the deadline's freeze").isEqualTo(before.getLong(
                "submittedAt"));
        assertThat(eventKinds(attempt0)).contains("OFFLINE_ANSWERS_MERGED");
        JsonObject receipt = api.get("/api/admin/attempts/" + attempt0 + "/receipt", admin).json();
        assertThat(receipt.getString("code")).as("the receipt is the merged answers'").isEqualTo(out.getString(
                "receipt"));
        assertThat(api.get("/api/admin/sittings/" + node.sittingId() + "/audit", admin).text())
                .contains("seat.offline-answers");

        Api.Reply again = api.post(sitting() + "/offline-answers", admin, json(file));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getInteger("merged")).as("a replay merges nothing").isZero();
        assertThat(result(attempt0).getDouble("objectiveScore")).isEqualTo(after.getDouble("objectiveScore"));

        // Thirty minutes after the deadline the window closes.
        OFFSET.set(61 * 60_000L + 31 * 60_000L);
        Api.Reply late = api.post(sitting() + "/offline-answers", admin, json(foreign));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("OFFLINE_WINDOW_CLOSED");
        assertThat(late.json().getJsonObject("details").getLong("closesAt")).isPositive();
        assertThat(eventKinds(attempt1)).doesNotContain("OFFLINE_ANSWERS_MERGED");

        // The window is the sitting's rule, set and audited like the other room rules: 0 takes no file, 45 takes it.
        String rules = "/api/admin/sittings/" + node.sittingId() + "/rules";
        Api.Reply tooLong = api.put(rules, admin, new JsonObject().put("offlineWindowMinutes", 481));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().getJsonObject("details").getString("field")).isEqualTo("offlineWindowMinutes");
        assertThat(api.put(rules, admin, new JsonObject().put("offlineWindowMinutes", 0)).status()).isEqualTo(200);
        Api.Reply none = api.post(sitting() + "/offline-answers", admin, json(foreign));
        assertThat(none.code()).isEqualTo("OFFLINE_WINDOW_CLOSED");
        assertThat(none.json().getString("message")).contains("takes no offline answer files");
        assertThat(api.put(rules, admin, new JsonObject().put("offlineWindowMinutes", 45)).json()
                .getInteger("offlineWindowMinutes")).isEqualTo(45);
        assertThat(api.get("/api/admin/sittings/" + node.sittingId() + "/audit", admin).text())
                .contains("sitting.rules").contains("offlineWindowMinutes");
        Api.Reply within = api.post(sitting() + "/offline-answers", admin, json(foreign));
        assertThat(within.status()).as(within.text()).isEqualTo(200);
        assertThat(eventKinds(attempt1)).contains("OFFLINE_ANSWERS_MERGED");
    }
}
