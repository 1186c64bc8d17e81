package cn.examcore.server.conduct;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.Severity;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.domain.CandidateIdentity;
import cn.examcore.server.conduct.domain.Decision;
import cn.examcore.server.conduct.domain.DecisionException;
import cn.examcore.server.conduct.domain.FlagRef;
import cn.examcore.server.conduct.domain.Outcome;
import cn.examcore.server.conduct.domain.RecordedDecision;
import cn.examcore.server.conduct.domain.Sanction;
import cn.examcore.server.conduct.domain.SanctionPolicy;
import cn.examcore.server.conduct.domain.SittingSubject;
import cn.examcore.server.conduct.store.DecisionStore;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.events.EventService;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * 审核决定: records a reviewer's decision on a flag or a finding, with the sanction the notices' table gives it
 * (computed here, on the server, by {@link SanctionPolicy}), the ban it imposes (stored with it, read through
 * {@link BanService}), an audit record and a {@code DECISION_RECORDED} seat event so every console sees it.
 * Everything is checked before anything is stored. The sanction reaches results through {@link ResultAdjustments}.
 */
public final class DecisionService {

    /** Longest reason, flag id and evidence list accepted. */
    public static final int MAX_REASON_CHARS = Fields.MAX_REASON_CHARS;
    public static final int MAX_FLAG_ID_CHARS = 400;
    public static final int MAX_EVIDENCE = 200;

    /** A similarity reference names its category first: {@code C5:att-1+att-2}. */
    private static final Pattern SIMILARITY_REF = Pattern.compile("^[ABC][1-7]:.+");

    private final SittingStore sittingStore;

    private final RoomStore roomStore;

    private final RosterStore rosterStore;
    private final DecisionStore store;
    private final EventService events;
    private final AuditLog audit;
    private final SanctionPolicy policy;
    private final LongSupplier clock;

