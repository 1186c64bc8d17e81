package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.attempt.AnswerHistoryExport;
import cn.examcore.server.attempt.AnswerService;
import cn.examcore.server.attempt.domain.UnknownAttempt;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * 作答历史导出: {@code GET /api/admin/attempts/:attemptId/history} (admin role, like the attempt's receipt), an
 * attempt's hash-chained answer history for a dispute, which {@code verify-history} checks offline. Each export is
 * an audit record (it shows a candidate's every answer) and spends from the administrator's export budget.
 */
final class HistoryApi {

    private final Vertx vertx;
    private final AnswerService answers;
    private final AuditLog audit;
    private final RateLimits limits;
    private final LongSupplier clock;

    HistoryApi(Vertx vertx, AnswerService answers, AuditLog audit, RateLimits limits, LongSupplier clock) {
        this.vertx = vertx;
        this.answers = answers;
        this.audit = audit;
        this.limits = limits;
        this.clock = clock;
    }

    void export(RoutingContext ctx) {
        String by = StaffAuth.claims(ctx).username();
        String attemptId = ctx.pathParam("attemptId");
        if (attemptId.isBlank() || attemptId.length() > 80) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "attemptId", "attemptId must be 1 to 80 characters");
        }
        if (!limits.histories().tryAcquire("histories:" + by)) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many history exports; try again in a few seconds",
                    Map.of("retryAfterSeconds", 1));
        }
        answers.attempt(attemptId)
                .recover(e -> Future.failedFuture(e instanceof UnknownAttempt
                        ? new ExamException(ErrorType.NOT_FOUND, "no attempt " + attemptId) : e))
                // Hashing a long history is CPU work the event loop should not do.
                .compose(a -> vertx.executeBlocking(() -> AnswerHistoryExport.of(a, clock.getAsLong()), false))
                .compose(export -> audit.record(by, "attempt.history.export", export.sittingId(), attemptId,
                        Map.of("entries", export.entries().size(), "head", export.head().hash()))
                        .map(export))
                .onSuccess(export -> Replies.ok(ctx, export))
                .onFailure(ctx::fail);
    }
}
