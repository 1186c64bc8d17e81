package cn.examcore.server.ws;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.contract.ErrorType;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatMessage;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.AnswerFiles;
import cn.examcore.server.attempt.AnswerValues;
import cn.examcore.server.attempt.KeyRelease;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptRejected;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.domain.Receipts;
import cn.examcore.server.attempt.domain.UnknownAttempt;
import cn.examcore.server.auth.CandidateClaims;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.common.Rejections;
import cn.examcore.server.paper.PaperService.LoadedPaper;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One seat's socket (docs/candidate-protocol.md §4): {@code hello} / {@code save} / {@code ping} /
 * {@code event} / {@code ack-reminder} / {@code submit} in, {@code welcome} / {@code saved} / {@code pong} /
 * {@code key} / {@code state} / {@code reminder} / {@code submitted} / {@code error} out. A message that is refused
 * gets an {@code error} naming the problem and changes nothing; the socket stays open.
 */
final class SeatSession implements KeyRelease.Waiter {

    private static final Logger LOG = LoggerFactory.getLogger(SeatSession.class);
    private static final Pattern DIGEST = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_DETAIL_CHARS = 2_000;
    private static final int MAX_ID_CHARS = 64;
    private static final long NOT_AWAITING = Long.MIN_VALUE;

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
    /** The start this socket awaits its key at with {@link SeatSockets}, or {@link #NOT_AWAITING}. */
    private long awaitedStart = NOT_AWAITING;
    private boolean closed;
    /** After a seat change: the socket only takes the page's last saves until {@code drained} or the grace ends. */
    private boolean draining;
    private long drainTimer = -1;

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
        services.attempts().get(claims.attemptId())
                .compose(a -> {
                    if (!a.seatCode().equals(claims.seatCode())) {
                        return Future.failedFuture(new ExamException(ErrorType.STALE_TOKEN,
                                "this token is for another seat"));
                    }
                    return services.papers().paper(claims.attemptId());
                })
                .onSuccess(paper -> {
                    SeatSession s = new SeatSession(services, sockets, ws, claims, paper);
                    s.attach();
                })
                .onFailure(e -> refuse(ws, e instanceof ExamException x ? x.type().name()
                        : e instanceof UnknownAttempt ? ErrorType.STALE_TOKEN.name() : ErrorType.RETRY.name(),
                        e.getMessage()));
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

    String sittingId() {
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
        int limit = services.config().maxMessageBytes();
        if (text.length() > limit / 4 && text.getBytes(StandardCharsets.UTF_8).length > limit) {
            sendError(ErrorType.MESSAGE_TOO_LARGE, "a message may be at most " + limit + " bytes", Map.of());
            return;
        }
        JsonNode m;
        try {
            m = Json.tree(text);
        } catch (IllegalArgumentException e) {
            sendError(ErrorType.BAD_MESSAGE, "malformed JSON: " + e.getMessage(), Map.of());
            return;
        }
        if (m == null || !m.isObject()) {
            sendError(ErrorType.BAD_MESSAGE, "a message must be a JSON object", Map.of());
            return;
        }
        JsonNode type = m.get("type");
        if (type == null || !type.isTextual()) {
            sendError(ErrorType.BAD_MESSAGE, "type is required", Map.of("field", "type"));
            return;
        }
        try {
            if (draining) {
                drainingMessage(type.asText(), m);
                return;
            }
            switch (type.asText()) {
                case "hello" -> hello(m);
                case "save" -> save(m);
                case "ping" -> ping(m);
                case "event" -> event(m);
                case "ack-reminder" -> ackReminder(m);
                case "submit" -> submit(m);
                case "drained" -> throw ExamException.field(ErrorType.BAD_MESSAGE, "type",
                        "drained answers a seat-changed message only");
                default -> throw ExamException.field(ErrorType.BAD_MESSAGE, "type",
                        "unknown message type " + type.asText());
            }
        } catch (ExamException e) {
            sendError(e.type(), e.getMessage(), e.details());
        }
    }

