package cn.examcore.server.attempt.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * 成绩: one candidate's result in one subject as scored at submission.
 *
 * @param attemptId      the attempt
 * @param sittingId      the sitting
 * @param ticket         admission ticket
 * @param name           candidate name
 * @param subject        subject name
 * @param objectiveScore points from machine-scored items
 * @param maxScore       the paper's total
 * @param pendingMarking true while subjective or operation items await human marking
 * @param passed         pass verdict; null while marking is pending
 * @param submittedAt    when the attempt was frozen
 * @param submitKind     how it was frozen
 * @param markedScore    the final marked score of its essay and operation items (阅卷), null while marking is
 *                       pending or when the paper has none
 */
public record Result(String attemptId, String sittingId, String ticket, String name, String subject,
                     BigDecimal objectiveScore, BigDecimal maxScore, boolean pendingMarking, Boolean passed,
                     long submittedAt, String submitKind, BigDecimal markedScore) {

    /** A result as scored at submission, before any marking. */
    public Result(String attemptId, String sittingId, String ticket, String name, String subject,
                  BigDecimal objectiveScore, BigDecimal maxScore, boolean pendingMarking, Boolean passed,
                  long submittedAt, String submitKind) {
        this(attemptId, sittingId, ticket, name, subject, objectiveScore, maxScore, pendingMarking, passed,
                submittedAt, submitKind, null);
    }

    /** The subject score (科目成绩): objective + marked; null while marking is pending. */
    public BigDecimal total() {
        if (pendingMarking) {
            return null;
        }
        return markedScore == null ? objectiveScore : objectiveScore.add(markedScore).stripTrailingZeros();
    }

    /**
     * The verdict for a score against a pass mark out of 100, scaled when the paper's total is not 100; null
     * when marking is pending and the score is therefore not final.
     */
    public static Boolean verdict(BigDecimal score, BigDecimal max, int passMark, boolean pendingMarking) {
        if (pendingMarking) {
            return null;
        }
        if (max.signum() == 0) {
            return false;
        }
        BigDecimal outOf100 = score.multiply(BigDecimal.valueOf(100)).divide(max, 4, RoundingMode.HALF_UP);
        return outOf100.compareTo(BigDecimal.valueOf(passMark)) >= 0;
    }
}
