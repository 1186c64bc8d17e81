package cn.examcore.server.ws;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.PageMessage;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatMessage;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.AnswerFiles;
import cn.examcore.server.attempt.KeyGate;
import cn.examcore.server.attempt.KeyRelease;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptRejected;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.domain.UnknownAttempt;
import cn.examcore.server.auth.CandidateClaims;
import cn.examcore.server.auth.RateLimiter;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.common.Rejections;
import cn.examcore.server.paper.PaperService.LoadedPaper;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One seat's socket (docs/candidate-protocol.md §4): {@code hello} / {@code save} / {@code ping} /
 * {@code event} / {@code ack-reminder} / {@code ack-announcement} / {@code ack-rules} / {@code submit} in,
 * {@code welcome} / {@code saved} / {@code pong} / {@code key} / {@code state} / {@code reminder} /
 * {@code announcement} / {@code submitted} / {@code error} out. A message that is refused gets an {@code error}
 * naming the problem and changes nothing; the socket stays open.
 */
final class SeatSession implements KeyRelease.Waiter {

    private static final Logger LOG = LoggerFactory.getLogger(SeatSession.class);
    private static final long NOT_AWAITING = Long.MIN_VALUE;
    /** How long a seat held for its identity confirmation waits before it asks again on its own. */
    private static final long IDENTITY_HOLD_MILLIS = 60_000;
    /** How long a welcome waits for the sitting's rules before it names the start as the earliest submission. */
    static final long RULES_WAIT_MILLIS = 1_000;
    /** One warning per kind of failure per socket in this long; the rest are counted into the next one. */
    static final long FAILURE_LOG_QUIET_MILLIS = 10_000;
    /**
     * Saves one socket may send in a burst, and how fast it earns them back (20 a second): a page saves once per
     * changed answer, typing debounced, and flushes at most its whole journal at once (a paper has up to ~150
     * items), so only a misbehaving or hostile client meets this.
     */
    static final int SAVE_BURST = 200;
    static final Duration SAVE_REFILL = Duration.ofMillis(50);
    /** Events of one kind one socket may report in a burst, and one more every 3 s; beyond that they are folded. */
    static final int EVENT_BURST = 20;
    static final Duration EVENT_REFILL = Duration.ofSeconds(3);
    /**
     * Acknowledgements of each kind (announcement, reminder, rules) one socket may send in a burst, and one more
     * every 3 s: a page acknowledges each announcement, reminder or rules version once, and after a reconnect its
     * queue re-sends the few it could not deliver. An announcement's or a reminder's reads the seat's events (one
     * naming an announcement this node does not hold reads the database) and a rules acknowledgement writes an
     * event, so a page sending them in a loop must not be able to make the node do that in a loop; beyond the budget
     * they are folded.
     */
    static final int ACK_BURST = 20;
    static final Duration ACK_REFILL = Duration.ofSeconds(3);

    private final SeatWiring services;
    private final SeatSockets sockets;
    private final ServerWebSocket ws;
    private final CandidateClaims claims;
    private final LoadedPaper paper;
    private final String sittingId;
    private final AnswerFiles files;
    private final ProgressReporter progress;
    private final List<MessageConsumer<String>> consumers = new ArrayList<>();
    private long lastHeard;
    private boolean gapReported;
    private boolean keySent;
    /**
     * Set when the welcome went out. No key or state goes to a page before its welcome: a key sent ahead of a welcome
     * that was computed from an attempt read before the release would put the page back on the waiting screen.
     */
    private boolean welcomed;
    /** The start this socket awaits its key at with {@link SeatSockets}, or {@link #NOT_AWAITING}. */
    private long awaitedStart = NOT_AWAITING;
    private boolean closed;
    /** After a seat change: the socket only takes the page's last saves until {@code drained} or the grace ends. */
    private boolean draining;
    private long drainTimer = -1;
    private final RateLimiter saveBudget = new RateLimiter(SAVE_BURST, SAVE_REFILL, 1);
    private final RateLimiter eventBudget = new RateLimiter(EVENT_BURST, EVENT_REFILL,
            SeatEvent.Kind.values().length);
    private final RateLimiter ackBudget = new RateLimiter(ACK_BURST, ACK_REFILL, 3);
    /** Per kind over its budget: how many were folded, the first and the last arrival (epoch ms). */
    private final Map<SeatEvent.Kind, long[]> folded = new EnumMap<>(SeatEvent.Kind.class);
    private final RepeatedWarning failures = new RepeatedWarning(FAILURE_LOG_QUIET_MILLIS);

