package cn.examcore.server.attempt;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.scoring.ItemScore;
import cn.examcore.bank.scoring.Scorer;
import cn.examcore.contract.Receipt;
import cn.examcore.contract.ErrorType;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatMessage;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.AttemptRejected;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.Receipts;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.attempt.store.AttemptChange;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.events.EventService;
import cn.examcore.server.mgmt.ExamMetrics;
import cn.examcore.server.mgmt.PendingWork;
import cn.examcore.server.paper.PaperService.LoadedPaper;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.results.store.ResultStore;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingRulesStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 交卷与评分: freezes attempts (the candidate's submit or the deadline), scores the objective items with the
 * question-bank rules and stores the result. Both paths go through the attempt's entry processor, which freezes
 * only once, so a double auto-submit or a submit racing the deadline scores exactly once.
 */
public final class SubmissionService {

    /** How many attempts one deadline batch freezes, scores and stores together. */
    static final int BATCH = 500;
    /** The pause before the second try of storing a frozen attempt's result or event; it doubles up to the next. */
    static final long RESULT_FIRST_PAUSE_MILLIS = 500;
    /** The longest pause between two tries: a database back after an outage is used within this time. */
    static final long RESULT_MAX_PAUSE_MILLIS = 30_000;
    /** Sittings whose missing results the recovery looks for: those of the last three days. */
    static final long RECOVERY_WINDOW_MILLIS = 3L * 24 * 3600 * 1000;
    /** Attempts one recovery round takes at most (the oldest first; the next round takes the rest). */
    static final int RECOVERY_BATCH = 500;
    /** Tries logged one by one; after these, one in ten (an outage of minutes logs a line every few minutes). */
    private static final int LOGGED_TRIES = 6;
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionService.class);

    private final Vertx vertx;
    private final SeatPush seats;
    private final AttemptStore attempts;
    private final PaperService papers;
    private final SittingStore sittingStore;
    private final RosterStore rosterStore;
    private final SittingRulesStore rulesStore;
    private final ResultStore resultStore;
    private final EventService events;
    private final ExamMetrics metrics;
    private final PendingWork pending;
    private final LongSupplier clock;
    private final Receipts receipts;

    public SubmissionService(Vertx vertx, SeatPush seats, AttemptStore attempts, PaperService papers,
                             SittingStore sittingStore, RosterStore rosterStore, SittingRulesStore rulesStore,
                             ResultStore resultStore, EventService events, ExamMetrics metrics, LongSupplier clock,
                             Receipts receipts) {
        this.vertx = vertx;
        this.seats = seats;
        this.attempts = attempts;
        this.papers = papers;
        this.sittingStore = sittingStore;
        this.rosterStore = rosterStore;
        this.rulesStore = rulesStore;
        this.resultStore = resultStore;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.receipts = receipts;
        this.pending = metrics.pendingResults(clock);
    }

    /**
     * The candidate's submission with the page's final vector and digest; {@code TOO_EARLY} (with
     * {@code details.submitFrom}) before the sitting's earliest submission, and then nothing changes.
     */
    public Future<Receipt> submit(String attemptId, List<Answer> answers, String pageDigest) {
        return attempts.get(attemptId).compose(before -> rulesStore.rules(before.sittingId())
                .compose(rules -> {
                    long now = clock.getAsLong();
                    long from = rules.submitOpensAt(before.startAt());
                    if (now < from && before.stateAt(now) != AttemptState.SUBMITTED) {
                        return Future.failedFuture(new ExamException(ErrorType.TOO_EARLY, "submission opens "
                                + rules.earliestSubmitMinutes() + " minutes after the start",
                                Map.of("submitFrom", from)));
                    }
                    return frozen(attemptId, answers, pageDigest);
                }));
    }

    /**
     * 重新开放: the submitted attempt continues with its answers and its result is withdrawn; the next submission
     * scores it again.
     */
    public Future<Attempt> reopen(String attemptId, long now) {
        return attempts.reopen(attemptId, now)
                .compose(change -> resultStore.withdrawResult(attemptId).map(change.attempt()));
    }

    /** The signed receipt of a frozen attempt, rebuilt (a later hello, an administrator's dispute export). */
    public Receipt receipt(Attempt frozen) {
        return receipts.of(frozen, null);
    }

    /** The signed receipt of a submitted attempt for an administrator; {@code CONFLICT} before its submission. */
    public Future<Receipt> receiptOf(String attemptId) {
        return attempts.get(attemptId).compose(a -> a.state() != AttemptState.SUBMITTED
                ? Future.failedFuture(new ExamException(ErrorType.CONFLICT, "attempt " + attemptId
                        + " is not submitted; it has no receipt yet"))
                : Future.succeededFuture(receipt(a)));
    }

    public Receipts receipts() {
        return receipts;
    }

    /** The earliest moment the attempt's candidate may submit (its start when the sitting has no such rule). */
    public Future<Long> submitFrom(Attempt a) {
        return rulesStore.rules(a.sittingId()).map(rules -> rules.submitOpensAt(a.startAt()));
    }

    private Future<Receipt> frozen(String attemptId, List<Answer> answers, String pageDigest) {
        return attempts.submit(attemptId, answers, clock.getAsLong())
                .recover(e -> alreadyFrozen(attemptId, e))
                .compose(change -> change.changed() ? first(change.attempt(), pageDigest)
                        // A page that lost the reply to its submit sends it again: it gets the receipt of the attempt
                        // as frozen, its own digest checked against it; nothing is merged or scored a second time.
                        : Future.succeededFuture(receipts.of(change.attempt(), pageDigest)));
    }

    private Future<Receipt> first(Attempt a, String pageDigest) {
        metrics.submissions().increment();
        Receipt receipt = receipts.of(a, pageDigest);
        return finish(a, SeatEvent.Kind.SUBMITTED, receipt).map(receipt);
    }

    /**
     * The attempt as frozen when a submit was refused because it already is (by an earlier submit, the deadline or
     * a proctor); any other refusal, and a refusal of an attempt not frozen yet (its time is up and the deadline scan
     * is about to freeze it), stays an error.
     */
    private Future<AttemptChange> alreadyFrozen(String attemptId, Throwable refusal) {
        if (!(refusal instanceof AttemptRejected r) || r.reason() != AttemptRejected.Reason.SUBMITTED) {
            return Future.failedFuture(refusal);
        }
        return attempts.get(attemptId).compose(a -> a.state() == AttemptState.SUBMITTED
                ? Future.succeededFuture(new AttemptChange(a, false))
                : Future.failedFuture(refusal));
    }

    /** Freezes the attempt if its deadline has passed; empty when it had not or was already frozen. */
    public Future<Optional<Receipt>> autoSubmit(String attemptId) {
        return attempts.autoSubmit(attemptId, clock.getAsLong()).compose((AttemptChange change) -> {
            if (!change.changed()) {
                return Future.succeededFuture(Optional.empty());
            }
            Attempt a = change.attempt();
            Receipt receipt = announceAutoSubmitted(a);
            return finish(a, SeatEvent.Kind.AUTO_SUBMITTED, receipt).map(Optional.of(receipt));
        });
    }

    /**
     * 到时交卷 for many attempts (the deadline storm): in batches of {@value #BATCH}, each batch one call that
     * freezes every due attempt of it with the same atomic change as {@link #autoSubmit} (so an attempt frozen by
     * another scan or by its candidate is left alone and scored once, by whoever froze it), then each seat's
     * pushes, one scoring pass, one database transaction for the results and one write for the seat events.
     * Batches are frozen one after another; a batch is scored and stored while the next one is frozen.
     *
     * @return how many attempts this call froze
     */
    public Future<Integer> autoSubmitAll(List<String> attemptIds) {
        List<Future<Integer>> finishing = new ArrayList<>();
        return freezeBatches(batches(attemptIds), 0, finishing)
                .compose(v -> Future.join(finishing))
                .map(all -> finishing.stream().mapToInt(Future::result).sum());
    }

    /**
     * As {@link #autoSubmitAll}, but completes once every due attempt is frozen and its seat told: the scores and
     * seat events are stored behind, for as long as the database or the cluster refuses them. The deadline timer
     * uses this, so an outage of the database never holds up the next attempts' deadlines.
     */
    public Future<Void> freezeDue(List<String> attemptIds) {
        return freezeBatches(batches(attemptIds), 0, new ArrayList<>());
    }

    private static List<List<String>> batches(List<String> attemptIds) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < attemptIds.size(); from += BATCH) {
            batches.add(attemptIds.subList(from, Math.min(attemptIds.size(), from + BATCH)));
        }
        return batches;
    }

    private Future<Void> freezeBatches(List<List<String>> batches, int index, List<Future<Integer>> finishing) {
        if (index == batches.size()) {
            return Future.succeededFuture();
        }
        List<String> batch = batches.get(index);
        Future<Integer> done = attempts.autoSubmitAll(batch, clock.getAsLong()).compose(changes -> {
            List<Attempt> frozen = new ArrayList<>();
            List<Receipt> receipts = new ArrayList<>();
            for (AttemptChange c : changes) {
                if (c.changed()) {
                    frozen.add(c.attempt());
                    receipts.add(announceAutoSubmitted(c.attempt()));
                }
            }
            finishing.add(finishAll(frozen, receipts).map(frozen.size()).onFailure(e -> LOG.warn(
                    "scoring or storing {} auto-submitted attempts (first {}) failed: {}", frozen.size(),
                    frozen.isEmpty() ? "-" : frozen.get(0).id(), e.toString())));
            return Future.succeededFuture(frozen.size());
        }, e -> {
            // A batch that could not be frozen (a member leaving) stays due: the next scan takes it again.
            LOG.warn("auto-submit of {} attempts (first {}) failed: {}", batch.size(), batch.get(0), e.toString());
            return Future.succeededFuture(0);
        });
        return done.compose(n -> freezeBatches(batches, index + 1, finishing));
    }

    /** Metrics and the seat's two pushes for an attempt the deadline has just frozen; its receipt. */
    private Receipt announceAutoSubmitted(Attempt a) {
        metrics.autoSubmissions().increment();
        metrics.autoSubmitLag().record(Math.max(0, a.submittedAt() - a.deadline(a.submittedAt())),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        Receipt receipt = receipts.of(a, null);
        seats.push(a.id(), new SeatMessage.State(a.state().name(), a.deadline(a.submittedAt()), clock.getAsLong(),
                "deadline", null));
        seats.push(a.id(), new SeatMessage.Submitted(receipt));
        return receipt;
    }

    /** Scores and stores a batch of auto-submitted attempts, with one AUTO_SUBMITTED seat event each. */
    private Future<Void> finishAll(List<Attempt> frozen, List<Receipt> receipts) {
        if (frozen.isEmpty()) {
            return Future.succeededFuture();
        }
        Future<Void> results = untilStored(frozen.size() + " results (first " + frozen.get(0).id() + ")",
                frozen.size(), () -> scoreAll(frozen).compose(resultStore::saveResults));
        List<SeatEvent> drafts = new ArrayList<>(frozen.size());
        for (int i = 0; i < frozen.size(); i++) {
            Attempt a = frozen.get(i);
            drafts.add(submissionEvent(a, SeatEvent.Kind.AUTO_SUBMITTED, receipts.get(i)));
        }
        Future<Void> recorded = untilStored(frozen.size() + " AUTO_SUBMITTED events (first " + frozen.get(0).id()
                + ")", frozen.size(), () -> events.recordAll(drafts));
        return Future.all(results, recorded).mapEmpty();
    }

    /**
     * A proctor's forced submission: freezes the attempt now with the answers it holds, scores it and hands the
     * page its receipt. The proctor's seat event ({@code FORCE_SUBMITTED}, with who and why) is the caller's.
     *
     * @return the frozen attempt; a failed future with {@code ATTEMPT_SUBMITTED} when it was already frozen
     */
    public Future<Attempt> forceSubmit(String attemptId, long now) {
        return attempts.forceSubmit(attemptId, now).compose(change -> {
            Attempt a = change.attempt();
            Receipt receipt = receipts.of(a, null);
            return untilStored("the result of " + a.id(), 1, () -> score(a).compose(resultStore::saveResult)).map(v -> {
                seats.push(a.id(), new SeatMessage.Submitted(receipt));
                return a;
            });
        });
    }

    private Future<Void> finish(Attempt a, SeatEvent.Kind kind, Receipt receipt) {
        Future<Void> result = untilStored("the result of " + a.id(), 1,
                () -> score(a).compose(resultStore::saveResult));
        // One id per freeze, so every try (and the recovery on another node) writes the same event: a try that
        // landed although its reply was lost is not recorded twice.
        SeatEvent draft = submissionEvent(a, kind, receipt);
        Future<Void> event = untilStored("the " + kind + " event of " + a.id(), 1,
                () -> events.recordAll(List.of(draft)));
        return Future.all(result, event).mapEmpty();
    }

    /**
     * Scores and stores (or records) until it is taken, as long as this node runs, the pause doubling up to
     * {@value #RESULT_MAX_PAUSE_MILLIS} ms. The attempts are frozen already and nothing scores a frozen attempt
     * again, so a database that is away for minutes (a failover, an outage across the deadline) must not leave them
     * without a result or their submission event. Result writes are upserts and events keep their id: a try that
     * landed although its reply was lost is harmless to repeat.
     */
    private Future<Void> untilStored(String what, int count, Supplier<Future<Void>> work) {
        long ticket = pending.begin(count);
        return storeTry(what, work, 1, RESULT_FIRST_PAUSE_MILLIS).onComplete(done -> pending.end(ticket));
    }

    private Future<Void> storeTry(String what, Supplier<Future<Void>> work, int tryNo, long pauseMillis) {
        return work.get().recover(e -> {
            if (tryNo <= LOGGED_TRIES || tryNo % 10 == 0) {
                LOG.warn("scoring and storing {} failed (try {}), again in {} ms: {}", what, tryNo, pauseMillis,
                        e.toString());
            }
            metrics.resultRetries().increment();
            Promise<Void> next = Promise.promise();
            long after = Math.min(RESULT_MAX_PAUSE_MILLIS, pauseMillis * 2);
            vertx.setTimer(pauseMillis, id -> storeTry(what, work, tryNo + 1, after).onComplete(next));
            return next.future();
        });
    }

    /**
     * The submission event of one freeze of {@code a}, its id derived from the attempt and the freeze's time: the
     * submitting node's retries and {@link #recoverResults} on whichever node owns the attempt later all write this
     * one event, never a second.
     */
    private SeatEvent submissionEvent(Attempt a, SeatEvent.Kind kind, Receipt receipt) {
        return events.draft("submission-" + a.id() + "-" + a.submittedAt(), a.sittingId(), a.id(), a.seatCode(), kind,
                eventDetail(receipt), 0);
    }

    /**
     * 成绩补存: the recovery of results whose node died before the database took them (a result waits only in the
     * memory of the node that froze its attempt). Every attempt the database holds as submitted at least
     * {@code graceMillis} ago without its result (or with the result of another freeze), in sittings of the last
     * three days, is scored and stored by the node that owns it now, with its submission event for a candidate's or
     * the deadline's freeze. Repeating it is harmless: the result is an upsert of a rescoring of the same frozen
     * answers, and the event keeps the freeze's id; a submission event the attempt already has under another id (a
     * freeze the merge replaced) is not doubled.
     *
     * @return how many attempts it stored a result for
     */
    public Future<Integer> recoverMissingResults(long graceMillis) {
        long now = clock.getAsLong();
        return resultStore.submittedWithoutResult(now - graceMillis, now - RECOVERY_WINDOW_MILLIS, RECOVERY_BATCH)
                .compose(this::recoverResults);
    }

    /**
     * {@link #recoverMissingResults} for the given attempts: those this node owns and that are frozen.
     *
     * @return how many attempts it stored a result for
     */
    public Future<Integer> recoverResults(List<String> attemptIds) {
        List<String> owned = attempts.ownedHere(attemptIds);
        if (owned.isEmpty()) {
            return Future.succeededFuture(0);
        }
        return attempts.getAll(owned).compose(byId -> {
            List<Future<Boolean>> each = new ArrayList<>();
            for (Attempt a : byId.values()) {
                if (a.state() == AttemptState.SUBMITTED) {
                    each.add(recover(a));
                }
            }
            return Future.all(each).map(v -> (int) each.stream().filter(Future::result).count());
        });
    }

    private Future<Boolean> recover(Attempt a) {
        LOG.warn("storing the missing result of {} (submitted at {}, {})", a.id(), a.submittedAt(), a.submitKind());
        Receipt receipt = receipts.of(a, null);
        Future<Void> result = score(a).compose(resultStore::saveResult);
        if (a.submitKind() == Attempt.SubmitKind.FORCED) {
            // A forced submission's event is the proctor's (who and why), recorded by the proctor's request.
            return result.map(true);
        }
        SeatEvent.Kind kind = a.submitKind() == Attempt.SubmitKind.SUBMITTED ? SeatEvent.Kind.SUBMITTED
                : SeatEvent.Kind.AUTO_SUBMITTED;
        SeatEvent draft = submissionEvent(a, kind, receipt);
        Future<Void> event = events.forAttempt(a.id()).compose(existing -> {
            boolean other = existing.stream().anyMatch(e -> !e.id().equals(draft.id())
                    && (e.kind() == SeatEvent.Kind.SUBMITTED || e.kind() == SeatEvent.Kind.AUTO_SUBMITTED));
            return other ? Future.succeededFuture() : events.recordAll(List.of(draft));
        });
        return Future.all(result, event).map(true);
    }

    private static EventDetail eventDetail(Receipt receipt) {
        return new EventDetail.Submission(receipt.answered(), receipt.digest(), receipt.code());
    }

    /** Scores a frozen attempt against its paper. */
    public Future<Result> score(Attempt a) {
        return papers.paper(a.id()).compose(p -> sittingStore.sitting(a.sittingId()).compose(sitting ->
                rosterStore.candidate(a.sittingId(), a.ticket()).map(candidate -> result(a, p, sitting, candidate))));
    }

    /** Scores frozen attempts: the sitting and the candidates read once per sitting of the batch. */
    private Future<List<Result>> scoreAll(List<Attempt> frozen) {
        Map<String, List<Attempt>> bySitting = new LinkedHashMap<>();
        frozen.forEach(a -> bySitting.computeIfAbsent(a.sittingId(), k -> new ArrayList<>()).add(a));
        List<Future<List<Result>>> parts = new ArrayList<>();
        bySitting.forEach((sittingId, list) -> {
            Future<Optional<Sitting>> sitting = sittingStore.sitting(sittingId);
            Future<Map<String, Candidate>> candidates = rosterStore.candidates(sittingId,
                    list.stream().map(Attempt::ticket).toList());
            Future<List<LoadedPaper>> loaded = Future.all(list.stream().map(a -> papers.paper(a.id())).toList())
                    .map(CompositeFuture::<LoadedPaper>list);
            parts.add(Future.all(sitting, candidates, loaded).map(v -> {
                List<Result> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    Attempt a = list.get(i);
                    out.add(result(a, loaded.result().get(i), sitting.result(),
                            Optional.ofNullable(candidates.result().get(a.ticket()))));
                }
                return out;
            }));
        });
        return Future.all(parts).map(v -> parts.stream().flatMap(f -> f.result().stream()).toList());
    }

    private static Result result(Attempt a, LoadedPaper p, Optional<Sitting> sitting, Optional<Candidate> candidate) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal max = BigDecimal.ZERO;
        boolean pending = false;
        for (PaperItem item : p.items().values()) {
            Answer answer = a.answers().get(item.number());
            ItemScore s = Scorer.score(item, AnswerValues.response(item,
                    answer == null ? null : answer.value()));
            total = total.add(s.points());
            max = max.add(s.max());
            pending |= s.needsMarking();
        }
        int passMark = sitting.map(st -> st.passMark()).orElse(60);
        return new Result(a.id(), a.sittingId(), a.ticket(),
                candidate.map(c -> c.name()).orElse(""), a.subject(), total.stripTrailingZeros(),
                max.stripTrailingZeros(), pending, Result.verdict(total, max, passMark, pending),
                a.submittedAt(), a.submitKind().name());
    }
}
