package cn.examcore.server.conduct;

import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.conduct.domain.ResultAdjustment;
import cn.examcore.server.conduct.domain.ResultAdjustment.AdjustedResult;
import cn.examcore.server.conduct.domain.ResultAdjustment.Cancellation;
import cn.examcore.server.results.ResultLine;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A candidate's result line as it counts: the line as scored ({@link ResultLine}) and, when the candidate attended
 * and has a result, what the sanctions on record make of it ({@link ResultAdjustment}). The original figures are
 * never changed; a cancelled line only says why they no longer count.
 *
 * @param line     the line as scored
 * @param adjusted the adjusted result; empty when the candidate has no attended result (absent, or still answering)
 */
public record AdjustedLine(ResultLine line, Optional<AdjustedResult> adjusted) {

    public AdjustedLine {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(adjusted, "adjusted");
    }

    /** The result of an attended attempt, as scored. */
    public Optional<Result> result() {
        return line.attendedResult();
    }

    /** Every decision that cancels this result, in the order they apply; empty when it stands. */
    public List<Cancellation> cancellations() {
        return adjusted.map(AdjustedResult::cancellations).orElse(List.of());
    }

    /** Whether a sanction cancels this result (成绩取消). */
    public boolean cancelled() {
        return adjusted.map(a -> a.status() == ResultAdjustment.Status.CANCELLED).orElse(false);
    }

    /**
     * The line's status: CANCELLED, else how the attempt ended (its submit kind: SUBMITTED, AUTO_SUBMITTED,
     * FORCED), OPEN while a candidate who logged in has no result yet, ABSENT otherwise.
     */
    public String status() {
        if (cancelled()) {
            return "CANCELLED";
        }
        return result().map(Result::submitKind).orElse(line.attended() ? "OPEN" : "ABSENT");
    }

    /** Whether the result was final and passed as scored, cancelled or not. */
    public boolean passedAsScored() {
        return result().map(r -> !r.pendingMarking() && Boolean.TRUE.equals(r.passed())).orElse(false);
    }

    /** Whether the line earns a certificate (证书): final, passed and not cancelled. */
    public boolean earnsCertificate() {
        return passedAsScored() && adjusted.map(AdjustedResult::countsAsPassed).orElse(false);
    }

    /**
     * Why the result was cancelled, for the export: each decision's category with the notice's wording and its id,
     * noting a score declared invalid after the sitting; null when it stands.
     */
    public String cancellationReason() {
        List<Cancellation> why = cancellations();
        return why.isEmpty() ? null : why.stream()
                .map(c -> c.reason() + " (decision " + c.decisionId() + (c.declaredInvalid()
                        ? ", found after the sitting: declared invalid)" : ")"))
                .collect(Collectors.joining("; "));
    }
}