    private SeatSession(SeatWiring services, SeatSockets sockets, ServerWebSocket ws, CandidateClaims claims,
                        LoadedPaper paper) {
        this.services = services;
        this.sockets = sockets;
        this.ws = ws;
        this.claims = claims;
        this.paper = paper;
        this.sittingId = paper.sittingId();
        this.files = new AnswerFiles(services.uploads(), claims.attemptId());
        this.progress = new ProgressReporter(services, sittingId, claims.attemptId());
        this.lastHeard = now();
    }

    /** Loads what the session needs, then starts reading the socket. */
    static void begin(SeatWiring services, SeatSockets sockets, ServerWebSocket ws, CandidateClaims claims) {
        if (!services.writable().getAsBoolean()) {
            // The minority side of a split takes no save, and a welcome there would show the page answers this side
            // may hold older than the majority's. Closing the socket sends the page to its next node at once,
            // where a welcome on this side would keep it here until its saves had been refused a few times.
            refuse(ws, ErrorType.RETRY.name(), "this node is cut off from the majority of the cluster and takes no"
                    + " answers: connect to another node");
            return;
        }
        services.answers().attempt(claims.attemptId())
                .compose(a -> {
                    if (!a.seatCode().equals(claims.seatCode())) {
                        return Future.failedFuture(new ExamException(ErrorType.STALE_TOKEN,
                                "this token is for another seat"));
                    }
                    // The welcome reads the sitting's rules: start that read now, beside the paper's, so a node that
                    // has to wait for both (one started since the sitting began, during a database outage) waits
                    // once. The node's setup cache shares the read with the welcome's.
                    services.submissions().submitFrom(a);
                    return services.papers().paper(claims.attemptId());
                })
                .onSuccess(paper -> open(services, sockets, ws, claims, paper))
                .onFailure(e -> refuse(ws, e instanceof ExamException x ? x.type().name()
                        : e instanceof UnknownAttempt ? ErrorType.STALE_TOKEN.name() : ErrorType.RETRY.name(),
                        e.getMessage()));
    }

    /** Starts reading the socket of a seat whose attempt was found at its seat and whose paper is loaded. */
    static SeatSession open(SeatWiring services, SeatSockets sockets, ServerWebSocket ws, CandidateClaims claims,
                            LoadedPaper paper) {
        SeatSession s = new SeatSession(services, sockets, ws, claims, paper);
        s.attach();
        return s;
    }

    /** Tells the page why its socket is refused, then closes it. */
    static void refuse(ServerWebSocket ws, String code, String message) {
        ws.writeTextMessage(Json.encode(new SeatMessage.Error(code, message, Map.of()))).eventually(() -> ws.close((short) 4401, code));
        ws.resume();
    }

    @Override
    public String attemptId() {
        return claims.attemptId();
    }

    @Override
    public String sittingId() {
        return sittingId;
    }

    private long now() {
        return services.clock().getAsLong();
    }

    private void attach() {
        var bus = services.vertx().eventBus();
        // Node-local consumers only: pushes and releases from other members arrive through SeatRelay.
        MessageConsumer<String> seat = bus.localConsumer(Addresses.seat(attemptId()), m -> {
            push(m.body());
            if (m.body().startsWith("{\"type\":\"seat-changed\"")) {
                drain();
            }
        });
        consumers.add(seat);
        // An early release reaches this node through its one clustered release consumer, registered when the node
        // started (SeatRelay), and SeatSockets hands the key to every attached socket of the sitting. The release is
        // stored before it is published, so a hello that reads the attempt after it sees the key, and a seat
        // attached before it gets the key from SeatSockets.
        ws.textMessageHandler(this::onMessage);
        ws.closeHandler(v -> onClose());
        ws.exceptionHandler(e -> LOG.debug("seat socket of attempt {}: {}", attemptId(), e.toString()));
        sockets.attached(this);
        ws.resume();
    }

    /** True once a seat change moved the attempt away and this socket only drains the page's last saves. */
    boolean draining() {
        return draining;
    }

