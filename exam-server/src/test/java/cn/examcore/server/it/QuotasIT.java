package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.attempt.AnswerUploads;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Quotas on what a client can repeat (security review F9), over real sockets and HTTP: saves, events and
 * announcement acknowledgements per socket, sockets per seat, uploads per attempt and only where the paper asks for files, and no body read before it is
 * authenticated and within its limit.
 */
@DisplayName("Quotas")
class QuotasIT {

    static TestNode node;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
        node = TestNode.builder().demo(DemoSitting.Options.operation(600)).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        api.startSitting(node);
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    private static List<JsonObject> events(String attemptId) {
        return api.get("/api/proctor/sittings/" + node.sittingId() + "/events", admin).array().stream()
                .map(o -> (JsonObject) o).filter(e -> attemptId.equals(e.getString("attemptId"))).toList();
    }

    @Test
    @DisplayName("A flood of saves on one socket is partly refused with RATE_LIMITED naming item, rev and the wait;"
            + " what was taken is held, and after the wait saves are taken again")
    void saveFlood() {
        JsonObject login = api.loginDemo(node, 0);
        PaperItem essay = Papers.first(Papers.of(node, login.getString("attemptId")), ItemType.ESSAY);
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            seat.hello(new JsonArray());
            int n = 500;
            for (int rev = 1; rev <= n; rev++) {
                seat.send(new JsonObject().put("type", "save").put("item", essay.number())
                        .put("value", new JsonObject().put("text", "v" + rev)).put("rev", rev));
            }
            int saved = 0;
            int limited = 0;
            for (int i = 0; i < n; i++) {
                JsonObject r = seat.next(m -> "saved".equals(m.getString("type")) || "error".equals(m.getString("type")),
                        Duration.ofSeconds(20));
                if ("saved".equals(r.getString("type"))) {
                    saved++;
                } else {
                    assertThat(r.getString("code")).isEqualTo("RATE_LIMITED");
                    assertThat(r.getJsonObject("details").getInteger("item")).isEqualTo(essay.number());
                    assertThat(r.getJsonObject("details").getLong("rev")).isBetween(1L, (long) n);
                    assertThat(r.getJsonObject("details").getLong("retryAfterSeconds")).isEqualTo(1);
                    limited++;
                }
            }
            assertThat(limited).as("saves refused").isPositive();
            assertThat(saved).as("saves taken").isGreaterThanOrEqualTo(200);
            long[] rev = {n};
            Await.until("a save is taken again after the wait", Duration.ofSeconds(5), () -> "saved".equals(
                    seat.save(essay.number(), new JsonObject().put("text", "after the wait"), ++rev[0])
                            .getString("type")));
        }
    }

    @Test
    @DisplayName("3,000 focus changes from one page are stored as a few events and one EVENTS_FOLDED with the rest")
    void eventFlood() {
        JsonObject login = api.loginDemo(node, 1);
        String attemptId = login.getString("attemptId");
        int n = 3_000;
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            seat.hello(new JsonArray());
            for (int i = 0; i < n; i++) {
                seat.send(new JsonObject().put("type", "event").put("kind", "BLUR").put("detail", new JsonObject())
                        .put("clientTime", 1_790_000_000_000L + i));
            }
            // A ping after them: its pong means every event before it was handled.
            seat.send(new JsonObject().put("type", "ping").put("clientTime", 1));
            seat.next("pong", Duration.ofSeconds(30));
        }
        Await.until("the folded count is stored", Duration.ofSeconds(20),
                () -> events(attemptId).stream().anyMatch(e -> "EVENTS_FOLDED".equals(e.getString("kind"))));
        List<JsonObject> stored = events(attemptId);
        long blurs = stored.stream().filter(e -> "BLUR".equals(e.getString("kind"))).count();
        long folded = stored.stream().filter(e -> "EVENTS_FOLDED".equals(e.getString("kind")))
                .mapToLong(e -> e.getJsonObject("detail").getLong("count")).sum();
        assertThat(blurs).as("BLUR events stored one by one").isBetween(20L, 40L);
        assertThat(blurs + folded).as("every BLUR is accounted for").isEqualTo(n);
        assertThat(stored.stream().filter(e -> "EVENTS_FOLDED".equals(e.getString("kind")))
                .allMatch(e -> "BLUR".equals(e.getJsonObject("detail").getString("kind")))).isTrue();
    }

    @Test
    @DisplayName("500 acknowledgements of announcements nobody made, from one page: 20 are looked up and refused by"
            + " name, the rest counted in one EVENTS_FOLDED")
    void acknowledgementFlood() {
        JsonObject login = api.loginDemo(node, 4);
        String attemptId = login.getString("attemptId");
        int n = 500;
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            seat.hello(new JsonArray());
            for (int i = 0; i < n; i++) {
                seat.send(new JsonObject().put("type", "ack-announcement").put("announcementId", "no-such-" + i));
            }
            seat.send(new JsonObject().put("type", "ping").put("clientTime", 1));
            seat.next("pong", Duration.ofSeconds(30));
            // Each one taken reads the database (the node's cache does not hold it) before it is refused.
            while (seat.seen().stream().filter(m -> "error".equals(m.getString("type"))).count() < 20) {
                seat.next("error", Duration.ofSeconds(20));
            }
            assertThat(seat.seen()).filteredOn(m -> "error".equals(m.getString("type"))).allSatisfy(m -> {
                assertThat(m.getString("code")).isEqualTo("NOT_FOUND");
                assertThat(m.getJsonObject("details").getString("field")).isEqualTo("announcementId");
            });
        }
        Await.until("the folded count is stored", Duration.ofSeconds(20),
                () -> events(attemptId).stream().anyMatch(e -> "EVENTS_FOLDED".equals(e.getString("kind"))));
        List<JsonObject> folded = events(attemptId).stream()
                .filter(e -> "EVENTS_FOLDED".equals(e.getString("kind"))).toList();
        assertThat(folded).singleElement().satisfies(e -> {
            assertThat(e.getJsonObject("detail").getString("kind")).isEqualTo("ANNOUNCEMENT_ACKNOWLEDGED");
            // 20 taken at once, and one more every 3 s should the flood have taken that long to arrive.
            assertThat(e.getJsonObject("detail").getLong("count")).isBetween(n - 22L, n - 20L);
        });
        assertThat(events(attemptId)).noneMatch(e -> "ANNOUNCEMENT_ACKNOWLEDGED".equals(e.getString("kind")));
    }

    @Test
    @DisplayName("Fifty sockets opened for one seat leave a few RECONNECT events and the rest counted")
    void socketStorm() {
        JsonObject login = api.loginDemo(node, 2);
        String attemptId = login.getString("attemptId");
        int n = 50;
        for (int i = 0; i < n; i++) {
            try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
                seat.send(new JsonObject().put("type", "ping").put("clientTime", i));
                seat.next("pong");
            }
        }
        Await.until("the last socket's folded reconnects are stored", Duration.ofSeconds(20),
                () -> events(attemptId).stream().anyMatch(e -> "EVENTS_FOLDED".equals(e.getString("kind"))));
        List<JsonObject> stored = events(attemptId);
        long opened = stored.stream().filter(e -> "SOCKET_OPENED".equals(e.getString("kind"))).count();
        long reconnects = stored.stream().filter(e -> "RECONNECT".equals(e.getString("kind"))).count();
        long folded = stored.stream().filter(e -> "EVENTS_FOLDED".equals(e.getString("kind")))
                .mapToLong(e -> e.getJsonObject("detail").getLong("count")).sum();
        assertThat(opened).isEqualTo(1);
        assertThat(reconnects).as("RECONNECT events stored").isBetween(5L, 10L);
        assertThat(opened + reconnects + folded).as("every socket is accounted for").isEqualTo(n);
    }

    @Test
    @DisplayName("Uploads: only the deliverable types the paper names, at most 20 files an attempt; a theory paper"
            + " takes none")
    void uploads() {
        JsonObject login = api.loginDemo(node, 3);
        String token = login.getString("token");
        Api.Reply wrongType = api.postMultipart("/api/candidate/upload", token, "notes.exe", new byte[] {1});
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.code()).isEqualTo("BAD_VALUE");
        assertThat(wrongType.json().getString("message")).contains(".exe").contains(".docx");
        assertThat(wrongType.json().getJsonObject("details").getString("messageZh")).as("for the Chinese page")
                .startsWith(".exe 文件不是本试卷要求上交的文件类型").contains(".docx");
        for (int i = 0; i < AnswerUploads.MAX_FILES_PER_ATTEMPT; i++) {
            assertThat(api.postMultipart("/api/candidate/upload", token, "plan-" + i + ".docx", new byte[] {1, 2})
                    .status()).isEqualTo(200);
        }
        Api.Reply over = api.postMultipart("/api/candidate/upload", token, "one-more.docx", new byte[] {1});
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.json().getString("message")).contains("quota").contains("20 files");
        assertThat(over.json().getJsonObject("details").getString("messageZh")).contains("上传额度已用完", "20 个文件");

        TestNode theory = TestNode.builder().start();
        try (Api other = new Api(theory.baseUrl())) {
            other.startSitting(theory);
            String theoryToken = other.loginDemo(theory, 0).getString("token");
            Api.Reply refused = other.postMultipart("/api/candidate/upload", theoryToken, "plan.docx",
                    new byte[] {1});
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().getString("message")).contains("asks for no files");
            assertThat(refused.json().getJsonObject("details").getString("messageZh"))
                    .isEqualTo("本试卷没有需要上传文件的操作题");
        } finally {
            theory.close();
        }
    }

    @Test
    @DisplayName("A 60 MiB body is answered from its headers: 401 without a token on an upload, 413 on a JSON API")
    void bodiesAreNotReadBeforeTheyMayBe() throws IOException {
        assertThat(statusLine("/api/candidate/upload", "multipart/form-data; boundary=x")).contains(" 401 ");
        assertThat(statusLine("/api/admin/login", "application/json")).contains(" 413 ");
    }

    /** Sends only the headers of a 60 MiB POST and reads the status line the server answers with. */
    private static String statusLine(String path, String contentType) throws IOException {
        try (Socket s = new Socket("127.0.0.1", node.port())) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + (60L << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }
}
