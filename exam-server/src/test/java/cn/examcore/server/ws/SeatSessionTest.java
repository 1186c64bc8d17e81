package cn.examcore.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.server.attempt.AnswerService;
import cn.examcore.server.attempt.AnswerUploads;
import cn.examcore.server.attempt.KeyGate;
import cn.examcore.server.attempt.KeyRelease;
import cn.examcore.server.attempt.SubmissionService;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.attempt.store.UploadStore;
import cn.examcore.server.auth.CandidateClaims;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.events.EventService;
import cn.examcore.server.events.store.EventStore;
import cn.examcore.server.mgmt.ExamMetrics;
import cn.examcore.server.paper.PaperService.LoadedPaper;
import cn.examcore.server.proctoring.Announcements;
import cn.examcore.server.proctoring.domain.Announcement;
import cn.examcore.server.proctoring.store.AnnouncementStore;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.SittingRulesStore;
import cn.examcore.server.testing.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One seat socket against in-memory stores, driven frame by frame on one event-loop context: what reaches the
 * services behind it, and what the page is sent, in orders a real cluster only produces under load.
 */
@DisplayName("A seat socket")
class SeatSessionTest {

    private static final String SITTING = "s-1";
    private static final String ATTEMPT = "att-1";
    private static final String SEAT = "R1-01";
    private static final String TICKET = "T-0001";
    private static final long T0 = 1_790_000_000_000L;
    private static final long DURATION_SECONDS = 3_600;
    /** What an uncharged wait for the identity confirmation adds to the attempt. */
    private static final long WAIT_SECONDS = 300;
    /** The server's clock throughout: ten minutes after the start. */
    private static final long NOW = T0 + 10 * 60_000;