    /**
     * After a seat change (调换座位) this terminal is no longer the attempt's, but its page may still hold answers the
     * server has not acknowledged. The socket stays open for {@code seat-change-grace-millis}, taking only saves of
     * the moved attempt (merged by rev like any other, also once the new terminal has taken the attempt), until the
     * page says {@code drained}; then it closes with 4410. Pushes for the attempt now go to the new terminal only.
     */
    private void drain() {
        draining = true;
        consumers.forEach(MessageConsumer::unregister);
        consumers.clear();
        stopAwaitingStart();
        int grace = services.config().seatChangeGraceMillis();
        if (grace == 0) {
            close((short) 4410, "seat changed");
            return;
        }
        drainTimer = services.vertx().setTimer(grace, id -> {
            drainTimer = -1;
            close((short) 4410, "seat changed");
        });
    }

    void close(short code, String reason) {
        if (!closed) {
            ws.close(code, reason);
        }
    }

    private void onClose() {
        closed = true;
        List.copyOf(folded.keySet()).forEach(this::recordFolded);
        consumers.forEach(MessageConsumer::unregister);
        stopAwaitingStart();
        if (drainTimer >= 0) {
            services.vertx().cancelTimer(drainTimer);
        }
        sockets.detached(this);
    }

    // ---- incoming

    private void onMessage(String text) {
        lastHeard = now();
        gapReported = false;
        try {
            PageMessages.Frame frame = PageMessages.frame(text, services.config().maxMessageBytes());
            if (draining) {
                drainingMessage(frame);
                return;
            }
            PageMessage m = PageMessages.read(frame, e -> sendError(e.type(), e.getMessage(), e.details()));
            if (m instanceof PageMessage.Hello hello) {
                hello(hello);
            } else if (m instanceof PageMessage.Save save) {
                save(save);
            } else if (m instanceof PageMessage.Ping ping) {
                send(new SeatMessage.Pong(ping.clientTime(), now()));
            } else if (m instanceof PageMessage.Event event) {
                event(event);
            } else if (m instanceof PageMessage.AckReminder ack) {
                ackReminder(ack.reminderId());
            } else if (m instanceof PageMessage.AckAnnouncement ack) {
                ackAnnouncement(ack.announcementId());
            } else if (m instanceof PageMessage.AckRules ack) {
                ackRules(ack.version());
            } else if (m instanceof PageMessage.Submit submit) {
                submit(submit);
            } else if (m instanceof PageMessage.Drained) {
                throw ExamException.field(ErrorType.BAD_MESSAGE, "type", "drained answers a seat-changed message only");
            }
        } catch (ExamException e) {
            sendError(e.type(), e.getMessage(), e.details());
        }
    }

    /** While draining: the page's last saves, its heartbeat, and {@code drained}; anything else is refused. */
    private void drainingMessage(PageMessages.Frame frame) {
        switch (frame.type()) {
            case "save", "ping" -> {
                PageMessage m = PageMessages.read(frame, e -> sendError(e.type(), e.getMessage(), e.details()));
                if (m instanceof PageMessage.Save save) {
                    save(save);
                } else if (m instanceof PageMessage.Ping ping) {
                    send(new SeatMessage.Pong(ping.clientTime(), now()));
                }
            }
            case "drained" -> close((short) 4410, "seat changed");
            default -> throw ExamException.field(ErrorType.SEAT_CHANGED, "type", "this attempt has moved to another "
                    + "seat: this terminal may only send its unsaved answers (save) and then drained, not "
                    + frame.type());
        }
    }

