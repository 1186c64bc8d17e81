package cn.examcore.server.conduct;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.Severity;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.domain.Application;
import cn.examcore.server.conduct.domain.BanLift;
import cn.examcore.server.conduct.domain.CandidateIdentity;
import cn.examcore.server.conduct.domain.Certificate;
import cn.examcore.server.conduct.domain.Decision;
import cn.examcore.server.conduct.domain.DecisionException;
import cn.examcore.server.conduct.domain.EligibilityCheck;
import cn.examcore.server.conduct.domain.FlagRef;
import cn.examcore.server.conduct.domain.InMemoryBanRegistry;
import cn.examcore.server.conduct.domain.Outcome;
import cn.examcore.server.conduct.domain.RecordedDecision;
import cn.examcore.server.conduct.domain.ResultAdjustment;
import cn.examcore.server.conduct.domain.Sanction;
import cn.examcore.server.conduct.domain.SanctionPolicy;
import cn.examcore.server.conduct.domain.SittingSubject;
import cn.examcore.server.conduct.store.CertificateStore;
import cn.examcore.server.conduct.store.DecisionStore;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.events.EventService;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.results.ResultLine;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.roster.IdentityNumbers;
import cn.examcore.server.sitting.store.SetupStore;
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
 * (computed here, on the server, by {@link SanctionPolicy}), the ban it imposes, an audit record and a
 * {@code DECISION_RECORDED} seat event so every console sees it. Everything is checked before anything is stored.
 */
public final class DecisionService {

    /** Longest reason, flag id and evidence list accepted. */
    public static final int MAX_REASON_CHARS = 2000;
    public static final int MAX_FLAG_ID_CHARS = 400;
    public static final int MAX_EVIDENCE = 200;

    /** A similarity reference names its category first: {@code C5:att-1+att-2}. */
    private static final Pattern SIMILARITY_REF = Pattern.compile("^[ABC][1-7]:.+");

    private final SetupStore setup;
    private final DecisionStore store;
    private final EventService events;
    private final AuditLog audit;
    private final SanctionPolicy policy;
    private final LongSupplier clock;
    private final CertificateStore certificates;

