package cn.examcore.load.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import cn.examcore.contract.SeatSocketAuth;
import cn.examcore.load.LoadConfig;
import cn.examcore.load.Sitting;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

/**
 * The request/response storms of the load run in Gatling's Java DSL, against a real exam-server sitting (built by
 * {@link Sitting}, released before the first seat arrives):
 *
 * <ol>
 *   <li>check-in storm, open injection ({@code checkInRate} new seats per second): enrol the terminal, log in,
 *       fetch the encrypted paper;</li>
 *   <li>the seat socket: connect, {@code hello} with an empty vector, check the {@code welcome} (with the key), and
 *       hold it until every seat is welcomed (the saves start for all at that instant);</li>
 *   <li>steady saves: each seat saves every {@code savePaceMillis} (Gatling's {@code pace}, a closed per-seat loop),
 *       each save checked by the {@code saved} message of its item and rev;</li>
 *   <li>reconnect storm: at one shared instant every seat closes its socket, reconnects and sends {@code hello}
 *       with its whole answer vector; the {@code welcome} must hold every rev it saved.</li>
 * </ol>
 *
 * The start storm (key pushed at T0) and the deadline storm (the {@code submitted} push) are server pushes against
 * a shared instant, and the steady figure of the report needs the open model: those stay in {@code LoadRun}
 * (README "Tool choice").
 *
 * <p>System properties: {@code users} (seats, default 30), {@code checkInRate} (seats per second, default 10),
 * {@code settleSeconds} (the longest wait for the last seat after the injection; default 60), {@code saveSeconds}
 * (default 10), {@code savePaceMillis} (default 1000), {@code nodes} (default 1), {@code examcore.server.jar},
 * {@code examcore.load.out} (node logs and data), {@code localAddresses} (see {@link Protocols}).
 */
public class SittingSimulation extends Simulation {