    private void hello(PageMessage.Hello hello) {
        // An entry that does not fit the paper is refused on its own, as one the reader refused, and the rest merged.
        List<Answer> parsed = new ArrayList<>();
        List<AnswerFiles.Named> named = new ArrayList<>();
        List<PageMessage.AnswerEntry> entries = hello.answers();
        for (int i = 0; i < entries.size(); i++) {
            try {
                Answer a = services.answers().answer(paper.items(), entries.get(i), "answers[" + i + "]");
                parsed.add(a);
                named.add(named(a, "answers[" + i + "].value", i));
            } catch (ExamException e) {
                sendError(e.type(), e.getMessage(), e.details());
            }
        }
        files.refusals(named).compose(refused -> {
            List<Answer> vector = new ArrayList<>(parsed);
            for (AnswerFiles.Refusal r : refused) {
                Answer refusedAnswer = parsed.get(named.indexOf(r.answer()));
                sendError(ErrorType.BAD_VALUE, r.message(), refusalDetails(r, refusedAnswer.rev()));
                vector.remove(refusedAnswer);
            }
            return services.answers().merge(attemptId(), vector);
        }).onSuccess(merge -> {
            if (merge.merged()) {
                progress.saved();
            }
            welcome(merge.attempt());
        }).onFailure(e -> {
            if (e instanceof AttemptRejected r && r.reason() == AttemptRejected.Reason.SUBMITTED) {
                services.answers().attempt(attemptId()).onSuccess(this::welcome);
            } else {
                fail(e, Map.of());
            }
        });
    }

