package cn.examcore.server.errata;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.errata.Erratum;
import cn.examcore.bank.scoring.ItemScore;
import cn.examcore.server.attempt.AnswerValues;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.Result;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;

/**
 * Scores a frozen attempt's objective items again under a sitting's errata, with the same rules as at submission
 * (question-bank's scorer, the answers as stored); the marked score and the paper's total are kept, the verdict
 * follows the new subject score.
 */
public final class Rescoring {

    private Rescoring() {
    }

    /** Whether any erratum concerns an item of the paper. */
    public static boolean touches(Paper paper, List<Erratum> errata) {
        for (Iterator<PaperItem> it = paper.items().iterator(); it.hasNext(); ) {
            PaperItem item = it.next();
            for (Erratum e : errata) {
                if (e.concerns(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The result with every erratum applied, the pass mark out of 100 as the sitting's. */
    public static Result rescore(Result before, Attempt attempt, Paper paper, List<Erratum> errata, int passMark) {
        BigDecimal objective = BigDecimal.ZERO;
        for (Iterator<PaperItem> it = paper.items().iterator(); it.hasNext(); ) {
            PaperItem item = it.next();
            Answer answer = attempt.answers().get(item.number());
            ItemScore s = Erratum.score(item, AnswerValues.response(item, answer == null ? null : answer.value()),
                    errata);
            objective = objective.add(s.points());
        }
        objective = objective.stripTrailingZeros();
        BigDecimal subject = before.markedScore() == null ? objective : objective.add(before.markedScore());
        return new Result(before.attemptId(), before.sittingId(), before.ticket(), before.name(), before.subject(),
                objective, before.maxScore(), before.pendingMarking(),
                Result.verdict(subject, before.maxScore(), passMark, before.pendingMarking()), before.submittedAt(),
                before.submitKind(), before.markedScore());
    }
}
