package cn.examcore.server.delivery;

import cn.examcore.server.api.Addresses;
import cn.examcore.server.api.ErrorType;
import cn.examcore.server.api.ExamException;
import cn.examcore.server.api.Json;
import cn.examcore.server.api.ProctorCommand;
import cn.examcore.server.api.SeatEvent;
import cn.examcore.server.domain.Attempt;
import cn.examcore.server.domain.Candidate;
import cn.examcore.server.domain.Seat;
import cn.examcore.server.domain.Sitting;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.events.EventService;
import cn.examcore.server.store.AttemptChange;
import cn.examcore.server.store.AttemptStore;
import cn.examcore.server.store.SetupStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * 监考操作: pause, resume, extend and remind one seat. Each takes effect on the attempt (one entry-processor
 * call), is audited, recorded as a seat event, and pushed to the seat's socket over the event bus, so it reaches
 * the page whichever node holds the socket.
 */
public final class ProctorService {

    /** Longest single extension: a sitting day. */
    public static final long MAX_EXTENSION_SECONDS = 4 * 3600;
    public static final int MAX_REMINDER_CHARS = 500;

    private final Vertx vertx;
    private final SetupStore setup;
    private final AttemptStore attempts;
    private final EventService events;
    private final AuditLog audit;
    private final LongSupplier clock;

    public ProctorService(Vertx vertx, SetupStore setup, AttemptStore attempts, EventService events, AuditLog audit,
                          LongSupplier clock) {
        this.vertx = vertx;
        this.setup = setup;
        this.attempts = attempts;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Carries out the command after checking it, and after {@code mayAccessRoom} allowed the seat's room.
     *
     * @throws ExamException (as a failed future) naming what was wrong; nothing changes then
     */
    public Future<ProctorCommand.Outcome> execute(ProctorCommand cmd, Predicate<String> mayAccessRoom) {
        if (cmd.action() == null) {
            return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "action", "action is required"));
        }
        if (cmd.action() == ProctorCommand.Action.EXTEND
                && (cmd.seconds() <= 0 || cmd.seconds() > MAX_EXTENSION_SECONDS)) {
            return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "seconds",
                    "seconds must be between 1 and " + MAX_EXTENSION_SECONDS));
        }
        if (cmd.action() == ProctorCommand.Action.REMIND && (cmd.message() == null || cmd.message().isBlank()
                || cmd.message().length() > MAX_REMINDER_CHARS)) {
            return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "message",
                    "a reminder needs a message of 1 to " + MAX_REMINDER_CHARS + " characters"));
        }
        return resolve(cmd.sittingId(), cmd.seatCode()).compose(target -> {
            if (!mayAccessRoom.test(target.seat.roomId())) {
                return Future.failedFuture(new ExamException(ErrorType.FORBIDDEN,
                        "you may not act on seat " + cmd.seatCode()));
            }
            long now = clock.getAsLong();
            String id = target.attemptId;
            Future<AttemptChange> change = switch (cmd.action()) {
                case PAUSE -> attempts.pause(id, now);
                case RESUME -> attempts.resume(id, now);
                case EXTEND -> attempts.extend(id, cmd.seconds(), now);
                case REMIND -> attempts.get(id).map(a -> new AttemptChange(a.effective(now), false));
            };
            return change.compose(c -> after(cmd, c.attempt(), now));
        });
    }

    private record Target(Seat seat, Sitting sitting, String attemptId) {
    }

    private Future<Target> resolve(String sittingId, String seatCode) {
        return setup.sitting(sittingId).compose(s -> {
            if (s.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SITTING, "sittingId",
                        "no sitting " + sittingId));
            }
            Sitting sitting = s.get();
            return setup.seats(sittingId).compose(seats -> {
                Optional<Seat> seat = seats.stream().filter(x -> x.code().equals(seatCode)).findFirst();
                if (seat.isEmpty()) {
                    return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SEAT, "seatCode",
                            "no seat " + seatCode + " in this sitting"));
                }
                return setup.candidates(sittingId).compose(candidates -> {
                    Optional<Candidate> c = candidates.stream().filter(k -> k.seatCode().equals(seatCode)
                            && k.subjects().contains(sitting.subject())).findFirst();
                    if (c.isEmpty()) {
                        return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "seatCode",
                                "no candidate is assigned to seat " + seatCode));
                    }
                    return Future.succeededFuture(new Target(seat.get(), sitting,
                            PaperService.attemptId(sittingId, c.get().ticket(), sitting.subject().name())));
                });
            });
        });
    }

    private Future<ProctorCommand.Outcome> after(ProctorCommand cmd, Attempt a, long now) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("by", cmd.by());
        if (cmd.reason() != null) {
            detail.put("reason", cmd.reason());
        }
        SeatEvent.ServerKind kind;
        Map<String, Object> push = new LinkedHashMap<>();
        switch (cmd.action()) {
            case REMIND -> {
                kind = SeatEvent.ServerKind.REMINDED;
                detail.put("message", cmd.message());
                push.put("type", "reminder");
                push.put("message", cmd.message());
                push.put("at", now);
            }
            default -> {
                kind = switch (cmd.action()) {
                    case PAUSE -> SeatEvent.ServerKind.PAUSED;
                    case RESUME -> SeatEvent.ServerKind.RESUMED;
                    default -> SeatEvent.ServerKind.EXTENDED;
                };
                if (cmd.action() == ProctorCommand.Action.EXTEND) {
                    detail.put("seconds", cmd.seconds());
                }
                push.put("type", "state");
                push.put("state", a.stateAt(now).name());
                push.put("deadline", a.deadline(now));
                push.put("serverNow", now);
                push.put("reason", cmd.action().name().toLowerCase());
            }
        }
        vertx.eventBus().publish(Addresses.seat(a.id()), Json.encode(push));
        Map<String, Object> auditDetail = new LinkedHashMap<>(detail);
        auditDetail.put("attemptId", a.id());
        return Future.all(
                        audit.record(cmd.by(), "seat." + cmd.action().name().toLowerCase(), a.sittingId(),
                                cmd.seatCode(), auditDetail),
                        events.record(a.sittingId(), a.id(), a.seatCode(), SeatEvent.Source.SERVER, kind.name(),
                                detail, 0))
                .map(v -> new ProctorCommand.Outcome(true, a.id(), a.stateAt(now).name(), a.deadline(now), null,
                        null));
    }
}