    public DecisionService(SetupStore setup, DecisionStore store, CertificateStore certificates, EventService events,
                           AuditLog audit, SanctionPolicy policy, LongSupplier clock) {
        this.setup = setup;
        this.store = store;
        this.certificates = certificates;
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

    /** The sitting's decisions in the order taken, only those about seats {@code visibleSeat} accepts. */
    public Future<List<RecordedDecision>> decisions(String sittingId, Predicate<String> visibleSeat) {
        return setup.sitting(sittingId).compose(s -> s.isEmpty()
                ? Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SITTING, "sittingId",
                "no sitting " + sittingId))
                : store.decisions(sittingId).map(list -> list.stream()
                .filter(d -> visibleSeat.test(d.seatCode())).toList()));
    }

    /**
     * 成绩取消: every confirmed decision that cancels this sitting's score, by the person's identity number. A
     * decision of this sitting cancels it when its sanction covers the sitting's subject; a decision cancelling
     * ALL_SUBJECTS in a sibling sitting (the other subject of the same evaluation: same occupation, level and
     * Shanghai sitting date) cancels it too. Original scores are never touched; this only says why they no longer
     * count.
     */
    public Future<Map<String, List<ResultAdjustment.Cancellation>>> cancellations(Sitting sitting) {
        LocalDate day = SanctionPolicy.dateOf(Instant.ofEpochMilli(sitting.t0()));
        return setup.sittings().compose(all -> {
            List<Sitting> siblings = all.stream().filter(o -> !o.id().equals(sitting.id())
                    && o.occupation().equals(sitting.occupation()) && o.level() == sitting.level()
                    && SanctionPolicy.dateOf(Instant.ofEpochMilli(o.t0())).equals(day)).toList();
            List<Future<List<RecordedDecision>>> reads = new java.util.ArrayList<>();
            reads.add(store.decisions(sitting.id()));
            siblings.forEach(o -> reads.add(store.decisions(o.id())));
            return Future.all(reads).map(done -> {
                Map<String, List<ResultAdjustment.Cancellation>> out = new LinkedHashMap<>();
                for (int i = 0; i < reads.size(); i++) {
                    List<RecordedDecision> list = done.resultAt(i);
                    for (RecordedDecision r : list) {
                        if (r.sanction().isEmpty()) {
                            continue;
                        }
                        Sanction s = r.sanction().get();
                        boolean own = s.sittingId().equals(sitting.id());
                        if (own ? !s.cancels(sitting.subject().name()) : s.scope() != Sanction.Scope.ALL_SUBJECTS) {
                            continue;
                        }
                        out.computeIfAbsent(s.idNumber(), k -> new java.util.ArrayList<>())
                                .add(new ResultAdjustment.Cancellation(s.decisionId(), s.category(),
                                        s.category() + " " + s.category().noticeText(), s.scoresInvalid()));
                    }
                }
                return out;
            });
        });
    }

    /**
     * 颁发证书: issues a certificate to every candidate of the finished sitting whose result passed and is not
     * cancelled ({@code cancelled} as {@link #cancellations} gives it), except those who already hold one from it.
     *
     * @return the certificates issued by this call (none twice); a failed future with a 409 naming the open
     *         attempts when the sitting is not finished; nothing is issued then
     */
    public Future<List<Certificate>> issueCertificates(Sitting sitting, List<ResultLine> lines,
                                                       Map<String, List<ResultAdjustment.Cancellation>> cancelled,
                                                       String by) {
        long now = clock.getAsLong();
        boolean scheduledEndPassed = now >= sitting.startAt() + sitting.durationSeconds() * 1000L;
        // An open attempt may still change its result; a candidate with no attempt yet may still log in until
        // the scheduled end.
        List<String> open = lines.stream().filter(l -> l.state() != null ? l.state().open() : !scheduledEndPassed)
                .map(l -> l.candidate().ticket()).toList();
        if (!open.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("field", "sittingId");
            details.put("openTickets", open);
            return Future.failedFuture(new ExamException(ErrorType.CONFLICT, "sitting " + sitting.id()
                    + " is not finished: " + open.size() + " attempt(s) still open (e.g. ticket " + open.get(0)
                    + "); certificates are issued only from frozen results", details));
        }
        LocalDate day = SanctionPolicy.dateOf(Instant.ofEpochMilli(sitting.t0()));
        List<Certificate> due = new java.util.ArrayList<>();
        for (ResultLine l : lines) {
            Optional<Result> r = l.attendedResult();
            String idNumber = IdentityNumbers.normalise(l.candidate().idNumber());
            if (r.isEmpty() || r.get().pendingMarking() || !Boolean.TRUE.equals(r.get().passed())
                    || !cancelled.getOrDefault(idNumber, List.of()).isEmpty()) {
                continue;
            }
            due.add(new Certificate(Certificate.numberOf(sitting.id(), l.candidate().ticket()), sitting.id(),
                    l.candidate().ticket(), idNumber, l.candidate().name(), sitting.occupation(), sitting.level(),
                    sitting.subject().name(), day, by, now, Certificate.Status.ISSUED, null, null));
        }
        return certificates.issue(due).compose(issued -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("issued", issued.stream().map(Certificate::number).toList());
            detail.put("alreadyIssued", due.size() - issued.size());
            return audit.record(by, "certificates.issue", sitting.id(), null, detail).map(issued);
        });
    }

    /** Certificates of a person and/or a sitting, each with its status. */
    public Future<List<Certificate>> certificates(String idNumber, String sittingId) {
        return certificates.certificates(idNumber, sittingId);
    }

    /** For each decision of the sitting that revoked certificates, the certificate numbers it revoked. */
    public Future<Map<String, List<String>>> revokedCertificates(String sittingId) {
        return certificates.revokedBy(sittingId);
    }

    /**
     * 禁考核查 for a roster: for each identity number, in order, null when the person may sit, else why not
     * (naming every ban that runs on the sitting date or today, with its decision). Bans follow the person, so
     * the occupation and level of the sitting do not matter.
     */
    public Future<List<String>> eligibility(Sitting sitting, List<String> idNumbers) {
        List<String> normalised = idNumbers.stream().map(IdentityNumbers::normalise).toList();
        LocalDate sittingDay = SanctionPolicy.dateOf(Instant.ofEpochMilli(sitting.t0()));
        LocalDate today = SanctionPolicy.dateOf(Instant.ofEpochMilli(clock.getAsLong()));
        return store.bansOf(new HashSet<>(normalised)).map(bans -> {
            InMemoryBanRegistry registry = new InMemoryBanRegistry();
            for (DecisionStore.BanOnRecord b : bans) {
                registry.record(b.ban());
                if (b.lifted()) {
                    registry.lift(b.lift());
                }
            }
            EligibilityCheck check = new EligibilityCheck(registry);
            List<String> out = new java.util.ArrayList<>(normalised.size());
            for (String id : normalised) {
                String why = null;
                if (IdentityNumbers.problem(id).isEmpty()) {
                    for (LocalDate day : today.isBefore(sittingDay) ? List.of(today, sittingDay) : List.of(sittingDay)) {
                        EligibilityCheck.Result r = check.check(new Application(id, sitting.occupation(),
                                Math.max(1, Math.min(5, sitting.level())), day));
                        if (!r.eligible()) {
                            why = r.reason();
                            break;
                        }
                    }
                }
                out.add(why);
            }
            return out;
        });
    }

    /** Every ban on record, or one person's, each with its lift once lifted. */
    public Future<List<DecisionStore.BanOnRecord>> bans(String idNumber) {
        return store.bans(idNumber);
    }

    /**
     * 解除禁考: lifts the ban of decision {@code decisionId} (the ban stays on record beside its lift), audited as
     * {@code ban.lift} in the decision's sitting.
     *
     * @return the ban with its lift; a failed future naming the field at fault: {@code reason} missing or too
     *         long (400), no ban of that decision (404, {@code decisionId}), already lifted (409 with who lifted
     *         it, when and why); nothing is stored then
     */
    public Future<DecisionStore.BanOnRecord> liftBan(String decisionId, String reason, String by) {
        BanLift lift;
        try {
            String why = text(reason, "reason", MAX_REASON_CHARS, true);
            String id = text(decisionId, "decisionId", 64, true);
            lift = new BanLift(id, by, Instant.ofEpochMilli(clock.getAsLong()), why);
        } catch (ExamException e) {
            return Future.failedFuture(e);
        }
        return store.liftBan(lift)
                .recover(e -> Future.failedFuture(e instanceof DecisionStore.NoSuchBan
                        ? ExamException.field(ErrorType.NOT_FOUND, "decisionId", e.getMessage())
                        : e instanceof DecisionStore.AlreadyLifted a ? alreadyLifted(a.existing()) : e))
                .compose(lifted -> audit.record(by, "ban.lift", lifted.sittingId(), lift.decisionId(),
                        Map.of("decisionId", lift.decisionId(), "reason", lift.why())).map(lifted.ban()));
    }

    private static ExamException alreadyLifted(BanLift earlier) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", "decisionId");
        details.put("decisionId", earlier.decisionId());
        details.put("liftedBy", earlier.by());
        details.put("liftedAt", earlier.at().toEpochMilli());
        details.put("reason", earlier.why());
        return new ExamException(ErrorType.CONFLICT, "the ban of decision " + earlier.decisionId()
                + " was already lifted by " + earlier.by() + " at " + earlier.at() + " (" + earlier.why() + ")",
                details);
    }

    private record Checked(String attemptId, MisconductCode category, Severity severity, Outcome outcome,
                           FlagRef flag, List<String> evidence, String reason) {
    }

    private static Checked checked(DecisionRequest r) {
        String attemptId = text(r.attemptId(), "attemptId", 64, true);
        String categoryText = text(r.category(), "category", 2, true);
        MisconductCode category = MisconductCode.parse(categoryText).orElseThrow(() -> ExamException.field(
                ErrorType.BAD_REQUEST, "category", "unknown category " + categoryText + " (A1…A4, B1…B5, C1…C7)"));
        Severity severity = null;
        String severityText = text(r.severity(), "severity", 10, false);
        if (severityText != null) {
            try {
                severity = Severity.valueOf(severityText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "severity", "severity must be MINOR, SERIOUS or"
                        + " null, was " + severityText);
            }
        }
        String outcomeText = text(r.outcome(), "outcome", 10, true);
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(outcomeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "outcome", "outcome must be CONFIRMED or DISMISSED, was "
                    + outcomeText);
        }
        String flagId = text(r.flagId(), "flagId", MAX_FLAG_ID_CHARS, false);
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

    private static String text(String value, String field, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " is required");
            }
            return null;
        }
        String s = value.strip();
        if (s.length() > max) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " must be at most " + max + " characters");
        }
        return s;
    }

    /** The domain names fields {@code decision.severity}; the wire names them as the body does. */
    static String wireField(String domainField) {
        return domainField.startsWith("decision.") ? domainField.substring("decision.".length()) : domainField;
    }

    private record Target(Sitting sitting, Candidate candidate, Seat seat) {
    }

    private Future<Target> target(String sittingId, String attemptId) {
        return setup.sitting(sittingId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SITTING, "sittingId",
                        "no sitting " + sittingId));
            }
            Sitting sitting = found.get();
            return Future.all(setup.candidates(sittingId), setup.seats(sittingId)).compose(all -> {
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
                SeatEvent.Source.SERVER, SeatEvent.ServerKind.DECISION_RECORDED.name(), withoutNulls(detail), 0);
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
