package cn.examcore.faults;

import cn.examcore.contract.SeatSocketAuth;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One candidate terminal, as lean as the protocol allows (docs/candidate-protocol.md §4): it answers a random
 * objective item every {@code periodMillis}, keeps every save it has not seen acknowledged, and after any lost
 * socket (or a save unacknowledged for too long, or a {@code RETRY}) connects to the next node of its list with
 * jittered exponential backoff and sends its whole answer vector in {@code hello}.
 *
 * <p>It logs every acknowledgement it receives ({@link #acks()}): a {@code saved} for a revision, and a
 * {@code welcome} acknowledging the hello's vector. The tests compare that log with what the database holds.
 * All state is touched only on the seat's Vert.x context; the test reads the logs after {@link #stop}.
 */
final class SimulatedSeat {

    /** An acknowledgement received: the server holds {@code rev} (with {@code value}) of {@code item} or newer. */
    record Ack(long at, int item, long rev, String value, int node, String how) {
    }

    /**
     * A period without a serving node: from the first unacknowledged save or lost socket to the next welcome, or to
     * the seat's stop ({@code toNode} {@link #NEVER}) when none came.
     */
    record Gap(long from, long to, int fromNode, int toNode) {
        static final int NEVER = -1;

        long millis() {
            return to - from;
        }
    }

    private static final long UNACKED_LIMIT_MILLIS = 7_000;
    /**
     * How long a hello may go unwelcomed before the seat moves on (the candidate page waits 10 s; the seats here keep
     * to the saves' limit, which bounded a silent hello before). The unacknowledged saves' limit starts counting only
     * at the welcome, as on the page, whose only limit before it is the hello's: a seat whose saves waited out a
     * failure before it reconnected would otherwise drop every new socket at its next check, a second or less after
     * connecting, however soon that node would have welcomed it.
     */
    private static final long HELLO_LIMIT_MILLIS = UNACKED_LIMIT_MILLIS;

    private final Vertx vertx;
    private final Context context;
    private final WebSocketClient client;
    private final List<Integer> ports;
    private final SittingSetup.CheckedIn seat;
    private final long periodMillis;

    private int node;
    private WebSocket ws;
    private boolean connecting;
    private int failures;
    private long troubleSince;
    private int troubleNode = -1;
    private volatile List<int[]> items;
    private volatile boolean submitted;
    private boolean stopped;
    /** item → rev → value sent, to know the value an acknowledged revision carried. */
    private final Map<Integer, TreeMap<Long, String>> sent = new HashMap<>();
    /** item → rev of the latest local value (the page's answer vector). */
    private final Map<Integer, Long> vector = new TreeMap<>();
    /** item → rev → when it was sent and not yet acknowledged. */
    private final Map<Integer, Long> unackedSince = new HashMap<>();
    private final List<Ack> acks = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private JsonObject firstWelcomeAfterGap;
    /** Set when the test asks this seat to submit early; the submit goes (again) on every tick until answered. */
    private boolean submitWanted;
    private long submitSentAt;
    private String submittedDigest;
    /** A submit goes only after this socket's welcome, so a receipt rebuilt for a welcome is never taken for a reply. */
    private boolean welcomedOnThisSocket;
    /** When this socket's hello went, and when its welcome came. */
    private long helloSentAt;
    private long welcomedAt;
    /** Receipts received ({@code submitted}), with when: the first is the submission's acknowledgement. */
    private final List<Receipt> receipts = new ArrayList<>();

    /**
     * A {@code submitted} message: the server froze the attempt at {@code digest} (its digest of item:rev).
     * {@code digestMatches} is the server's claim about the page's digest, null when it made none (a receipt pushed
     * at the deadline or rebuilt after a welcome); {@code pageDigest} is the digest of the last submit this seat sent,
     * null when it sent none, which is what any claim refers to (the server answers every submit, the first or a
     * repeat, with the frozen attempt's receipt checked against that submit's digest); {@code submittedAt} is the
     * server's time of the freeze it names; {@code signed} is the receipt as the server sent it, signature included.
     */
    record Receipt(long at, int node, String digest, Boolean digestMatches, String pageDigest, long submittedAt,
                   JsonObject signed) {
    }

    SimulatedSeat(Vertx vertx, WebSocketClient client, List<Integer> ports, int firstNode,
                  SittingSetup.CheckedIn seat, long periodMillis) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = client;
        this.ports = ports;
        this.node = firstNode;
        this.seat = seat;
        this.periodMillis = periodMillis;
    }

    void start() {
        context.runOnContext(v -> {
            connect();
            vertx.setTimer(1 + ThreadLocalRandom.current().nextLong(periodMillis), t ->
                    vertx.setPeriodic(periodMillis, id -> tick()));
            vertx.setPeriodic(1_000, id -> watchdog());
        });
    }

    private void connect() {
        if (stopped || connecting || ws != null) {
            return;
        }
        connecting = true;
        int target = node;
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(ports.get(target))
                .setURI(SeatSocketAuth.PATH).setSubProtocols(SeatSocketAuth.subProtocols(seat.token()))
                .setTimeout(3_000);
        // Handlers go on before the handshake: a node that refuses the seat (an error, then a close) can do so
        // before a handler set after it would be in place, and a closed socket refuses new handlers.
        ClientWebSocket socket = client.webSocket();
        socket.textMessageHandler(text -> onMessage(target, new JsonObject(text)));
        socket.closeHandler(x -> {
            if (ws == socket) {
                ws = null;
                lost(target);
            }
        });
        socket.exceptionHandler(e -> socket.close());
        socket.connect(o).onComplete(ar -> {
            connecting = false;
            if (ar.failed()) {
                lost(target);
                return;
            }
            ws = socket;
            welcomedOnThisSocket = false;
            JsonArray answers = new JsonArray();
            vector.forEach((item, rev) -> answers.add(new JsonObject().put("item", item).put("rev", rev)
                    .put("value", new JsonObject("{\"v\":" + sent.get(item).get(rev) + "}").getValue("v"))));
            helloSentAt = System.currentTimeMillis();
            try {
                socket.writeTextMessage(new JsonObject().put("type", "hello").put("answers", answers).encode());
            } catch (IllegalStateException closed) {
                // Refused and closed already: on to the next node, as for any lost socket.
                if (ws == socket) {
                    ws = null;
                    lost(target);
                }
            }
        });
    }

    /** The socket to {@code from} is gone or failed: move on to the next node after a jittered backoff. */
    private void lost(int from) {
        if (stopped) {
            return;
        }
        trouble(from);
        failures++;
        node = (from + 1) % ports.size();
        long ceiling = Math.min(2_000, 100L << Math.min(failures, 5));
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        vertx.setTimer(delay, t -> connect());
    }

    private void trouble(int at) {
        if (troubleSince == 0) {
            troubleSince = System.currentTimeMillis();
            troubleNode = at;
        }
    }

    private void onMessage(int from, JsonObject m) {
        switch (m.getString("type")) {
            case "welcome" -> welcome(from, m);
            case "key" -> unseal(m.getString("key"));
            case "saved" -> ack(from, m.getInteger("item"), m.getLong("rev"), "saved");
            case "state" -> {
                if ("SUBMITTED".equals(m.getString("state"))) {
                    submitted = true;
                }
            }
            case "submitted" -> {
                submitted = true;
                JsonObject r = m.getJsonObject("receipt", new JsonObject());
                receipts.add(new Receipt(System.currentTimeMillis(), from, r.getString("digest"),
                        r.getBoolean("digestMatches"), submittedDigest, r.getLong("submittedAt", 0L), r));
            }
            case "error" -> error(from, m);
            default -> {
            }
        }
    }

    private void welcome(int from, JsonObject m) {
        long now = System.currentTimeMillis();
        welcomedOnThisSocket = true;
        welcomedAt = now;
        if (troubleSince != 0) {
            gaps.add(new Gap(troubleSince, now, troubleNode, from));
            troubleSince = 0;
        }
        failures = 0;
        // The welcome acknowledges the hello's vector: each item is held at the welcome's revision or newer.
        for (Object o : m.getJsonArray("answers", new JsonArray())) {
            JsonObject a = (JsonObject) o;
            ack(from, a.getInteger("item"), a.getLong("rev"), "welcome");
        }
        if (m.getString("key") != null && items == null) {
            unseal(m.getString("key"));
        }
        if ("SUBMITTED".equals(m.getString("state"))) {
            submitted = true;
        }
        if (firstWelcomeAfterGap == null && !gaps.isEmpty()) {
            firstWelcomeAfterGap = m;
        }
    }

    private void ack(int from, int item, long rev, String how) {
        TreeMap<Long, String> byRev = sent.get(item);
        if (byRev == null) {
            return;
        }
        // Everything we sent for this item up to rev is now held (higher revision wins on the server).
        Map.Entry<Long, String> e = byRev.floorEntry(rev);
        if (e == null) {
            return;
        }
        acks.add(new Ack(System.currentTimeMillis(), item, e.getKey(), e.getValue(), from, how));
        Long current = vector.get(item);
        if (current != null && current <= rev) {
            unackedSince.remove(item);
        }
    }

    private void error(int from, JsonObject m) {
        String code = m.getString("code");
        refusals.add(from + ":" + code);
        if ("ATTEMPT_SUBMITTED".equals(code)) {
            submitted = true;
        } else if ("RETRY".equals(code) || "INTERNAL".equals(code)) {
            // Not held: the node cannot confirm writes (minority side, backup lost). Go elsewhere, resend there.
            drop(from);
        }
    }

    private void drop(int from) {
        WebSocket socket = ws;
        if (socket != null) {
            ws = null;
            socket.close();
            lost(from);
        }
    }

    private void tick() {
        if (stopped || submitted || items == null || ws == null) {
            return;
        }
        if (submitWanted) {
            if (welcomedOnThisSocket) {
                sendSubmit();
            }
            return;
        }
        int[] item = items.get(ThreadLocalRandom.current().nextInt(items.size()));
        long rev = vector.getOrDefault(item[0], 0L) + 1;
        String value = value(item);
        vector.put(item[0], rev);
        sent.computeIfAbsent(item[0], k -> new TreeMap<>()).put(rev, value);
        unackedSince.putIfAbsent(item[0], System.currentTimeMillis());
        ws.writeTextMessage("{\"type\":\"save\",\"item\":" + item[0] + ",\"value\":" + value + ",\"rev\":" + rev + "}");
    }

    private void watchdog() {
        if (stopped || submitted || ws == null) {
            return;
        }
        long now = System.currentTimeMillis();
        if (!welcomedOnThisSocket) {
            if (helloSentAt != 0 && now - helloSentAt > HELLO_LIMIT_MILLIS) {
                // A node that took the socket but never welcomes it: the seat waited since its hello.
                if (troubleSince == 0) {
                    troubleSince = helloSentAt;
                    troubleNode = node;
                }
                drop(node);
            }
            return;
        }
        long oldest = unackedSince.values().stream().mapToLong(Long::longValue).min().orElse(now);
        if (now - Math.max(oldest, welcomedAt) > UNACKED_LIMIT_MILLIS) {
            // A node that accepts saves but never answers (cut off, stalled): the seat waited since the first one.
            if (troubleSince == 0) {
                troubleSince = oldest;
                troubleNode = node;
            }
            drop(node);
        }
    }

    /** type codes: 0 single choice (option count in [2]), 1 true/false, 2 multiple choice (option count in [2]). */
    private static String value(int[] item) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return switch (item[1]) {
            case 0 -> "\"" + (char) ('A' + r.nextInt(item[2])) + "\"";
            case 1 -> r.nextBoolean() ? "true" : "false";
            default -> "[\"" + (char) ('A' + r.nextInt(item[2])) + "\"]";
        };
    }

    private void unseal(String key) {
        if (items != null) {
            return;
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(key), "AES"),
                    new GCMParameterSpec(128, Base64.getDecoder().decode(seat.sealedPaper().getString("iv"))));
            JsonObject paper = new JsonObject(new String(c.doFinal(Base64.getDecoder()
                    .decode(seat.sealedPaper().getString("ciphertext"))), StandardCharsets.UTF_8));
            List<int[]> found = new ArrayList<>();
            for (Object s : paper.getJsonArray("sections")) {
                for (Object i : ((JsonObject) s).getJsonArray("items")) {
                    JsonObject item = (JsonObject) i;
                    int options = item.getJsonArray("options", new JsonArray()).size();
                    switch (item.getString("type")) {
                        case "SINGLE_CHOICE" -> found.add(new int[] {item.getInteger("number"), 0, options});
                        case "TRUE_FALSE" -> found.add(new int[] {item.getInteger("number"), 1, 0});
                        case "MULTIPLE_CHOICE" -> found.add(new int[] {item.getInteger("number"), 2, options});
                        default -> {
                        }
                    }
                }
            }
            items = found;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the paper of " + seat.attemptId() + ": " + e, e);
        }
    }

    /**
     * Submits early, as a candidate who confirmed 交卷: the whole vector and its digest, sent now and again on every
     * tick until a {@code submitted} (or {@code ATTEMPT_SUBMITTED}) answers it, whatever node is reachable.
     */
    void submitEarly() {
        context.runOnContext(v -> {
            if (!submitted && !stopped) {
                submitWanted = true;
                if (ws != null && items != null && welcomedOnThisSocket) {
                    sendSubmit();
                }
            }
        });
    }

    private void sendSubmit() {
        JsonArray answers = new JsonArray();
        vector.forEach((item, rev) -> answers.add(new JsonObject().put("item", item).put("rev", rev)
                .put("value", new JsonObject("{\"v\":" + sent.get(item).get(rev) + "}").getValue("v"))));
        submitSentAt = System.currentTimeMillis();
        submittedDigest = digest();
        ws.writeTextMessage(new JsonObject().put("type", "submit").put("answers", answers).put("digest",
                submittedDigest).encode());
    }

    /** The page's digest of its vector: SHA-256 hex of "item:rev;" in item order (docs/candidate-protocol.md). */
    private String digest() {
        StringBuilder sb = new StringBuilder();
        vector.forEach((item, rev) -> sb.append(item).append(':').append(rev).append(';'));
        return sha256(sb.toString());
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops answering and closes the socket; completes on the seat's context, after which its logs are stable. */
    Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            stopped = true;
            if (troubleSince != 0) {
                // Still unserved when the test ends: the gap counts up to now, so a seat never served again after a
                // fault is a long gap, not none.
                gaps.add(new Gap(troubleSince, System.currentTimeMillis(), troubleNode, Gap.NEVER));
                troubleSince = 0;
            }
            if (ws != null) {
                WebSocket socket = ws;
                ws = null;
                socket.close();
            }
            done.complete();
        });
        return done.future();
    }

    // Read after the run, once the seat is stopped (the context has drained by then).

    List<Ack> acks() {
        return acks;
    }

    List<Gap> gaps() {
        return gaps;
    }

    List<String> refusals() {
        return refusals;
    }

    boolean submitted() {
        return submitted;
    }

    /** True once the test asked this seat to submit early. */
    boolean submittedEarly() {
        return submitSentAt != 0;
    }

    List<Receipt> receipts() {
        return receipts;
    }

    boolean answering() {
        return items != null;
    }

    int node() {
        return node;
    }

    String attemptId() {
        return seat.attemptId();
    }

    /** The highest acknowledged revision per item, with its value. */
    Map<Integer, Ack> highestAcks() {
        Map<Integer, Ack> out = new TreeMap<>();
        for (Ack a : acks) {
            out.merge(a.item(), a, (x, y) -> y.rev() > x.rev() ? y : x);
        }
        return out;
    }
}