    Vertx vertx;
    Context loop;
    /** The attempt as the store holds it now. */
    final AtomicReference<Attempt> stored = new AtomicReference<>();
    /** What the identity gate answers; it may change the stored attempt first, as a confirmation does. */
    Function<Attempt, KeyGate.Verdict> gate = a -> KeyGate.Verdict.OPEN;
    /** The node's announcements (its cache) and the database's, and how often each was read. */
    final List<Announcement> announcements = new CopyOnWriteArrayList<>();
    final AtomicInteger cacheReads = new AtomicInteger();
    final AtomicInteger databaseReads = new AtomicInteger();
    final List<SeatEvent> events = new CopyOnWriteArrayList<>();
    /** Reads of all of the attempt's events, and look-ups of one event by its id. */
    final AtomicInteger eventReads = new AtomicInteger();
    final AtomicInteger eventLookups = new AtomicInteger();
    final AtomicInteger kindReads = new AtomicInteger();
    /** Every frame the server wrote to the page. */
    final List<JsonObject> sent = new CopyOnWriteArrayList<>();
    Handler<String> page;
    Handler<Void> closed;
    KeyRelease keys;
    SeatSession session;
    SeatWiring services;
    CandidateClaims claims;
    /** Whether the node may take saves (false: the minority side of a split). */
    volatile boolean writable = true;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        loop = vertx.getOrCreateContext();
        stored.set(Attempt.create(ATTEMPT, SITTING, TICKET, "theory", SEAT, T0, DURATION_SECONDS));
        AttemptStore attempts = stub(AttemptStore.class, (name, args) -> switch (name) {
            case "get" -> Future.succeededFuture(stored.get());
            case "getAll" -> Future.succeededFuture(Map.of(ATTEMPT, stored.get()));
            default -> null;
        });
        EventStore eventStore = new EventStore() {
            @Override
            public Future<Void> appendAll(Collection<SeatEvent> more) {
                events.addAll(more);
                return Future.succeededFuture();
            }

            @Override
            public Future<SeatEvent> byId(String eventId) {
                eventLookups.incrementAndGet();
                // The map keeps the last event set under a key.
                return Future.succeededFuture(events.stream().filter(e -> e.id().equals(eventId)).reduce((a, b) -> b)
                        .orElse(null));
            }

            @Override
            public Future<List<SeatEvent>> forAttempt(String attemptId) {
                eventReads.incrementAndGet();
                return Future.succeededFuture(events.stream().filter(e -> e.attemptId().equals(attemptId)).toList());
            }

            @Override
            public Future<List<SeatEvent>> forAttempt(String attemptId, SeatEvent.Kind kind) {
                kindReads.incrementAndGet();
                return Future.succeededFuture(events.stream().filter(e -> e.attemptId().equals(attemptId)
                        && e.kind() == kind).toList());
            }

            @Override
            public Future<List<SeatEvent>> forSitting(String sittingId) {
                return Future.succeededFuture(List.copyOf(events));
            }

            @Override
            public Future<Void> flush() {
                return Future.succeededFuture();
            }
        };
        AnnouncementStore announcementStore = new AnnouncementStore() {
            @Override
            public Future<Void> save(Announcement a) {
                announcements.add(a);
                return Future.succeededFuture();
            }

            @Override
            public Future<List<Announcement>> announcements(String sittingId) {
                cacheReads.incrementAndGet();
                return Future.succeededFuture(List.copyOf(announcements));
            }

            @Override
            public Future<List<Announcement>> stored(String sittingId) {
                databaseReads.incrementAndGet();
                return Future.succeededFuture(List.copyOf(announcements));
            }
        };
        RoomStore rooms = stub(RoomStore.class, (name, args) -> name.equals("seats")
                ? Future.succeededFuture(List.of(new Seat(SITTING, SEAT, "r-1", 1, 1))) : null);
        // No sitting rules: the welcome's earliest submission falls back to the start.
        SittingRulesStore rules = stub(SittingRulesStore.class, (name, args) ->
                Future.failedFuture(new IllegalStateException("no rules in this test")));
        ExamMetrics metrics = new ExamMetrics(new SimpleMeterRegistry());
        EventService eventService = new EventService(vertx, eventStore, () -> NOW, new SimpleMeterRegistry());
        keys = new KeyRelease(vertx, () -> NOW, attempts, sittingId -> Future.succeededFuture(false));
        services = new SeatWiring(ServerConfig.defaults(), vertx, () -> NOW,
                new AnswerUploads(stub(UploadStore.class, (name, args) -> null), () -> NOW, 1 << 20),
                new AnswerService(attempts, () -> NOW), eventService, null,
                new SubmissionService(vertx, null, attempts, null, null, null, rules, null, eventService, metrics,
                        () -> NOW, null),
                keys, null, metrics, a -> Future.succeededFuture(gate.apply(a)),
                new Announcements(null, null, rooms, null, attempts, eventService, null, announcementStore, () -> NOW),
                () -> writable);
        ServerWebSocket ws = stub(ServerWebSocket.class, (name, args) -> {
            switch (name) {
                case "writeTextMessage" -> sent.add(new JsonObject((String) args[0]));
                case "textMessageHandler" -> page = cast(args[0]);
                case "closeHandler" -> closed = cast(args[0]);
                default -> {
                }
            }
            return null;
        });
        claims = new CandidateClaims(ATTEMPT, SEAT, TICKET, 1, "token-1", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(86_400));
        LoadedPaper paper = new LoadedPaper(ATTEMPT, SITTING, null, Map.of(), new byte[16], new byte[12], new byte[0]);
        onLoop(() -> session = SeatSession.open(services, new SeatSockets(services), ws, claims, paper));
    }

    @AfterEach
    void close() {
        keys.stop();
        vertx.close().await();
    }

    // ---- announcement acknowledgements

    @Test
    @DisplayName("takes a page's acknowledgement of an announcement, and its re-send after a reconnect, without a"
            + " database read")
    void acknowledgementsOfARealPage() {
        announcements.add(new Announcement("an-1", SITTING, null, "考试延后五分钟结束", "proctor", NOW));
        announcements.add(new Announcement("an-2", SITTING, "r-1", "请关闭手机", "proctor", NOW));
        hello();
        for (String id : List.of("an-1", "an-2", "an-1", "an-2", "an-1")) {
            fromPage(ack(id));
        }

        assertThat(events).filteredOn(e -> e.kind() == SeatEvent.Kind.ANNOUNCEMENT_ACKNOWLEDGED)
                .extracting(e -> ((EventDetail.AnnouncementAcknowledged) e.detail()).announcementId())
                .containsExactlyInAnyOrder("an-1", "an-2");
        assertThat(events).noneMatch(e -> e.kind() == SeatEvent.Kind.EVENTS_FOLDED);
        assertThat(errors()).isEmpty();
        assertThat(databaseReads).hasValue(0);
    }

    @Test
    @DisplayName("folds acknowledgements beyond its budget: they reach neither the announcements nor the database,"
            + " and their count is stored as one EVENTS_FOLDED when the socket closes")
    void acknowledgementFlood() {
        hello();
        cacheReads.set(0);
        int n = 500;
        long began = System.nanoTime();
        for (int i = 0; i < n; i++) {
            fromPage(ack("no-such-announcement-" + i));
        }
        // The budget earns one back every ACK_REFILL; a slow machine may have taken that long over the flood.
        long refilled = (System.nanoTime() - began) / SeatSession.ACK_REFILL.toNanos();

        int taken = cacheReads.get();
        assertThat(taken).as("acknowledgements that reached the announcements")
                .isBetween(SeatSession.ACK_BURST, SeatSession.ACK_BURST + (int) refilled);
        assertThat(databaseReads).as("database reads, one per unknown id taken").hasValue(taken);
        assertThat(errors()).as("each one taken is refused by name; the folded ones get no reply").hasSize(taken)
                .allMatch(e -> e.getString("code").equals("NOT_FOUND")
                        && e.getJsonObject("details").getString("field").equals("announcementId"));

        onLoop(() -> closed.handle(null));
        assertThat(events).filteredOn(e -> e.kind() == SeatEvent.Kind.EVENTS_FOLDED).singleElement()
                .satisfies(e -> {
                    EventDetail.Folded f = (EventDetail.Folded) e.detail();
                    assertThat(f.kind()).isEqualTo("ANNOUNCEMENT_ACKNOWLEDGED");
                    assertThat(f.count()).isEqualTo(n - taken);
                });
        assertThat(databaseReads).hasValue(taken);
    }

    @Test
    @DisplayName("folds reminder and rules acknowledgements beyond the same budget, each kind on its own: the excess"
            + " reads no events and stores none but its count")
    void reminderAndRulesFloods() {
        hello();
        eventReads.set(0);
        eventLookups.set(0);
        int n = 300;
        long began = System.nanoTime();
        for (int i = 0; i < n; i++) {
            fromPage(new JsonObject().put("type", "ack-reminder").put("reminderId", "no-such-reminder-" + i));
            fromPage(new JsonObject().put("type", "ack-rules").put("version", "v" + i));
        }
        long refilled = (System.nanoTime() - began) / SeatSession.ACK_REFILL.toNanos();

        // An unknown reminder costs one look-up of its id.
        int remindersTaken = eventLookups.get();
        assertThat(remindersTaken).as("reminder acknowledgements that looked their reminder up")
                .isBetween(SeatSession.ACK_BURST, SeatSession.ACK_BURST + (int) refilled);
        assertThat(eventReads).as("reads of all of the seat's events").hasValue(0);
        long rulesTaken = events.stream().filter(e -> e.kind() == SeatEvent.Kind.RULES_ACKNOWLEDGED).count();
        assertThat(rulesTaken).as("rules acknowledgements stored, each version once")
                .isBetween((long) SeatSession.ACK_BURST, SeatSession.ACK_BURST + refilled);

        onLoop(() -> closed.handle(null));
        assertThat(events).filteredOn(e -> e.kind() == SeatEvent.Kind.EVENTS_FOLDED)
                .extracting(e -> (EventDetail.Folded) e.detail())
                .extracting(EventDetail.Folded::kind, EventDetail.Folded::count)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("REMINDER_ACKNOWLEDGED", (long) (n - remindersTaken)),
                        org.assertj.core.groups.Tuple.tuple("RULES_ACKNOWLEDGED", n - rulesTaken));
    }

    @Test
    @DisplayName("acknowledges a reminder sent to this seat once, looking it up by id and the earlier acknowledgements"
            + " by kind instead of reading the attempt's events, and refuses the id of another seat's reminder or of"
            + " another event")
    void reminderAcknowledgement() {
        events.add(reminder("rem-1", ATTEMPT, SEAT));
        events.add(reminder("rem-other", "att-2", "R1-02"));
        events.add(new SeatEvent("rules-1", SITTING, ATTEMPT, SEAT, SeatEvent.Kind.RULES_ACKNOWLEDGED.source(),
                SeatEvent.Kind.RULES_ACKNOWLEDGED, new EventDetail.RulesAcknowledged("v1"), 0, T0));
        hello();
        eventReads.set(0);
        eventLookups.set(0);

        fromPage(ackReminder("rem-1"));

        assertThat(errors()).isEmpty();
        assertThat(eventLookups).as("the reminder, by id").hasValue(1);
        assertThat(kindReads).as("the attempt's acknowledgements, from memory").hasValue(1);
        assertThat(events).filteredOn(e -> e.kind() == SeatEvent.Kind.REMINDER_ACKNOWLEDGED).singleElement()
                .satisfies(e -> {
                    assertThat(e.id()).isEqualTo("rem-1:ack");
                    assertThat(e.attemptId()).isEqualTo(ATTEMPT);
                    assertThat(e.seatCode()).isEqualTo(SEAT);
                    assertThat(e.at()).isEqualTo(NOW);
                    assertThat(((EventDetail.ReminderAcknowledged) e.detail()).reminderId()).isEqualTo("rem-1");
                });

        // A re-send after a reconnect finds the acknowledgement and stores nothing.
        fromPage(ackReminder("rem-1"));
        assertThat(events).filteredOn(e -> e.kind() == SeatEvent.Kind.REMINDER_ACKNOWLEDGED).hasSize(1);
        assertThat(errors()).isEmpty();

        eventLookups.set(0);
        for (String foreign : List.of("rem-other", "rules-1", "no-such-reminder")) {
            fromPage(ackReminder(foreign));
        }
        assertThat(errors()).extracting(e -> e.getString("code"), e -> e.getString("message"),
                        e -> e.getJsonObject("details").getString("field"),
                        e -> e.getJsonObject("details").getString("reminderId"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("NOT_FOUND", "no reminder rem-other was sent to this seat",
                                "reminderId", "rem-other"),
                        org.assertj.core.groups.Tuple.tuple("NOT_FOUND", "no reminder rules-1 was sent to this seat",
                                "reminderId", "rules-1"),
                        org.assertj.core.groups.Tuple.tuple("NOT_FOUND",
                                "no reminder no-such-reminder was sent to this seat", "reminderId",
                                "no-such-reminder"));
        assertThat(eventLookups).as("one look-up per refused id").hasValue(3);
        assertThat(events).filteredOn(e -> e.kind() == SeatEvent.Kind.REMINDER_ACKNOWLEDGED).hasSize(1);
        assertThat(eventReads).as("reads of all of the seat's events").hasValue(0);
    }

    private static SeatEvent reminder(String id, String attemptId, String seatCode) {
        return new SeatEvent(id, SITTING, attemptId, seatCode, SeatEvent.Kind.REMINDED.source(),
                SeatEvent.Kind.REMINDED, new EventDetail.Reminded("proctor", null, "请坐好", null), 0, T0);
    }

    private static JsonObject ackReminder(String reminderId) {
        return new JsonObject().put("type", "ack-reminder").put("reminderId", reminderId);
    }

    // ---- the minority side of a split

    @Test
    @DisplayName("on the minority side of a split, refuses a new socket with RETRY and closes it, without a welcome")
    void minorityTakesNoSeat() {
        writable = false;
        List<JsonObject> written = new CopyOnWriteArrayList<>();
        List<Object> closedWith = new CopyOnWriteArrayList<>();
        ServerWebSocket other = stub(ServerWebSocket.class, (name, args) -> switch (name) {
            case "writeTextMessage" -> {
                written.add(new JsonObject((String) args[0]));
                yield Future.succeededFuture();
            }
            case "close" -> {
                closedWith.add(args[0]);
                yield Future.succeededFuture();
            }
            default -> null;
        });

        onLoop(() -> SeatSession.begin(services, new SeatSockets(services), other, claims));

        Await.until("the socket closed", Duration.ofSeconds(5), () -> !closedWith.isEmpty());
        assertThat(written).extracting(m -> m.getString("type")).containsExactly("error");
        assertThat(written.get(0).getString("code")).isEqualTo("RETRY");
        assertThat(written.get(0).getString("message")).contains("majority");
        assertThat(closedWith).containsExactly((short) 4401);
    }

    // ---- the key held for an identity confirmation

    @Test
    @DisplayName("welcomes a seat confirmed after its start with the deadline the confirmation's uncharged wait"
            + " extended, though the attempt was read before it")
    void welcomeAfterALateConfirmation() {
        gate = a -> {
            confirmWithUnchargedWait();
            return KeyGate.Verdict.CONFIRMED;
        };

        JsonObject welcome = hello();

        assertThat(welcome.getString("state")).isEqualTo("ANSWERING");
        assertThat(welcome.getString("key")).isNotNull();
        assertThat(welcome.getLong("deadline")).isEqualTo(T0 + (DURATION_SECONDS + WAIT_SECONDS) * 1000);
    }

    @Test
    @DisplayName("sends the key of a held seat, confirmed after its start, with the deadline the confirmation's"
            + " uncharged wait extended, though its release read the attempt before it")
    void keyAfterALateConfirmation() {
        gate = a -> KeyGate.Verdict.HELD;
        JsonObject welcome = hello();
        assertThat(welcome.getString("state")).isEqualTo("WAITING");
        assertThat(welcome.getString("key")).isNull();
        gate = a -> {
            confirmWithUnchargedWait();
            return KeyGate.Verdict.CONFIRMED;
        };

        // The release reads the attempt, then asks the gate: the confirmation lands between the two.
        onLoop(() -> keys.deliver(List.of(session)));

        assertThat(sent).filteredOn(m -> m.getString("type").equals("key")).hasSize(1);
        JsonObject key = sent.stream().filter(m -> m.getString("type").equals("key")).findFirst().orElseThrow();
        JsonObject state = sent.stream().filter(m -> m.getString("type").equals("state")).findFirst().orElseThrow();
        assertThat(state.getString("reason")).isEqualTo("start");
        assertThat(state.getLong("deadline")).isEqualTo(T0 + (DURATION_SECONDS + WAIT_SECONDS) * 1000);
        assertThat(key.getLong("deadline")).as("the key carries the deadline the page opens the paper with")
                .isEqualTo(state.getLong("deadline"));
    }

    /** The confirmation stores the attempt extended by the wait it did not charge. */
    private void confirmWithUnchargedWait() {
        Attempt a = stored.get();
        stored.set(new Attempt(a.id(), a.sittingId(), a.ticket(), a.subject(), a.seatCode(), a.state(), a.startAt(),
                a.durationSeconds(), a.extensionSeconds() + WAIT_SECONDS, a.pausedMillis(), a.pausedSince(),
                a.submittedAt(), a.submitKind(), a.answers(), a.history()));
    }

    // ---- the page's side

    private JsonObject hello() {
        fromPage(new JsonObject().put("type", "hello").put("answers", List.of()));
        return sent.stream().filter(m -> m.getString("type").equals("welcome")).reduce((a, b) -> b).orElseThrow();
    }

    private static JsonObject ack(String announcementId) {
        return new JsonObject().put("type", "ack-announcement").put("announcementId", announcementId);
    }

    private List<JsonObject> errors() {
        return sent.stream().filter(m -> m.getString("type").equals("error")).toList();
    }

    /** One frame from the page, handled on the socket's event loop (every store here answers at once). */
    private void fromPage(JsonObject frame) {
        onLoop(() -> page.handle(frame.encode()));
    }

    private void onLoop(Runnable r) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                r.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("on the event loop: " + e, e);
        }
    }

    // ---- stubs

    /** Answers a call to {@code type}: a result, or null for "nothing" (this, for a fluent setter). */
    @FunctionalInterface
    private interface Calls {
        Object answer(String method, Object[] args);
    }

    /** An implementation of {@code type} whose calls {@code calls} answers; a fluent method returns the stub. */
    private static <T> T stub(Class<T> type, Calls calls) {
        Object[] self = new Object[1];
        self[0] = Proxy.newProxyInstance(SeatSessionTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> type.getSimpleName() + " stub";
                        };
                    }
                    Object result = calls.answer(method.getName(), args == null ? new Object[0] : args);
                    if (result != null) {
                        return result;
                    }
                    if (method.getReturnType().isInstance(self[0])) {
                        return self[0];
                    }
                    if (method.getReturnType() == Future.class) {
                        return Future.succeededFuture();
                    }
                    if (method.getReturnType() == void.class) {
                        return null;
                    }
                    throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
                });
        return type.cast(self[0]);
    }

    @SuppressWarnings("unchecked")
    private static <T> Handler<T> cast(Object handler) {
        return (Handler<T>) handler;
    }
}
