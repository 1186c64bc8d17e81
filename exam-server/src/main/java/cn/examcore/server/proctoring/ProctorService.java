package cn.examcore.server.proctoring;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatMessage;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.SeatPush;
import cn.examcore.server.attempt.SubmissionService;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.domain.UnknownAttempt;
import cn.examcore.server.attempt.store.AttemptChange;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.events.EventService;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.proctoring.ProctorCommand.Action;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * 监考操作: pause, resume, extend, remind, permit a leave and record an incident at one seat. Each is checked
 * first (nothing changes when it is refused), takes effect on the attempt where it has one (one entry-processor
 * call), is audited and stored as a seat event; what the candidate must see is pushed to the seat's socket over
 * the event bus, so it reaches the page whichever node holds the socket.
 */
public final class ProctorService {

    /** Longest single extension: a sitting day. */
    public static final long MAX_EXTENSION_SECONDS = 4 * 3600;
    /** Longest permitted absence from the seat: half an hour. */
    public static final long MAX_LEAVE_SECONDS = 1800;
    /** Longest reminder text, reason or incident note. */
    public static final int MAX_TEXT_CHARS = 500;

    private final SeatPush seats;
    private final SittingStore sittingStore;
    private final RoomStore roomStore;
    private final RosterStore rosterStore;
    private final AttemptStore attempts;
    private final RoomAttempts roomAttempts;
    private final EventService events;
    private final AuditLog audit;
    private final SubmissionService submissions;
    private final LongSupplier clock;

