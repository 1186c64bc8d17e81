package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.sitting.RoomRules;
import cn.examcore.server.sitting.domain.SittingRules;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;

/**
 * 考场规则 under {@code /api/admin/sittings/:id/rules} (admin role): the late-entry cutoff, the earliest submission,
 * the version of the candidate rules text the candidates acknowledge and the offline answer window.
 */
final class RoomRulesApi {

    private final RoomRules rules;
    private final RateLimits limits;

    RoomRulesApi(RoomRules rules, RateLimits limits) {
        this.rules = rules;
        this.limits = limits;
    }

    void rules(RoutingContext ctx) {
        rules.rules(ctx.pathParam("id")).onSuccess(r -> Replies.ok(ctx, r)).onFailure(ctx::fail);
    }

    /** Sets the fields the body names and keeps the others; every field is checked before anything is stored. */
    void updateRules(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        if (!limits.rooms().tryAcquire("rooms:" + staff.username())) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many rule changes; try again in a moment");
        }
        JsonNode b = Body.object(ctx);
        Integer late = optionalMinutes(b, "lateEntryMinutes");
        Integer earliest = optionalMinutes(b, "earliestSubmitMinutes");
        String version = Body.optionalText(b, "rulesVersion", 40, null);
        Integer offline = optionalMinutes(b, "offlineWindowMinutes");
        if (late == null && earliest == null && version == null && offline == null) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "lateEntryMinutes", "name at least one of "
                    + "lateEntryMinutes, earliestSubmitMinutes, rulesVersion or offlineWindowMinutes");
        }
        rules.update(ctx.pathParam("id"), late, earliest, version, offline, staff.username())
                .onSuccess(r -> Replies.ok(ctx, r)).onFailure(ctx::fail);
    }

    private static Integer optionalMinutes(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return (int) Body.integer(b, field, 0, SittingRules.MAX_MINUTES);
    }
}
