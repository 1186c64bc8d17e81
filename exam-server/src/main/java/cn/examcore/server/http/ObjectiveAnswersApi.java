package cn.examcore.server.http;

import cn.examcore.server.proctoring.ObjectiveAnswersQuery;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/admin/sittings/:id/objective-answers} (administrator only: the chief proctor, or the proctor
 * console's own service token): what {@link ObjectiveAnswersQuery} reads for the answer-similarity detector.
 * Answers are confidential until the results are out, which is why no proctor token may read this.
 */
final class ObjectiveAnswersApi {

    private final ObjectiveAnswersQuery query;

    ObjectiveAnswersApi(ObjectiveAnswersQuery query) {
        this.query = query;
    }

    void objectiveAnswers(RoutingContext ctx) {
        query.of(ctx.pathParam("id")).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }
}
