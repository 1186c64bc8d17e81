package cn.examcore.server.publication;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.contract.AuditRecord;
import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.publication.domain.Review;
import cn.examcore.server.publication.store.ReleaseStore;
import cn.examcore.server.publication.store.ReviewStore;
import cn.examcore.server.results.store.ResultStore;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * 复核: records a candidate's request for a score review (an administrator on their behalf, within the configured
 * window after the sitting's results were released) and the chief marker's decision: the score confirmed, or the
 * marked items marked again with a new marked score, the verdict following, a certificate of a result that fails
 * now revoked, each step audited with who and the scores before and after.
 */
public final class ReviewService {

    private static final long DAY_MILLIS = 24L * 3600 * 1000;

    private final SittingStore sittings;
    private final ResultStore results;
    private final PaperService papers;
    private final ReleaseStore releases;
    private final ReviewStore store;
    private final int windowDays;
    private final LongSupplier clock;

    public ReviewService(SittingStore sittings, ResultStore results, PaperService papers, ReleaseStore releases,
                         ReviewStore store, int windowDays, LongSupplier clock) {
        this.sittings = sittings;
        this.results = results;
        this.papers = papers;
        this.releases = releases;
        this.store = store;
        this.windowDays = windowDays;
        this.clock = clock;
    }

    /**
     * A decided review and what it did.
     *
     * @param review              the review with its decision
     * @param before              the result before
     * @param after               the result after (the same when confirmed)
     * @param revokedCertificates certificates revoked because the result fails now
     */
    public record Decided(Review review, Result before, Result after, List<String> revokedCertificates) {
    }

