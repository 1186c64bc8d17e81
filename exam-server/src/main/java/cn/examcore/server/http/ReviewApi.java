package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.publication.ReviewService;
import cn.examcore.server.publication.domain.Review;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Score reviews (复核): an administrator records a candidate's request under
 * {@code /api/admin/sittings/:id/reviews}; the chief marker lists a sitting's reviews and decides one under
 * {@code /api/marking}. Writes are rate-limited per staff member.
 */
final class ReviewApi {

    private final ReviewService reviews;
    private final RateLimits limits;

    ReviewApi(ReviewService reviews, RateLimits limits) {
        this.reviews = reviews;
        this.limits = limits;
    }

    private String spend(RoutingContext ctx) {
        String by = StaffAuth.claims(ctx).username();
        if (!limits.results().tryAcquire("results:" + by)) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many results changes; try again in a moment");
        }
        return by;
    }

    void request(RoutingContext ctx) {
        String by = spend(ctx);
        JsonNode b = Body.object(ctx);
        String ticket = Body.text(b, "ticket", 64);
        String reason = Body.text(b, "reason", 2000);
        reviews.request(ctx.pathParam("id"), ticket, reason, by).onSuccess(r -> Replies.json(ctx, 201, view(r)))
                .onFailure(ctx::fail);
    }

    void list(RoutingContext ctx) {
        reviews.reviews(ctx.pathParam("id")).onSuccess(l -> Replies.ok(ctx, l.stream().map(ReviewApi::view).toList()))
                .onFailure(ctx::fail);
    }

    void decide(RoutingContext ctx) {
        String by = spend(ctx);
        JsonNode b = Body.object(ctx);
        Review.Outcome outcome;
        try {
            outcome = Review.Outcome.valueOf(Body.text(b, "outcome", 20).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "outcome", "outcome must be CONFIRMED or REMARKED",
                    "处理结果须为维持原分或重新评阅");
        }
        BigDecimal marked = null;
        JsonNode m = b.get("markedScore");
        if (m != null && !m.isNull()) {
            if (!m.isNumber()) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "markedScore", "markedScore must be a number",
                        "新评分须为数字");
            }
            marked = m.decimalValue();
        }
        String comment = Body.text(b, "comment", 2000);
        reviews.decide(ctx.pathParam("reviewId"), outcome, marked, comment, by).onSuccess(d -> {
            Map<String, Object> v = view(d.review());
            v.put("revokedCertificates", d.revokedCertificates());
            v.put("passedBefore", d.before().passed());
            v.put("passedAfter", d.after().passed());
            Replies.ok(ctx, v);
        }).onFailure(ctx::fail);
    }

    private static Map<String, Object> view(Review r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reviewId", r.id());
        m.put("sittingId", r.sittingId());
        m.put("ticket", r.ticket());
        m.put("attemptId", r.attemptId());
        m.put("reason", r.reason());
        m.put("requestedBy", r.requestedBy());
        m.put("requestedAt", r.requestedAt());
        m.put("outcome", r.outcome() == null ? null : r.outcome().name());
        m.put("comment", r.comment());
        m.put("decidedBy", r.decidedBy());
        m.put("decidedAt", r.decidedAt());
        m.put("totalBefore", r.totalBefore());
        m.put("totalAfter", r.totalAfter());
        return m;
    }
}
