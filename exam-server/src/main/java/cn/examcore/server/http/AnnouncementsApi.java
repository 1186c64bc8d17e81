package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.proctoring.Announcements;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;

/**
 * 考场公告 under {@code /api/proctor/sittings/:id/announcements} (proctor or admin): make one to a room
 * ({@code roomId}) or to the whole sitting (no {@code roomId}), and list those the caller may see with who
 * acknowledged them.
 */
final class AnnouncementsApi {

    private final Announcements announcements;
    private final RateLimits limits;

    AnnouncementsApi(Announcements announcements, RateLimits limits) {
        this.announcements = announcements;
        this.limits = limits;
    }

    void announce(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        if (!limits.rooms().tryAcquire("rooms:" + staff.username())) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many announcements; try again in a moment");
        }
        JsonNode b = Body.object(ctx);
        String roomId = Body.optionalText(b, "roomId", 64, null);
        String message = Body.text(b, "message", Announcements.MAX_TEXT_CHARS);
        announcements.announce(ctx.pathParam("id"), roomId, message, staff.username(), staff::mayAccessRoom)
                .onSuccess(v -> Replies.json(ctx, 201, v)).onFailure(ctx::fail);
    }

    void list(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        announcements.list(ctx.pathParam("id"), staff::mayAccessRoom).onSuccess(v -> Replies.ok(ctx, v))
                .onFailure(ctx::fail);
    }
}
