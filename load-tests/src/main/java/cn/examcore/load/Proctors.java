package cn.examcore.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * 监考: the staff of a sitting reading the node while its candidates answer, as exam day has them:
 * <ul>
 *   <li>the proctor console's upstream: one live stream ({@code GET /api/proctor/live}) of the sitting, every room,
 *       as the console's read-only {@code OBSERVER} account, from the start until after the deadline storm;</li>
 *   <li>the chief proctor's whole seat list ({@code /attempts}, every seat) at the console's cadence after the start,
 *       once a minute;</li>
 *   <li>each room's proctor reading the seat list of their own room, also once a minute.</li>
 * </ul>
 *
 * <p>A sitting of R rooms has R room consoles, so R/60 room reads a second. The tool makes the same reads with at
 * most {@link #ROOM_ACCOUNTS} room-scoped proctor accounts, each reading its room every {@code 60 s · k / R}
 * (k accounts): the node answers each read from the token's room, so it does the same work, without one password
 * hash per room at set-up. Every account signs in again, on its own, once its token is 10 minutes old (staff tokens
 * live 15), and the stream is opened again when the node ends it.
 */
final class Proctors {

    /** The most room-scoped proctor accounts the tool creates; more rooms read more often each. */
    static final int ROOM_ACCOUNTS = 25;
    /** How often a console re-reads its seat list once the sitting has started. */
    static final long CONSOLE_PERIOD_MILLIS = 60_000;
    private static final long TOKEN_RENEW_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final String PASSWORD = "load-test-staff-password";

    private final Vertx vertx;
    private final WebClient http;
    private final HttpClient streams;
    private final ServerProcess node;
    private final String sittingId;
    private final int rooms;
    private final Consumer<String> error;
    private final List<Account> roomAccounts = new ArrayList<>();
    private Account chief;
    private Account observer;
    private final List<Long> timers = new ArrayList<>();
    private volatile boolean watching;
    private final Map<String, AtomicLong> liveEvents = new ConcurrentHashMap<>();
    private final AtomicLong liveOpened = new AtomicLong();
    private final AtomicLong liveEnded = new AtomicLong();
    /** Reads the node refused as busy ({@code RETRY}, 503), by series: counted, not errors (see {@link #read}). */
    private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();

    Proctors(Vertx vertx, WebClient http, ServerProcess node, String sittingId, int rooms, Consumer<String> error) {
        this.vertx = vertx;
        this.http = http;
        this.streams = vertx.createHttpClient();
        this.node = node;
        this.sittingId = sittingId;
        this.rooms = rooms;
        this.error = error;
    }

    /**
     * Creates the accounts through the admin API, one after another (each is a password hash on the node): the
     * chief proctor, the console's observer and up to {@link #ROOM_ACCOUNTS} proctors, each scoped to one room, the
     * rooms picked evenly across the sitting. Then signs each in once.
     */
    void create(Sitting sitting) throws Exception {
        List<String> roomIds = sitting.roomIds();
        int n = Math.min(ROOM_ACCOUNTS, roomIds.size());
        chief = account(sitting, "load-chief", "ADMIN", List.of());
        observer = account(sitting, "load-observer", "OBSERVER", List.of());
        for (int k = 0; k < n; k++) {
            roomAccounts.add(account(sitting, "load-proctor-" + k, "PROCTOR",
                    List.of(roomIds.get(k * roomIds.size() / n))));
        }
        for (Account a : allAccounts()) {
            Sitting.get(a.token());
        }
    }

    private Account account(Sitting sitting, String username, String role, List<String> roomIds) throws Exception {
        Sitting.json(sitting.admin("POST", "/api/admin/staff").sendJsonObject(new JsonObject()
                .put("username", username).put("password", PASSWORD).put("role", role)
                .put("roomIds", new JsonArray(roomIds))), 201);
        return new Account(username);
    }

    private List<Account> allAccounts() {
        List<Account> all = new ArrayList<>(roomAccounts);
        all.add(chief);
        all.add(observer);
        return all;
    }

    /** How often each room account reads its room, so that all of them read as often as one console per room. */
    long roomReadPeriodMillis() {
        return Math.max(1, CONSOLE_PERIOD_MILLIS * roomAccounts.size() / Math.max(1, rooms));
    }

    /**
     * Opens the stream and starts the reads: the chief proctor's at once and then once a minute, the room accounts'
     * spread evenly over their period, so the node sees a steady trickle of room reads rather than bursts.
     */
    void start(Series roomReads, Series sittingReads) {
        watching = true;
        vertx.runOnContext(v -> openStream());
        long period = roomReadPeriodMillis();
        for (int k = 0; k < roomAccounts.size(); k++) {
            Account a = roomAccounts.get(k);
            timers.add(vertx.setPeriodic(1 + period * k / roomAccounts.size(), period,
                    id -> read(a, roomReads)));
        }
        timers.add(vertx.setPeriodic(1, CONSOLE_PERIOD_MILLIS, id -> read(chief, sittingReads)));
    }

    /**
     * One seat-list read. The node bounds the reads it answers at once and refuses the surplus with {@code RETRY}
     * (503), which a console shows and reads again at its next tick: such a refusal is counted on its own, as the
     * node's designed answer to more reads than it can serve, and reported; anything else that is not a 200 is an
     * error of the run.
     */
    private void read(Account a, Series series) {
        a.token().onSuccess(token -> {
            long start = System.nanoTime();
            http.getAbs(node.baseUrl() + "/api/proctor/sittings/" + sittingId + "/attempts")
                    .bearerTokenAuthentication(token).send().onComplete(ar -> {
                        if (ar.succeeded() && ar.result().statusCode() == 200) {
                            series.record((System.nanoTime() - start) / 1000, System.currentTimeMillis());
                        } else if (ar.succeeded() && ar.result().statusCode() == 503) {
                            refused.computeIfAbsent(series.name(), k -> new AtomicLong()).incrementAndGet();
                        } else {
                            series.error();
                            error.accept(series.name() + (ar.succeeded() ? "-http-" + ar.result().statusCode()
                                    : "-" + ar.cause().getClass().getSimpleName()));
                        }
                    });
        }).onFailure(e -> error.accept("proctor-login-" + e.getClass().getSimpleName()));
    }

    private void openStream() {
        if (!watching) {
            return;
        }
        observer.token().compose(token -> streams.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setHost("127.0.0.1").setPort(node.httpPort())
                        .setURI("/api/proctor/live?sittingId=" + sittingId)
                        .putHeader("Authorization", "Bearer " + token)))
                .compose(req -> req.send())
                .onSuccess(this::follow)
                .onFailure(e -> {
                    error.accept("proctor-live-" + e.getClass().getSimpleName());
                    vertx.setTimer(2_000, id -> openStream());
                });
    }

    private void follow(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            error.accept("proctor-live-http-" + response.statusCode());
            response.body().onComplete(ar -> vertx.setTimer(2_000, id -> openStream()));
            return;
        }
        liveOpened.incrementAndGet();
        // Server-sent events: count each by its "event:" line (open, seat-event, progress, audit, end).
        RecordParser lines = RecordParser.newDelimited("\n", line -> {
            if (line.length() > 7 && line.getByte(0) == 'e' && line.toString().startsWith("event: ")) {
                liveEvents.computeIfAbsent(line.toString().substring(7).strip(), k -> new AtomicLong())
                        .incrementAndGet();
            }
        });
        boolean[] over = new boolean[1];
        Runnable reopen = () -> {
            if (!over[0]) {
                over[0] = true;
                liveEnded.incrementAndGet();
                // The node ends a stream at its token's expiry or when it stops: a console opens it again.
                vertx.setTimer(500, id -> openStream());
            }
        };
        response.handler(lines);
        response.exceptionHandler(e -> reopen.run());
        response.endHandler(v -> reopen.run());
    }

    /** Stops the reads and closes the stream. */
    Future<Void> stop() {
        watching = false;
        timers.forEach(vertx::cancelTimer);
        timers.clear();
        return streams.close();
    }

    /** The figures of the proctors: accounts, cadence and what the stream carried, by event kind. */
    Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("proctors.rooms", rooms);
        f.put("proctors.roomAccounts", roomAccounts.size());
        f.put("proctors.roomReadPeriodMillis", roomReadPeriodMillis());
        f.put("proctors.liveOpened", liveOpened.get());
        f.put("proctors.liveEnded", liveEnded.get());
        liveEvents.forEach((kind, count) -> f.put("proctors.live." + kind, count.get()));
        for (String series : List.of("proctor-room", "proctor-sitting")) {
            AtomicLong n = refused.get(series);
            f.put("proctors.refused." + series, n == null ? 0L : n.get());
        }
        return f;
    }

    /** One staff account and its current token, signed in again once 10 minutes old. */
    private final class Account {
        private final String username;
        private Future<String> token;
        private long signedInAt;

        Account(String username) {
            this.username = username;
        }

        synchronized Future<String> token() {
            if (token == null || (token.isComplete() && (token.failed()
                    || System.nanoTime() - signedInAt > TOKEN_RENEW_NANOS))) {
                Promise<String> p = Promise.promise();
                token = p.future();
                signedInAt = System.nanoTime();
                http.postAbs(node.baseUrl() + "/api/admin/login").sendJsonObject(new JsonObject()
                        .put("username", username).put("password", PASSWORD)).onComplete(ar -> {
                            if (ar.succeeded() && ar.result().statusCode() == 200) {
                                p.complete(ar.result().bodyAsJsonObject().getString("token"));
                            } else {
                                p.fail(ar.succeeded() ? "login of " + username + ": HTTP "
                                        + ar.result().statusCode() : String.valueOf(ar.cause()));
                            }
                        });
            }
            return token;
        }
    }
}
