package cn.examcore.server.delivery;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.scoring.ItemScore;
import cn.examcore.bank.scoring.Scorer;
import cn.examcore.server.ws.SeatRelay;
import cn.examcore.server.api.Json;
import cn.examcore.server.api.SeatEvent;
import cn.examcore.server.domain.Answer;
import cn.examcore.server.domain.Attempt;
import cn.examcore.server.domain.Receipt;
import cn.examcore.server.domain.Result;
import cn.examcore.server.events.EventService;
import cn.examcore.server.mgmt.ExamMetrics;
import cn.examcore.server.store.AttemptChange;
import cn.examcore.server.store.AttemptStore;
import cn.examcore.server.store.SetupStore;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * 交卷与评分: freezes attempts (the candidate's submit or the deadline), scores the objective items with the
 * question-bank rules and stores the result. Both paths go through the attempt's entry processor, which freezes
 * only once, so a double auto-submit or a submit racing the deadline scores exactly once.
 */
public final class SubmissionService {

    private final SeatRelay seats;
    private final AttemptStore attempts;
    private final PaperService papers;
    private final SetupStore setup;
    private final EventService events;
    private final ExamMetrics metrics;
    private final LongSupplier clock;

    public SubmissionService(SeatRelay seats, AttemptStore attempts, PaperService papers, SetupStore setup,
                             EventService events, ExamMetrics metrics, LongSupplier clock) {
        this.seats = seats;
        this.attempts = attempts;
        this.papers = papers;
        this.setup = setup;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The candidate's submission with the page's final vector and digest. */
    public Future<Receipt> submit(String attemptId, List<Answer> answers, String pageDigest) {
        return attempts.submit(attemptId, answers, clock.getAsLong()).compose(change -> {
            metrics.submissions().increment();
            Attempt a = change.attempt();
            Receipt receipt = Receipt.of(a, pageDigest);
            return finish(a, SeatEvent.ServerKind.SUBMITTED, receipt).map(receipt);
        });
    }

    /** Freezes the attempt if its deadline has passed; empty when it had not or was already frozen. */
    public Future<Optional<Receipt>> autoSubmit(String attemptId) {
        return attempts.autoSubmit(attemptId, clock.getAsLong()).compose((AttemptChange change) -> {
            if (!change.changed()) {
                return Future.succeededFuture(Optional.empty());
            }
            metrics.autoSubmissions().increment();
            Attempt a = change.attempt();
            metrics.autoSubmitLag().record(Math.max(0, a.submittedAt() - a.deadline(a.submittedAt())),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            Receipt receipt = Receipt.of(a, null);
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("type", "state");
            state.put("state", a.state().name());
            state.put("deadline", a.deadline(a.submittedAt()));
            state.put("serverNow", clock.getAsLong());
            state.put("reason", "deadline");
            seats.push(a.id(), Json.encode(state));
            seats.push(a.id(), Json.encode(Map.of("type", "submitted",
                    "receipt", receipt)));
            return finish(a, SeatEvent.ServerKind.AUTO_SUBMITTED, receipt).map(Optional.of(receipt));
        });
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
            Receipt receipt = Receipt.of(a, null);
            return score(a).compose(setup::saveResult).map(v -> {
                seats.push(a.id(), Json.encode(Map.of("type", "submitted",
                        "receipt", receipt)));
                return a;
            });
        });
    }

    private Future<Void> finish(Attempt a, SeatEvent.ServerKind kind, Receipt receipt) {
        Future<Result> result = score(a).compose(r -> setup.saveResult(r).map(r));
        Future<SeatEvent> event = events.record(a.sittingId(), a.id(), a.seatCode(), SeatEvent.Source.SERVER,
                kind.name(), Map.of("answered", receipt.answered(), "digest", receipt.digest(),
                        "receipt", receipt.code()), 0);
        return Future.all(result, event).mapEmpty();
    }

    /** Scores a frozen attempt against its paper. */
    public Future<Result> score(Attempt a) {
        return papers.paper(a.id()).compose(p -> setup.sitting(a.sittingId()).compose(sitting ->
                setup.candidate(a.sittingId(), a.ticket()).map(candidate -> {
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
                })));
    }
}
