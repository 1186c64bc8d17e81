package cn.examcore.server.evaluation.domain;

import cn.examcore.bank.model.Subject;
import java.time.LocalDate;
import java.util.List;

/**
 * 等级成绩: the result of an evaluation's level: passed when every subject the level needs has passed within its
 * validity, counting passes carried from earlier evaluations into a makeup (补考).
 *
 * @param status   PASSED, FAILED or PENDING
 * @param subjects how each subject the level needs counts
 * @param passedOn the day the level was passed (its last subject's day); null unless PASSED
 * @param reason   why it is not passed, in words; null when PASSED
 */
public record LevelResult(Status status, List<Counted> subjects, LocalDate passedOn, String reason) {

    /** Whether the level is passed, failed, or still open. */
    public enum Status {
        PASSED, FAILED, PENDING
    }

    /**
     * How one subject counts towards the level.
     *
     * @param subject      the subject
     * @param outcome      its outcome; null when it has not been sat
     * @param sittingDate  when it was sat; null when not
     * @param evaluationId the evaluation the outcome comes from (an earlier one when carried into a makeup)
     * @param validUntil   the last day a pass counts; null unless passed
     */
    public record Counted(Subject subject, SubjectOutcome.Outcome outcome, LocalDate sittingDate, String evaluationId,
                          LocalDate validUntil) {
    }

    public LevelResult {
        subjects = List.copyOf(subjects);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
