package cn.examcore.server.http;

import cn.examcore.server.Services;
import cn.examcore.server.api.ErrorType;
import cn.examcore.server.api.ExamException;
import cn.examcore.server.api.Json;
import cn.examcore.server.api.ProctorCommand;
import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.delivery.ProctorService;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The proctor API under {@code /api/proctor} (proctor or admin role): act on one seat (pause, resume, extend,
 * remind, permit-leave, record-incident), read a sitting's seats and events.
 */
final class ProctorApi {

    private final Services s;

    ProctorApi(Services services) {
        this.s = services;
    }

    void command(RoutingContext ctx) {
        String actionText = ctx.pathParam("action");
        ProctorCommand.Action action = switch (actionText) {
            case "pause" -> ProctorCommand.Action.PAUSE;
            case "resume" -> ProctorCommand.Action.RESUME;
            case "extend" -> ProctorCommand.Action.EXTEND;
            case "remind" -> ProctorCommand.Action.REMIND;
            case "permit-leave" -> ProctorCommand.Action.PERMIT_LEAVE;
            case "record-incident" -> ProctorCommand.Action.RECORD_INCIDENT;
            default -> throw ExamException.field(ErrorType.NOT_FOUND, "action", "unknown seat action " + actionText
                    + " (pause, resume, extend, remind, permit-leave, record-incident)");
        };
        JsonNode b = ctx.body() == null || ctx.body().length() <= 0 ? Json.mapper().createObjectNode()
                : Body.object(ctx);
        long seconds = switch (action) {
            case EXTEND -> Body.integer(b, "seconds", 1, ProctorService.MAX_EXTENSION_SECONDS);
            case PERMIT_LEAVE -> Body.integer(b, "seconds", 1, ProctorService.MAX_LEAVE_SECONDS);
            default -> 0;
        };
        int max = ProctorService.MAX_TEXT_CHARS;
        String reason = action == ProctorCommand.Action.PERMIT_LEAVE ? Body.text(b, "reason", max)
                : Body.optionalText(b, "reason", max, null);
        String message = action == ProctorCommand.Action.REMIND ? Body.text(b, "message", max) : null;
        String category = switch (action) {
            case REMIND -> Body.optionalText(b, "category", 2, null);
            case RECORD_INCIDENT -> Body.text(b, "category", 2);
            default -> null;
        };
        String note = action == ProctorCommand.Action.RECORD_INCIDENT ? Body.text(b, "note", max) : null;
        StaffClaims staff = StaffAuth.claims(ctx);
        ProctorCommand cmd = new ProctorCommand(action, ctx.pathParam("id"), ctx.pathParam("seat"), seconds, reason,
                message, category, note, staff.username());
        s.proctor().execute(cmd, staff::mayAccessRoom).onSuccess(o -> Replies.ok(ctx, o)).onFailure(ctx::fail);
    }

    /** The seat codes of the sitting this staff member may see: all for an admin, their rooms' for a proctor. */
    Future<Predicate<String>> visibleSeats(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        if (staff.role() == Role.ADMIN) {
            return Future.succeededFuture(seat -> true);
        }
        return s.setup().seats(ctx.pathParam("id")).map(seats -> {
            Set<String> visible = new HashSet<>();
            seats.stream().filter(x -> staff.mayAccessRoom(x.roomId())).forEach(x -> visible.add(x.code()));
            return visible::contains;
        });
    }

    void attempts(RoutingContext ctx) {
        long now = s.clock().getAsLong();
        visibleSeats(ctx).compose(visible -> s.attempts().bySitting(ctx.pathParam("id")).map(list -> list.stream()
                .filter(a -> visible.test(a.seatCode())).map(a -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("attemptId", a.id());
                    m.put("ticket", a.ticket());
                    m.put("seatCode", a.seatCode());
                    m.put("state", a.stateAt(now).name());
                    m.put("deadline", a.deadline(now));
                    m.put("answered", a.answeredCount());
                    return m;
                }).toList())).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    void events(RoutingContext ctx) {
        String sittingId = ctx.pathParam("id");
        String attemptId = ctx.request().getParam("attemptId");
        visibleSeats(ctx).compose(visible -> (attemptId == null ? s.events().forSitting(sittingId)
                        : s.events().forAttempt(attemptId))
                        .map(list -> list.stream().filter(e -> e.sittingId().equals(sittingId)
                                && visible.test(e.seatCode())).toList()))
                .onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }
}
