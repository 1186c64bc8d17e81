package cn.examcore.server.checkin;

import cn.examcore.contract.CheckIn.Admission;
import cn.examcore.contract.CheckIn.Enrolment;
import cn.examcore.contract.CheckIn.Person;
import cn.examcore.contract.CheckIn.SittingInfo;
import cn.examcore.contract.ErrorType;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.auth.Throttles;
import cn.examcore.server.auth.TerminalClaims;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.events.EventService;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RoomStore.SeatInSitting;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingRulesStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 签到: a terminal enrolled to its seat with the seat code and the sitting's PIN, and a candidate admitted at it with
 * admission-ticket number and ID number (docs/candidate-protocol.md §1–2). Both are rate-limited per seat, terminal
 * and ticket; a candidate at another seat than the roster's is refused and recorded as {@code WRONG_SEAT}.
 */
public final class CheckInService {

    private static final Logger LOG = LoggerFactory.getLogger(CheckInService.class);

    /** A candidate token lives through the longest sitting day. */
    private static final Duration CANDIDATE_TTL = Duration.ofHours(12);
    /** Enrolment looks for sittings whose T0 is at most this far in the past. */
    private static final long ENROL_WINDOW_MILLIS = 24L * 3600 * 1000;
    /** The cutoff as the refused candidate reads it: the wall clock of the site. */
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm")
            .withZone(ZoneId.systemDefault());

    private final LongSupplier clock;
    private final SittingStore sittingStore;
    private final RoomStore roomStore;
    private final RosterStore rosterStore;
    private final SittingRulesStore rulesStore;
    private final AttemptStore attempts;
    private final EventService events;
    private final TokenService tokens;
    private final AuditLog audit;
    private final Throttles throttles;
    private final List<String> socketUrls;

    /**
     * @param socketUrls the nodes' public socket origins the page fails over between (empty: its own origin)
     */
    public CheckInService(LongSupplier clock, SittingStore sittingStore, RoomStore roomStore, RosterStore rosterStore,
                          SittingRulesStore rulesStore, AttemptStore attempts, EventService events, AuditLog audit,
                          TokenService tokens, Throttles throttles, List<String> socketUrls) {
        this.clock = clock;
        this.sittingStore = sittingStore;
        this.roomStore = roomStore;
        this.rosterStore = rosterStore;
        this.rulesStore = rulesStore;
        this.attempts = attempts;
        this.events = events;
        this.tokens = tokens;
        this.audit = audit;
        this.throttles = throttles;
        this.socketUrls = List.copyOf(socketUrls);
    }

    private long now() {
        return clock.getAsLong();
    }

