package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.attempt.ReceiptCheck;
import cn.examcore.server.attempt.ReceiptKeys;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Digest;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.paper.PaperService;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The seat socket and candidate API over real HTTP and WebSocket against a started node (sitting released). */
@DisplayName("Seat protocol")
class SeatProtocolIT {

    static TestNode node;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
        node = TestNode.builder().leadSeconds(600).maxMessageBytes(8 * 1024).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        assertThat(api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null).status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    private static JsonArray stored(String token) {
        Api.Reply r = api.get("/api/candidate/answers", token);
        assertThat(r.status()).isEqualTo(200);
        return r.json().getJsonArray("answers");
    }

    private static JsonObject storedItem(String token, int item) {
        for (Object o : stored(token)) {
            JsonObject a = (JsonObject) o;
            if (a.getInteger("item") == item) {
                return a;
            }
        }
        return null;
    }

    @Test
    @DisplayName("A save is acknowledged, and a lower revision is acknowledged but changes nothing")
    void savesAreIdempotent() {
        JsonObject login = api.loginDemo(node, 1);
        String token = login.getString("token");
        PaperService.LoadedPaper p = Papers.of(node, login.getString("attemptId"));
        PaperItem single = Papers.first(p, ItemType.SINGLE_CHOICE);
        String first = single.options().get(0).id();
        String second = single.options().get(1).id();
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            assertThat(seat.hello(new JsonArray()).getString("state")).isEqualTo("ANSWERING");
            JsonObject ack = seat.save(single.number(), second, 2);
            assertThat(ack.getString("type")).isEqualTo("saved");
            assertThat(ack.getLong("rev")).isEqualTo(2);
            JsonObject stale = seat.save(single.number(), first, 1);
            assertThat(stale.getString("type")).isEqualTo("saved");
            JsonObject again = seat.save(single.number(), second, 2);
            assertThat(again.getString("type")).isEqualTo("saved");
        }
        JsonObject held = storedItem(token, single.number());
        assertThat(held.getString("value")).isEqualTo(second);
        assertThat(held.getLong("rev")).isEqualTo(2);
    }

    @Test
    @DisplayName("Malformed JSON, an unknown item, a wrong value shape and an oversized message are refused by name and change nothing")
    void badInputIsRefused() {
        JsonObject login = api.loginDemo(node, 2);
        String token = login.getString("token");
        PaperService.LoadedPaper p = Papers.of(node, login.getString("attemptId"));
        PaperItem tf = Papers.first(p, ItemType.TRUE_FALSE);
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            seat.hello(new JsonArray());
            assertThat(seat.save(tf.number(), true, 1).getString("type")).isEqualTo("saved");

            seat.sendRaw("{\"type\": \"save\", \"item\": ");
            JsonObject malformed = seat.next("error");
            assertThat(malformed.getString("code")).isEqualTo("BAD_MESSAGE");
            assertThat(malformed.getString("message")).containsIgnoringCase("malformed");

            JsonObject unknown = seat.save(999, "A", 5);
            assertThat(unknown.getString("code")).isEqualTo("UNKNOWN_ITEM");
            assertThat(unknown.getJsonObject("details").getString("field")).isEqualTo("item");
            assertThat(unknown.getJsonObject("details").getLong("item")).isEqualTo(999L);
            assertThat(unknown.getJsonObject("details").getLong("rev")).isEqualTo(5L);

            JsonObject shape = seat.save(tf.number(), "yes", 9);
            assertThat(shape.getString("code")).isEqualTo("BAD_VALUE");
            assertThat(shape.getJsonObject("details").getString("field")).isEqualTo("value");
            assertThat(shape.getJsonObject("details").getLong("item")).isEqualTo((long) tf.number());
            assertThat(shape.getJsonObject("details").getLong("rev")).isEqualTo(9L);
            assertThat(shape.getString("message")).contains("true or false");

            String huge = "x".repeat(9 * 1024);
            seat.send(new JsonObject().put("type", "save").put("item", tf.number())
                    .put("value", false).put("rev", 10).put("pad", huge));
            assertThat(seat.next("error").getString("code")).isEqualTo("MESSAGE_TOO_LARGE");

            seat.send(new JsonObject().put("type", "teleport"));
            JsonObject type = seat.next("error");
            assertThat(type.getString("code")).isEqualTo("BAD_MESSAGE");
            assertThat(type.getJsonObject("details").getString("field")).isEqualTo("type");

            assertThat(seat.isClosed()).isFalse();
        }
        assertThat(stored(token)).hasSize(1);
        assertThat(storedItem(token, tf.number()).getBoolean("value")).isTrue();
        assertThat(storedItem(token, tf.number()).getLong("rev")).isEqualTo(1);
    }

    @Test
    @DisplayName("A reconnecting page's whole vector is merged per item by revision")
    void reconnectMergesVector() {
        JsonObject login = api.loginDemo(node, 3);
        String token = login.getString("token");
        PaperService.LoadedPaper p = Papers.of(node, login.getString("attemptId"));
        PaperItem tf = Papers.first(p, ItemType.TRUE_FALSE);
        PaperItem fill = Papers.first(p, ItemType.FILL_IN);
        PaperItem essay = Papers.first(p, ItemType.SHORT_ANSWER);
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            seat.hello(new JsonArray());
            seat.save(tf.number(), true, 5);
            seat.save(fill.number(), new JsonArray().add("server"), 3);
        }
        JsonArray vector = new JsonArray()
                .add(new JsonObject().put("item", tf.number()).put("value", false).put("rev", 4))
                .add(new JsonObject().put("item", fill.number()).put("value", new JsonArray().add("page")).put("rev", 4))
                .add(new JsonObject().put("item", essay.number()).put("value", new JsonObject().put("text", "offline"))
                        .put("rev", 1));
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            JsonObject welcome = seat.hello(vector);
            assertThat(welcome.getString("state")).isEqualTo("ANSWERING");
            assertThat(welcome.getString("key")).isNotBlank();
            JsonArray merged = welcome.getJsonArray("answers");
            assertThat(merged).hasSize(3);
        }
        assertThat(storedItem(token, tf.number()).getBoolean("value")).isTrue();
        assertThat(storedItem(token, tf.number()).getLong("rev")).isEqualTo(5);
        assertThat(storedItem(token, fill.number()).getJsonArray("value").getString(0)).isEqualTo("page");
        assertThat(storedItem(token, essay.number()).getJsonObject("value").getString("text")).isEqualTo("offline");
        List<JsonObject> events = events(login.getString("attemptId"));
        assertThat(events).extracting(e -> e.getString("kind")).contains("RECONNECT", "LOGIN");
    }

    private static List<JsonObject> events(String attemptId) {
        Api.Reply r = api.get("/api/proctor/sittings/" + node.sittingId() + "/events?attemptId=" + attemptId, admin);
        assertThat(r.status()).isEqualTo(200);
        List<JsonObject> out = new ArrayList<>();
        r.array().forEach(o -> out.add((JsonObject) o));
        return out;
    }

    @Test
    @DisplayName("Pause stops saves and the clock, extend moves the deadline, resume restarts; each reaches the seat")
    void pauseAndExtend() {
        JsonObject login = api.loginDemo(node, 4);
        String token = login.getString("token");
        String seatCode = node.seatCodes().get(4);
        PaperItem tf = Papers.first(Papers.of(node, login.getString("attemptId")), ItemType.TRUE_FALSE);
        String base = "/api/proctor/sittings/" + node.sittingId() + "/seats/" + seatCode;
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            long deadline = seat.hello(new JsonArray()).getLong("deadline");

            assertThat(api.post(base + "/pause", admin, new JsonObject().put("reason", "toilet")).status())
                    .isEqualTo(200);
            JsonObject paused = seat.next("state");
            assertThat(paused.getString("state")).isEqualTo("PAUSED");
            assertThat(seat.save(tf.number(), true, 1).getString("code")).isEqualTo("PAUSED");

            Api.Reply ext = api.post(base + "/extend", admin, new JsonObject().put("seconds", 300).put("reason", "x"));
            assertThat(ext.status()).isEqualTo(200);
            JsonObject extended = seat.next("state");
            assertThat(extended.getLong("deadline")).isGreaterThanOrEqualTo(deadline + 300_000);

            assertThat(api.post(base + "/resume", admin, null).status()).isEqualTo(200);
            JsonObject resumed = seat.next("state");
            assertThat(resumed.getString("state")).isEqualTo("ANSWERING");
            assertThat(resumed.getLong("deadline")).isGreaterThanOrEqualTo(deadline + 300_000);
            assertThat(seat.save(tf.number(), true, 1).getString("type")).isEqualTo("saved");

            assertThat(api.post(base + "/remind", admin, new JsonObject().put("message", "eyes on your screen"))
                    .status()).isEqualTo(200);
            assertThat(seat.next("reminder").getString("message")).isEqualTo("eyes on your screen");

            Api.Reply twice = api.post(base + "/resume", admin, null);
            assertThat(twice.status()).isEqualTo(409);
            assertThat(twice.code()).isEqualTo("ILLEGAL_TRANSITION");
            Api.Reply bad = api.post(base + "/extend", admin, new JsonObject().put("seconds", -5));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().getJsonObject("details").getString("field")).isEqualTo("seconds");
        }
        Api.Reply audit = api.get("/api/admin/sittings/" + node.sittingId() + "/audit", admin);
        assertThat(audit.array().stream().map(o -> ((JsonObject) o).getString("action")))
                .contains("seat.pause", "seat.extend", "seat.resume", "seat.remind");
    }

    @Test
    @DisplayName("An early submit merges the final vector, freezes the attempt, returns a receipt with a matching digest and scores the objective items")
    void earlySubmit() {
        JsonObject login = api.loginDemo(node, 5);
        String token = login.getString("token");
        String attemptId = login.getString("attemptId");
        PaperService.LoadedPaper p = Papers.of(node, attemptId);
        PaperItem single = Papers.first(p, ItemType.SINGLE_CHOICE);
        PaperItem multiple = Papers.first(p, ItemType.MULTIPLE_CHOICE);
        PaperItem tf = Papers.first(p, ItemType.TRUE_FALSE);
        PaperItem fill = Papers.first(p, ItemType.FILL_IN);
        PaperItem essay = Papers.first(p, ItemType.SHORT_ANSWER);
        String code;
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            seat.hello(new JsonArray());
            assertThat(seat.save(single.number(), Papers.correct(single), 1).getString("type")).isEqualTo("saved");
            assertThat(seat.save(tf.number(), Papers.wrong(tf), 1).getString("type")).isEqualTo("saved");
            JsonArray finalVector = new JsonArray()
                    .add(new JsonObject().put("item", single.number()).put("value", Papers.correct(single)).put("rev", 1))
                    .add(new JsonObject().put("item", tf.number()).put("value", Papers.wrong(tf)).put("rev", 1))
                    .add(new JsonObject().put("item", multiple.number()).put("value", Papers.correct(multiple))
                            .put("rev", 2))
                    .add(new JsonObject().put("item", fill.number()).put("value", Papers.correct(fill)).put("rev", 1))
                    .add(new JsonObject().put("item", essay.number()).put("value", new JsonObject().put("text", "t"))
                            .put("rev", 1));
            String digest = Digest.of(List.of(new Answer(single.number(), "x", 1, 0), new Answer(tf.number(), "x", 1, 0),
                    new Answer(multiple.number(), "x", 2, 0), new Answer(fill.number(), "x", 1, 0),
                    new Answer(essay.number(), "x", 1, 0)));
            seat.send(new JsonObject().put("type", "submit").put("answers", finalVector).put("digest", digest));
            JsonObject receipt = seat.next("submitted").getJsonObject("receipt");
            assertThat(receipt.getString("attemptId")).isEqualTo(attemptId);
            assertThat(receipt.getInteger("answered")).isEqualTo(5);
            assertThat(receipt.getString("digest")).isEqualTo(digest);
            assertThat(receipt.getBoolean("digestMatches")).isTrue();
            assertThat(receipt.getString("code")).matches("[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}");

            JsonObject late = seat.save(tf.number(), Papers.correct(tf), 7);
            assertThat(late.getString("code")).isEqualTo("ATTEMPT_SUBMITTED");
            // A page that lost the reply sends its submit again: the receipt of the attempt as frozen comes back,
            // the page's digest checked against it, and nothing is merged (the tf answer below stays at rev 1).
            seat.send(new JsonObject().put("type", "submit").put("answers", new JsonArray()).put("digest", digest));
            JsonObject again = seat.next("submitted").getJsonObject("receipt");
            assertThat(again.getString("code")).isEqualTo(receipt.getString("code"));
            assertThat(again.getBoolean("digestMatches")).isTrue();
            JsonArray laterVector = new JsonArray().add(new JsonObject().put("item", tf.number())
                    .put("value", Papers.correct(tf)).put("rev", 8));
            String laterDigest = Digest.of(List.of(new Answer(tf.number(), "x", 8, 0)));
            seat.send(new JsonObject().put("type", "submit").put("answers", laterVector).put("digest", laterDigest));
            JsonObject differs = seat.next("submitted").getJsonObject("receipt");
            assertThat(differs.getString("digest")).isEqualTo(digest);
            assertThat(differs.getBoolean("digestMatches")).isFalse();
            code = receipt.getString("code");
        }
        // A reload (a new hello) gets the receipt rebuilt from the frozen attempt: the page's digest is not in it,
        // so it says nothing about the check rather than a mismatch the page would show over the earlier match.
        try (SeatClient reloaded = SeatClient.connect(api.vertx(), node.port(), token)) {
            reloaded.hello(new JsonArray());
            JsonObject rebuilt = reloaded.next("submitted").getJsonObject("receipt");
            assertThat(rebuilt.getString("code")).isEqualTo(code);
            assertThat(rebuilt.containsKey("digestMatches")).as("rebuilt receipt %s", rebuilt).isFalse();
        }
        assertThat(storedItem(token, tf.number()).getLong("rev")).isEqualTo(1);
        JsonObject result = resultOf(node.candidate(5).ticket());
        java.math.BigDecimal expected = single.score().add(multiple.score()).add(fill.score());
        assertThat(new java.math.BigDecimal(result.getValue("objectiveScore").toString())).isEqualByComparingTo(expected);
        assertThat(result.getBoolean("pendingMarking")).isTrue();
        assertThat(result.getString("submitKind")).isEqualTo("SUBMITTED");

        Api.Reply again = api.login(api.enrol(node.seatCodes().get(5), node.pin()), node.candidate(5).ticket(),
                node.candidate(5).idNumber());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("ALREADY_SUBMITTED");
    }

    @Test
    @DisplayName("A receipt is signed: it verifies through the public endpoint and the command line, a changed field "
            + "does not, the administrator's export carries the same signature, and bad input names its field")
    void signedReceipt() throws Exception {
        JsonObject login = api.loginDemo(node, 20);
        String token = login.getString("token");
        PaperItem single = Papers.first(Papers.of(node, login.getString("attemptId")), ItemType.SINGLE_CHOICE);
        JsonObject receipt;
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            seat.hello(new JsonArray());
            JsonArray vector = new JsonArray().add(new JsonObject().put("item", single.number())
                    .put("value", Papers.correct(single)).put("rev", 3));
            seat.send(new JsonObject().put("type", "submit").put("answers", vector)
                    .put("digest", Digest.of(List.of(new Answer(single.number(), "x", 3, 0)))));
            receipt = seat.next("submitted").getJsonObject("receipt");
        }
        assertThat(receipt.getString("ticket")).isEqualTo(node.candidate(20).ticket());
        assertThat(receipt.getString("valuesDigest")).matches("[0-9a-f]{64}").isNotEqualTo(receipt.getString("digest"));
        assertThat(receipt.getString("keyId")).startsWith("rk-");

        JsonObject keys = api.get("/api/public/receipt-keys", null).json();
        assertThat(keys.getString("active")).isEqualTo(receipt.getString("keyId"));
        assertThat(keys.getJsonArray("keys").getJsonObject(0).getString("publicKey")).startsWith("-----BEGIN PUBLIC KEY");

        JsonObject valid = api.post("/api/public/receipts/verify", null, receipt).json();
        assertThat(valid.getBoolean("valid")).as("%s", valid).isTrue();
        JsonObject changed = receipt.copy().put("answered", receipt.getInteger("answered") + 1);
        JsonObject refused = api.post("/api/public/receipts/verify", null, changed).json();
        assertThat(refused.getBoolean("valid")).isFalse();
        assertThat(refused.getString("verdict")).isEqualTo("BAD_SIGNATURE");
        Api.Reply bad = api.post("/api/public/receipts/verify", null, receipt.copy().put("valuesDigest", "XYZ"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("message")).contains("valuesDigest");

        String exportPath = "/api/admin/attempts/" + login.getString("attemptId") + "/receipt";
        assertThat(api.get(exportPath, null).status()).isEqualTo(401);
        JsonObject exported = api.get(exportPath, admin).json();
        assertThat(exported.getString("signature")).isEqualTo(receipt.getString("signature"));
        JsonObject open = api.loginDemo(node, 21);
        assertThat(api.get("/api/admin/attempts/" + open.getString("attemptId") + "/receipt", admin).status())
                .as("an attempt not yet submitted has no receipt").isEqualTo(409);

        Path file = Files.createTempFile("receipt", ".json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String keyFolder = ReceiptKeys.folder(node.dataDir().toString()).toString();
        try {
            Files.writeString(file, receipt.encode());
            assertThat(ReceiptCheck.run(
                    new String[] {"verify-receipt", file.toString(), keyFolder}, print, print)).as("%s", out).isZero();
            Files.writeString(file, changed.encode());
            assertThat(ReceiptCheck.run(
                    new String[] {"verify-receipt", file.toString(), keyFolder}, print, print)).as("%s", out)
                    .isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("VALID").contains("BAD_SIGNATURE");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static JsonObject resultOf(String ticket) {
        Api.Reply r = api.get("/api/admin/sittings/" + node.sittingId() + "/results", admin);
        assertThat(r.status()).isEqualTo(200);
        return r.array().stream().map(o -> (JsonObject) o).filter(o -> o.getString("ticket").equals(ticket))
                .findFirst().orElseThrow();
    }

    @Test
    @DisplayName("A forged or expired token is refused on the socket and over HTTP")
    void staleAndForgedTokens() {
        JsonObject login = api.loginDemo(node, 6);
        String attemptId = login.getString("attemptId");
        String seatCode = node.seatCodes().get(6);
        String forged = new TokenService(api.vertx(), "another-secret-0123456789-abcdefghijklmnop")
                .issueCandidate(attemptId, seatCode, node.candidate(6).ticket(), Duration.ofHours(1));
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC);
        String expired = new TokenService(api.vertx(), node.jwtSecret(), past)
                .issueCandidate(attemptId, seatCode, node.candidate(6).ticket(), Duration.ofHours(1));

        Api.Reply forgedPaper = api.get("/api/candidate/paper", forged);
        assertThat(forgedPaper.status()).isEqualTo(401);
        assertThat(forgedPaper.code()).isEqualTo("BAD_TOKEN");
        Api.Reply expiredPaper = api.get("/api/candidate/paper", expired);
        assertThat(expiredPaper.status()).isEqualTo(401);
        assertThat(expiredPaper.code()).isEqualTo("STALE_TOKEN");

        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), expired)) {
            assertThat(seat.next("error").getString("code")).isEqualTo("STALE_TOKEN");
            // The server closes the socket after the error: a stale token never gets a session.
            Await.until("the stale-token socket is closed", Duration.ofSeconds(10), seat::isClosed);
            assertThat(seat.seen()).extracting(m -> m.getString("type")).containsExactly("error");
        }
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), forged)) {
            assertThat(seat.next("error").getString("code")).isEqualTo("BAD_TOKEN");
            Await.until("the forged-token socket is closed", Duration.ofSeconds(10), seat::isClosed);
        }
        Api.Reply adminWithCandidate = api.get("/api/admin/sittings", login.getString("token"));
        assertThat(adminWithCandidate.status()).isEqualTo(401);
        assertThat(adminWithCandidate.code()).isEqualTo("WRONG_KIND");
    }

    @Test
    @DisplayName("A candidate reads only its own paper and answers, whatever the request names")
    void ownPaperOnly() {
        JsonObject a = api.loginDemo(node, 7);
        JsonObject b = api.loginDemo(node, 8);
        Api.Reply mine = api.get("/api/candidate/paper?attemptId=" + b.getString("attemptId"), a.getString("token"));
        Api.Reply own = api.get("/api/candidate/paper", a.getString("token"));
        Api.Reply theirs = api.get("/api/candidate/paper", b.getString("token"));
        assertThat(mine.json().getString("ciphertext")).isEqualTo(own.json().getString("ciphertext"));
        assertThat(mine.json().getString("ciphertext")).isNotEqualTo(theirs.json().getString("ciphertext"));
        Api.Reply answers = api.get("/api/candidate/answers?attemptId=" + b.getString("attemptId"),
                a.getString("token"));
        assertThat(answers.json().getString("attemptId")).isEqualTo(a.getString("attemptId"));
        assertThat(api.get("/api/candidate/paper", null).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("A proctor acts on and sees only the seats of the rooms in the token")
    void proctorScopedToRooms() {
        Api.Reply room = api.post("/api/admin/sittings/" + node.sittingId() + "/rooms", admin,
                new JsonObject().put("name", "R102").put("rows", 1).put("cols", 2));
        assertThat(room.status()).isEqualTo(201);
        String r102 = room.json().getString("id");
        Api.Reply created = api.post("/api/admin/staff", admin, new JsonObject().put("username", "proctor-r102")
                .put("password", "long-enough-secret").put("role", "PROCTOR").put("roomIds", new JsonArray().add(r102)));
        assertThat(created.status()).isEqualTo(201);
        Api.Reply login = api.post("/api/admin/login", null, new JsonObject().put("username", "proctor-r102")
                .put("password", "long-enough-secret"));
        String proctor = login.json().getString("token");
        api.loginDemo(node, 9);

        Api.Reply pause = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/" + node.seatCodes().get(9)
                + "/pause", proctor, null);
        assertThat(pause.status()).isEqualTo(403);
        assertThat(pause.code()).isEqualTo("FORBIDDEN");
        assertThat(api.get("/api/proctor/sittings/" + node.sittingId() + "/events", proctor).array()).isEmpty();
        assertThat(api.get("/api/proctor/sittings/" + node.sittingId() + "/attempts", proctor).array()).isEmpty();
        assertThat(api.get("/api/proctor/sittings/" + node.sittingId() + "/attempts", admin).array()).hasSize(30);
        assertThat(api.get("/api/admin/sittings", proctor).status()).isEqualTo(403);
    }

    @Test
    @DisplayName("A journal entry the server cannot take is refused on its own; the rest of the hello is merged")
    void helloWithOneBadEntry() {
        JsonObject login = api.loginDemo(node, 10);
        String token = login.getString("token");
        PaperItem tf = Papers.first(Papers.of(node, login.getString("attemptId")), ItemType.TRUE_FALSE);
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            seat.send(new JsonObject().put("type", "hello").put("answers", new JsonArray()
                    .add(new JsonObject().put("item", 999).put("value", true).put("rev", 1))
                    .add(new JsonObject().put("item", tf.number()).put("value", true).put("rev", 2))));
            JsonObject error = seat.next("error");
            assertThat(error.getString("code")).isEqualTo("UNKNOWN_ITEM");
            assertThat(error.getJsonObject("details").getString("field")).isEqualTo("answers[0].item");
            assertThat(error.getJsonObject("details").getLong("rev")).isEqualTo(1L);
            JsonObject welcome = seat.next("welcome");
            assertThat(welcome.getJsonArray("answers")).hasSize(1);
            assertThat(welcome.getJsonArray("answers").getJsonObject(0).getInteger("item")).isEqualTo(tf.number());
        }
    }
}
