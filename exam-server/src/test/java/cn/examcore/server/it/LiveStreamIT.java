package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.platform.json.Json;
import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The staff live stream ({@code GET /api/proctor/live}), token introspection ({@code GET /api/staff/me}) and the
 * read-only observer role, over real HTTP against one node with a second room.
 */
@DisplayName("Live stream, who-am-I and the observer role")
class LiveStreamIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static TestNode node;
    static Api api;
    static String admin;
    static String proctorA;
    static String observer;
    static String roomA;
    static String seatA;
    static String seatB;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        String sitting = node.sittingId();
        roomA = api.get("/api/proctor/sittings/" + sitting + "/rooms", admin).json().getJsonArray("rooms")
                .getJsonObject(0).getString("id");
        seatA = node.seatCodes().get(0);
        Api.Reply roomB = api.post("/api/admin/sittings/" + sitting + "/rooms", admin,
                new JsonObject().put("name", "RB").put("rows", 1).put("cols", 2));
        assertThat(roomB.status()).as(roomB.text()).isEqualTo(201);
        seatB = roomB.json().getJsonArray("seatCodes").getString(0);
        proctorA = staff("proctor-a", "PROCTOR", new JsonArray().add(roomA));
        observer = staff("console-service", "OBSERVER", new JsonArray());
    }

    private static String staff(String name, String role, JsonArray rooms) {
        Api.Reply created = api.post("/api/admin/staff", admin, new JsonObject().put("username", name)
                .put("password", "long-enough-secret").put("role", role).put("roomIds", rooms));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return api.post("/api/admin/login", null, new JsonObject().put("username", name)
                .put("password", "long-enough-secret")).json().getString("token");
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    @Test
    @DisplayName("/api/staff/me names the caller, role, rooms and expiry, and is 401 for a missing, forged or expired token")
    void whoAmI() {
        JsonObject me = api.get("/api/staff/me", proctorA).json();
        assertThat(me.getString("username")).isEqualTo("proctor-a");
        assertThat(me.getString("role")).isEqualTo("PROCTOR");
        assertThat(me.getJsonArray("roomIds").encode()).isEqualTo(new JsonArray().add(roomA).encode());
        assertThat(me.getBoolean("everyRoom")).isFalse();
        assertThat(me.getBoolean("mayAct")).isTrue();
        assertThat(me.getLong("expiresAt")).isGreaterThan(System.currentTimeMillis());
        JsonObject obs = api.get("/api/staff/me", observer).json();
        assertThat(obs.getString("role")).isEqualTo("OBSERVER");
        assertThat(obs.getBoolean("everyRoom")).isTrue();
        assertThat(obs.getBoolean("mayAct")).isFalse();

        assertThat(api.get("/api/staff/me", null).status()).isEqualTo(401);
        assertThat(api.get("/api/staff/me", "not.a.token").status()).isEqualTo(401);
        Vertx vertx = Vertx.vertx();
        try {
            TokenService past = new TokenService(vertx, node.jwtSecret(),
                    Clock.fixed(Instant.now().minus(Duration.ofHours(1)), Clock.systemUTC().getZone()));
            String expired = past.issueStaff("proctor-a", Role.PROCTOR, Set.of(roomA), Duration.ofMinutes(5));
            Api.Reply r = api.get("/api/staff/me", expired);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("STALE_TOKEN");
        } finally {
            vertx.close();
        }
    }

    @Test
    @DisplayName("the stream refuses a missing or forged token (401) and a token in the query string (400)")
    void streamRefusesBadTokens() throws Exception {
        String url = node.baseUrl() + "/api/proctor/live?sittingId=" + node.sittingId();
        assertThat(status(url, null)).isEqualTo(401);
        assertThat(status(url, "forged.token.value")).isEqualTo(401);
        assertThat(status(url + "&token=" + proctorA, null)).isEqualTo(400);
        assertThat(status(url + "&token=" + proctorA, proctorA)).isEqualTo(400);
        assertThat(status(node.baseUrl() + "/api/proctor/live", proctorA)).as("a proctor must name the sitting")
                .isEqualTo(400);
    }

    @Test
    @DisplayName("a proctor of room A receives room A's seat events and none of room B's; admin and observer get both")
    void streamIsScopedByRoom() throws Exception {
        String sitting = node.sittingId();
        try (Sse a = Sse.open(node.baseUrl() + "/api/proctor/live?sittingId=" + sitting, proctorA);
             Sse all = Sse.open(node.baseUrl() + "/api/proctor/live?sittingId=" + sitting, admin);
             Sse service = Sse.open(node.baseUrl() + "/api/proctor/live", observer)) {
            assertThat(a.next("open")).contains("\"username\":\"proctor-a\"");
            all.next("open");
            service.next("open");
            String b = incident(seatB, "B-side");
            String aid = incident(seatA, "A-side");
            // Published in this order from one node, so room B's event would have arrived before room A's.
            List<String> seenByA = a.until("seat-event", aid);
            assertThat(String.join("\n", seenByA)).doesNotContain(b).doesNotContain(seatB);
            assertThat(String.join("\n", all.until("seat-event", aid))).contains(b);
            assertThat(String.join("\n", service.until("seat-event", aid))).contains(b);
            // Audit records are scoped the same way: the seat.record-incident record of room B is not A's.
            assertThat(String.join("\n", a.drain())).doesNotContain("\"target\":\"" + seatB + "\"");
        }
    }

    @Test
    @DisplayName("a user holds at most four streams on a node; the fifth is 429 until one closes")
    void streamsPerUserAreCapped() throws Exception {
        String url = node.baseUrl() + "/api/proctor/live?sittingId=" + node.sittingId();
        List<Sse> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                open.add(Sse.open(url, proctorA));
                open.get(i).next("open");
            }
            assertThat(status(url, proctorA)).isEqualTo(429);
            open.remove(0).close();
            Await.until("a stream is free again once one closed", Duration.ofSeconds(10), () -> {
                Sse again;
                try {
                    again = Sse.tryOpen(url, proctorA);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                if (again == null) {
                    return false;
                }
                open.add(again);
                return true;
            });
        } finally {
            for (Sse x : open) {
                x.close();
            }
        }
    }

    @Test
    @DisplayName("a reader that stops reading is cut off with event: end SLOW_READER instead of being buffered for")
    void slowReaderIsCutOff() throws Exception {
        try (Socket socket = new Socket()) {
            // A small receive window, so the server's bound, not the kernel's buffers, decides when it is full.
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", node.port()));
            socket.getOutputStream().write(("GET /api/proctor/live?sittingId=" + node.sittingId() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + admin + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // Only once the stream is open (subscribed) do the events start; read that much and no more.
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().contains("event: open")) {
                int c = in.read();
                assertThat(c).as("the stream opened").isNotNegative();
                head.append((char) c);
            }
            int watching = node.node().services().liveWatch().watching();
            // 20 MB of seat events while the client reads nothing: far beyond the 2 MiB bound and the socket buffers.
            String padding = "x".repeat(2_000);
            node.node().vertx().runOnContext(v -> {
                for (int i = 0; i < 10_000; i++) {
                    SeatEvent e = new SeatEvent("slow-" + i, node.sittingId(), null, seatA, SeatEvent.Source.SERVER,
                            SeatEvent.Kind.INCIDENT_RECORDED,
                            new EventDetail.IncidentRecorded(MisconductCode.A3, padding, "p1"), i, i);
                    node.node().vertx().eventBus().publish(Addresses.SEAT_EVENTS, Json.encode(e));
                }
            });
            // The server gives the stream up (its subscription released) before the client reads a byte more.
            Await.until("the slow stream to be cut off", Duration.ofSeconds(30),
                    () -> node.node().services().liveWatch().watching() < watching);
            // Now read: the stream must end (the end event, then the close or a reset), not go on for ever; the
            // heartbeat would keep a stream that was never cut alive past any read timeout, hence the deadline.
            long deadline = System.currentTimeMillis() + 60_000;
            ByteArrayOutputStream tail = new ByteArrayOutputStream();
            byte[] buf = new byte[65_536];
            long read = 0;
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    assertThat(System.currentTimeMillis()).as("the stream was not cut off within 60 s")
                            .isLessThan(deadline);
                    read += n;
                    tail.write(buf, 0, n);
                    if (tail.size() > 200_000) {
                        byte[] keep = java.util.Arrays.copyOfRange(tail.toByteArray(), tail.size() - 4_096,
                                tail.size());
                        tail.reset();
                        tail.write(keep);
                    }
                }
            } catch (java.net.SocketTimeoutException silent) {
                throw new AssertionError("the stream neither ended nor sent anything for 20 s after " + read
                        + " bytes: " + tail.toString(StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElse(""));
            } catch (SocketException reset) {
                // The server resets a connection whose reader still did not take the end: also a cut-off.
            }
            assertThat(read).as("bytes the client got before the cut-off").isLessThan(20_000_000L);
            String last = tail.toString(StandardCharsets.UTF_8);
            System.out.println("slow reader got " + read + " bytes, then the stream ended");
            if (last.contains("event: end")) {
                assertThat(last).contains("SLOW_READER");
            }
        }
    }

    @Test
    @DisplayName("the observer reads rooms, attempts, events and objective answers but every action is 403")
    void observerMayNotAct() {
        String p = "/api/proctor/sittings/" + node.sittingId();
        assertThat(api.get(p + "/rooms", observer).json().getJsonArray("rooms")).hasSize(2);
        assertThat(api.get(p + "/attempts", observer).status()).isEqualTo(200);
        assertThat(api.get(p + "/events", observer).status()).isEqualTo(200);
        assertThat(api.get("/api/admin/sittings/" + node.sittingId() + "/objective-answers", observer).status())
                .isEqualTo(200);
        JsonObject note = new JsonObject().put("category", "A1").put("note", "seen");
        assertThat(api.post(p + "/seats/" + seatA + "/record-incident", observer, note).status()).isEqualTo(403);
        assertThat(api.post(p + "/seats/" + seatA + "/remind", observer, new JsonObject().put("message", "x"))
                .status()).isEqualTo(403);
        assertThat(api.post(p + "/seats/" + seatA + "/force-submit", observer, new JsonObject().put("reason", "x"))
                .status()).isEqualTo(403);
        assertThat(api.post(p + "/rooms/" + roomA + "/pause", observer, new JsonObject()).status()).isEqualTo(403);
        assertThat(api.post(p + "/decisions", observer, new JsonObject().put("attemptId", "x").put("category", "B1")
                .put("outcome", "DISMISSED").put("reason", "x")).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/sittings", observer).status()).isEqualTo(403);
        assertThat(api.post("/api/admin/sittings/" + node.sittingId() + "/start", observer, new JsonObject())
                .status()).isEqualTo(403);
        assertThat(api.post("/api/admin/staff", observer, new JsonObject().put("username", "x")
                .put("password", "long-enough-secret").put("role", "ADMIN")).status()).isEqualTo(403);
        assertThat(api.get(p + "/events", observer).array().stream().map(Object::toString))
                .noneMatch(e -> e.contains("console-service"));
    }

    private static String incident(String seat, String note) {
        Api.Reply r = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/" + seat + "/record-incident",
                admin, new JsonObject().put("category", "A1").put("note", note));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().getString("eventId");
    }

    private static int status(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<Stream<String>> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        r.body().close();
        return r.statusCode();
    }

    /** A server-sent-event reader on its own thread: each frame ("event: …\ndata: …") lands in a queue. */
    static final class Sse implements AutoCloseable {
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final Stream<String> lines;
        private final Thread reader;

        private Sse(Stream<String> lines) {
            this.lines = lines;
            this.reader = new Thread(() -> {
                StringBuilder frame = new StringBuilder();
                try {
                    lines.forEach(line -> {
                        if (line.isEmpty()) {
                            if (frame.length() > 0) {
                                frames.add(frame.toString());
                                frame.setLength(0);
                            }
                        } else {
                            frame.append(line).append('\n');
                        }
                    });
                } catch (RuntimeException e) {
                    // closed by the test
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Sse open(String url, String token) throws IOException, InterruptedException {
            Sse s = tryOpen(url, token);
            if (s == null) {
                throw new AssertionError("the stream " + url + " was refused");
            }
            return s;
        }

        static Sse tryOpen(String url, String token) throws IOException, InterruptedException {
            HttpResponse<Stream<String>> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() != 200) {
                r.body().close();
                return null;
            }
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            return new Sse(r.body());
        }

        /** The data of the next frame of this event type (others are skipped). */
        String next(String event) throws InterruptedException {
            long until = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < until) {
                String f = frames.poll(200, TimeUnit.MILLISECONDS);
                if (f != null && f.contains("event: " + event + "\n")) {
                    return f;
                }
            }
            throw new AssertionError("no " + event + " frame within 10 s");
        }

        /** Every frame up to and including the first of this type that contains the text. */
        List<String> until(String event, String text) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long until = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < until) {
                String f = frames.poll(200, TimeUnit.MILLISECONDS);
                if (f != null) {
                    seen.add(f);
                    if (f.contains("event: " + event + "\n") && f.contains(text)) {
                        return seen;
                    }
                }
            }
            throw new AssertionError("no " + event + " frame with " + text + " within 10 s; saw " + seen);
        }

        /** What arrived within another half second. */
        List<String> drain() throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long until = System.currentTimeMillis() + 500;
            while (System.currentTimeMillis() < until) {
                String f = frames.poll(100, TimeUnit.MILLISECONDS);
                if (f != null) {
                    seen.add(f);
                }
            }
            return seen;
        }

        @Override
        public void close() {
            lines.close();
            reader.interrupt();
        }
    }
}
