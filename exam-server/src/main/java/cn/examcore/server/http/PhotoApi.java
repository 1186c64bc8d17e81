package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.auth.RateLimiter;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.sitting.PhotoService;
import cn.examcore.server.sitting.domain.CandidatePhoto;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * 考生照片 over HTTP: an administrator imports a sitting's photo archive and sees the coverage; staff fetch a photo
 * within their rooms; a candidate fetches their own. A photo is sent as the image with no-store caching, since it is
 * personal data on shared exam-room machines.
 */
final class PhotoApi {

    private final Vertx vertx;
    private final PhotoService photos;
    private final RateLimiter limit;
    private final Function<RoutingContext, Future<Attempt>> candidate;

    /**
     * @param candidate the attempt of the request's candidate token, once the token is known to be current
     */
    PhotoApi(Vertx vertx, PhotoService photos, RateLimiter limit, Function<RoutingContext, Future<Attempt>> candidate) {
        this.vertx = vertx;
        this.photos = photos;
        this.limit = limit;
        this.candidate = candidate;
    }

    private void spend(String who) {
        if (!limit.tryAcquire(who)) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many photo requests; try again in a few seconds",
                    Map.of("retryAfterSeconds", Math.max(1, limit.retryAfter(who).toSeconds())));
        }
    }

    void importArchive(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        spend("staff:" + staff.username());
        String sittingId = ctx.pathParam("id");
        Uploads.read(vertx, ctx).compose(u -> photos.importArchive(sittingId, u.content(), u.fileName(),
                staff.username())).onSuccess(out -> {
                    if (out.problems().isEmpty()) {
                        Replies.ok(ctx, Map.of("imported", out.imported()));
                        return;
                    }
                    ctx.fail(new ExamException(ErrorType.PHOTOS_REJECTED, "the photo archive has "
                            + out.problems().size() + " problem(s); no photo was stored",
                            Map.of("errors", out.problems().stream().map(p -> {
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("entry", p.entry());
                                m.put("message", p.message());
                                m.put("messageZh", p.messageZh());
                                return m;
                            }).toList())));
                }).onFailure(ctx::fail);
    }

    void coverage(RoutingContext ctx) {
        photos.coverage(ctx.pathParam("id")).onSuccess(m -> Replies.ok(ctx, m)).onFailure(ctx::fail);
    }

    /** A photo for staff: an administrator sees every room, a proctor or observer their own rooms. */
    void staffPhoto(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        spend("staff:" + staff.username());
        photos.photoForStaff(ctx.pathParam("id"), ctx.pathParam("ticket"), staff::mayAccessRoom)
                .onSuccess(p -> send(ctx, p)).onFailure(ctx::fail);
    }

    /** The candidate's own photo, for the header of their page; the token names the candidate. */
    void ownPhoto(RoutingContext ctx) {
        candidate.apply(ctx).compose(a -> {
            spend("attempt:" + a.id());
            return photos.ownPhoto(a.sittingId(), a.ticket());
        }).onSuccess(p -> send(ctx, p)).onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, CandidatePhoto p) {
        ctx.response().putHeader("Content-Type", p.mediaType())
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer(p.content()));
    }
}
