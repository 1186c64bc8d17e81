package cn.examcore.server.evaluation.store;

import cn.examcore.server.evaluation.domain.Enrolment;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;

/** The roster rows of evaluations (一次评价), across every sitting that shares them. */
public interface EvaluationStore {

    /** Every row of these people (normalised identity numbers) for this occupation and level, in any sitting. */
    Future<List<Enrolment>> enrolments(Collection<String> idNumbers, String occupation, int level);

    /** Every row of this evaluation, in any sitting; empty when no roster names it. */
    Future<List<Enrolment>> evaluation(String evaluationId);

    /** Every row of these evaluations, in any sitting. */
    Future<List<Enrolment>> evaluations(Collection<String> evaluationIds);
}
