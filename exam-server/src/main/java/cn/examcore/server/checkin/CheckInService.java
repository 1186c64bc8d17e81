package cn.examcore.server.checkin;

import cn.examcore.contract.CheckIn.Admission;
import cn.examcore.contract.CheckIn.Enrolment;
import cn.examcore.contract.CheckIn.Person;
import cn.examcore.contract.CheckIn.SittingInfo;
import cn.examcore.contract.ErrorType;
import cn.examcore.contract.SeatEvent;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.auth.TerminalClaims;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.EventService;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RoomStore.SeatInSitting;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * 签到: a terminal enrolled to its seat with the seat code and the sitting's PIN, and a candidate admitted at it with
 * admission-ticket number and ID number (docs/candidate-protocol.md §1–2). Both are rate-limited per seat, terminal
 * and ticket; a candidate at another seat than the roster's is refused and recorded as {@code WRONG_SEAT}.
 */
public final class CheckInService {

    /** A candidate token lives through the longest sitting day. */
    private static final Duration CANDIDATE_TTL = Duration.ofHours(12);
    /** Enrolment looks for sittings whose T0 is at most this far in the past. */
    private static final long ENROL_WINDOW_MILLIS = 24L * 3600 * 1000;

    private final LongSupplier clock;
    private final SittingStore sittingStore;
    private final RoomStore roomStore;
    private final RosterStore rosterStore;
    private final AttemptStore attempts;
    private final EventService events;
    private final TokenService tokens;
    private final RateLimits limits;
    private final List<String> socketUrls;

    /**
     * @param socketUrls the nodes' public socket origins the page fails over between (empty: its own origin)
     */
    public CheckInService(LongSupplier clock, SittingStore sittingStore, RoomStore roomStore, RosterStore rosterStore,
                          AttemptStore attempts, EventService events,
                          TokenService tokens, RateLimits limits, List<String> socketUrls) {
        this.clock = clock;
        this.sittingStore = sittingStore;
        this.roomStore = roomStore;
        this.rosterStore = rosterStore;
        this.attempts = attempts;
        this.events = events;
        this.tokens = tokens;
        this.limits = limits;
        this.socketUrls = List.copyOf(socketUrls);
    }

    private long now() {
        return clock.getAsLong();
    }