    /**
     * Enrols a terminal to the seat {@code seatCode} of the current sitting whose PIN is {@code pin}. Wrong PINs are
     * throttled per sitting and client address across seat codes, and per address; the right PIN costs no try, so
     * staff at their own machine are not refused because someone else guessed. A sitting whose PIN is being guessed
     * is announced in its audit trail (and so on the proctor console), at most once a minute.
     *
     * @param client the client address the request came from
     */
    public Future<Enrolment> enrol(String seatCode, String pin, String client) {
        return roomStore.seatsByCode(seatCode, now() - ENROL_WINDOW_MILLIS).compose(found -> {
            List<String> sittings = found.stream().map(f -> f.sitting().id()).distinct().toList();
            List<Throttles.Key> keys = new ArrayList<>();
            keys.add(new Throttles.Key(Throttles.Kind.ENROL_ADDRESS, client));
            sittings.forEach(id -> keys.add(new Throttles.Key(Throttles.Kind.ENROL_SITTING_ADDRESS, id, client)));
            return throttles.attempt(keys).compose(attempt -> {
                if (found.isEmpty()) {
                    attempt.failed();
                    return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SEAT, "seatCode",
                            "no seat " + seatCode + " in a current sitting"));
                }
                List<SeatInSitting> pinMatches = found.stream()
                        .filter(f -> MessageDigest.isEqual(
                                f.sitting().enrolmentPin().getBytes(StandardCharsets.UTF_8),
                                pin.getBytes(StandardCharsets.UTF_8)))
                        .toList();
                // The same room may serve several sittings: take the earliest one not yet over, else the latest.
                long now = now();
                Optional<SeatInSitting> match = pinMatches.stream()
                        .filter(f -> f.sitting().startAt() + f.sitting().durationSeconds() * 1000 > now)
                        .min(Comparator.comparingLong(f -> f.sitting().t0()))
                        .or(() -> pinMatches.stream().max(Comparator.comparingLong(f -> f.sitting().t0())));
                if (match.isEmpty()) {
                    attempt.failed();
                    sittings.forEach(id -> wrongPin(id, seatCode, client));
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
        });
    }

    /**
     * Counts a wrong PIN against the sitting, whoever guessed; once more than a room's worth of mistakes come in
     * quick succession, the sitting's audit trail says so, at most once a minute.
     */
    private void wrongPin(String sittingId, String seatCode, String client) {
        throttles.spend(new Throttles.Key(Throttles.Kind.ENROL_SITTING_WRONG, sittingId))
                .compose(left -> left ? Future.succeededFuture(false)
                        : throttles.spend(new Throttles.Key(Throttles.Kind.ENROL_SITTING_ALERT, sittingId)))
                .compose(alert -> {
                    if (!alert) {
                        return Future.succeededFuture();
                    }
                    LOG.warn("sitting {}: many wrong enrolment PINs (latest for seat {} from {})", sittingId, seatCode,
                            client);
                    return audit.record("system", "sitting.pin-guessing", sittingId, seatCode,
                            Map.of("client", client, "seatCode", seatCode)).mapEmpty();
                })
                .onFailure(e -> LOG.debug("counting a wrong PIN for sitting {}: {}", sittingId, e.toString()));
    }

    /**
     * Admits the candidate with this ticket and ID number at the terminal's seat. Wrong ticket/ID pairs are
     * throttled per ticket at this terminal and per terminal: a mistyped ID number at another terminal never locks
     * the candidate out at their own seat, and the right pair costs no try.
     */
    public Future<Admission> login(String terminalToken, String ticket, String idNumber) {
        return tokens.verify(terminalToken, TerminalClaims.class).compose(terminal -> throttles.attempt(List.of(
                        new Throttles.Key(Throttles.Kind.CANDIDATE_TICKET_TERMINAL, terminal.sittingId(), ticket,
                                terminal.seatCode()),
                        new Throttles.Key(Throttles.Kind.CANDIDATE_TERMINAL, terminal.sittingId(),
                                terminal.seatCode())))
                .compose(attempt -> sittingStore.sitting(terminal.sittingId()).compose(enrolled -> {
                    if (enrolled.isEmpty()) {
                        return Future.failedFuture(new ExamException(ErrorType.STALE_TOKEN,
                                "the terminal is enrolled for a sitting that no longer exists; enrol it again"));
                    }
                    return sittingFor(enrolled.get(), terminal.seatCode(), ticket).compose(sitting -> rosterStore
                            .candidate(sitting.get().id(), ticket)
                            .compose(c -> {
                                boolean match = c.isPresent() && MessageDigest.isEqual(
                                        c.get().idNumber().toUpperCase().getBytes(StandardCharsets.UTF_8),
                                        idNumber.toUpperCase().getBytes(StandardCharsets.UTF_8));
                                if (!match) {
                                    attempt.failed();
                                    return Future.failedFuture(new ExamException(ErrorType.BAD_CREDENTIALS,
                                            "the ticket number and ID number do not match a candidate of this "
                                                    + "sitting"));
                                }
                                return admit(sitting.get(), c.get(), terminal);
                            }));
                })));
    }

    /**
     * The sitting a login at this terminal is for: the one it was enrolled to while that is not over; after it, a
     * following sitting of the same day at the same seat code (the same room: theory in the morning, operation in
     * the afternoon) whose roster holds the ticket, so that staff do not enrol every terminal again between the two.
     */
    private Future<Optional<Sitting>> sittingFor(Sitting enrolled, String seatCode, String ticket) {
        long now = now();
        if (now < enrolled.startAt() + enrolled.durationSeconds() * 1000) {
            return Future.succeededFuture(Optional.of(enrolled));
        }
        java.time.LocalDate day = day(enrolled.t0());
        return roomStore.seatsByCode(seatCode, enrolled.t0()).compose(found -> {
            List<Sitting> following = found.stream().map(SeatInSitting::sitting)
                    .filter(s -> !s.id().equals(enrolled.id()) && s.t0() >= enrolled.t0()
                            && now < s.startAt() + s.durationSeconds() * 1000
                            && day(s.t0()).equals(day))
                    .sorted(Comparator.comparingLong(Sitting::t0)).toList();
            return firstWithTicket(following, 0, ticket).map(s -> Optional.of(s.orElse(enrolled)));
        });
    }

    /** The Shanghai day of an instant: sittings are held in Shanghai. */
    private static java.time.LocalDate day(long epochMillis) {
        return java.time.Instant.ofEpochMilli(epochMillis).atZone(cn.examcore.contract.Evaluation.ZONE).toLocalDate();
    }

    private Future<Optional<Sitting>> firstWithTicket(List<Sitting> sittings, int i, String ticket) {
        if (i >= sittings.size()) {
            return Future.succeededFuture(Optional.empty());
        }
        return rosterStore.candidate(sittings.get(i).id(), ticket).compose(c -> c.isPresent()
                ? Future.succeededFuture(Optional.of(sittings.get(i))) : firstWithTicket(sittings, i + 1, ticket));
    }

    private Future<Admission> admit(Sitting sitting, Candidate c, TerminalClaims terminal) {
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
            EventDetail detail = new EventDetail.WrongSeat(c.ticket(), c.seatCode(), terminal.seatCode());
            return events.record(sitting.id(), attemptId, terminal.seatCode(), SeatEvent.Kind.WRONG_SEAT, detail, 0).compose(e -> Future.failedFuture(
                    new ExamException(ErrorType.WRONG_SEAT, "this is not your seat; ask a proctor for your seat")));
        }
        return attempts.get(attemptId).compose(a -> {
            if (a.stateAt(now) == AttemptState.SUBMITTED) {
                return Future.failedFuture(new ExamException(ErrorType.ALREADY_SUBMITTED,
                        "this paper has already been submitted"));
            }
            if (now > a.startAt()) {
                return rulesStore.rules(sitting.id()).compose(rules -> {
                    long closesAt = rules.lateEntryClosesAt(a.startAt());
                    if (now <= closesAt) {
                        return admitted(sitting, c, terminal, attemptId, a.startAt());
                    }
                    return lateEntry(sitting, c, terminal, attemptId, closesAt);
                });
            }
            return admitted(sitting, c, terminal, attemptId, a.startAt());
        });
    }