    /** While draining: the page's last saves, its heartbeat, and {@code drained}; anything else is refused. */
    private void drainingMessage(String type, JsonNode m) {
        switch (type) {
            case "save" -> save(m);
            case "ping" -> ping(m);
            case "drained" -> close((short) 4410, "seat changed");
            default -> throw ExamException.field(ErrorType.SEAT_CHANGED, "type", "this attempt has moved to another "
                    + "seat: this terminal may only send its unsaved answers (save) and then drained, not " + type);
        }
    }

    private void hello(JsonNode m) {
        // A journal entry the server cannot take (say, for an item the paper no longer has) must not keep the
        // page from reconnecting: it is refused on its own with an error and the rest is merged.
        List<Answer> parsed = new ArrayList<>();
        List<AnswerFiles.Named> named = new ArrayList<>();
        JsonNode arr = m.get("answers");
        if (arr != null && !arr.isNull() && !arr.isArray()) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, "answers", "answers must be an array of {item, value, rev}");
        }
        if (arr != null && arr.isArray()) {
            for (int i = 0; i < arr.size(); i++) {
                try {
                    Answer a = entry(arr.get(i), "answers", i);
                    parsed.add(a);
                    named.add(named(a, "answers[" + i + "].value", i));
                } catch (ExamException e) {
                    sendError(e.type(), e.getMessage(), e.details());
                }
            }
        }
        files.refusals(named).compose(refused -> {
            List<Answer> vector = new ArrayList<>(parsed);
            for (AnswerFiles.Refusal r : refused) {
                Answer refusedAnswer = parsed.get(named.indexOf(r.answer()));
                sendError(ErrorType.BAD_VALUE, r.message(), refusalDetails(r, refusedAnswer.rev()));
                vector.remove(refusedAnswer);
            }
            return merge(vector);
        }).onSuccess(this::welcome).onFailure(e -> {
            if (e instanceof AttemptRejected r && r.reason() == AttemptRejected.Reason.SUBMITTED) {
                services.attempts().get(attemptId()).onSuccess(this::welcome);
            } else {
                fail(e, Map.of());
            }
        });
    }

    /** Merges a hello's vector unless the attempt takes no answers now; the attempt as it then is. */
    private Future<Attempt> merge(List<Answer> vector) {
        long now = now();
        return services.attempts().get(attemptId()).compose(a -> {
            AttemptState state = a.stateAt(now);
            if (state == AttemptState.WAITING || state == AttemptState.SUBMITTED || vector.isEmpty()) {
                return Future.succeededFuture(a.effective(now));
            }
            return services.attempts().mergeVector(attemptId(), vector, now).onSuccess(v -> progress.saved());
        });
    }

    private void welcome(Attempt a) {
        long now = now();
        AttemptState state = a.stateAt(now);
        String key = null;
        if (state != AttemptState.WAITING) {
            key = paper.keyBase64();
            keySent = true;
        }
        List<SeatMessage.HeldAnswer> answers = new ArrayList<>(a.answers().size());
        for (Answer ans : a.answers().values()) {
            answers.add(new SeatMessage.HeldAnswer(ans.item(), ans.value(), ans.rev()));
        }
        send(new SeatMessage.Welcome(now, state.name(), a.startAt(), a.deadline(now), key, answers));
        if (state == AttemptState.WAITING) {
            awaitStart(a.startAt());
        }
        if (state == AttemptState.SUBMITTED) {
            send(new SeatMessage.Submitted(Receipts.of(a, null)));
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

    /** True while this socket is open for its seat and has not had the key. */
    @Override
    public boolean wantsKey() {
        return !closed && !keySent && !draining;
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
        stopAwaitingStart();
        keySent = true;
        send(new SeatMessage.Key(paper.keyBase64()));
        services.metrics().keyDelivery().record(Math.max(0, now - a.startAt()), TimeUnit.MILLISECONDS);
        send(new SeatMessage.State(state.name(), a.deadline(now), now, "start", null));
    }

    private void save(JsonNode m) {
        Answer answer = answer(m, null);
        Timer.Sample sample = Timer.start(services.metrics().registry());
        files.refusals(List.of(named(answer, "value", -1))).compose(refused -> {
                    if (!refused.isEmpty()) {
                        AnswerFiles.Refusal r = refused.get(0);
                        return Future.failedFuture(new ExamException(ErrorType.BAD_VALUE, r.message(),
                                refusalDetails(r, answer.rev())));
                    }
                    return services.attempts().save(attemptId(), List.of(answer), now());
                })
                .onSuccess(v -> {
                    sample.stop(services.metrics().saveLatency());
                    progress.saved();
                    send(new SeatMessage.Saved(answer.item(), answer.rev()));
                })
                .onFailure(e -> {
                    services.metrics().savesRejected().increment();
                    fail(e, Map.of("item", answer.item(), "rev", answer.rev()));
                });
    }

    private void ping(JsonNode m) {
        JsonNode clientTime = m.get("clientTime");
        send(new SeatMessage.Pong(clientTime == null ? null : Json.encode(clientTime), now()));
    }

    private void event(JsonNode m) {
        JsonNode kind = m.get("kind");
        SeatEvent.BrowserKind k;
        try {
            k = SeatEvent.BrowserKind.valueOf(kind == null ? "" : kind.asText());
        } catch (IllegalArgumentException e) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, "kind", "unknown event kind "
                    + (kind == null ? "(missing)" : kind.asText()));
        }
        Map<String, Object> detail = detail(m.get("detail"));
        long clientTime = m.path("clientTime").isIntegralNumber() ? m.get("clientTime").asLong() : 0;
        services.events().record(sittingId, attemptId(), claims.seatCode(), SeatEvent.Source.BROWSER, k.name(),
                detail, clientTime).onFailure(e -> fail(e, Map.of("kind", k.name())));
    }

    private void submit(JsonNode m) {
        List<Answer> vector = answers(m, "answers");
        JsonNode digest = m.get("digest");
        if (digest == null || !digest.isTextual() || !DIGEST.matcher(digest.asText()).matches()) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, "digest",
                    "digest must be the 64-character hex SHA-256 of the answer vector");
        }
        List<AnswerFiles.Named> named = new ArrayList<>();
        for (int i = 0; i < vector.size(); i++) {
            named.add(named(vector.get(i), "answers[" + i + "].value", i));
        }
        files.refusals(named).compose(refused -> {
                    if (!refused.isEmpty()) {
                        // A submit freezes the attempt: it is all or nothing, so one foreign file refuses it whole.
                        AnswerFiles.Refusal r = refused.get(0);
                        return Future.failedFuture(new ExamException(ErrorType.BAD_VALUE, r.message(),
                                refusalDetails(r, vector.get(named.indexOf(r.answer())).rev())));
                    }
                    return services.submissions().submit(attemptId(), vector, digest.asText());
                })
                .onSuccess(r -> send(new SeatMessage.Submitted(r)))
                .onFailure(e -> fail(e, Map.of()));
    }

    /**
     * The candidate acknowledged a proctor's reminder. Recorded once per reminder: the acknowledgement's event id
     * derives from the reminder's, so a page that re-sends it after a reconnect overwrites rather than adds.
     */
    private void ackReminder(JsonNode m) {
        JsonNode idNode = m.get("reminderId");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()
                || idNode.asText().length() > MAX_ID_CHARS) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, "reminderId",
                    "reminderId must be the reminderId of a reminder message");
        }
        String reminderId = idNode.asText();
        String ackKind = SeatEvent.ServerKind.REMINDER_ACKNOWLEDGED.name();
        services.events().forAttempt(attemptId()).compose(list -> {
            boolean reminded = list.stream().anyMatch(e -> e.id().equals(reminderId)
                    && SeatEvent.ServerKind.REMINDED.name().equals(e.kind()));
            if (!reminded) {
                return Future.failedFuture(new ExamException(ErrorType.NOT_FOUND, "no reminder " + reminderId
                        + " was sent to this seat", Map.of("field", "reminderId", "reminderId", reminderId)));
            }
            if (list.stream().anyMatch(e -> ackKind.equals(e.kind())
                    && reminderId.equals(e.detail().get("reminderId")))) {
                return Future.succeededFuture();
            }
            SeatEvent draft = services.events().draft(sittingId, attemptId(), claims.seatCode(),
                    SeatEvent.Source.SERVER, ackKind, Map.of("reminderId", reminderId), 0);
            SeatEvent ack = new SeatEvent(reminderId + ":ack", draft.sittingId(), draft.attemptId(),
                    draft.seatCode(), draft.source(), draft.kind(), draft.detail(), draft.observedAt(), draft.at());
            return services.events().recordAll(List.of(ack));
        }).onFailure(e -> fail(e, Map.of("reminderId", reminderId)));
    }

    // ---- parsing

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

    private List<Answer> answers(JsonNode m, String field) {
        JsonNode arr = m.get(field);
        if (arr == null || arr.isNull()) {
            return List.of();
        }
        if (!arr.isArray()) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, field, field + " must be an array of {item, value, rev}");
        }
        List<Answer> out = new ArrayList<>();
        int i = 0;
        for (Iterator<JsonNode> it = arr.elements(); it.hasNext(); i++) {
            out.add(entry(it.next(), field, i));
        }
        return out;
    }

    private Answer entry(JsonNode a, String field, int i) {
        if (!a.isObject()) {
            throw new ExamException(ErrorType.BAD_MESSAGE, field + "[" + i + "] must be an object",
                    Map.of("field", field + "[" + i + "]", "index", i));
        }
        return answer(a, field + "[" + i + "]");
    }

    /** One {item, value, rev}; {@code where} prefixes field names inside a vector. */
    private Answer answer(JsonNode m, String where) {
        String prefix = where == null ? "" : where + ".";
        JsonNode item = m.get("item");
        if (item == null || !item.isIntegralNumber()) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, prefix + "item", "item must be an item number");
        }
        JsonNode rev = m.get("rev");
        if (rev == null || !rev.isIntegralNumber() || rev.asLong() < 0) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, prefix + "rev", "rev must be a non-negative integer");
        }
        if (!m.has("value")) {
            throw new ExamException(ErrorType.BAD_MESSAGE, "value is required (null clears the answer)",
                    Map.of("field", prefix + "value", "item", item.asLong(), "rev", rev.asLong()));
        }
        PaperItem paperItem = paper.items().get(item.asInt());
        if (paperItem == null || !item.canConvertToInt()) {
            throw new ExamException(ErrorType.UNKNOWN_ITEM, "the paper has no item " + item.asText(),
                    Map.of("field", prefix + "item", "item", item.asLong(), "rev", rev.asLong()));
        }
        String value;
        try {
            value = AnswerValues.canonical(paperItem, m.get("value"));
        } catch (AnswerValues.BadValue e) {
            throw new ExamException(ErrorType.BAD_VALUE, e.getMessage(),
                    Map.of("field", prefix + "value", "item", paperItem.number(), "rev", rev.asLong()));
        }
        return new Answer(paperItem.number(), value, rev.asLong(), now());
    }

    private static Map<String, Object> detail(JsonNode d) {
        if (d == null || d.isNull()) {
            return Map.of();
        }
        String text = Json.encode(d);
        if (text.length() > MAX_DETAIL_CHARS) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, "detail", "detail may be at most " + MAX_DETAIL_CHARS
                    + " characters of JSON");
        }
        if (d.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = Json.mapper().convertValue(d, LinkedHashMap.class);
            return map;
        }
        return Map.of("value", d.isTextual() ? d.asText() : text);
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
            LOG.warn("seat socket of attempt {}: {}", attemptId(), e.toString());
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
            reportGap(Map.of("silentSeconds", silent / 1000, "connected", true));
        }
    }

    void reportGapAfterClose() {
        reportGap(Map.of("silentSeconds", (now() - lastHeard) / 1000, "connected", false));
    }

    private void reportGap(Map<String, Object> detail) {
        services.attempts().get(attemptId()).onSuccess(a -> {
            AttemptState s = a.stateAt(now());
            if (s == AttemptState.ANSWERING) {
                recordServerEvent(SeatEvent.ServerKind.HEARTBEAT_GAP, detail);
            }
        });
    }

    void recordServerEvent(SeatEvent.ServerKind kind, Map<String, Object> detail) {
        services.events().record(sittingId, attemptId(), claims.seatCode(), SeatEvent.Source.SERVER, kind.name(),
                detail, 0).onFailure(e -> LOG.warn("could not record {} for attempt {}: {}", kind, attemptId(),
                e.toString()));
    }
}
