package cn.examcore.server.conduct;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.Map;

/**
 * The level results (等级成绩) certificates follow, as the evaluation slice computes them: a port, so that
 * certificates stay here beside the decisions that revoke them.
 */
public interface LevelResults {

    /**
     * One candidate's level verdict.
     *
     * @param evaluationId the evaluation (一次评价)
     * @param body         the evaluation body (评价机构) that certifies
     * @param passed       whether the level is passed with every subject valid and none cancelled
     * @param passedOn     the day the level was passed; null unless passed
     * @param subjects     the subjects of the level, e.g. THEORY+OPERATION
     * @param status       PASSED, FAILED or PENDING
     * @param validUntil   for each subject passed in this evaluation (by name, e.g. THEORY), the last day the pass
     *                     counts under the body's rules; subjects not passed here are absent
     */
    record LevelVerdict(String evaluationId, String body, boolean passed, LocalDate passedOn, String subjects,
                        String status, Map<String, LocalDate> validUntil) {

        public LevelVerdict {
            validUntil = Map.copyOf(validUntil);
        }
    }

    /** The verdict of each candidate of the sitting, by ticket. */
    Future<Map<String, LevelVerdict>> bySitting(String sittingId);
}
