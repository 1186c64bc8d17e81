package cn.examcore.server.admission;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.server.admission.domain.AdmissionSettings;
import cn.examcore.server.admission.domain.IdentityCheck;
import cn.examcore.server.admission.store.AdmissionStore;
import cn.examcore.server.attempt.KeyGate;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.events.EventService;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * 身份核验: a proctor confirms each candidate's identity at the seat (photo against person and ID card), one seat or
 * a whole room at once, or an ID-card or face reader confirms it through the seat agent. Each confirmation is stored,
 * recorded as an event and audited. A sitting that requires it holds every seat's key until its candidate is
 * confirmed ({@link #mayHaveKey}); a confirmation after the start releases the key at once, and where the body does
 * not charge the wait, extends the attempt by it first.
 */
public final class IdentityChecks implements KeyGate {

    /** How long a node trusts what it read of a sitting's settings and confirmations when handing out keys. */
    static final long CACHE_MILLIS = 1_000;
    /** How long a read of the gate may take before a node that has read it before keeps to its last read. */
    static final long LAST_READ_WAIT_MILLIS = 1_000;

    private final Vertx vertx;
    private final LongSupplier clock;
    private final SittingStore sittings;
    private final RoomStore rooms;
    private final RosterStore roster;
    private final AttemptStore attempts;
    private final AdmissionStore store;
    private final EventService events;
    private final AuditLog audit;
    /** Sitting id → its gate as read lately: a T0 of hundreds of seats reads each sitting once, not once per seat. */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Sitting id → the read of its gate under way. */
    private final Map<String, Reading> reading = new ConcurrentHashMap<>();

    /** A read of a sitting's gate under way, and when it started ({@link System#nanoTime()}: real elapsed time). */
    private record Reading(Future<Cached> read, long startedNanos) {
    }

    /** A sitting's gate as read at {@code at}: whether it holds keys, and when each ticket was confirmed. */
    private record Cached(long at, boolean required, Map<String, Long> confirmedAt) {
        /**
         * Only a confirmation after the attempt's start can have extended it (by the wait) after the caller read it;
         * one made before the start left nothing to extend, so the attempt as read stands ({@link Verdict#OPEN}).
         */
        Verdict verdict(Attempt attempt) {
            if (!required) {
                return Verdict.OPEN;
            }
            Long confirmed = confirmedAt.get(attempt.ticket());
            return confirmed == null ? Verdict.HELD
                    : confirmed > attempt.startAt() ? Verdict.CONFIRMED : Verdict.OPEN;
        }
    }

    public IdentityChecks(Vertx vertx, LongSupplier clock, SittingStore sittings, RoomStore rooms,
                          RosterStore roster, AttemptStore attempts, AdmissionStore store, EventService events,
                          AuditLog audit) {
        this.vertx = vertx;
        this.clock = clock;
        this.sittings = sittings;
        this.rooms = rooms;
        this.roster = roster;
        this.attempts = attempts;
        this.store = store;
        this.events = events;
        this.audit = audit;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One read of the sitting's gate at a time per node: at T0 every seat of the sitting asks at once. A node that
     * has read the gate before keeps to that read while the database is slow or away (after
     * {@link #LAST_READ_WAIT_MILLIS}), as the setup cache does: while the database is away nothing of the gate can
     * change (a setting or a confirmation is a database write), and a confirmation the last read lacks only keeps
     * that one key back until the next read. A node that has never read the gate waits for the database: handing
     * keys out on a guess would open the gate whenever the database is merely slow.
     *
     * <p>The wait counts from the start of the read under way, not from each caller's call: once that read has gone
     * unanswered for {@link #LAST_READ_WAIT_MILLIS}, the database is known to be slow, and a caller then gets the
     * last read at once. Otherwise every welcome during an outage would wait its own second while one read hangs
     * for the connection pool's timeout, and a page that gives its hello less than that would never be welcomed.
     */
    @Override
    public Future<Verdict> mayHaveKey(Attempt attempt) {
        long now = clock.getAsLong();
        String sittingId = attempt.sittingId();
        Cached last = cache.get(sittingId);
        if (last != null && now - last.at() < CACHE_MILLIS) {
            return Future.succeededFuture(last.verdict(attempt));
        }
        Reading under = read(sittingId, now);
        Future<Verdict> fresh = under.read().map(read -> read.verdict(attempt));
        if (last == null) {
            // Never opened on a guess: a node that has not read the gate waits for the database.
            return fresh;
        }
        if (!fresh.isComplete()) {
            long left = LAST_READ_WAIT_MILLIS
                    - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - under.startedNanos());
            if (left <= 0) {
                return Future.succeededFuture(last.verdict(attempt));
            }
            fresh = fresh.timeout(left, TimeUnit.MILLISECONDS);
        }
        return fresh.otherwise(e -> last.verdict(attempt));
    }

    /**
     * Reads the sitting's gate unless this node holds a read of it already, so that a node started while the sitting
     * runs has a last read to keep to should the database go away ({@code node.SetupWarmUp}).
     */
    public Future<Void> warm(String sittingId) {
        return cache.containsKey(sittingId) ? Future.succeededFuture()
                : read(sittingId, clock.getAsLong()).read().mapEmpty();
    }

    /** The sitting's gate from the database, shared by every caller while one read is under way. */
    private Reading read(String sittingId, long now) {
        Promise<Cached> mine = Promise.promise();
        Reading started = new Reading(mine.future(), System.nanoTime());
        Reading under = reading.putIfAbsent(sittingId, started);
        if (under != null) {
            return under;
        }
        Future.all(store.settings(sittingId), store.checks(sittingId)).map(all -> {
            Optional<AdmissionSettings> s = all.resultAt(0);
            Map<String, Long> confirmed = new HashMap<>();
            all.<List<IdentityCheck>>resultAt(1).forEach(k -> confirmed.merge(k.ticket(), k.confirmedAt(), Math::min));
            boolean required = s.map(AdmissionSettings::identityRequired).orElse(false);
            Cached read = new Cached(now, required, Map.copyOf(confirmed));
            cache.put(sittingId, read);
            return read;
        }).onComplete(ar -> {
            reading.remove(sittingId, started);
            mine.handle(ar);
        });
        return started;
    }

    /** Every confirmation of the sitting at the seats the caller may see, by ticket. */
    public Future<List<IdentityCheck>> checks(String sittingId, Predicate<String> mayAccessRoom) {
        return sittings.existingSitting(sittingId).compose(s -> Future.all(store.checks(sittingId),
                rooms.seats(sittingId))).map(all -> {
                    Map<String, String> roomOf = new LinkedHashMap<>();
                    all.<List<Seat>>resultAt(1).forEach(x -> roomOf.put(x.code(), x.roomId()));
                    return all.<List<IdentityCheck>>resultAt(0).stream().filter(k -> roomOf.containsKey(k.seatCode())
                            && mayAccessRoom.test(roomOf.get(k.seatCode()))).toList();
                });
    }

    /**
     * Whether the sitting hands a seat its key only after the identity check, for a caller who sees at least one of
     * its rooms (FORBIDDEN otherwise): the console says so on a seat that waits for it.
     */
    public Future<Boolean> required(String sittingId, Predicate<String> mayAccessRoom) {
        return sittings.existingSitting(sittingId).compose(s -> Future.all(store.settings(sittingId),
                rooms.seats(sittingId))).compose(all -> {
                    if (all.<List<Seat>>resultAt(1).stream().noneMatch(x -> mayAccessRoom.test(x.roomId()))) {
                        return Future.failedFuture(new ExamException(ErrorType.FORBIDDEN,
                                "none of this sitting's rooms is yours"));
                    }
                    Optional<AdmissionSettings> settings = all.resultAt(0);
                    return Future.succeededFuture(settings.map(AdmissionSettings::identityRequired).orElse(false));
                });
    }

    /** The outcome of a confirmation: who was newly confirmed, who already was. */
    public record Outcome(List<String> confirmed, List<String> already) {
    }

    /**
     * A proctor confirms the candidate at one seat: FORBIDDEN for a seat outside the proctor's rooms, NOT_FOUND for
     * a seat without a candidate.
     */
    public Future<Outcome> confirmSeat(String sittingId, String seatCode, String actor,
                                       Predicate<String> mayAccessRoom) {
        return sittings.existingSitting(sittingId).compose(s -> Future.all(rooms.seats(sittingId),
                roster.candidates(sittingId)).compose(all -> {
                    Seat seat = all.<List<Seat>>resultAt(0).stream().filter(x -> x.code().equals(seatCode))
                            .findFirst().orElse(null);
                    if (seat == null) {
                        return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SEAT, "seat",
                                "seat " + seatCode + " is not a seat of this sitting"));
                    }
                    if (!mayAccessRoom.test(seat.roomId())) {
                        return Future.failedFuture(new ExamException(ErrorType.FORBIDDEN,
                                "seat " + seatCode + " is not in one of your rooms"));
                    }
                    List<Candidate> at = all.<List<Candidate>>resultAt(1).stream()
                            .filter(c -> c.seatCode().equals(seatCode) && c.subjects().contains(s.subject())).toList();
                    if (at.isEmpty()) {
                        return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "seat",
                                "no candidate is assigned to seat " + seatCode));
                    }
                    return confirm(s, at, "SEAT", actor);
                }));
    }

    /** A proctor confirms every candidate seated in one room of theirs at once (bulk confirmation). */
    public Future<Outcome> confirmRoom(String sittingId, String roomId, String actor, Predicate<String> mayAccessRoom) {
        return sittings.existingSitting(sittingId).compose(s -> Future.all(rooms.rooms(sittingId),
                rooms.seats(sittingId), roster.candidates(sittingId)).compose(all -> {
                    if (all.<List<cn.examcore.server.sitting.domain.Room>>resultAt(0).stream()
                            .noneMatch(r -> r.id().equals(roomId))) {
                        return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "roomId",
                                "room " + roomId + " is not a room of this sitting"));
                    }
                    if (!mayAccessRoom.test(roomId)) {
                        return Future.failedFuture(new ExamException(ErrorType.FORBIDDEN,
                                "room " + roomId + " is not one of your rooms"));
                    }
                    Set<String> codes = new HashSet<>();
                    all.<List<Seat>>resultAt(1).stream().filter(x -> x.roomId().equals(roomId))
                            .forEach(x -> codes.add(x.code()));
                    List<Candidate> in = all.<List<Candidate>>resultAt(2).stream()
                            .filter(c -> codes.contains(c.seatCode()) && c.subjects().contains(s.subject())).toList();
                    return confirm(s, in, "ROOM", actor);
                }));
    }

    /** A reader at the seat confirmed the candidate there (an {@code IDENTITY_CONFIRMED} agent event). */
    public Future<Outcome> confirmByReader(Sitting s, String seatCode, String reader) {
        return roster.candidates(s.id()).compose(cs -> {
            List<Candidate> at = cs.stream().filter(c -> c.seatCode().equals(seatCode)
                    && c.subjects().contains(s.subject())).toList();
            return at.isEmpty() ? Future.succeededFuture(new Outcome(List.of(), List.of()))
                    : confirm(s, at, "READER", reader == null || reader.isBlank() ? "reader" : reader);
        });
    }

    private Future<Outcome> confirm(Sitting s, List<Candidate> candidates, String method, String actor) {
        long now = clock.getAsLong();
        return Future.all(store.settings(s.id()), store.checks(s.id())).compose(before -> {
            Optional<AdmissionSettings> settings = before.resultAt(0);
            Set<String> known = new HashSet<>();
            before.<List<IdentityCheck>>resultAt(1).forEach(k -> known.add(k.ticket()));
            boolean gated = settings.map(AdmissionSettings::identityRequired).orElse(false);
            List<Candidate> pending = candidates.stream().filter(c -> !known.contains(c.ticket())).toList();
            // The wait is added before the confirmation is stored: from that moment any node may hand the key out,
            // and the clock it sends with it must already include the wait.
            Future<?> extended = gated && !settings.get().chargeIdentityDelay()
                    ? extendByWait(s, pending, now) : Future.succeededFuture();
            return extended.compose(x -> store.confirm(pending.stream().map(c -> new IdentityCheck(s.id(),
                    c.ticket(), c.seatCode(), method, actor, now)).toList())).compose(fresh -> {
                        // Read again before the next key, but kept as the last read should the database then
                        // be slow: without the new confirmations it holds back only their keys, until a read works.
                        cache.computeIfPresent(s.id(), (k, v) -> new Cached(Long.MIN_VALUE / 2, v.required(),
                                v.confirmedAt()));
                        Set<String> freshTickets = new HashSet<>();
                        fresh.forEach(k -> freshTickets.add(k.ticket()));
                        List<String> already = candidates.stream().map(Candidate::ticket)
                                .filter(t -> !freshTickets.contains(t)).toList();
                        if (fresh.isEmpty()) {
                            return Future.succeededFuture(new Outcome(List.of(), already));
                        }
                        List<SeatEvent> drafts = new ArrayList<>();
                        if (!method.equals("READER")) {
                            for (IdentityCheck k : fresh) {
                                drafts.add(events.draft(s.id(), PaperService.attemptId(s.id(), k.ticket(),
                                        s.subject().name()), k.seatCode(), SeatEvent.Kind.IDENTITY_VERIFIED,
                                        new EventDetail.IdentityVerified(actor, method), 0));
                            }
                        }
                        return events.recordAll(drafts)
                                .compose(v -> audit.record(actor, "identity.confirm", s.id(),
                                        method.equals("ROOM") ? "room" : fresh.get(0).seatCode(),
                                        Map.of("method", method, "tickets",
                                                fresh.stream().map(IdentityCheck::ticket).toList())))
                                .map(v -> {
                                    if (gated) {
                                        // Every node looks at its waiting seats of the sitting again: these get
                                        // their key at once.
                                        vertx.eventBus().publish(Addresses.SITTING_RELEASED, s.id());
                                    }
                                    return new Outcome(fresh.stream().map(IdentityCheck::ticket).toList(), already);
                                });
                    });
        });
    }

    /** Adds to each started attempt the time it has waited since its start, when the body does not charge it. */
    private Future<?> extendByWait(Sitting s, List<Candidate> pending, long now) {
        List<String> ids = pending.stream().map(c -> PaperService.attemptId(s.id(), c.ticket(),
                s.subject().name())).toList();
        return attempts.getAll(ids).compose(byId -> {
            List<Future<?>> extensions = new ArrayList<>();
            for (Attempt a : byId.values()) {
                long waited = (now - a.startAt() + 999) / 1000;
                if (a.stateAt(now) == AttemptState.ANSWERING && waited > 0) {
                    extensions.add(attempts.extend(a.id(), waited, now));
                }
            }
            return Future.all(extensions);
        });
    }
}