    /**
     * Records a review request. Refused with nothing stored: 404 for an unknown sitting; 400 naming {@code ticket}
     * when the ticket has no result in the sitting; 409 when the results are not released, the window is over, or
     * a review of the same result is still open.
     */
    public Future<Review> request(String sittingId, String ticket, String reason, String by) {
        long now = clock.getAsLong();
        return sittings.existingSitting(sittingId).compose(sitting -> releases.release(sittingId)).compose(release -> {
            if (release.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.CONFLICT, "sittingId", "the results of "
                        + "sitting " + sittingId + " are not released yet; a review follows the release",
                        "本场次成绩尚未发布，发布后才能申请复核"));
            }
            long closes = release.get().at() + windowDays * DAY_MILLIS;
            if (now > closes) {
                return Future.failedFuture(ExamException.field(ErrorType.CONFLICT, "sittingId", "the review window of "
                        + windowDays + " days after the release is over", "成绩发布后 " + windowDays + " 天的复核期已过"));
            }
            return results.results(sittingId);
        }).compose(list -> {
            Result r = list.stream().filter(x -> x.ticket().equals(ticket)).findFirst().orElseThrow(() ->
                    ExamException.field(ErrorType.BAD_REQUEST, "ticket", "ticket " + ticket + " has no result in "
                            + "sitting " + sittingId, "准考证号 " + ticket + " 在本场次没有成绩"));
            Review review = new Review(UUID.randomUUID().toString(), sittingId, r.attemptId(), ticket, reason, by, now,
                    null, null, null, null, null, null);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reviewId", review.id());
            detail.put("ticket", ticket);
            detail.put("reason", reason);
            detail.put("total", r.total());
            AuditRecord audit = new AuditRecord(UUID.randomUUID().toString(), now, by, "review.request", sittingId,
                    ticket, Json.encode(detail));
            return store.request(review, audit).compose(stored -> stored ? Future.succeededFuture(review)
                    : Future.failedFuture(ExamException.field(ErrorType.CONFLICT, "ticket", "a review of ticket "
                            + ticket + " is already open", "准考证号 " + ticket + " 已有待处理的复核申请")));
        });
    }

    /** The sitting's reviews, oldest first; 404 for an unknown sitting. */
    public Future<List<Review>> reviews(String sittingId) {
        return sittings.existingSitting(sittingId).compose(s -> store.reviews(sittingId));
    }

    /**
     * The chief marker's decision. {@code CONFIRMED} keeps the score; {@code REMARKED} replaces the marked score
     * with {@code markedScore}, which must lie within the paper's marked items' points. Refused with nothing
     * changed: 404 naming {@code reviewId}; 409 when decided already or the result changed meanwhile; 400 naming
     * {@code markedScore} when missing, out of range or given with {@code CONFIRMED}, or {@code outcome} when
     * the paper has no marked items to mark again (objective items are corrected by an erratum).
     */
    public Future<Decided> decide(String reviewId, Review.Outcome outcome, BigDecimal markedScore, String comment,
                                  String by) {
        long now = clock.getAsLong();
        if (outcome == Review.Outcome.CONFIRMED && markedScore != null) {
            return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "markedScore",
                    "a confirmed score takes no markedScore", "维持原分时不填新评分"));
        }
        if (outcome == Review.Outcome.REMARKED && markedScore == null) {
            return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "markedScore",
                    "a re-marked review needs the new markedScore", "重新评阅须填写新评分"));
        }
        return store.review(reviewId).compose(found -> {
            Review r = found.orElseThrow(() -> ExamException.field(ErrorType.NOT_FOUND, "reviewId", "no review "
                    + reviewId, "没有这条复核申请"));
            if (!r.open()) {
                return Future.failedFuture(ExamException.field(ErrorType.CONFLICT, "reviewId", "review " + reviewId
                        + " was decided already (" + r.outcome() + " by " + r.decidedBy() + ")",
                        "这条复核申请已由 " + r.decidedBy() + " 处理"));
            }
            return Future.all(sittings.existingSitting(r.sittingId()), results.results(r.sittingId()),
                    papers.paper(r.attemptId())).compose(all -> {
                        Sitting sitting = all.resultAt(0);
                        List<Result> list = all.resultAt(1);
                        PaperService.LoadedPaper paper = all.resultAt(2);
                        Result before = list.stream().filter(x -> x.attemptId().equals(r.attemptId())).findFirst()
                                .orElseThrow(() -> ExamException.field(ErrorType.CONFLICT, "reviewId",
                                        "the result under review is no longer stored", "所复核的成绩已不存在"));
                        Result after = before;
                        if (outcome == Review.Outcome.REMARKED) {
                            after = remarked(before, paper, markedScore, sitting.passMark());
                        }
                        Review decided = new Review(r.id(), r.sittingId(), r.attemptId(), r.ticket(), r.reason(),
                                r.requestedBy(), r.requestedAt(), outcome, comment, by, now, before.total(),
                                after.total());
                        Result stored = after;
                        return store.decide(decided, before, after, audit(decided, before, after, by, now))
                                .map(revoked -> new Decided(decided, before, stored, revoked));
                    });
        });
    }

    private static Result remarked(Result before, PaperService.LoadedPaper paper, BigDecimal markedScore,
                                   int passMark) {
        BigDecimal markedMax = BigDecimal.ZERO;
        for (PaperItem item : paper.items().values()) {
            if (!item.type().machineScored()) {
                markedMax = markedMax.add(item.score());
            }
        }
        if (markedMax.signum() == 0) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "outcome", "this paper has no marked items to mark "
                    + "again; an objective item's key is corrected by an erratum",
                    "此试卷没有主观题可重新评阅；客观题答案请用勘误更正");
        }
        if (before.pendingMarking()) {
            throw ExamException.field(ErrorType.CONFLICT, "reviewId", "the result is still being marked",
                    "该成绩仍在阅卷中");
        }
        if (markedScore.signum() < 0 || markedScore.compareTo(markedMax) > 0) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "markedScore", "markedScore must be between 0 and "
                    + markedMax.stripTrailingZeros().toPlainString() + " (the marked items' points)",
                    "新评分须在 0 到 " + markedMax.stripTrailingZeros().toPlainString() + " 分之间（主观题满分）");
        }
        BigDecimal marked = markedScore.stripTrailingZeros();
        return new Result(before.attemptId(), before.sittingId(), before.ticket(), before.name(), before.subject(),
                before.objectiveScore(), before.maxScore(), false,
                Result.verdict(before.objectiveScore().add(marked), before.maxScore(), passMark, false),
                before.submittedAt(), before.submitKind(), marked);
    }

    private static AuditRecord audit(Review d, Result before, Result after, String by, long now) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reviewId", d.id());
        detail.put("outcome", d.outcome().name());
        detail.put("comment", d.comment());
        detail.put("before", Map.of("markedScore", String.valueOf(before.markedScore()), "total",
                String.valueOf(before.total()), "passed", String.valueOf(before.passed())));
        detail.put("after", Map.of("markedScore", String.valueOf(after.markedScore()), "total",
                String.valueOf(after.total()), "passed", String.valueOf(after.passed())));
        return new AuditRecord(UUID.randomUUID().toString(), now, by, "review.decide", d.sittingId(), d.ticket(),
                Json.encode(detail));
    }
}
