package cn.examcore.server.conduct;

import cn.examcore.contract.SkillLevel;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.results.ResultLine;
import cn.examcore.server.results.ResultRow;
import cn.examcore.server.results.ResultStatus;
import cn.examcore.server.sitting.domain.Sitting;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * 成绩 of one sitting as they count, from {@link ResultAdjustments}: one {@link AdjustedLine} per roster candidate
 * of the sitting's subject.
 *
 * @param sitting the sitting
 * @param lines   one line per candidate, in roster order
 */
public record AdjustedResults(Sitting sitting, List<AdjustedLine> lines) {

    public AdjustedResults {
        lines = List.copyOf(lines);
    }

    /**
     * The rows of the results export (CSV, {@code .xlsx}): a candidate still answering has no row yet, as the export
     * is the sitting's outcome; a cancelled result is 成绩取消 with its reason and keeps its figures. The level result
     * and a pass's validity come from the candidate's evaluation and its body's rules, which the publication adds
     * ({@link LevelResults}).
     */
    public List<ResultRow> exportRows() {
        BigDecimal paperMax = paperMaxScore();
        return lines.stream().filter(l -> !l.line().attended() || l.result().isPresent()).map(l -> row(l, paperMax))
                .toList();
    }

    /** The paper's full score as the sitting's results state it; null when nobody has a result yet. */
    private BigDecimal paperMaxScore() {
        return lines.stream().flatMap(l -> l.line().result().stream()).map(Result::maxScore)
                .filter(java.util.Objects::nonNull).max(BigDecimal::compareTo).orElse(null);
    }

    private ResultRow row(AdjustedLine adjusted, BigDecimal paperMax) {
        ResultLine l = adjusted.line();
        Result r = adjusted.result().orElse(null);
        String seat = l.candidate().seatCode();
        int levelNo = sitting.level();
        String level = SkillLevel.name(levelNo);
        if (r == null) {
            // An absent candidate scored nothing, but the paper's full score is still the paper's (满分 0 would read
            // as an empty paper): every candidate of a sitting sits the same blueprint, so any result's total says it.
            return new ResultRow(l.candidate().ticket(), l.candidate().name(), sitting.occupation(), level,
                    sitting.subject(), l.roomName(), seat, ResultStatus.ABSENT, null, false, null, paperMax,
                    null, null, null, l.candidate().idNumber(), null, null);
        }
        ResultStatus status = adjusted.cancelled() ? ResultStatus.CANCELLED
                : "AUTO_SUBMITTED".equals(r.submitKind()) ? ResultStatus.AUTO_SUBMITTED : ResultStatus.SUBMITTED;
        return new ResultRow(r.ticket(), l.candidate().name(), sitting.occupation(), level, sitting.subject(),
                l.roomName(), seat, status, r.objectiveScore(), r.pendingMarking(),
                r.total(), r.maxScore(), r.passed(),
                Instant.ofEpochMilli(r.submittedAt()), adjusted.cancellationReason(), l.candidate().idNumber(),
                null, null);
    }
}