    private void welcome(Attempt a) {
        // The earliest submission comes from the sitting's rules (cached per node); a failed read must not keep
        // the page from its answers, so it falls back to the start, and the submission itself checks again. Nor must
        // a slow one: a node that has not read the rules yet (one started since the sitting began) asks the
        // database, which during an outage answers only when the connection pool gives up, after half a minute.
        services.submissions().submitFrom(a).timeout(RULES_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                .otherwise(a.startAt()).onSuccess(from -> {
            AttemptState started = a.stateAt(now());
            if (started == AttemptState.WAITING || started == AttemptState.SUBMITTED) {
                welcome(a, false, from);
                return;
            }
            // A started seat whose sitting holds the key until the candidate's identity is confirmed: welcomed as
            // waiting, and given its key when the confirmation comes (a gate that cannot be read holds nothing
            // back).
            services.gate().mayHaveKey(a).onComplete(verdict -> {
                if (verdict.succeeded() && verdict.result() == KeyGate.Verdict.CONFIRMED) {
                    current(a).onSuccess(fresh -> welcome(fresh, false, from));
                } else {
                    welcome(a, verdict.succeeded() && !verdict.result().allowed(), from);
                }
            });
        });
    }

    private void welcome(Attempt a, boolean held, long submitFrom) {
        long now = now();
        AttemptState state = held ? AttemptState.WAITING : a.stateAt(now);
        String key = null;
        if (state != AttemptState.WAITING) {
            key = paper.keyBase64();
            keySent = true;
        }
        List<SeatMessage.HeldAnswer> answers = new ArrayList<>(a.answers().size());
        for (Answer ans : a.answers().values()) {
            answers.add(new SeatMessage.HeldAnswer(ans.item(), ans.value(), ans.rev()));
        }
        send(new SeatMessage.Welcome(now, state.name(), a.startAt(), a.deadline(now), key, answers, submitFrom));
        welcomed = true;
        if (held) {
            holdKey(now);
        } else if (state == AttemptState.WAITING) {
            awaitStart(a.startAt());
        }
        if (state == AttemptState.SUBMITTED) {
            send(new SeatMessage.Submitted(services.submissions().receipt(a)));
        } else {
            // Announcements made while this page was away (or before it logged in) show after every welcome until
            // acknowledged; a failed read leaves them for the next welcome.
            services.announcements().pendingFor(sittingId, attemptId(), claims.seatCode())
                    .onSuccess(pending -> pending.forEach(this::send));
        }
    }

    /** The key comes at the attempt's start, with every other seat of this node starting then (SeatSockets). */
    private void awaitStart(long startAt) {
        if (awaitedStart != startAt) {
            stopAwaitingStart();
            awaitedStart = startAt;
            sockets.awaitStart(this, startAt);
        }
    }

    private void stopAwaitingStart() {
        if (awaitedStart != NOT_AWAITING) {
            sockets.stopAwaiting(this, awaitedStart);
            awaitedStart = NOT_AWAITING;
        }
    }

    /** True while this socket is open for its seat, has been welcomed and has not had the key. */
    @Override
    public boolean wantsKey() {
        return welcomed && !closed && !keySent && !draining;
    }

    /**
     * At T0 (or an early release) the page gets its key and the running clock. {@link KeyRelease} calls this with
     * the attempt it read for a batch of seats; an attempt whose start has not come (T0 reached by the timer a
     * moment early) waits for its start again.
     */
    @Override
    public void keyFrom(Attempt a) {
        if (!wantsKey()) {
            return;
        }
        long now = now();
        AttemptState state = a.stateAt(now);
        if (state == AttemptState.WAITING) {
            stopAwaitingStart();
            awaitStart(a.startAt());
            return;
        }
        services.gate().mayHaveKey(a).onComplete(verdict -> {
            if (verdict.succeeded() && !verdict.result().allowed()) {
                holdKey(now);
            } else if (verdict.succeeded() && verdict.result() == KeyGate.Verdict.CONFIRMED) {
                current(a).onSuccess(this::sendKey);
            } else {
                sendKey(a);
            }
        });
    }

    /**
     * The attempt as it is now, for a seat whose key waited for its identity confirmation: a confirmation that does
     * not charge the wait extends the attempt before it is stored, possibly after {@code read} was taken, and the
     * clock sent with the key must include that extension. Falls back to {@code read} when the attempt cannot be
     * read (the page then learns the new deadline from the extension's own state message).
     */
    private Future<Attempt> current(Attempt read) {
        return services.answers().attempt(attemptId()).otherwise(read);
    }

    /**
     * Keeps a started seat waiting for its identity confirmation: the confirmation announces itself (as a release of
     * the sitting), and a long timer looks again in case that announcement was lost.
     */
    private void holdKey(long now) {
        stopAwaitingStart();
        awaitStart(now + IDENTITY_HOLD_MILLIS);
    }

    private void sendKey(Attempt a) {
        if (!wantsKey()) {
            return;
        }
        long now = now();
        AttemptState state = a.stateAt(now);
        stopAwaitingStart();
        keySent = true;
        long deadline = a.deadline(now);
        send(new SeatMessage.Key(paper.keyBase64(), deadline));
        services.metrics().keyDelivery().record(Math.max(0, now - a.startAt()), TimeUnit.MILLISECONDS);
        send(new SeatMessage.State(state.name(), deadline, now, "start", null));
    }

    private void save(PageMessage.Save save) {
        if (!saveBudget.tryAcquire("save")) {
            // Not taken: the page keeps it in its journal and sends it again (as after a RETRY).
            sendError(ErrorType.RATE_LIMITED, "too many saves on this connection; send this one again in a second",
                    Map.of("item", (long) save.item(), "rev", save.rev(), "retryAfterSeconds", 1));
            return;
        }
        Map<String, Object> itemAndRev = Map.of("item", (long) save.item(), "rev", save.rev());
        Answer answer = services.answers().answer(paper.items(), save.entry(), null);
        Timer.Sample sample = Timer.start(services.metrics().registry());
        files.refusals(List.of(named(answer, "value", -1))).compose(refused -> {
                    if (!refused.isEmpty()) {
                        AnswerFiles.Refusal r = refused.get(0);
                        return Future.failedFuture(new ExamException(ErrorType.BAD_VALUE, r.message(),
                                refusalDetails(r, answer.rev())));
                    }
                    return services.answers().save(attemptId(), answer);
                })
                .onSuccess(v -> {
                    sample.stop(services.metrics().saveLatency());
                    progress.saved();
                    send(new SeatMessage.Saved(answer.item(), answer.rev()));
                })
                .onFailure(e -> {
                    services.metrics().savesRejected().increment();
                    fail(e, itemAndRev);
                });
    }

    /**
     * A browser event counts only while the attempt is open: after submission the page has nothing left to guard,
     * and a forged "left fullscreen" stored after the receipt would only add noise to the proctors' evidence.
     */
    private void event(PageMessage.Event event) {
        if (!withinBudget(eventBudget, event.kind())) {
            return;
        }
        Map<String, Object> details = Map.of("kind", event.kind().name());
        services.answers().attempt(attemptId()).compose(a -> a.stateAt(now()) == AttemptState.SUBMITTED
                ? Future.failedFuture(new ExamException(ErrorType.ATTEMPT_SUBMITTED,
                        "the attempt has been submitted; browser events are no longer taken", details))
                : services.events().record(sittingId, attemptId(), claims.seatCode(), event.kind(), event.detail(),
                        event.clientTime())).onFailure(e -> fail(e, details));
    }

    private void submit(PageMessage.Submit submit) {
        List<Answer> vector = new ArrayList<>(submit.answers().size());
        List<AnswerFiles.Named> named = new ArrayList<>();
        for (int i = 0; i < submit.answers().size(); i++) {
            Answer a = services.answers().answer(paper.items(), submit.answers().get(i), "answers[" + i + "]");
            vector.add(a);
            named.add(named(a, "answers[" + i + "].value", i));
        }
        files.refusals(named).compose(refused -> {
                    if (!refused.isEmpty()) {
                        // A submit freezes the attempt: it is all or nothing, so one foreign file refuses it whole.
                        AnswerFiles.Refusal r = refused.get(0);
                        return Future.failedFuture(new ExamException(ErrorType.BAD_VALUE, r.message(),
                                refusalDetails(r, vector.get(named.indexOf(r.answer())).rev())));
                    }
                    return services.submissions().submit(attemptId(), vector, submit.digest());
                })
                .onSuccess(r -> send(new SeatMessage.Submitted(r)))
                .onFailure(e -> fail(e, Map.of()));
    }

    /**
     * The candidate acknowledged a proctor's reminder. Recorded once per reminder: the acknowledgement's event id
     * derives from the reminder's, so a page that re-sends it after a reconnect overwrites rather than adds. The
     * reminder is looked up by its id and the earlier acknowledgements among the attempt's acknowledgements, rather
     * than by reading every event of the attempt, a list that grows all through the sitting. A reminder of another
     * attempt is refused as one never sent to this seat: knowing its id does not make it this seat's.
     */
    private void ackReminder(String reminderId) {
        if (!withinBudget(ackBudget, SeatEvent.Kind.REMINDER_ACKNOWLEDGED)) {
            return;
        }
        String ackId = reminderId + ":ack";
        services.events().byId(reminderId).compose(reminder -> {
            if (reminder == null || reminder.kind() != SeatEvent.Kind.REMINDED
                    || !attemptId().equals(reminder.attemptId())) {
                return Future.failedFuture(new ExamException(ErrorType.NOT_FOUND, "no reminder " + reminderId
                        + " was sent to this seat", Map.of("field", "reminderId", "reminderId", reminderId)));
            }
            // The acknowledgement is looked for among the attempt's acknowledgements in memory, not by its id: the
            // first one is a miss, which would read the database, and wait out an outage.
            return services.events().forAttempt(attemptId(), SeatEvent.Kind.REMINDER_ACKNOWLEDGED);
        }).compose(acknowledged -> {
            if (acknowledged.stream().anyMatch(e -> e.detail() instanceof EventDetail.ReminderAcknowledged ack
                    && ack.reminderId().equals(reminderId))) {
                return Future.succeededFuture();
            }
            SeatEvent ack = services.events().draft(ackId, sittingId, attemptId(), claims.seatCode(),
                    SeatEvent.Kind.REMINDER_ACKNOWLEDGED, new EventDetail.ReminderAcknowledged(reminderId), 0);
            return services.events().recordAll(List.of(ack));
        }).onFailure(e -> fail(e, Map.of("reminderId", reminderId)));
    }

    /**
     * The candidate acknowledged an announcement (考场公告). Beyond the socket's budget an acknowledgement is folded
     * like an over-budget event: it reaches neither the announcements nor the database, and the announcement shows
     * again after the next welcome, as one never acknowledged does. No reply: the page takes a {@code RATE_LIMITED}
     * that names no item as one about its saves, and would send its whole journal again.
     */
    private void ackAnnouncement(String announcementId) {
        if (!withinBudget(ackBudget, SeatEvent.Kind.ANNOUNCEMENT_ACKNOWLEDGED)) {
            return;
        }
        services.announcements().acknowledge(sittingId, attemptId(), claims.seatCode(), announcementId)
                .onFailure(e -> fail(e, Map.of("announcementId", announcementId)));
    }

    /**
     * 考生承诺: the candidate acknowledged the rules in the version the page showed. Recorded once per version: the
     * event id derives from the attempt and the version, so a re-send after a reconnect overwrites rather than adds.
     */
    private void ackRules(String version) {
        if (!withinBudget(ackBudget, SeatEvent.Kind.RULES_ACKNOWLEDGED)) {
            return;
        }
        String id = java.util.UUID.nameUUIDFromBytes((attemptId() + ":rules:" + version)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        SeatEvent ack = services.events().draft(id, sittingId, attemptId(),
                claims.seatCode(), SeatEvent.Kind.RULES_ACKNOWLEDGED, new EventDetail.RulesAcknowledged(version), 0);
        services.events().recordAll(List.of(ack)).onFailure(e -> fail(e, Map.of("version", version)));
    }

    // ---- checks against the paper

    private AnswerFiles.Named named(Answer a, String field, int index) {
        return new AnswerFiles.Named(field, index, a.item(), AnswerFiles.ids(paper.items().get(a.item()), a.value()));
    }

    private static Map<String, Object> refusalDetails(AnswerFiles.Refusal r, long rev) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("field", r.answer().field());
        if (r.answer().index() >= 0) {
            d.put("index", r.answer().index());
        }
        d.put("item", r.answer().item());
        d.put("rev", rev);
        d.put("fileId", r.fileId());
        return d;
    }

    // ---- outgoing

    private void push(String json) {
        if (!closed) {
            ws.writeTextMessage(json);
        }
    }

    private void send(SeatMessage message) {
        if (!closed) {
            ws.writeTextMessage(Json.encode(message));
        }
    }

    private void sendError(ErrorType type, String message, Map<String, Object> details) {
        send(new SeatMessage.Error(type.name(), message, details));
    }

    private void fail(Throwable e, Map<String, Object> details) {
        if (e instanceof AttemptRejected r) {
            ErrorType t = Rejections.errorType(r);
            sendError(t, r.getMessage(), details);
        } else if (e instanceof ExamException x) {
            sendError(x.type(), x.getMessage(), x.details());
        } else {
            // Anything else (an unconfirmed backup, a member leaving) means "not held": the page re-sends.
            int passedOver = failures.log(e.toString(), now());
            if (passedOver == 0) {
                LOG.warn("seat socket of attempt {}: {}", attemptId(), e.toString());
            } else if (passedOver > 0) {
                LOG.warn("seat socket of attempt {}: {} (and {} more like it in the last {} s, not logged)",
                        attemptId(), e.toString(), passedOver, FAILURE_LOG_QUIET_MILLIS / 1000);
            }
            sendError(ErrorType.RETRY, "the server could not confirm this change; send it again", details);
        }
    }

    // ---- silence

    void checkSilence() {
        if (draining) {
            return;
        }
        long silent = now() - lastHeard;
        if (!gapReported && silent > services.config().heartbeatGapSeconds() * 1000L) {
            gapReported = true;
            reportGap(new EventDetail.HeartbeatGap(silent / 1000, true));
        }
    }

    void reportGapAfterClose() {
        reportGap(new EventDetail.HeartbeatGap((now() - lastHeard) / 1000, false));
    }

    private void reportGap(EventDetail.HeartbeatGap detail) {
        services.answers().attempt(attemptId()).onSuccess(a -> {
            AttemptState s = a.stateAt(now());
            if (s == AttemptState.ANSWERING) {
                recordServerEvent(SeatEvent.Kind.HEARTBEAT_GAP, detail);
            }
        });
    }

    /**
     * Spends one of {@code budget}'s allowance for messages of {@code kind}: within it, the count folded before is
     * stored first and true returned; beyond it, the message is counted for a later {@code EVENTS_FOLDED} and false
     * returned (the caller takes it no further).
     */
    private boolean withinBudget(RateLimiter budget, SeatEvent.Kind kind) {
        if (!budget.tryAcquire(kind.name())) {
            long now = now();
            folded.merge(kind, new long[] {1, now, now}, (was, one) -> new long[] {was[0] + 1, was[1], now});
            return false;
        }
        recordFolded(kind);
        return true;
    }

    /** The events of this kind folded since the last one stored, as one {@code EVENTS_FOLDED}, if there were any. */
    private void recordFolded(SeatEvent.Kind kind) {
        long[] f = folded.remove(kind);
        if (f != null) {
            recordServerEvent(SeatEvent.Kind.EVENTS_FOLDED, new EventDetail.Folded(kind.name(), f[0], f[1], f[2]));
        }
    }

    void recordServerEvent(SeatEvent.Kind kind, EventDetail detail) {
        services.events().record(sittingId, attemptId(), claims.seatCode(), kind, detail, 0).onFailure(e -> LOG.warn("could not record {} for attempt {}: {}", kind, attemptId(),
                e.toString()));
    }
}