    public ProctorService(SeatPush seats, SittingStore sittingStore, RoomStore roomStore, RosterStore rosterStore,
                          AttemptStore attempts, EventService events, AuditLog audit,
                          SubmissionService submissions, LongSupplier clock) {
        this.seats = seats;
        this.submissions = submissions;
        this.sittingStore = sittingStore;
        this.roomStore = roomStore;
        this.rosterStore = rosterStore;
        this.attempts = attempts;
        this.roomAttempts = new RoomAttempts(sittingStore, rosterStore, attempts);
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Carries out the command after checking it, and after {@code mayAccessRoom} allowed the seat's room.
     *
     * @throws ExamException (as a failed future) naming what was wrong; nothing changes then
     */
    public Future<ProctorCommand.Outcome> execute(ProctorCommand command, Predicate<String> mayAccessRoom) {
        ProctorCommand cmd;
        try {
            cmd = checked(command);
        } catch (ExamException e) {
            return Future.failedFuture(e);
        }
        return resolve(cmd.sittingId(), cmd.seatCode()).compose(target -> {
            if (!mayAccessRoom.test(target.seat.roomId())) {
                return Future.failedFuture(new ExamException(ErrorType.FORBIDDEN,
                        "you may not act on seat " + cmd.seatCode()));
            }
            long now = clock.getAsLong();
            if (cmd.action() == Action.RECORD_INCIDENT) {
                return incident(cmd, target.attemptId, now);
            }
            if (target.attemptId == null) {
                return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "seatCode",
                        "no candidate is assigned to seat " + cmd.seatCode()));
            }
            String id = target.attemptId;
            if (cmd.action() == Action.CHANGE_SEAT) {
                return changeSeat(cmd, target, mayAccessRoom, now);
            }
            if (cmd.action() == Action.REOPEN) {
                return reopen(cmd, id, now);
            }
            Future<AttemptChange> change = switch (cmd.action()) {
                case PAUSE -> attempts.pause(id, now);
                case RESUME -> attempts.resume(id, now);
                case EXTEND -> attempts.extend(id, cmd.seconds(), now);
                case REMIND -> attempts.get(id).map(a -> new AttemptChange(a.effective(now), false));
                case PERMIT_LEAVE -> attempts.get(id).compose(a -> a.stateAt(now) == AttemptState.SUBMITTED
                        ? Future.failedFuture(new ExamException(ErrorType.ATTEMPT_SUBMITTED,
                        "the attempt at seat " + cmd.seatCode() + " is already submitted"))
                        : Future.succeededFuture(new AttemptChange(a.effective(now), false)));
                case FORCE_SUBMIT -> submissions.forceSubmit(id, now).map(a -> new AttemptChange(a, true));
                case RECORD_INCIDENT, CHANGE_SEAT, REOPEN -> throw new IllegalStateException("handled above");
            };
            return change.compose(c -> after(cmd, c.attempt(), now));
        });
    }

    /**
     * The command with its texts trimmed and its category in canonical form, after checking every field its
     * action uses; fields the action does not use are dropped.
     *
     * @throws ExamException ({@code BAD_REQUEST}) naming the first field that is wrong
     */
    public static ProctorCommand checked(ProctorCommand cmd) {
        if (cmd == null || cmd.action() == null) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "action", "action is required, one of "
                    + Arrays.toString(Action.values()));
        }
        String sittingId = required(cmd.sittingId(), "sittingId", 64);
        String seatCode = required(cmd.seatCode(), "seatCode", 100);
        String by = required(cmd.by(), "by", 100);
        String reason = optional(cmd.reason(), "reason", MAX_TEXT_CHARS);
        Action action = cmd.action();
        long seconds = 0;
        String message = null;
        String category = null;
        String note = null;
        String toSeat = null;
        switch (action) {
            case PAUSE, RESUME -> {
            }
            case EXTEND -> seconds = seconds(cmd.seconds(), MAX_EXTENSION_SECONDS);
            case REMIND -> {
                message = required(cmd.message(), "message", MAX_TEXT_CHARS);
                if (cmd.category() != null) {
                    MisconductCode code = category(cmd.category());
                    if (!code.remindable()) {
                        throw ExamException.field(ErrorType.BAD_REQUEST, "category", "a reminder is about a tier-A"
                                + " category (A1, A2, A3 or A4), not " + code);
                    }
                    category = code.name();
                }
            }
            case PERMIT_LEAVE -> {
                seconds = seconds(cmd.seconds(), MAX_LEAVE_SECONDS);
                reason = required(cmd.reason(), "reason", MAX_TEXT_CHARS);
            }
            case RECORD_INCIDENT -> {
                if (cmd.category() == null) {
                    throw ExamException.field(ErrorType.BAD_REQUEST, "category", "category is required (A1…A4,"
                            + " B1…B5, C1…C7)");
                }
                category = category(cmd.category()).name();
                note = required(cmd.note(), "note", MAX_TEXT_CHARS);
            }
            case CHANGE_SEAT -> {
                toSeat = required(cmd.toSeat(), "toSeat", 100);
                if (toSeat.equals(seatCode)) {
                    throw ExamException.field(ErrorType.BAD_REQUEST, "toSeat", "toSeat must be another seat than "
                            + seatCode);
                }
                reason = required(cmd.reason(), "reason", MAX_TEXT_CHARS);
            }
            case FORCE_SUBMIT, REOPEN -> reason = required(cmd.reason(), "reason", MAX_TEXT_CHARS);
            default -> throw new IllegalStateException("no check for the proctor action " + action);
        }
        return new ProctorCommand(action, sittingId, seatCode, seconds, reason, message, category, note, by, toSeat);
    }

    private static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " is required");
        }
        return optional(value, field, max);
    }

    private static String optional(String value, String field, int max) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        if (s.isEmpty() || s.length() > max) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " must be 1 to " + max + " characters");
        }
        return s;
    }

    private static long seconds(long seconds, long max) {
        if (seconds < 1 || seconds > max) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "seconds", "seconds must be between 1 and " + max
                    + ", was " + seconds);
        }
        return seconds;
    }

    private static MisconductCode category(String text) {
        return MisconductCode.parse(text).orElseThrow(() -> ExamException.field(ErrorType.BAD_REQUEST, "category",
                "unknown category " + text + " (A1…A4, B1…B5, C1…C7)"));
    }

    /** The seat and the attempt of the candidate assigned to it for the sitting's subject (null when none). */
    private record Target(Seat seat, String attemptId, String ticket) {
    }

    private Future<Target> resolve(String sittingId, String seatCode) {
        return sittingStore.existingSitting(sittingId).compose(sitting -> roomStore.seats(sittingId).compose(seats -> {
            Optional<Seat> seat = seats.stream().filter(x -> x.code().equals(seatCode)).findFirst();
            if (seat.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SEAT, "seatCode",
                        "no seat " + seatCode + " in this sitting"));
            }
            return rosterStore.candidates(sittingId).map(candidates -> {
                Optional<Candidate> c = candidates.stream().filter(k -> k.seatCode().equals(seatCode)
                        && k.subjects().contains(sitting.subject())).findFirst();
                return new Target(seat.get(), c.map(k -> PaperService.attemptId(sittingId, k.ticket(),
                        sitting.subject().name())).orElse(null), c.map(Candidate::ticket).orElse(null));
            });
        }));
    }

    private Future<ProctorCommand.Outcome> after(ProctorCommand cmd, Attempt a, long now) {
        String by = cmd.by();
        String reason = cmd.reason();
        SeatEvent.Kind kind;
        EventDetail detail;
        switch (cmd.action()) {
            case PAUSE -> {
                kind = SeatEvent.Kind.PAUSED;
                detail = new EventDetail.ProctorAction(by, reason);
            }
            case RESUME -> {
                kind = SeatEvent.Kind.RESUMED;
                detail = new EventDetail.ProctorAction(by, reason);
            }
            case EXTEND -> {
                kind = SeatEvent.Kind.EXTENDED;
                detail = new EventDetail.Extended(by, reason, cmd.seconds());
            }
            case REMIND -> {
                kind = SeatEvent.Kind.REMINDED;
                detail = new EventDetail.Reminded(by, reason, cmd.message(),
                        cmd.category() == null ? null : category(cmd.category()));
            }
            case PERMIT_LEAVE -> {
                kind = SeatEvent.Kind.LEAVE_PERMITTED;
                detail = new EventDetail.LeavePermitted(by, reason, now + cmd.seconds() * 1000);
            }
            case CHANGE_SEAT -> {
                kind = SeatEvent.Kind.SEAT_CHANGED;
                detail = new EventDetail.SeatChanged(by, reason, cmd.seatCode(), cmd.toSeat());
            }
            case FORCE_SUBMIT -> {
                kind = SeatEvent.Kind.FORCE_SUBMITTED;
                detail = new EventDetail.ForceSubmitted(by, reason);
            }
            case REOPEN -> {
                kind = SeatEvent.Kind.REOPENED;
                detail = new EventDetail.ProctorAction(by, reason);
            }
            case RECORD_INCIDENT -> throw new IllegalStateException("an incident is recorded by incident()");
            default -> throw new IllegalStateException("no seat event for the proctor action " + cmd.action());
        }
        SeatEvent event = events.draft(a.sittingId(), a.id(), a.seatCode(), kind, detail, 0);
        Future<Void> stored;
        if (cmd.action() == Action.REMIND) {
            // The page acknowledges a reminder by its event id, so it may only see the reminder once the event
            // that id names is stored.
            stored = events.recordAll(List.of(event)).onSuccess(v -> seats.push(a.id(), reminder(event, now)));
        } else if (cmd.action() == Action.CHANGE_SEAT) {
            SeatMessage moved = new SeatMessage.SeatChanged(cmd.seatCode(), cmd.toSeat());
            stored = events.recordAll(List.of(event)).onSuccess(v -> seats.push(a.id(), moved));
        } else {
            if (cmd.action() != Action.PERMIT_LEAVE) {
                seats.push(a.id(), state(cmd, a, now));
            }
            stored = events.recordAll(List.of(event));
        }
        return Future.all(stored, audited(cmd, a.sittingId(), a.id(), event))
                .map(v -> ProctorCommand.Outcome.done(a.id(), a.stateAt(now).name(), a.deadline(now),
                        event.id()));
    }

    /**
     * The outcome of a whole room's pause or resume.
     *
     * @param ok    always true: the room was acted on (each seat's own outcome says what happened to it)
     * @param seats one outcome per seat of the room
     */
    public record RoomOutcome(boolean ok, List<ProctorCommand.Outcome> seats) {
    }

    /**
     * Pauses, resumes or extends every seat of a room ({@code roomId}) or of the whole sitting ({@code roomId} null),
     * with a reason. The request (action, seconds, reason, room, access) is checked before any seat changes: a whole
     * sitting needs access to every one of its rooms. Then each seat whose attempt is in the state the action applies
     * to is changed, one after another (each is its own audited action, and the deadline of each follows), and every
     * other seat is answered with a refused outcome saying why it was left as it was. The scope's action is audited
     * once more as a whole ({@code room.extend}, {@code sitting.pause}, …) with how many seats it changed.
     */
    public Future<RoomOutcome> executeInScope(String sittingId, String roomId, Action action, long seconds,
                                              String reason, String by, Predicate<String> mayAccessRoom) {
        String why;
        long extra;
        try {
            if (action != Action.PAUSE && action != Action.RESUME && action != Action.EXTEND) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "action", "a room or sitting action is pause, "
                        + "resume or extend, not " + action);
            }
            why = required(reason, "reason", MAX_TEXT_CHARS);
            extra = action == Action.EXTEND ? seconds(seconds, MAX_EXTENSION_SECONDS) : 0;
        } catch (ExamException e) {
            return Future.failedFuture(e);
        }
        return sittingStore.existingSitting(sittingId).compose(sitting -> roomStore.rooms(sittingId)).compose(rooms -> {
            if (roomId != null && rooms.stream().noneMatch(r -> r.id().equals(roomId))) {
                return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "roomId",
                        "no room " + roomId + " in sitting " + sittingId));
            }
            List<String> scope = roomId != null ? List.of(roomId) : rooms.stream().map(r -> r.id()).toList();
            Optional<String> refused = scope.stream().filter(r -> !mayAccessRoom.test(r)).findFirst();
            if (refused.isPresent()) {
                return Future.failedFuture(roomId != null
                        ? ExamException.field(ErrorType.FORBIDDEN, "roomId", "you may not act on room " + roomId)
                        : ExamException.field(ErrorType.FORBIDDEN, "sittingId", "you may not act on the whole "
                        + "sitting: room " + refused.get() + " is not yours"));
            }
            return roomSeats(sittingId, scope).compose(read -> {
                List<Seat> seats = read.seats();
                Map<String, Attempt> bySeat = read.bySeat();
                long now = clock.getAsLong();
                List<ProctorCommand.Outcome> outcomes = new ArrayList<>();
                Future<Void> chain = Future.succeededFuture();
                for (Seat seat : seats) {
                    Attempt a = bySeat.get(seat.code());
                    String skip = a == null ? "seat " + seat.code() + " has no attempt" : skipReason(action, a, now);
                    if (skip != null) {
                        outcomes.add(a == null
                                ? ProctorCommand.Outcome.refused(ErrorType.ILLEGAL_TRANSITION.name(), skip, "seatCode")
                                : new ProctorCommand.Outcome(false, a.id(), a.stateAt(now).name(), a.deadline(now),
                                null, ErrorType.ILLEGAL_TRANSITION.name(), skip, "seatCode"));
                        continue;
                    }
                    ProctorCommand cmd = new ProctorCommand(action, sittingId, seat.code(), extra, why, null, null,
                            null, by);
                    // One seat after another: each is its own audited action, and a seat that changed state in
                    // between is reported, not forced.
                    chain = chain.compose(v -> execute(cmd, mayAccessRoom)
                            .map(o -> {
                                outcomes.add(o);
                                return (Void) null;
                            })
                            .recover(e -> {
                                ExamException x = e instanceof ExamException ee ? ee : null;
                                outcomes.add(ProctorCommand.Outcome.refused(x == null ? ErrorType.INTERNAL.name()
                                        : x.type().name(), e.getMessage(), "seatCode"));
                                return Future.succeededFuture();
                            }));
                }
                return chain.compose(v -> {
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("reason", why);
                    if (roomId != null) {
                        detail.put("roomId", roomId);
                    }
                    if (extra > 0) {
                        detail.put("seconds", extra);
                    }
                    detail.put("seats", outcomes.stream().filter(ProctorCommand.Outcome::ok).count());
                    String name = (roomId != null ? "room." : "sitting.") + action.name().toLowerCase(Locale.ROOT);
                    return audit.record(by, name, sittingId, roomId != null ? roomId : sittingId, detail);
                }).map(v -> new RoomOutcome(true, outcomes));
            });
        });
    }

    /** The seats of these rooms, with the attempt at each seat that has one. */
    private record RoomSeats(List<Seat> seats, Map<String, Attempt> bySeat) {
    }

    /** Reads the attempts at those seats only: one room's action must not read every attempt of the sitting. */
    private Future<RoomSeats> roomSeats(String sittingId, List<String> roomIds) {
        return roomStore.seats(sittingId).compose(all -> {
            List<Seat> seats = all.stream().filter(x -> roomIds.contains(x.roomId())).toList();
            return roomAttempts.at(sittingId, seats.stream().map(Seat::code).collect(Collectors.toSet()))
                    .map(found -> {
                        Map<String, Attempt> bySeat = new HashMap<>();
                        found.forEach(a -> bySeat.put(a.seatCode(), a));
                        return new RoomSeats(seats, bySeat);
                    });
        });
    }

    /** Why a room-wide action leaves this attempt alone, or null when it applies. */
    private static String skipReason(Action action, Attempt a, long now) {
        AttemptState state = a.stateAt(now);
        boolean applies = switch (action) {
            case PAUSE -> state == AttemptState.ANSWERING;
            case RESUME -> state == AttemptState.PAUSED;
            // A candidate still waiting for the start gets the room's extra time as well: their deadline follows.
            default -> state != AttemptState.SUBMITTED;
        };
        return applies ? null : "seat " + a.seatCode() + " is " + state;
    }

    /**
     * Moves the attempt to {@code toSeat} after checking the seat is in the sitting, free, and in a room this staff
     * member may act on; the attempt moves first and the roster follows, and a failed roster update moves the
     * attempt back, so the two never disagree.
     */
    private Future<ProctorCommand.Outcome> changeSeat(ProctorCommand cmd, Target from, Predicate<String> mayAccessRoom,
                                                      long now) {
        return Future.all(roomStore.seats(cmd.sittingId()), rosterStore.candidates(cmd.sittingId())).compose(all -> {
            List<Seat> seats = all.resultAt(0);
            List<Candidate> candidates = all.resultAt(1);
            Optional<Seat> to = seats.stream().filter(x -> x.code().equals(cmd.toSeat())).findFirst();
            if (to.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SEAT, "toSeat",
                        "no seat " + cmd.toSeat() + " in this sitting"));
            }
            if (!mayAccessRoom.test(to.get().roomId())) {
                return Future.failedFuture(ExamException.field(ErrorType.FORBIDDEN, "toSeat",
                        "you may not move a candidate into the room of seat " + cmd.toSeat()));
            }
            Optional<Candidate> taken = candidates.stream().filter(c -> c.seatCode().equals(cmd.toSeat())).findFirst();
            if (taken.isPresent()) {
                return Future.failedFuture(ExamException.field(ErrorType.CONFLICT, "toSeat", "seat " + cmd.toSeat()
                        + " is assigned to ticket " + taken.get().ticket()));
            }
            return attempts.moveSeat(from.attemptId, cmd.toSeat(), now).compose(moved ->
                    rosterStore.moveCandidate(cmd.sittingId(), from.ticket, cmd.toSeat())
                            .recover(e -> attempts.moveSeat(from.attemptId, cmd.seatCode(), now)
                                    .transform(undo -> Future.<Void>failedFuture(e)))
                            .compose(v -> after(cmd, moved.attempt(), now)));
        });
    }

    /**
     * Reopens the submitted attempt while its sitting still runs (until T0 plus the paper's time, as scheduled);
     * afterwards the results may already be out, so it is refused.
     */
    private Future<ProctorCommand.Outcome> reopen(ProctorCommand cmd, String attemptId, long now) {
        return sittingStore.existingSitting(cmd.sittingId()).compose(sitting -> {
            long ends = sitting.startAt() + sitting.durationSeconds() * 1000;
            if (now >= ends) {
                return Future.failedFuture(new ExamException(ErrorType.ILLEGAL_TRANSITION, "the sitting ended at "
                        + java.time.Instant.ofEpochMilli(ends) + "; a submitted attempt can no longer be reopened",
                        Map.of("field", "seatCode", "sittingEndedAt", ends)));
            }
            return submissions.reopen(attemptId, now).compose(a -> after(cmd, a, now));
        });
    }

    private static SeatMessage reminder(SeatEvent event, long now) {
        return new SeatMessage.Reminder(event.id(), ((EventDetail.Reminded) event.detail()).message(), now);
    }

    private static SeatMessage state(ProctorCommand cmd, Attempt a, long now) {
        // An extension and a pause explain themselves to the candidate with the proctor's reason (the console labels
        // that field "shown to the candidate"); a resume needs no words, and other reasons stay in the audit.
        String note = cmd.action() == Action.EXTEND || cmd.action() == Action.PAUSE ? cmd.reason() : null;
        return new SeatMessage.State(a.stateAt(now).name(), a.deadline(now), now,
                cmd.action().name().toLowerCase(Locale.ROOT), note);
    }

    private Future<ProctorCommand.Outcome> incident(ProctorCommand cmd, String attemptId, long now) {
        EventDetail detail = new EventDetail.IncidentRecorded(category(cmd.category()), cmd.note(), cmd.by());
        SeatEvent event = events.draft(cmd.sittingId(), attemptId, cmd.seatCode(), SeatEvent.Kind.INCIDENT_RECORDED,
                detail, 0);
        return Future.all(events.recordAll(List.of(event)),
                        audited(cmd, cmd.sittingId(), attemptId, event))
                .compose(v -> {
                    if (attemptId == null) {
                        return Future.succeededFuture(ProctorCommand.Outcome.done(null, null, 0, event.id()));
                    }
                    // A candidate who never logged in has no attempt yet; the incident still belongs to its id.
                    return attempts.get(attemptId)
                            .map(a -> ProctorCommand.Outcome.done(attemptId, a.stateAt(now).name(),
                                    a.deadline(now), event.id()))
                            .recover(e -> e instanceof UnknownAttempt
                                    ? Future.succeededFuture(ProctorCommand.Outcome.done(attemptId, null, 0,
                                    event.id()))
                                    : Future.failedFuture(e));
                });
    }

    private Future<?> audited(ProctorCommand cmd, String sittingId, String attemptId, SeatEvent event) {
        // The audit record repeats the event's facts as the event carries them, with the ids that link the two.
        @SuppressWarnings("unchecked")
        Map<String, Object> auditDetail = new LinkedHashMap<>(Json.mapper().convertValue(event.detail(), Map.class));
        if (attemptId != null) {
            auditDetail.put("attemptId", attemptId);
        }
        auditDetail.put("eventId", event.id());
        return audit.record(cmd.by(), "seat." + cmd.action().name().toLowerCase(Locale.ROOT), sittingId,
                cmd.seatCode(), auditDetail);
    }
}