    /** Enrols a terminal to the seat {@code seatCode} of the current sitting whose PIN is {@code pin}. */
    public Future<Enrolment> enrol(String seatCode, String pin) {
        if (!limits.enrol().tryAcquire("enrol:" + seatCode)) {
            return Future.failedFuture(new ExamException(ErrorType.RATE_LIMITED, "too many enrolment attempts for "
                    + "this seat; wait a little", Map.of("retryAfterSeconds",
                    limits.enrol().retryAfter("enrol:" + seatCode).toSeconds() + 1)));
        }
        return roomStore.seatsByCode(seatCode, now() - ENROL_WINDOW_MILLIS).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SEAT, "seatCode",
                        "no seat " + seatCode + " in a current sitting"));
            }
            List<SeatInSitting> pinMatches = found.stream()
                    .filter(f -> MessageDigest.isEqual(f.sitting().enrolmentPin().getBytes(StandardCharsets.UTF_8),
                            pin.getBytes(StandardCharsets.UTF_8)))
                    .toList();
            // The same room may serve several sittings: take the earliest one not yet over, else the latest.
            long now = now();
            Optional<SeatInSitting> match = pinMatches.stream()
                    .filter(f -> f.sitting().startAt() + f.sitting().durationSeconds() * 1000 > now)
                    .min(Comparator.comparingLong(f -> f.sitting().t0()))
                    .or(() -> pinMatches.stream().max(Comparator.comparingLong(f -> f.sitting().t0())));
            if (match.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.BAD_PIN, "pin", "the PIN is not right"));
            }
            SeatInSitting m = match.get();
            return roomStore.rooms(m.sitting().id()).map(rooms -> {
                String roomName = rooms.stream().filter(r -> r.id().equals(m.seat().roomId())).findFirst()
                        .map(r -> r.name()).orElse("");
                return new Enrolment(tokens.issueTerminal(m.seat().code(), m.sitting().id()), m.seat().code(),
                        roomName, m.sitting().title());
            });
        });
    }

    /** Admits the candidate with this ticket and ID number at the terminal's seat. */
    public Future<Admission> login(String terminalToken, String ticket, String idNumber) {
        return tokens.verify(terminalToken, TerminalClaims.class).compose(terminal -> {
            String terminalKey = "terminal:" + terminal.sittingId() + ":" + terminal.seatCode();
            String ticketKey = "ticket:" + terminal.sittingId() + ":" + ticket;
            if (!limits.terminal().tryAcquire(terminalKey) || !limits.ticket().tryAcquire(ticketKey)) {
                return Future.failedFuture(new ExamException(ErrorType.RATE_LIMITED,
                        "too many login attempts; wait a little and try again"));
            }
            return sittingStore.sitting(terminal.sittingId()).compose(sitting -> {
                if (sitting.isEmpty()) {
                    return Future.failedFuture(new ExamException(ErrorType.STALE_TOKEN,
                            "the terminal is enrolled for a sitting that no longer exists; enrol it again"));
                }
                return rosterStore.candidate(terminal.sittingId(), ticket)
                        .compose(c -> {
                            boolean match = c.isPresent() && MessageDigest.isEqual(
                                    c.get().idNumber().toUpperCase().getBytes(StandardCharsets.UTF_8),
                                    idNumber.toUpperCase().getBytes(StandardCharsets.UTF_8));
                            if (!match) {
                                return Future.failedFuture(new ExamException(ErrorType.BAD_CREDENTIALS,
                                        "the ticket number and ID number do not match a candidate of this sitting"));
                            }
                            return admit(sitting.get(), c.get(), terminal, ticketKey);
                        });
            });
        });
    }

    private Future<Admission> admit(Sitting sitting, Candidate c, TerminalClaims terminal, String ticketKey) {
        long now = now();
        if (now < sitting.checkInOpensAt()) {
            return Future.failedFuture(new ExamException(ErrorType.CHECK_IN_NOT_OPEN, "check-in opens at "
                    + sitting.checkInOpensAt(), Map.of("checkInOpensAt", sitting.checkInOpensAt())));
        }
        if (!c.subjects().contains(sitting.subject())) {
            return Future.failedFuture(new ExamException(ErrorType.FORBIDDEN, "the candidate is not entered for "
                    + sitting.subject().chineseName() + " in this sitting"));
        }
        String attemptId = PaperService.attemptId(sitting.id(), c.ticket(), sitting.subject().name());
        if (!c.seatCode().equals(terminal.seatCode())) {
            Map<String, Object> detail = Map.of("ticket", c.ticket(), "assignedSeat", c.seatCode(),
                    "terminalSeat", terminal.seatCode());
            return events.record(sitting.id(), attemptId, terminal.seatCode(), SeatEvent.Source.SERVER,
                    SeatEvent.ServerKind.WRONG_SEAT.name(), detail, 0).compose(e -> Future.failedFuture(
                    new ExamException(ErrorType.WRONG_SEAT, "this is not your seat; ask a proctor for your seat")));
        }
        return attempts.get(attemptId).compose(a -> {
            if (a.stateAt(now) == AttemptState.SUBMITTED) {
                return Future.failedFuture(new ExamException(ErrorType.ALREADY_SUBMITTED,
                        "this paper has already been submitted"));
            }
            limits.ticket().reset(ticketKey);
            String token = tokens.issueCandidate(attemptId, terminal.seatCode(), c.ticket(), CANDIDATE_TTL);
            Admission admission = new Admission(token, attemptId, new Person(c.name(), c.ticket()),
                    new SittingInfo(sitting.id(), sitting.title(), sitting.occupation(), sitting.level(),
                            sitting.subject().name(), a.startAt(), sitting.durationSeconds(),
                            sitting.checkInOpensAt()),
                    now(), socketUrls);
            return events.record(sitting.id(), attemptId, terminal.seatCode(), SeatEvent.Source.SERVER,
                    SeatEvent.ServerKind.LOGIN.name(), Map.of(), 0).map(admission);
        });
    }
}