    /** The seat socket's subprotocols, the token among them (as the candidate page offers them: SeatSocketAuth). */
    private static final String SEAT_SUBPROTOCOLS = String.join(", ", SeatSocketAuth.subProtocols("#{token}"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITEMS = 10; // the sample theory paper's single-choice section: items 1..10
    private static final String OPTIONS = "ABCD";

    private final int users = Integer.getInteger("users", 30);
    private final int checkInRate = Integer.getInteger("checkInRate", 10);
    private final int saveSeconds = Integer.getInteger("saveSeconds", 10);
    private final int savePaceMillis = Integer.getInteger("savePaceMillis", 1000);
    private final int settleSeconds = Integer.getInteger("settleSeconds", 60);
    private final Vertx vertx = Vertx.vertx();
    private final Sitting sitting;
    /** Seats past their welcome; the last one starts the saves of all. */
    private final AtomicInteger welcomed = new AtomicInteger();
    /** When the last seat was welcomed (the saves start for every seat), or never yet. */
    private volatile long allInAt = Long.MAX_VALUE;
    /** The saves start at the latest here (fixed in {@link #before()}), even if a seat never got in. */
    private volatile long latestSavesFrom = Long.MAX_VALUE;

    public SittingSimulation() throws Exception {
        if (users < 1 || checkInRate < 1 || saveSeconds < 1 || savePaceMillis < 1 || settleSeconds < 0) {
            throw new IllegalArgumentException("users, checkInRate, saveSeconds and savePaceMillis must be >= 1, "
                    + "settleSeconds >= 0; got users=" + users + " checkInRate=" + checkInRate + " saveSeconds="
                    + saveSeconds + " savePaceMillis=" + savePaceMillis + " settleSeconds=" + settleSeconds);
        }
        LoadConfig cfg = new LoadConfig(users, Integer.getInteger("nodes", 1), saveSeconds, 1, List.of(), 1,
                checkInRate, Path.of(System.getProperty("examcore.server.jar", "exam-server/target/exam-server.jar")),
                Path.of(System.getProperty("examcore.load.out", "load-tests/target/gatling-sitting")), 1024);
        sitting = new Sitting(cfg, WebClient.create(vertx), new LinkedHashMap<>());
        try {
            sitting.startNodes();
            sitting.build();
        } catch (Exception e) {
            close();
            throw e;
        }

        ChainBuilder checkIn = exec(http("enrol").post("#{base}/api/terminal/enrol")
                .body(StringBody("{\"seatCode\":\"#{seatCode}\",\"pin\":\"" + Sitting.PIN + "\"}"))
                .check(status().is(200), jsonPath("$.terminalToken").saveAs("terminalToken")))
                .exec(http("login").post("#{base}/api/candidate/login")
                        .body(StringBody("{\"terminalToken\":\"#{terminalToken}\",\"ticket\":\"#{ticket}\","
                                + "\"idNumber\":\"#{idNumber}\"}"))
                        .check(status().is(200), jsonPath("$.token").saveAs("token")))
                .exec(http("paper").get("#{base}/api/candidate/paper").header("Authorization", "Bearer #{token}")
                        .check(status().is(200), jsonPath("$.ciphertext").exists()));

        ChainBuilder socket = exec(ws("connect").connect("#{wsBase}/ws/seat").subprotocol(SEAT_SUBPROTOCOLS))
                .exec(ws("hello").sendText("{\"type\":\"hello\",\"answers\":[]}").await(30).on(
                        ws.checkTextMessage("welcome").matching(jsonPath("$.type").is("welcome"))
                                .check(jsonPath("$.key").exists())))
                .exec(session -> {
                    if (welcomed.incrementAndGet() == users) {
                        allInAt = System.currentTimeMillis();
                    }
                    return session;
                })
                .exec(asLongAs(session -> System.currentTimeMillis() < savesFrom()).on(
                        pause(session -> min(untilMillis(savesFrom()), Duration.ofMillis(250)))));

        ChainBuilder saves = exec(asLongAs(session -> System.currentTimeMillis() < reconnectAt(), "k").on(
                pace(Duration.ofMillis(savePaceMillis)),
                ws("save").sendText(session -> save(session.getInt("k"))).await(10).on(
                        ws.checkTextMessage("saved").matching(bodyString().transformWithSession(
                                (String text, Session session) -> acknowledges(text, session.getInt("k"))).is(true))),
                exec(session -> session.set("saves", session.getInt("k") + 1))))
                .exec(pause(session -> untilMillis(reconnectAt())));

        ChainBuilder reconnect = exec(ws("close").close())
                .exec(ws("reconnect").connect("#{wsBase}/ws/seat").subprotocol(SEAT_SUBPROTOCOLS))
                .exec(ws("hello with vector").sendText(session -> hello(saved(session))).await(30).on(
                        ws.checkTextMessage("welcome covers the vector")
                                .matching(jsonPath("$.type").is("welcome"))
                                .check(bodyString().transformWithSession((String text, Session session) ->
                                        covers(text, saved(session))).is(true))))
                .exec(ws("close after reconnect").close());

        ScenarioBuilder seat = scenario("seat").feed(sitting.feederRecords().iterator())
                .exec(checkIn, socket, saves, reconnect);

        int checkInSeconds = (users + checkInRate - 1) / checkInRate;
        setUp(seat.injectOpen(constantUsersPerSec(checkInRate).during(checkInSeconds)))
                .protocols(Protocols.to(sitting.nodes().get(0).baseUrl()))
                .assertions(global().failedRequests().count().is(0L),
                        details("hello with vector").allRequests().count().is((long) users),
                        details("welcome covers the vector").successfulRequests().count().is((long) users));
    }

    @Override
    public void before() {
        try {
            sitting.release();
        } catch (Exception e) {
            throw new IllegalStateException("the sitting could not be released", e);
        }
        // The saves wait for every seat, but no longer than settleSeconds after the open injection ends (a seat
        // that is later starts saving at once; one later than the reconnect instant reconnects without saves).
        long checkInMillis = 1000L * ((users + checkInRate - 1) / checkInRate);
        latestSavesFrom = System.currentTimeMillis() + checkInMillis + settleSeconds * 1000L;
    }

    @Override
    public void after() {
        close();
    }

    private void close() {
        try {
            sitting.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the sitting's nodes did not stop cleanly", e);
        }
    }

    /** The shared instant the saves start: when every seat is in, or at the latest {@code latestSavesFrom}. */
    private long savesFrom() {
        return Math.min(allInAt, latestSavesFrom);
    }

    /** The shared instant of the reconnect storm: {@code saveSeconds} after the saves started. */
    private long reconnectAt() {
        long from = savesFrom();
        return from == Long.MAX_VALUE ? from : from + saveSeconds * 1000L;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration untilMillis(long instant) {
        return Duration.ofMillis(Math.max(0, instant - System.currentTimeMillis()));
    }

    /** The number of saves this seat sent. */
    private static int saved(Session session) {
        return session.contains("saves") ? session.getInt("saves") : 0;
    }

    private static int item(int k) {
        return 1 + k % ITEMS;
    }

    private static int rev(int k) {
        return 1 + k / ITEMS;
    }

    private static String value(int k) {
        return String.valueOf(OPTIONS.charAt(rev(k) % OPTIONS.length()));
    }

    /** Save number k of a seat: items 1..10 in turn, each item's rev counting up. */
    static String save(int k) {
        return "{\"type\":\"save\",\"item\":" + item(k) + ",\"value\":\"" + value(k) + "\",\"rev\":" + rev(k) + "}";
    }

    /** True when this message is the {@code saved} of save k (or of a later rev of its item). */
    static boolean acknowledges(String text, int k) {
        try {
            JsonNode m = JSON.readTree(text);
            return "saved".equals(m.path("type").asText()) && m.path("item").asInt() == item(k)
                    && m.path("rev").asInt() >= rev(k);
        } catch (Exception notJson) {
            return false;
        }
    }

    /** The hello after a reconnect: the last save of every item among the first {@code n} saves. */
    static String hello(int n) {
        StringBuilder b = new StringBuilder("{\"type\":\"hello\",\"answers\":[");
        for (int k = Math.max(0, n - ITEMS); k < n; k++) {
            b.append(k > Math.max(0, n - ITEMS) ? "," : "").append("{\"item\":").append(item(k))
                    .append(",\"value\":\"").append(value(k)).append("\",\"rev\":").append(rev(k)).append('}');
        }
        return b.append("]}").toString();
    }

    /** True when the welcome's vector holds at least the rev of every item among the first {@code n} saves. */
    static boolean covers(String welcome, int n) {
        try {
            int[] server = new int[ITEMS + 1];
            for (JsonNode a : JSON.readTree(welcome).path("answers")) {
                int item = a.path("item").asInt();
                if (item >= 1 && item <= ITEMS) {
                    server[item] = a.path("rev").asInt();
                }
            }
            for (int k = Math.max(0, n - ITEMS); k < n; k++) {
                if (server[item(k)] < rev(k)) {
                    return false;
                }
            }
            return true;
        } catch (Exception notJson) {
            return false;
        }
    }
}