    public DecisionService(SittingStore sittingStore, RoomStore roomStore, RosterStore rosterStore,
                           DecisionStore store, EventService events, AuditLog audit,
                           SanctionPolicy policy, LongSupplier clock) {
        this.sittingStore = sittingStore;
        this.roomStore = roomStore;
        this.rosterStore = rosterStore;
        this.store = store;
        this.events = events;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Checks and records a decision, after {@code mayAccessRoom} allowed the room of the attempt's seat.
     *
     * @return the recorded decision; a failed future with an {@link ExamException} naming the field at fault
     *         (400), the missing sitting or attempt (404), a forbidden room (403) or the earlier decision on the
     *         same flag (409, naming who decided and when); nothing is stored then
     */
    public Future<RecordedDecision> decide(DecisionRequest request, Predicate<String> mayAccessRoom) {
        Checked in;
        try {
            in = checked(request);
        } catch (ExamException e) {
            return Future.failedFuture(e);
        }
        return target(request.sittingId(), in.attemptId).compose(t -> {
            if (!mayAccessRoom.test(t.seat.roomId())) {
                return Future.failedFuture(new ExamException(ErrorType.FORBIDDEN,
                        "you may not decide on attempts in the room of seat " + t.seat.code()));
            }
            return events.forAttempt(in.attemptId).compose(attemptEvents -> {
                Set<String> known = new HashSet<>();
                attemptEvents.forEach(e -> known.add(e.id()));
                for (int i = 0; i < in.evidence.size(); i++) {
                    if (!known.contains(in.evidence.get(i))) {
                        return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "evidence[" + i + "]",
                                "event " + in.evidence.get(i) + " is not a recorded event of attempt "
                                        + in.attemptId));
                    }
                }
                RecordedDecision recorded;
                try {
                    recorded = build(request, in, t);
                } catch (DecisionException e) {
                    return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, wireField(e.field()),
                            e.getMessage()));
                }
                return store.record(recorded)
                        .recover(e -> Future.failedFuture(e instanceof DecisionStore.DecisionConflict c
                                ? conflict(c.existing()) : e))
                        .compose(v -> announce(recorded))
                        .map(recorded);
            });
        });
    }

    /**
     * 复议: revises a decision on appeal. The revised decision stays on record unchanged; the revision is a decision of
     * its own (who, when, why, the new outcome, and the sanction the table gives it) naming the one it revises, and
     * from then on applies in its place: a dismissal restores the results the sanction cancelled and lifts its ban
     * (a certificate may then be issued if the level passes), a confirmation imposes its sanction and revokes the
     * evaluation's certificate. Taken by an administrator or the sitting's chief proctor (a proctor whose rooms are
     * every room of the sitting), never by whoever took the revised decision. Audited {@code decision.revise}.
     *
     * @param mayAccessRoom which rooms the reviser may act on
     * @return the revision; a failed future naming the field at fault (400), the unknown sitting or decision (404),
     *         a reviser without the sitting's every room or the revised decision's author (403), or the revision
     *         already on record (409); nothing is stored then
     */
    public Future<RecordedDecision> revise(RevisionRequest request, Predicate<String> mayAccessRoom) {
        String decisionId;
        Outcome outcome;
        String reason;
        try {
            decisionId = Fields.text(request.decisionId(), "decisionId", 64, true);
            String outcomeText = Fields.text(request.outcome(), "outcome", 10, true);
            try {
                outcome = Outcome.valueOf(outcomeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "outcome", "outcome must be CONFIRMED or DISMISSED,"
                        + " was " + outcomeText, "复议结论须为认定违纪或不予认定");
            }
            reason = Fields.text(request.reason(), "reason", MAX_REASON_CHARS, true);
            if (request.by() == null || request.by().isBlank()) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "by", "by is required");
            }
        } catch (ExamException e) {
            return Future.failedFuture(e);
        }
        String sittingId = request.sittingId();
        return sittingStore.sitting(sittingId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SITTING, "sittingId",
                        "no sitting " + sittingId));
            }
            return Future.all(roomStore.rooms(sittingId), store.decisions(sittingId));
        }).compose(both -> {
            List<Room> rooms = both.resultAt(0);
            List<RecordedDecision> taken = both.resultAt(1);
            List<String> outside = rooms.stream().map(Room::id)
                    .filter(r -> !mayAccessRoom.test(r)).toList();
            if (!outside.isEmpty()) {
                return Future.failedFuture(new ExamException(ErrorType.FORBIDDEN, "an appeal is decided by an"
                        + " administrator or the sitting's chief proctor; your rooms do not include " + outside,
                        Map.of("messageZh", "复议须由管理员或本场次主考决定；您负责的考场不包括 " + outside)));
            }
            Optional<RecordedDecision> revised = taken.stream().filter(d -> d.decision().id().equals(decisionId))
                    .findFirst();
            if (revised.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "decisionId", "no decision "
                        + decisionId + " in sitting " + sittingId, "本场次没有决定 " + decisionId));
            }
            Optional<RecordedDecision> later = taken.stream().filter(d -> decisionId.equals(d.revises())).findFirst();
            if (later.isPresent()) {
                return Future.failedFuture(alreadyRevised(later.get()));
            }
            RecordedDecision original = revised.get();
            if (original.decision().by().equals(request.by().strip())) {
                return Future.failedFuture(new ExamException(ErrorType.FORBIDDEN, "decision " + decisionId
                        + " was taken by you; an appeal against it is decided by someone else",
                        Map.of("messageZh", "原决定由您作出，复议须由他人决定")));
            }
            RecordedDecision revision;
            try {
                revision = revision(original, outcome, request, reason);
            } catch (ExamException e) {
                return Future.failedFuture(e);
            } catch (DecisionException e) {
                return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, wireField(e.field()),
                        e.getMessage()));
            }
            return store.record(revision)
                    .recover(e -> Future.failedFuture(e instanceof DecisionStore.AlreadyRevised a
                            ? alreadyRevised(a.revision()) : e instanceof DecisionStore.NoSuchDecision
                            ? ExamException.field(ErrorType.NOT_FOUND, "decisionId", e.getMessage()) : e))
                    .compose(v -> auditRevision(original, revision))
                    .map(revision);
        });
    }

    private RecordedDecision revision(RecordedDecision original, Outcome outcome, RevisionRequest request,
                                      String reason) {
        Decision o = original.decision();
        MisconductCode category = o.category();
        String categoryText = Fields.text(request.category(), "category", 2, false);
        if (categoryText != null) {
            category = MisconductCode.parse(categoryText).orElseThrow(() -> ExamException.field(
                    ErrorType.BAD_REQUEST, "category", "unknown category " + categoryText + " (A1…A4, B1…B5, C1…C7)",
                    "没有违纪类别 " + categoryText + "（A1…A4、B1…B5、C1…C7）"));
        }
        Severity severity = category == o.category() ? o.severity() : null;
        String severityText = Fields.text(request.severity(), "severity", 10, false);
        if (severityText != null) {
            try {
                severity = Severity.valueOf(severityText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "severity", "severity must be MINOR, SERIOUS or"
                        + " null, was " + severityText, "情节须为较轻或严重");
            }
        }
        if (category.tier() != MisconductCode.Tier.C) {
            // A tier-C severity kept from the revised decision does not carry over to a tier-A or B category.
            severity = severityText == null ? null : severity;
        }
        Decision d = new Decision(UUID.randomUUID().toString(), request.by().strip(),
                Instant.ofEpochMilli(clock.getAsLong()), null, category, severity, o.candidate(), o.sitting(),
                o.evidence(), reason, o.afterSitting(), outcome);
        Optional<Sanction> sanction = d.confirmed() ? Optional.of(policy.sanctionFor(d)) : Optional.empty();
        return new RecordedDecision(d, original.attemptId(), original.seatCode(), sanction, o.id());
    }

    private static ExamException alreadyRevised(RecordedDecision revision) {
        Decision d = revision.decision();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", "decisionId");
        details.put("revisionId", d.id());
        details.put("revisedBy", d.by());
        details.put("revisedAt", d.at().toEpochMilli());
        details.put("messageZh", "该决定已由 " + d.by() + " 复议（复议决定 " + d.id() + "）；再次复议请针对该复议决定");
        return new ExamException(ErrorType.CONFLICT, "decision " + revision.revises() + " was already revised by "
                + d.by() + " at " + d.at() + " (decision " + d.id() + "); a further appeal revises that decision",
                details);
    }

    private Future<Void> auditRevision(RecordedDecision original, RecordedDecision revision) {
        Decision d = revision.decision();
        Decision o = original.decision();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("decisionId", d.id());
        detail.put("revises", o.id());
        detail.put("attemptId", revision.attemptId());
        detail.put("before", o.outcome().name() + " " + o.category()
                + (o.severity() == null ? "" : " " + o.severity()));
        detail.put("after", d.outcome().name() + " " + d.category()
                + (d.severity() == null ? "" : " " + d.severity()));
        detail.put("reason", d.reason());
        revision.sanction().ifPresent(s -> detail.put("cancels", s.scope().name()));
        // A DECISION_RECORDED seat event as for any decision, so the consoles watching the seat see the revision.
        SeatEvent event = events.draft(d.sitting().sittingId(), revision.attemptId(), revision.seatCode(),
                SeatEvent.Kind.DECISION_RECORDED, new EventDetail.DecisionRecorded(d.id(), d.category(),
                        d.outcome().name(), null, d.by()), 0);
        detail.put("eventId", event.id());
        return Future.all(events.recordAll(List.of(event)), audit.record(d.by(), "decision.revise",
                d.sitting().sittingId(), revision.seatCode(), detail)).mapEmpty();
    }

    /** The sitting's decisions in the order taken, only those about seats {@code visibleSeat} accepts. */
    public Future<List<RecordedDecision>> decisions(String sittingId, Predicate<String> visibleSeat) {
        return sittingStore.sitting(sittingId).compose(s -> s.isEmpty()
                ? Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SITTING, "sittingId",
                "no sitting " + sittingId))
                : store.decisions(sittingId).map(list -> list.stream()
                .filter(d -> visibleSeat.test(d.seatCode())).toList()));
    }

    private record Checked(String attemptId, MisconductCode category, Severity severity, Outcome outcome,
                           FlagRef flag, List<String> evidence, String reason) {
    }

    private static Checked checked(DecisionRequest r) {
        String attemptId = Fields.text(r.attemptId(), "attemptId", 64, true);
        String categoryText = Fields.text(r.category(), "category", 2, true);
        MisconductCode category = MisconductCode.parse(categoryText).orElseThrow(() -> ExamException.field(
                ErrorType.BAD_REQUEST, "category", "unknown category " + categoryText + " (A1…A4, B1…B5, C1…C7)",
                    "没有违纪类别 " + categoryText + "（A1…A4、B1…B5、C1…C7）"));
        Severity severity = null;
        String severityText = Fields.text(r.severity(), "severity", 10, false);
        if (severityText != null) {
            try {
                severity = Severity.valueOf(severityText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "severity", "severity must be MINOR, SERIOUS or"
                        + " null, was " + severityText, "情节须为较轻或严重");
            }
        }
        String outcomeText = Fields.text(r.outcome(), "outcome", 10, true);
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(outcomeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "outcome", "outcome must be CONFIRMED or DISMISSED, was "
                    + outcomeText);
        }
        String flagId = Fields.text(r.flagId(), "flagId", MAX_FLAG_ID_CHARS, false);
        FlagRef flag = flagId == null ? null : new FlagRef(SIMILARITY_REF.matcher(flagId).matches()
                ? FlagRef.Source.SIMILARITY : FlagRef.Source.RULES, flagId);
        List<String> evidence = r.evidence() == null ? List.of() : r.evidence();
        if (evidence.size() > MAX_EVIDENCE) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "evidence", "at most " + MAX_EVIDENCE
                    + " evidence events, got " + evidence.size());
        }
        String reason = r.reason() == null ? "" : r.reason().strip();
        if (reason.length() > MAX_REASON_CHARS) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "reason", "reason must be at most " + MAX_REASON_CHARS
                    + " characters");
        }
        if (r.by() == null || r.by().isBlank()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "by", "by is required");
        }
        return new Checked(attemptId, category, severity, outcome, flag, evidence, reason);
    }

    /** The domain names fields {@code decision.severity}; the wire names them as the body does. */
    static String wireField(String domainField) {
        return domainField.startsWith("decision.") ? domainField.substring("decision.".length()) : domainField;
    }

    private record Target(Sitting sitting, Candidate candidate, Seat seat) {
    }

    private Future<Target> target(String sittingId, String attemptId) {
        return sittingStore.sitting(sittingId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SITTING, "sittingId",
                        "no sitting " + sittingId));
            }
            Sitting sitting = found.get();
            return Future.all(rosterStore.candidates(sittingId), roomStore.seats(sittingId)).compose(all -> {
                List<Candidate> candidates = all.resultAt(0);
                List<Seat> seats = all.resultAt(1);
                Optional<Candidate> candidate = candidates.stream()
                        .filter(c -> c.subjects().contains(sitting.subject()) && PaperService.attemptId(sittingId,
                                c.ticket(), sitting.subject().name()).equals(attemptId))
                        .findFirst();
                if (candidate.isEmpty()) {
                    return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "attemptId",
                            "no attempt " + attemptId + " in sitting " + sittingId));
                }
                Optional<Seat> seat = seats.stream().filter(s -> s.code().equals(candidate.get().seatCode()))
                        .findFirst();
                if (seat.isEmpty()) {
                    return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SEAT, "attemptId",
                            "the seat of attempt " + attemptId + " is not in the sitting"));
                }
                return Future.succeededFuture(new Target(sitting, candidate.get(), seat.get()));
            });
        });
    }

    private RecordedDecision build(DecisionRequest request, Checked in, Target t) {
        Instant at = Instant.ofEpochMilli(clock.getAsLong());
        LocalDate sittingDate = SanctionPolicy.dateOf(Instant.ofEpochMilli(t.sitting.t0()));
        Candidate c = t.candidate;
        Decision decision = new Decision(UUID.randomUUID().toString(), request.by().strip(), at, in.flag,
                in.category, in.severity, new CandidateIdentity(c.idNumber(), c.name(), c.ticket()),
                new SittingSubject(t.sitting.id(), t.sitting.subject().name(), sittingDate), in.evidence,
                in.reason, request.afterSitting(), in.outcome);
        Optional<Sanction> sanction = decision.confirmed() ? Optional.of(policy.sanctionFor(decision))
                : Optional.empty();
        return new RecordedDecision(decision, in.attemptId, c.seatCode(), sanction);
    }

    private static ExamException conflict(RecordedDecision earlier) {
        Decision d = earlier.decision();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", "flagId");
        details.put("decisionId", d.id());
        details.put("decidedBy", d.by());
        details.put("decidedAt", d.at().toEpochMilli());
        details.put("outcome", d.outcome().name());
        return new ExamException(ErrorType.CONFLICT, "flag " + d.flag().id() + " was already decided ("
                + d.outcome() + ") by " + d.by() + " at " + d.at() + "; a decision is never replaced here", details);
    }

    private Future<Void> announce(RecordedDecision recorded) {
        Decision d = recorded.decision();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("decisionId", d.id());
        detail.put("category", d.category().name());
        detail.put("outcome", d.outcome().name());
        detail.put("flagId", d.flag() == null ? null : d.flag().id());
        detail.put("by", d.by());
        SeatEvent event = events.draft(d.sitting().sittingId(), recorded.attemptId(), recorded.seatCode(),
                SeatEvent.Kind.DECISION_RECORDED, new EventDetail.DecisionRecorded(d.id(), d.category(),
                        d.outcome().name(), d.flag() == null ? null : d.flag().id(), d.by()), 0);
        Map<String, Object> auditDetail = new LinkedHashMap<>(detail);
        auditDetail.put("attemptId", recorded.attemptId());
        auditDetail.put("severity", d.severity() == null ? null : d.severity().name());
        auditDetail.put("evidence", d.evidence());
        auditDetail.put("reason", d.reason());
        auditDetail.put("afterSitting", d.afterSitting());
        auditDetail.put("eventId", event.id());
        recorded.sanction().ifPresent(s -> auditDetail.put("cancels", s.scope().name()));
        return Future.all(events.recordAll(List.of(event)), audit.record(d.by(), "decision.record",
                d.sitting().sittingId(), recorded.seatCode(), withoutNulls(auditDetail))).mapEmpty();
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        m.values().removeIf(v -> v == null);
        return m;
    }
}