    /**
     * 迟到: past the cutoff only a candidate who has logged in before (a terminal swap, a crashed browser) comes
     * back in; anyone else is refused and the seat is recorded absent, once per try so the proctor sees each.
     */
    private Future<Admission> lateEntry(Sitting sitting, Candidate c, TerminalClaims terminal, String attemptId,
                                        long closedAt) {
        return events.forAttempt(attemptId).compose(history -> {
            if (history.stream().anyMatch(e -> e.kind() == SeatEvent.Kind.LOGIN)) {
                return attempts.get(attemptId).compose(a -> admitted(sitting, c, terminal, attemptId, a.startAt()));
            }
            String at = CLOCK_TIME.format(Instant.ofEpochMilli(closedAt));
            return events.record(sitting.id(), attemptId, terminal.seatCode(), SeatEvent.Kind.LATE_ENTRY_REFUSED,
                            new EventDetail.LateEntryRefused(c.ticket(), closedAt), 0)
                    .compose(e -> Future.failedFuture(new ExamException(ErrorType.LATE_ENTRY_CLOSED,
                            "late entry closed at " + at + "; you are recorded absent from this sitting",
                            Map.of("lateEntryClosedAt", closedAt))));
        });
    }

    private Future<Admission> admitted(Sitting sitting, Candidate c, TerminalClaims terminal, String attemptId,
                                       long startAt) {
        String token = tokens.issueCandidate(attemptId, terminal.seatCode(), c.ticket(), CANDIDATE_TTL);
        return rulesStore.rules(sitting.id()).compose(rules -> {
            Admission admission = new Admission(token, attemptId, new Person(c.name(), c.ticket()),
                    new SittingInfo(sitting.id(), sitting.title(), sitting.occupation(), sitting.level(),
                            sitting.subject().name(), startAt, sitting.durationSeconds(), sitting.checkInOpensAt(),
                            rules.rulesVersion()),
                    now(), socketUrls);
            return events.record(sitting.id(), attemptId, terminal.seatCode(), SeatEvent.Kind.LOGIN,
                    EventDetail.NoFacts.NONE, 0).map(admission);
        });
    }
}
