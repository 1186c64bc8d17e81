package cn.examcore.load;

import cn.examcore.contract.SeatSocketAuth;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * One run of the five storms (check-in, start, steady answering with events, reconnect, deadline), with the
 * proctors ({@link Proctors}) reading from the start on, against real exam-server processes, with every latency in an HdrHistogram {@link Series}. The figures land in
 * {@link #figures()} and, with the per-second series, in the output directory.
 */
public final class LoadRun implements AutoCloseable {

    private static final String PIN = Sitting.PIN;
    private static final int SOCKETS_PER_SOURCE_ADDRESS = 20_000;
    /**
     * How long a seat-agent batch may take before it counts as failed. Below the client's 60-s idle timeout on
     * purpose: a batch the server holds longer than that would otherwise fail as an anonymous
     * {@code HttpClosedException} when the client closes the idle connection under it.
     */
    private static final long AGENT_TIMEOUT_MILLIS = 30_000;
    /** The check-in profile's longest span; it is stopped as soon as the storm is over. */
    private static final int CHECKIN_PROFILE_SECONDS = 600;
    /** The deadline storm's profile starts this long before the earliest deadline, and lasts at most the next. */
    private static final long DEADLINE_PROFILE_LEAD_MILLIS = 3_000;
    private static final int DEADLINE_PROFILE_SECONDS = 180;

    private final LoadConfig cfg;
    private final long origin = System.currentTimeMillis();
    private final Map<String, Series> series = new ConcurrentHashMap<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Map<String, AtomicLong> errorCodes = new ConcurrentHashMap<>();
    private final Sitting sitting;
    private final List<ServerProcess> nodes;
    private final List<Seat> seats;
    private final Vertx vertx;
    private final WebClient http;
    private final List<WebSocketClient> wsClients = new ArrayList<>();
    private String sittingId;
    private String agentKey;
    private Proctors proctors;

    public LoadRun(LoadConfig cfg) {
        this.cfg = cfg;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(30_000).setIdleTimeout(60),
                new PoolOptions().setHttp1MaxSize(Math.max(8, cfg.checkInConcurrency())));
        this.sitting = new Sitting(cfg, http, figures);
        this.nodes = sitting.nodes();
        this.seats = sitting.seats();
        int sources = (cfg.seats() + SOCKETS_PER_SOURCE_ADDRESS - 1) / SOCKETS_PER_SOURCE_ADDRESS;
        for (int i = 0; i < sources; i++) {
            // Linux gives ~28k ephemeral ports per source/destination pair: one source address per 20k sockets.
            wsClients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout(30_000)
                    .setLocalAddress("127.0.0." + (2 + i)).setMaxConnections(cfg.seats() + 100)));
        }
    }

    public Map<String, Object> figures() {
        return figures;
    }

    public Map<String, Series> series() {
        return series;
    }

    /** Errors by code (HTTP status, socket error code, timeout); a clean run has none. */
    public Map<String, Long> errors() {
        Map<String, Long> out = new java.util.TreeMap<>();
        errorCodes.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Runs every scenario in order; the figures are filled in as they are measured. */
    public void run() throws Exception {
        Files.createDirectories(cfg.out());
        sitting.startNodes();
        sitting.build();
        sittingId = sitting.sittingId();
        agentKey = sitting.agentKey();
        proctors = new Proctors(vertx, http, nodes.get(0), sittingId, sitting.roomIds().size(), this::error);
        proctors.create(sitting);
        long heapBefore = totalHeap();
        checkInStorm();
        connectAll();
        long heapConnected = totalHeap();
        figures.put("memory.heapBeforeBytes", heapBefore);
        figures.put("memory.heapConnectedBytes", heapConnected);
        figures.put("memory.heapPerSeatBytes", (heapConnected - heapBefore) / cfg.seats());
        // The proctors' consoles are open from T0 until the deadline storm is over, as on exam day: the key storm,
        // the answering and the deadline all run with the live stream and the seat-list reads going on.
        proctors.start(series("proctor-room"), series("proctor-sitting"));
        try {
            startStorm();
            if (stopsAfterKey()) {
                figures.put("stoppedAfter", "key");
            } else {
                steady();
                rateSteps();
                reconnectStorm();
                deadlineStorm();
            }
        } finally {
            get(proctors.stop());
            figures.putAll(proctors.figures());
        }
        serverMeters();
        figures.put("errors", errors());
        for (Series s : series.values()) {
            Files.writeString(cfg.out().resolve(s.name() + ".dat"), s.timeSeries());
        }
    }

    /**
     * True when {@code STOP_AFTER=key}: the run ends after the key storm, so the check-in and key rows of two builds
     * can be compared in a few minutes per run instead of a whole sitting's.
     */
    static boolean stopsAfterKey() {
        return "key".equals(System.getenv("STOP_AFTER"));
    }

    // ---------------------------------------------------------------- 1. check-in storm

    private void checkInStorm() throws Exception {
        Series enrol = series("checkin-enrol");
        Series login = series("checkin-login");
        Series paper = series("checkin-paper");
        Series whole = series("checkin-seat");
        for (ServerProcess p : nodes) {
            // What bounds the check-in storm: CPU samples and lock waits while the seats check in.
            p.profile(cfg.out().resolve(p.name() + "-checkin.jfr"), CHECKIN_PROFILE_SECONDS, "checkin");
        }
        long t = System.nanoTime();
        // When the first half of the seats had checked in: the node's JIT compiles its check-in path during the
        // first half, so the two halves' rates show a cold node and a warm one.
        AtomicInteger done = new AtomicInteger();
        AtomicLong halfAt = new AtomicLong();
        int half = cfg.seats() / 2;
        bounded(cfg.checkInConcurrency(), i -> {
            Seat s = seats.get(i);
            long start = System.nanoTime();
            return timed(enrol, () -> http.post(s.port, s.host, "/api/terminal/enrol").sendJsonObject(
                    new JsonObject().put("seatCode", s.seatCode).put("pin", PIN)))
                    .compose(r -> {
                        s.terminalToken = r.getString("terminalToken");
                        return timed(login, () -> http.post(s.port, s.host, "/api/candidate/login")
                                .sendJsonObject(new JsonObject().put("terminalToken", s.terminalToken)
                                        .put("ticket", s.ticket).put("idNumber", s.idNumber)));
                    })
                    .compose(r -> {
                        s.token = r.getString("token");
                        s.attemptId = r.getString("attemptId");
                        return timed(paper, () -> http.get(s.port, s.host, "/api/candidate/paper")
                                .bearerTokenAuthentication(s.token).send());
                    })
                    .map(r -> {
                        long now = System.nanoTime();
                        whole.record((now - start) / 1000, System.currentTimeMillis());
                        if (done.incrementAndGet() == half) {
                            halfAt.set(now);
                        }
                        return r;
                    });
        });
        long end = System.nanoTime();
        double seconds = (end - t) / 1e9;
        for (ServerProcess p : nodes) {
            p.stopProfile("checkin");
        }
        figures.put("checkin.seconds", seconds);
        figures.put("checkin.seatsPerSecond", cfg.seats() / seconds);
        figures.put("checkin.completed", whole.count());
        if (half > 0 && halfAt.get() > 0) {
            figures.put("checkin.firstHalfSeatsPerSecond", half / ((halfAt.get() - t) / 1e9));
            figures.put("checkin.secondHalfSeatsPerSecond", (cfg.seats() - half) / ((end - halfAt.get()) / 1e9));
        }
    }

    // ---------------------------------------------------------------- sockets

    private void connectAll() throws Exception {
        Series connect = series("socket-connect");
        bounded(cfg.checkInConcurrency(), i -> {
            long start = System.nanoTime();
            return connect(seats.get(i), new JsonArray()).onSuccess(w ->
                    connect.record((System.nanoTime() - start) / 1000, System.currentTimeMillis()));
        });
        figures.put("sockets.connected", seats.stream().filter(s -> s.socket != null).count());
    }

    /** Opens the seat's socket and sends hello with this vector; completes with the welcome. */
    private Future<JsonObject> connect(Seat s, JsonArray vector) {
        WebSocketClient client = wsClients.get(s.index / SOCKETS_PER_SOURCE_ADDRESS);
        Promise<JsonObject> welcome = Promise.promise();
        s.welcome = welcome;
        return client.connect(new WebSocketConnectOptions().setHost(s.host).setPort(s.port)
                        .setURI(SeatSocketAuth.PATH).setSubProtocols(SeatSocketAuth.subProtocols(s.token)))
                .compose(ws -> {
                    s.socket = ws;
                    ws.textMessageHandler(text -> onMessage(s, text));
                    ws.exceptionHandler(e -> error("socket-exception"));
                    return ws.writeTextMessage(new JsonObject().put("type", "hello").put("answers", vector).encode());
                })
                .compose(v -> welcome.future())
                .timeout(60, TimeUnit.SECONDS)
                .onFailure(e -> error("connect-" + e.getClass().getSimpleName()));
    }

    private void onMessage(Seat s, String text) {
        JsonObject m = new JsonObject(text);
        long now = System.nanoTime();
        switch (m.getString("type", "")) {
            case "welcome" -> {
                if (m.getString("key") != null && s.keyNanos == 0) {
                    s.keyNanos = now;
                }
                s.deadline = m.getLong("deadline", 0L);
                Promise<JsonObject> w = s.welcome;
                if (w != null) {
                    w.tryComplete(m);
                }
            }
            case "key" -> s.keyNanos = now;
            case "saved" -> {
                // Each save's latency goes to the phase it was issued in, even when its ack arrives later.
                for (Seat.Pending p : s.acknowledge(m.getInteger("item"), m.getInteger("rev"))) {
                    p.series().record((now - p.intendedNanos()) / 1000, System.currentTimeMillis());
                }
            }
            case "state" -> s.deadline = m.getLong("deadline", s.deadline);
            case "submitted" -> s.submittedAtMillis = System.currentTimeMillis();
            case "error" -> error("ws-" + m.getString("code"));
            default -> { }
        }
    }

    // ---------------------------------------------------------------- 2. start storm

    private void startStorm() throws Exception {
        long release = System.nanoTime();
        sitting.release();
        figures.put("start.releaseCallMillis", (System.nanoTime() - release) / 1e6);
        awaitCondition(() -> seats.stream().allMatch(s -> s.keyNanos != 0), 30);
        Series key = series("start-key");
        for (Seat s : seats) {
            if (s.keyNanos == 0) {
                error("key-missing");
            } else {
                key.record((s.keyNanos - release) / 1000, System.currentTimeMillis());
            }
        }
        // The deadline arrives in the state push of the start; fetch it if a seat missed the push.
        awaitCondition(() -> seats.stream().allMatch(s -> s.deadline > 0), 10);
    }

    // ---------------------------------------------------------------- 3. steady answering (+ events, proctor)

    /** The ramp before the steady phase: a quarter, a half and three quarters of its rate, this long each. */
    static final int WARM_UP_STEP_SECONDS = 10;

    /**
     * Candidates do not all answer from the first second after T0: they read first, so saves ramp up. The ramp
     * also lets the server's save path compile (JIT) before the steady phase is measured; its latencies are kept
     * (series {@code warmup-save}) and reported, but they are not the steady figure. It ends when its saves are
     * acknowledged (at most a minute).
     */
    private void warmUp() throws Exception {
        Series ramp = series("warmup-save");
        for (int quarter = 1; quarter <= 3; quarter++) {
            openModel(Math.max(1, cfg.steadyRate() * quarter / 4), WARM_UP_STEP_SECONDS, ramp);
        }
        long drainStart = System.nanoTime();
        awaitAcks(60);
        figures.put("warmup.drainSeconds", (System.nanoTime() - drainStart) / 1_000_000_000.0);
        figures.put("warmup.unacknowledged", seats.stream().mapToInt(Seat::pendingCount).sum());
    }

    private void steady() throws Exception {
        warmUp();
        Series ack = series("steady-save");
        Series agent = series("steady-agent-events");
        AtomicInteger browserEvents = new AtomicInteger();
        AtomicInteger agentBatches = new AtomicInteger();
        AtomicInteger agentBatchesAccepted = new AtomicInteger();
        AtomicInteger agentBatchesFailed = new AtomicInteger();
        AtomicInteger agentEvents = new AtomicInteger();
        AtomicInteger agentEventsAccepted = new AtomicInteger();
        long end = System.currentTimeMillis() + cfg.steadySeconds() * 1000L;
        // Seat events at about one per seat per minute, half from the page and half from the seat agent.
        double eventsPerSecond = cfg.seats() / 60.0;
        long eventTimer = vertx.setPeriodic(1000, id -> {
            int n = (int) Math.max(1, Math.round(eventsPerSecond / 2));
            JsonArray batch = new JsonArray();
            for (int k = 0; k < n; k++) {
                Seat s = seats.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(seats.size()));
                s.socket.writeTextMessage(new JsonObject().put("type", "event")
                        .put("kind", k % 2 == 0 ? "BLUR" : "FOCUS").put("detail", new JsonObject())
                        .put("clientTime", System.currentTimeMillis()).encode());
                browserEvents.incrementAndGet();
                Seat a = seats.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(seats.size()));
                batch.add(new JsonObject().put("seatCode", a.seatCode).put("kind", "PRESENCE_REGAINED")
                        .put("detail", new JsonObject()).put("observedAt", System.currentTimeMillis()));
            }
            for (int from = 0; from < batch.size(); from += 100) {
                JsonArray part = new JsonArray(batch.getList().subList(from, Math.min(batch.size(), from + 100)));
                ServerProcess node = nodes.get(from / 100 % nodes.size());
                agentBatches.incrementAndGet();
                agentEvents.addAndGet(part.size());
                // Every batch ends as accepted (all its events) or failed, with its reason among the errors.
                timed(agent, () -> http.postAbs(node.baseUrl() + "/api/agent/events").timeout(AGENT_TIMEOUT_MILLIS)
                        .bearerTokenAuthentication(agentKey).sendJsonObject(new JsonObject().put("events", part)))
                        .onSuccess(body -> {
                            int accepted = body.getInteger("accepted", -1);
                            if (accepted == part.size()) {
                                agentBatchesAccepted.incrementAndGet();
                                agentEventsAccepted.addAndGet(accepted);
                            } else {
                                agentBatchesFailed.incrementAndGet();
                                error("steady-agent-events-accepted-" + accepted + "-of-" + part.size());
                            }
                        })
                        .onFailure(e -> agentBatchesFailed.incrementAndGet());
            }
        });
        for (ServerProcess p : nodes) {
            // The profile the report's bottleneck section is read from: CPU samples and lock waits while saving.
            p.profile(cfg.out().resolve(p.name() + "-steady.jfr"), cfg.steadySeconds());
        }
        openModel(cfg.steadyRate(), cfg.steadySeconds(), ack);
        vertx.cancelTimer(eventTimer);
        awaitAcks(10);
        // The last batches may still be under way: wait for each to be answered or to time out.
        awaitCondition(() -> agentBatchesAccepted.get() + agentBatchesFailed.get() == agentBatches.get(),
                (int) (AGENT_TIMEOUT_MILLIS / 1000) + 5);
        figures.put("steady.agentBatches", agentBatches.get());
        figures.put("steady.agentBatchesAccepted", agentBatchesAccepted.get());
        figures.put("steady.agentBatchesFailed", agentBatchesFailed.get());
        figures.put("steady.agentBatchesUnanswered", agentBatches.get() - agentBatchesAccepted.get()
                - agentBatchesFailed.get());
        figures.put("steady.agentEvents", agentEvents.get());
        figures.put("steady.agentEventsAccepted", agentEventsAccepted.get());
        figures.put("steady.rate", cfg.steadyRate());
        figures.put("steady.saves", ack.count());
        figures.put("steady.browserEvents", browserEvents.get());
        figures.put("steady.agentRequests", agent.count());
        figures.put("steady.unacknowledged", seats.stream().mapToInt(Seat::pendingCount).sum());
        if (System.currentTimeMillis() < end - 1000) {
            error("steady-ended-early");
        }
    }

    /** Issues {@code rate} saves per second for {@code seconds}, round-robin over the seats (open model). */
    private void openModel(int rate, int seconds, Series series) throws Exception {
        long total = (long) rate * seconds;
        AtomicLong issued = new AtomicLong();
        Promise<Void> done = Promise.promise();
        long start = System.nanoTime();
        vertx.setPeriodic(5, id -> {
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
            while (issued.get() < due) {
                long k = issued.getAndIncrement();
                Seat s = seats.get((int) (k % seats.size()));
                // Latency counts from when the save was due, so a slow generator or server cannot hide it.
                long intended = start + k * 1_000_000_000L / rate;
                s.socket.writeTextMessage(s.nextSave(intended, series));
            }
            if (issued.get() >= total) {
                vertx.cancelTimer(id);
                done.complete();
            }
        });
        done.future().toCompletionStage().toCompletableFuture().get(seconds + 60L, TimeUnit.SECONDS);
    }

    /** The longest wait for the steady phase's backlog before the rate steps start. */
    private static final int STEP_DRAIN_SECONDS = 180;
    /** The longest wait for a step's acknowledgements after its last save. */
    private static final int STEP_ACK_SECONDS = 15;

    /**
     * What the reconnect storm is given: 4 ms a seat and twenty seconds, 60 s at 10,000 seats, where it has taken
     * 16–20 s since the seats' reconnect reads stopped scanning (it took 123 s before). The rate steps stop early
     * rather than eat into it; every second of it the storm does not use is a second the run waits idle for the
     * deadline.
     */
    static int reconnectBudgetSeconds(LoadConfig cfg) {
        return cfg.seats() / 250 + 20;
    }

    /**
     * How long the sitting lasts from its release: the warm-up ramp and its drain (as long as the steady phase, at
     * most a minute), the steady phase, as long again (at most a minute) for its backlog, every rate step with a few seconds of acknowledgements, the reconnect storm and 30 s of margin
     * (the quick mode's sitting stays at two minutes). The deadline storm must find
     * the deadline ahead of it (the report marks it not valid otherwise); steps that would pass the reserve are
     * skipped and reported as {@code steps.stoppedByDeadline}.
     */
    static int phasesBudgetSeconds(LoadConfig cfg) {
        return 3 * WARM_UP_STEP_SECONDS + Math.min(60, cfg.steadySeconds()) + cfg.steadySeconds()
                + Math.min(60, cfg.steadySeconds())
                + cfg.stepRates().size() * (cfg.stepSeconds() + 5) + reconnectBudgetSeconds(cfg) + 30;
    }

    private void awaitAcks(int seconds) throws Exception {
        awaitCondition(() -> seats.stream().allMatch(s -> s.pendingCount() == 0), seconds);
    }

    /** Steps the save rate up; the highest rate whose p99 ack stays ≤ 50 ms is the figure. */
    private void rateSteps() throws Exception {
        int best = 0;
        // An overloaded steady phase leaves a backlog; the steps measure rates on a drained server, so wait for it
        // (bounded) and say how long it took.
        long drainStart = System.nanoTime();
        awaitAcks(STEP_DRAIN_SECONDS);
        figures.put("steps.drainSeconds", (System.nanoTime() - drainStart) / 1_000_000_000.0);
        long deadline = seats.stream().mapToLong(s -> s.deadline).min().orElseThrow();
        for (int rate : cfg.stepRates()) {
            long reserveMillis = (cfg.stepSeconds() + STEP_ACK_SECONDS + reconnectBudgetSeconds(cfg) + 10) * 1000L;
            if (System.currentTimeMillis() + reserveMillis > deadline) {
                // The deadline storm needs the deadline ahead of it; what the steps found so far stands.
                figures.put("steps.stoppedByDeadline", rate);
                break;
            }
            int backlog = seats.stream().mapToInt(Seat::pendingCount).sum();
            if (backlog > 0) {
                // A step on top of an unacknowledged backlog would measure the backlog, not the rate.
                figures.put("steps.stoppedByBacklog", backlog);
                break;
            }
            Series step = series("step-" + rate);
            long errorsBefore = totalErrors();
            openModel(rate, cfg.stepSeconds(), step);
            awaitAcks(STEP_ACK_SECONDS);
            double p99 = step.pMillis(99);
            figures.put("steps." + rate + ".p99Millis", p99);
            figures.put("steps." + rate + ".saves", step.count());
            boolean ok = p99 <= 50 && totalErrors() == errorsBefore
                    && step.count() == (long) rate * cfg.stepSeconds();
            if (!ok) {
                break;
            }
            best = rate;
        }
        figures.put("steps.highestRateP99Under50ms", best);
        // Every listed step passed: the top rate is at least the last one, not found (STEP_RATES too short).
        figures.put("steps.everyStepPassed", !cfg.stepRates().isEmpty()
                && best == cfg.stepRates().get(cfg.stepRates().size() - 1));
    }

    // ---------------------------------------------------------------- 5. reconnect storm

    private void reconnectStorm() throws Exception {
        Series resync = series("reconnect-resync");
        AtomicInteger uncovered = new AtomicInteger();
        long t = System.nanoTime();
        bounded(Math.min(1000, cfg.seats()), i -> {
            Seat s = seats.get(i);
            long start = System.nanoTime();
            return s.socket.close().compose(v -> connect(s, s.vector())).onSuccess(w -> {
                resync.record((System.nanoTime() - start) / 1000, System.currentTimeMillis());
                if (!s.covers(w.getJsonArray("answers", new JsonArray()))) {
                    uncovered.incrementAndGet();
                    error("resync-lost-answer");
                }
            });
        });
        figures.put("reconnect.seconds", (System.nanoTime() - t) / 1e9);
        figures.put("reconnect.resynced", resync.count());
        figures.put("reconnect.vectorsNotCovered", uncovered.get());
    }

    // ---------------------------------------------------------------- 4. deadline storm

    private void deadlineStorm() throws Exception {
        long deadline = seats.stream().mapToLong(s -> s.deadline).max().orElseThrow();
        long earliest = seats.stream().mapToLong(s -> s.deadline).min().orElseThrow();
        figures.put("deadline.spreadMillis", deadline - earliest);
        long wait = deadline - System.currentTimeMillis();
        figures.put("deadline.waitedSeconds", wait / 1000.0);
        // What bounds the storm (freezes, scoring, the results' and the write-behind's database work): CPU samples
        // and lock waits from just before the earliest deadline until every result is in.
        long sleep = earliest - DEADLINE_PROFILE_LEAD_MILLIS - System.currentTimeMillis();
        if (sleep > 0) {
            Thread.sleep(sleep); // nothing to do until the deadline; the seats' own threads keep answering
        }
        for (ServerProcess p : nodes) {
            p.profile(cfg.out().resolve(p.name() + "-deadline.jfr"), DEADLINE_PROFILE_SECONDS, "deadline");
        }
        try {
            awaitScored(deadline, Math.max(0, deadline - System.currentTimeMillis()));
        } finally {
            for (ServerProcess p : nodes) {
                p.stopProfile("deadline");
            }
        }
    }

    private void awaitScored(long deadline, long wait) throws Exception {
        awaitCondition(() -> seats.stream().allMatch(s -> s.submittedAtMillis != 0),
                (int) Math.max(0, wait / 1000) + 60);
        Series lag = series("deadline-submitted");
        for (Seat s : seats) {
            if (s.submittedAtMillis == 0) {
                error("submitted-missing");
            } else {
                lag.record((s.submittedAtMillis - s.deadline) * 1000, s.submittedAtMillis);
            }
        }
        // Scored: every candidate's result row says AUTO_SUBMITTED with a score.
        long scoredAt = 0;
        int scored = 0;
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            var reply = get(admin("GET", "/api/admin/sittings/" + sittingId + "/results").send());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("the sitting's results were refused: " + reply.statusCode() + " "
                        + reply.bodyAsString());
            }
            JsonArray rows = new JsonArray(reply.bodyAsString());
            scored = 0;
            for (int i = 0; i < rows.size(); i++) {
                JsonObject r = rows.getJsonObject(i);
                if (r.getValue("objectiveScore") != null && r.getString("status", "").contains("SUBMITTED")) {
                    scored++;
                }
            }
            if (scored == cfg.seats()) {
                scoredAt = System.currentTimeMillis();
                break;
            }
            Thread.sleep(200); // polling the results endpoint from the orchestrating thread
        }
        figures.put("deadline.scored", scored);
        figures.put("deadline.allScoredSecondsAfterDeadline", scoredAt == 0 ? Double.NaN
                : (scoredAt - deadline) / 1000.0);
    }

    /** The same figures as the servers' own Micrometer meters report them (summed over the nodes). */
    private void serverMeters() throws Exception {
        double keys = 0;
        double autoSubmits = 0;
        double saves = 0;
        for (ServerProcess p : nodes) {
            String text = p.metrics();
            keys += meter(text, "examcore_key_delivery_seconds_count");
            autoSubmits += meter(text, "examcore_submission_auto_lag_seconds_count");
            saves += meter(text, "examcore_answer_save_seconds_count");
        }
        figures.put("meters.keyDeliveries", (long) keys);
        figures.put("meters.autoSubmissions", (long) autoSubmits);
        figures.put("meters.saves", (long) saves);
    }

    private static double meter(String prometheus, String name) {
        double sum = 0;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    // ---------------------------------------------------------------- helpers

    private long totalHeap() throws Exception {
        long sum = 0;
        for (ServerProcess p : nodes) {
            sum += p.heapUsedAfterGc();
        }
        return sum;
    }

    private Series series(String name) {
        return series.computeIfAbsent(name, n -> new Series(n, origin));
    }

    private void error(String code) {
        errorCodes.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
    }

    private long totalErrors() {
        return errorCodes.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Runs one request, records its latency on success (2xx) and counts an error otherwise. */
    private Future<JsonObject> timed(Series s, java.util.function.Supplier<Future<HttpResponse<Buffer>>> call) {
        long start = System.nanoTime();
        return call.get().transform(ar -> {
            if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
                s.record((System.nanoTime() - start) / 1000, System.currentTimeMillis());
                Buffer b = ar.result().body();
                return Future.succeededFuture(b == null || b.length() == 0 || b.getByte(0) != '{' ? new JsonObject()
                        : b.toJsonObject());
            }
            s.error();
            String code = ar.succeeded() ? s.name() + "-http-" + ar.result().statusCode()
                    : s.name() + "-" + ar.cause().getClass().getSimpleName();
            error(code);
            return Future.failedFuture(code + (ar.succeeded() ? " " + ar.result().bodyAsString() : ""));
        });
    }

    /** Runs task(i) for every seat with at most {@code concurrency} in flight; waits for all. */
    private void bounded(int concurrency, IntFunction<Future<?>> task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Promise<Void> done = Promise.promise();
        int n = seats.size();
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= n) {
                return;
            }
            task.apply(i).onComplete(ar -> {
                if (finished.incrementAndGet() == n) {
                    done.complete();
                } else {
                    pump[0].run();
                }
            });
        };
        vertx.runOnContext(v -> {
            for (int k = 0; k < Math.min(concurrency, n); k++) {
                pump[0].run();
            }
        });
        done.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier c, int seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (!c.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(50); // the orchestrating thread waits for the generator's event loops
        }
    }

    private static <T> T get(Future<T> f) throws Exception {
        return Sitting.get(f);
    }

    private static JsonObject json(Future<HttpResponse<Buffer>> f, int status) throws Exception {
        return Sitting.json(f, status);
    }

    private io.vertx.ext.web.client.HttpRequest<Buffer> admin(String method, String path) {
        return sitting.admin(method, path);
    }

    /** Stops the sitting and the client; an interrupt stops the wait and stays set (see ServerProcess). */
    @Override
    public void close() throws IOException, ExecutionException, TimeoutException {
        try {
            sitting.close();
        } finally {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
