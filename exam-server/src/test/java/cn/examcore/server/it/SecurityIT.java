package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.assembly.Assembler;
import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.ReleasedSitting;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes of the security review (issue 16) that concern the public port: each would pass against the node as
 * it was before its fix. Over real HTTP and the real seat socket of a started node.
 */
@DisplayName("Security probes against the public port")
class SecurityIT {

    static ReleasedSitting sitting;
    static TestNode node;
    static Api api;
    static String admin;
    static List<String> spareSeats;

    @BeforeAll
    static void start() {
        sitting = ReleasedSitting.start(TestNode.builder().leadSeconds(600));
        node = sitting.node();
        api = sitting.api();
        admin = sitting.admin();
        Api.Reply room = api.post("/api/admin/sittings/" + node.sittingId() + "/rooms", admin,
                new JsonObject().put("name", "R-sec").put("rows", 1).put("cols", 2));
        assertThat(room.status()).as(room.text()).isEqualTo(201);
        spareSeats = room.json().getJsonArray("seatCodes").stream().map(Object::toString).toList();
    }

    @AfterAll
    static void stop() {
        sitting.close();
    }

    private static void refusedNaming(Api.Reply r, int status, String code, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.code()).as(r.text()).isEqualTo(code);
        if (field != null) {
            assertThat(r.json().getJsonObject("details").getString("field")).as(r.text()).isEqualTo(field);
        }
    }

    @Test
    @DisplayName("F5: after a seat change the old seat's token reads neither answers nor paper and uploads nothing; "
            + "the token issued at the new seat does")
    void seatChangeRetiresTheOldTokenOverHttp() {
        String from = node.seatCodes().get(3);
        String to = spareSeats.get(0);
        String oldToken = api.loginDemo(node, 3).getString("token");
        assertThat(api.get("/api/candidate/answers", oldToken).status()).isEqualTo(200);

        Api.Reply moved = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/" + from + "/change-seat",
                admin, new JsonObject().put("toSeat", to).put("reason", "keyboard failed"));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);

        refusedNaming(api.get("/api/candidate/answers", oldToken), 401, "STALE_TOKEN", null);
        refusedNaming(api.get("/api/candidate/paper", oldToken), 401, "STALE_TOKEN", null);
        refusedNaming(api.get("/api/candidate/resource/chart.png", oldToken), 401, "STALE_TOKEN", null);
        Api.Reply upload = api.postMultipart("/api/candidate/upload", oldToken, "report.docx", new byte[] {1, 2, 3});
        refusedNaming(upload, 401, "STALE_TOKEN", null);

        Api.Reply atNew = api.login(api.enrol(to, node.pin()), node.candidate(3).ticket(),
                node.candidate(3).idNumber());
        assertThat(atNew.status()).as(atNew.text()).isEqualTo(200);
        String newToken = atNew.json().getString("token");
        assertThat(api.get("/api/candidate/answers", newToken).status()).isEqualTo(200);
        assertThat(api.get("/api/candidate/paper", newToken).status()).isEqualTo(200);
        // The new token passes; this theory paper then takes no files at all (QuotasIT has the operation case).
        Api.Reply newUpload = api.postMultipart("/api/candidate/upload", newToken, "report.docx", new byte[] {1, 2, 3});
        assertThat(newUpload.status()).as(newUpload.text()).isEqualTo(403);
        assertThat(newUpload.code()).isEqualTo("FORBIDDEN");
    }

    @Test
    @DisplayName("F3: a bank carrying an SVG or HTML resource is refused at import, naming the resource, and "
            + "nothing is stored")
    void activeResourcesRefusedAtImport() {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.domain)\"/>";
        String bank = bankWith(new JsonArray()
                .add(resource("logo.svg", "image/svg+xml", svg.getBytes(StandardCharsets.UTF_8)))
                .add(resource("help.html", "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))),
                "sec-active");
        Api.Reply r = api.postFile("/api/admin/banks", admin, "sec-active.json", bank.getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("BANK_REJECTED");
        assertThat(r.text()).contains("unsafe-resource", "logo.svg", "image/svg+xml", "help.html", "text/html");
        assertThat(bankStored("sec-active")).isFalse();
    }

    @Test
    @DisplayName("F3: bank resources are served with nosniff and a sandbox policy; an image keeps its type, an "
            + "attachment comes as a download")
    void resourcesAreServedInert() throws Exception {
        byte[] png = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");
        String bank = bankWith(new JsonArray().add(resource("dot.png", "image/png", png))
                .add(resource("说明 notes.txt", "text/plain", "read me".getBytes(StandardCharsets.UTF_8))), "sec-res");
        Api.Reply stored = api.postFile("/api/admin/banks", admin, "sec-res.json", bank.getBytes(StandardCharsets.UTF_8));
        assertThat(stored.status()).as(stored.text()).isEqualTo(201);
        String token = candidateOfOwnSitting(stored.json().getString("bankId"));

        Api.Reply image = api.get("/api/candidate/resource/dot.png", token);
        assertThat(image.status()).as(image.text()).isEqualTo(200);
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(image.header("Content-Security-Policy")).startsWith("sandbox");
        assertThat(image.header("Content-Disposition")).isNull();
        assertThat(image.body().getBytes()).isEqualTo(png);

        Api.Reply attachment = api.get("/api/candidate/resource/"
                + java.net.URLEncoder.encode("说明 notes.txt", StandardCharsets.UTF_8).replace("+", "%20"), token);
        assertThat(attachment.status()).as(attachment.text()).isEqualTo(200);
        assertThat(attachment.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(attachment.header("Content-Security-Policy")).startsWith("sandbox");
        assertThat(attachment.header("Content-Disposition")).startsWith("attachment;");
        assertThat(attachment.text()).isEqualTo("read me");
    }

    @Test
    @DisplayName("Pages, their modules and API answers carry a Content-Security-Policy without inline script, "
            + "frame-ancestors 'none', nosniff and a Referrer-Policy")
    void pagesCarrySecurityHeaders() {
        for (String path : List.of("/candidate/", "/admin/", "/candidate/js/app.js", "/kit/api.js", "/api/time")) {
            Api.Reply r = api.get(path, null);
            assertThat(r.status()).as(path).isEqualTo(200);
            String policy = r.header("Content-Security-Policy");
            assertThat(policy).as(path).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                    "object-src 'none'");
            assertThat(policy).as(path).doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
    }

    @Test
    @DisplayName("F11: no token or key is taken from the URL of an HTTP endpoint (candidate, staff, seat agent) or of"
            + " the seat socket, whose token goes in Sec-WebSocket-Protocol and is not echoed back")
    void tokensOnlyInTheHeader() throws Exception {
        JsonObject login = api.loginDemo(node, 4);
        String candidate = login.getString("token");
        refusedNaming(api.get("/api/candidate/answers?token=" + candidate, null), 400, "BAD_REQUEST", "token");
        refusedNaming(api.get("/api/candidate/paper?token=" + candidate, null), 400, "BAD_REQUEST", "token");
        refusedNaming(api.get("/api/admin/sittings?token=" + admin, null), 400, "BAD_REQUEST", "token");
        refusedNaming(api.get("/api/staff/me?token=" + admin, null), 400, "BAD_REQUEST", "token");
        refusedNaming(api.post("/api/agent/events?token=" + node.agentKey(), null, new JsonObject().put("events",
                new JsonArray().add(new JsonObject().put("seatCode", node.seatCodes().get(4)).put("kind", "USB_INSERTED")
                        .put("observedAt", 1)))), 400, "BAD_REQUEST", "token");
        refusedNaming(api.get("/ws/seat?token=" + candidate, null), 400, "BAD_REQUEST", "token");
        assertThat(RawSocket.handshake(node.port(), "/ws/seat?token=" + candidate, null))
                .as("an upgrade with the token in the URL").startsWith("HTTP/1.1 400");
        assertThat(api.get("/api/candidate/answers", candidate).status()).isEqualTo(200);
        String upgraded = RawSocket.handshake(node.port(), "/ws/seat", candidate);
        assertThat(upgraded).startsWith("HTTP/1.1 101").containsIgnoringCase("sec-websocket-protocol: examcore.seat.v1")
                .doesNotContain(candidate);
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), candidate)) {
            assertThat(seat.hello(new JsonArray()).getString("type")).isEqualTo("welcome");
        }
    }

    @Test
    @DisplayName("F13: a token whose exp is text is refused with 401 BAD_TOKEN, not a 500")
    void expAsTextIsRefused() throws Exception {
        JsonObject login = api.loginDemo(node, 6);
        long now = System.currentTimeMillis() / 1000;
        JsonObject claims = new JsonObject().put("kind", "candidate").put("sub", login.getString("attemptId"))
                .put("iss", "examcore").put("jti", UUID.randomUUID().toString()).put("iat", now)
                .put("exp", String.valueOf(now + 3600)).put("seat", node.seatCodes().get(6))
                .put("ticket", node.candidate(6).ticket()).put("gen", 0);
        String forged = sign(claims, node.jwtSecret());

        refusedNaming(api.get("/api/candidate/answers", forged), 401, "BAD_TOKEN", null);
        JsonObject staff = new JsonObject().put("kind", "staff").put("sub", "admin").put("iss", "examcore")
                .put("jti", UUID.randomUUID().toString()).put("iat", now).put("exp", "never").put("role", "ADMIN")
                .put("rooms", new JsonArray());
        refusedNaming(api.get("/api/admin/sittings", sign(staff, node.jwtSecret())), 401, "BAD_TOKEN", null);
    }

    @Test
    @DisplayName("F14: a revision above 2^53 - 1 or beyond the integer range is refused naming rev, and the "
            + "stored revision stays")
    void hugeRevisionsAreRefused() {
        JsonObject login = api.loginDemo(node, 7);
        String token = login.getString("token");
        PaperItem tf = Papers.first(Papers.of(node, login.getString("attemptId")), ItemType.TRUE_FALSE);
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            seat.hello(new JsonArray());
            assertThat(seat.save(tf.number(), true, 5).getString("type")).isEqualTo("saved");
            for (String rev : List.of("9007199254740992", "9223372036854775807", "18446744073709551621",
                    "1e400")) {
                seat.sendRaw("{\"type\":\"save\",\"item\":" + tf.number() + ",\"value\":false,\"rev\":" + rev + "}");
                JsonObject error = seat.next("error");
                assertThat(error.getString("code")).as(rev).isEqualTo("BAD_MESSAGE");
                assertThat(error.getJsonObject("details").getString("field")).as(rev).isEqualTo("rev");
            }
            assertThat(seat.save(tf.number(), false, 9_007_199_254_740_991L).getString("type")).isEqualTo("saved");
        }
        JsonObject stored = api.get("/api/candidate/answers", token).json().getJsonArray("answers").stream()
                .map(o -> (JsonObject) o).filter(a -> a.getInteger("item") == tf.number()).findFirst().orElseThrow();
        assertThat(stored.getLong("rev")).isEqualTo(9_007_199_254_740_991L);
        assertThat(stored.getBoolean("value")).isFalse();
    }

    @Test
    @DisplayName("F15: browser events after submission are refused as ATTEMPT_SUBMITTED and not stored")
    void browserEventsAfterSubmissionAreRefused() {
        JsonObject login = api.loginDemo(node, 8);
        String attemptId = login.getString("attemptId");
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            seat.hello(new JsonArray());
            seat.send(new JsonObject().put("type", "event").put("kind", "BLUR").put("clientTime", 1));
            Await.until("the event before submission is stored", Duration.ofSeconds(10),
                    () -> kinds(attemptId).contains("BLUR"));
            seat.send(new JsonObject().put("type", "submit").put("answers", new JsonArray())
                    .put("digest", "0".repeat(64)));
            seat.next("submitted");
            seat.send(new JsonObject().put("type", "event").put("kind", "FULLSCREEN_EXIT").put("clientTime", 2));
            JsonObject error = seat.next("error");
            assertThat(error.getString("code")).isEqualTo("ATTEMPT_SUBMITTED");
            // A later event of the same socket proves the refused one had its turn.
            seat.send(new JsonObject().put("type", "ping").put("clientTime", 3));
            seat.next("pong");
        }
        assertThat(kinds(attemptId)).doesNotContain("FULLSCREEN_EXIT");
    }

    @Test
    @DisplayName("F2: a paper's seed is not the public hash of sitting, ticket and subject; the HMAC under the "
            + "node's paper-secret reproduces the stored paper exactly")
    void paperSeedNeedsTheSecret() throws Exception {
        String sittingId = node.sittingId();
        String ticket = node.candidate(9).ticket();
        String attemptId = cn.examcore.server.paper.PaperService.attemptId(sittingId, ticket, "THEORY");
        Paper stored = Papers.of(node, attemptId).paper();

        byte[] publicHash = java.security.MessageDigest.getInstance("SHA-256")
                .digest((sittingId + "|" + ticket + "|THEORY").getBytes(StandardCharsets.UTF_8));
        assertThat(stored.seed()).as("seed derived from public values only")
                .isNotEqualTo(java.nio.ByteBuffer.wrap(publicHash).getLong());

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(node.paperSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        long seed = java.nio.ByteBuffer.wrap(mac.doFinal((sittingId + "|" + ticket + "|THEORY")
                .getBytes(StandardCharsets.UTF_8))).getLong();
        assertThat(stored.seed()).isEqualTo(seed);
        var sittingRecord = Await.result(node.node().services().sittings().sitting(sittingId));
        Bank bank = Await.result(node.node().services().banks().bank(sittingRecord.bankId()));
        Paper again = Assembler.assemble(bank, cn.examcore.server.paper.PaperService.blueprint(
                sittingRecord.blueprintJson()), seed, 0);
        assertThat(again).isEqualTo(stored);
    }

    @Test
    @DisplayName("F10: a node creates its data folder 0700, its generated secrets and its database file 0600, and "
            + "refuses to start on a secret file that others can read, naming the file and the chmod to run")
    void secretsOnDiskAreTheOwnersOnly(@TempDir Path parent) throws Exception {
        Path data = parent.resolve("data");
        try (TestNode fresh = TestNode.builder().noDemo().dataDir(data).config("jwt-secret", "")
                .config("paper-secret", "").start()) {
            assertThat(fresh.dataDir()).isEqualTo(data);
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("token-secret"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("paper-secret"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("examcore.mv.db"))).isEqualTo("rw-------");
        }
        Path secret = data.resolve("token-secret");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> TestNode.builder().noDemo().dataDir(data).config("jwt-secret", "")
                .config("paper-secret", "").start().close())
                .hasMessageContaining(secret.toAbsolutePath().normalize().toString())
                .hasMessageContaining("chmod 600 " + secret.toAbsolutePath().normalize());
        assertThat(mode(secret)).as("left as it was").isEqualTo("rw-r--r--");
    }

    private static String mode(Path path) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    // ---- helpers

    private static List<String> kinds(String attemptId) {
        return api.get("/api/proctor/sittings/" + node.sittingId() + "/events?attemptId=" + attemptId, admin).array()
                .stream().map(o -> ((JsonObject) o).getString("kind")).toList();
    }

    private static boolean bankStored(String id) {
        try {
            Await.result(node.node().services().banks().bank(id));
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    private static JsonObject resource(String name, String mediaType, byte[] bytes) {
        return new JsonObject().put("name", name).put("mediaType", mediaType)
                .put("base64", Base64.getEncoder().encodeToString(bytes));
    }

    /** A bank of two true/false items (enough for a blueprint) with these resources. */
    private static String bankWith(JsonArray resources, String id) {
        JsonObject tags = new JsonObject().put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "THEORY");
        JsonArray items = new JsonArray();
        for (int i = 1; i <= 2; i++) {
            items.add(new JsonObject().put("id", id + "-" + i).put("type", "TRUE_FALSE")
                    .put("stem", "<p>Statement " + i + "</p>").put("key", true).put("score", 50)
                    .put("knowledgePoint", "HR4-01-01").put("difficulty", 2).put("tags", tags));
        }
        return new JsonObject().put("format", "examcore-bank/1").put("id", id).put("title", id)
                .put("resources", resources).put("items", items).encode();
    }

    /** A sitting of its own on the bank, started, with one candidate logged in; returns the candidate token. */
    private static String candidateOfOwnSitting(String bankId) {
        String pin = "975312";
        Api.Reply created = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "资源")
                .put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "理论知识")
                .put("t0", System.currentTimeMillis() + 600_000L).put("durationMinutes", 30)
                .put("checkInMinutes", 240).put("enrolmentPin", pin));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String sittingId = created.json().getString("id");
        Api.Reply room = api.post("/api/admin/sittings/" + sittingId + "/rooms", admin,
                new JsonObject().put("name", "RES").put("rows", 1).put("cols", 1));
        assertThat(room.status()).as(room.text()).isEqualTo(201);
        String seat = room.json().getJsonArray("seatCodes").getString(0);
        String idBody = "31010119900101777";
        String idNumber = idBody + DemoSitting.checkChar(idBody);
        Api.Reply roster = api.postFile("/api/admin/sittings/" + sittingId + "/roster", admin, "roster.csv",
                ("准考证号,身份证号,姓名,考场,座位号,科目\nRES-001," + idNumber + ",甲,RES,1,理论知识\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(roster.status()).as(roster.text()).isEqualTo(200);
        JsonObject blueprint = new JsonObject().put("format", "examcore-blueprint/1").put("id", "sec-res")
                .put("title", "资源").put("tags", new JsonObject().put("occupation", "企业人力资源管理师")
                        .put("level", 4).put("subject", "THEORY"))
                .put("durationMinutes", 30).put("sections", new JsonArray().add(new JsonObject().put("id", "s1")
                        .put("title", "一、判断题").put("type", "TRUE_FALSE").put("count", 2)
                        .put("scorePerItem", 50).putNull("multipleRule").put("constraints", new JsonArray())));
        Api.Reply attached = api.put("/api/admin/sittings/" + sittingId + "/blueprint", admin,
                new JsonObject().put("bankId", bankId).put("blueprint", blueprint));
        assertThat(attached.status()).as(attached.text()).isEqualTo(200);
        Api.Reply assembled = api.post("/api/admin/sittings/" + sittingId + "/assemble", admin, null);
        assertThat(assembled.status()).as(assembled.text()).isEqualTo(200);
        Api.Reply started = api.post("/api/admin/sittings/" + sittingId + "/start", admin, new JsonObject());
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        Api.Reply login = api.login(api.enrol(seat, pin), "RES-001", idNumber);
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return login.json().getString("token");
    }

    /** An HS256 JWT over exactly these claims, as a forger holding the secret (or the library) would write it. */
    private static String sign(JsonObject claims, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = b64.encodeToString(mac.doFinal((head + "." + body).getBytes(StandardCharsets.UTF_8)));
        return head + "." + body + "." + signature;
    }

    @Test
    @DisplayName("F15: a seat-socket frame with an RSV bit set and no extension negotiated closes the socket with 1002;"
            + " the same frame without it is answered")
    void rsvBitsAreAProtocolViolation() throws Exception {
        String token = api.loginDemo(node, 9).getString("token");
        byte[] ping = "{\"type\":\"ping\",\"clientTime\":1}".getBytes(StandardCharsets.UTF_8);
        try (RawSocket plain = RawSocket.open(node.port(), token)) {
            plain.send(0x81, ping);
            assertThat(plain.readFrame()).as("the reply to a plain frame").contains("pong");
        }
        try (RawSocket withRsv = RawSocket.open(node.port(), token)) {
            withRsv.send(0x81 | 0x40, ping);
            String answer = withRsv.readFrame();
            assertThat(answer).as("the reply to a frame with RSV1").doesNotContain("pong")
                    .isIn("close:1002", "eof");
        }
    }

    /** A WebSocket client by hand, to send frames a library would not: just enough of RFC 6455. */
    private static final class RawSocket implements AutoCloseable {

        private final java.net.Socket socket;
        private final java.io.DataInputStream in;

        private RawSocket(java.net.Socket socket) throws java.io.IOException {
            this.socket = socket;
            this.in = new java.io.DataInputStream(socket.getInputStream());
        }

        static RawSocket open(int port, String token) throws java.io.IOException {
            java.net.Socket s = new java.net.Socket("127.0.0.1", port);
            RawSocket raw = new RawSocket(s);
            assertThat(raw.upgrade("/ws/seat", token)).startsWith("HTTP/1.1 101");
            return raw;
        }

        /** The response head to an upgrade of {@code path}, offering {@code token} as the seat socket does. */
        static String handshake(int port, String path, String token) throws java.io.IOException {
            try (RawSocket raw = new RawSocket(new java.net.Socket("127.0.0.1", port))) {
                return raw.upgrade(path, token);
            }
        }

        private String upgrade(String path, String token) throws java.io.IOException {
            socket.setSoTimeout(5_000);
            String key = java.util.Base64.getEncoder().encodeToString("examcore-raw-key".getBytes(
                    StandardCharsets.US_ASCII));
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\n"
                    + (token == null ? "" : "Sec-WebSocket-Protocol: " + String.join(", ",
                            cn.examcore.contract.SeatSocketAuth.subProtocols(token)) + "\r\n")
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            return head.toString();
        }

        /** One masked frame: the first byte as given (FIN, RSV bits, opcode), the payload under a fixed mask. */
        void send(int first, byte[] payload) throws java.io.IOException {
            byte[] mask = {0x11, 0x22, 0x33, 0x44};
            java.io.ByteArrayOutputStream f = new java.io.ByteArrayOutputStream();
            f.write(first);
            f.write(0x80 | payload.length);
            f.write(mask);
            for (int i = 0; i < payload.length; i++) {
                f.write(payload[i] ^ mask[i % 4]);
            }
            socket.getOutputStream().write(f.toByteArray());
        }

        /** The next text frame's text, {@code close:<code>} for a close frame, or {@code eof}. */
        String readFrame() throws java.io.IOException {
            try {
                int first = in.readUnsignedByte();
                int len = in.readUnsignedByte() & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = (int) in.readLong();
                }
                byte[] body = new byte[len];
                in.readFully(body);
                if ((first & 0x0f) == 0x8) {
                    return "close:" + (len >= 2 ? ((body[0] & 0xff) << 8 | (body[1] & 0xff)) : 0);
                }
                return new String(body, StandardCharsets.UTF_8);
            } catch (java.io.EOFException e) {
                return "eof";
            }
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }
}
