package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.EventService;
import cn.examcore.server.proctoring.ProctorCommand;
import cn.examcore.server.proctoring.ProctorService;
import cn.examcore.server.proctoring.RoomsQuery;
import cn.examcore.server.proctoring.SeatScope;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * The proctor API under {@code /api/proctor} (proctor or admin role): act on one seat (pause, resume, extend,
 * remind, permit-leave, record-incident), read a sitting's seats and events.
 */
final class ProctorApi {

    private final EventService events;
    private final ProctorService proctor;
    private final RoomsQuery rooms;
    private final RateLimits limits;

    ProctorApi(EventService events, ProctorService proctor, RoomsQuery rooms, RateLimits limits) {
        this.limits = limits;
        this.events = events;
        this.proctor = proctor;
        this.rooms = rooms;
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
            case "change-seat" -> ProctorCommand.Action.CHANGE_SEAT;
            case "force-submit" -> ProctorCommand.Action.FORCE_SUBMIT;
            case "reopen" -> ProctorCommand.Action.REOPEN;
            default -> throw ExamException.field(ErrorType.NOT_FOUND, "action", "unknown seat action " + actionText
                    + " (pause, resume, extend, remind, permit-leave, record-incident, change-seat, force-submit,"
                    + " reopen)");
        };
        JsonNode b = ctx.body() == null || ctx.body().length() <= 0 ? Json.mapper().createObjectNode()
                : Body.object(ctx);
        long seconds = switch (action) {
            case EXTEND -> Body.integer(b, "seconds", 1, ProctorService.MAX_EXTENSION_SECONDS);
            case PERMIT_LEAVE -> Body.integer(b, "seconds", 1, ProctorService.MAX_LEAVE_SECONDS);
            default -> 0;
        };
        int max = ProctorService.MAX_TEXT_CHARS;
        boolean reasonRequired = action == ProctorCommand.Action.PERMIT_LEAVE
                || action == ProctorCommand.Action.CHANGE_SEAT || action == ProctorCommand.Action.FORCE_SUBMIT
                || action == ProctorCommand.Action.REOPEN;
        String reason = reasonRequired ? Body.text(b, "reason", max) : Body.optionalText(b, "reason", max, null);
        String toSeat = action == ProctorCommand.Action.CHANGE_SEAT ? Body.text(b, "toSeat", 100) : null;
        String message = action == ProctorCommand.Action.REMIND ? Body.text(b, "message", max) : null;
        String category = switch (action) {
            case REMIND -> Body.optionalText(b, "category", 2, null);
            case RECORD_INCIDENT -> Body.text(b, "category", 2);
            default -> null;
        };
        String note = action == ProctorCommand.Action.RECORD_INCIDENT ? Body.text(b, "note", max) : null;
        StaffClaims staff = StaffAuth.claims(ctx);
        ProctorCommand cmd = new ProctorCommand(action, ctx.pathParam("id"), ctx.pathParam("seat"), seconds, reason,
                message, category, note, staff.username(), toSeat);
        proctor.execute(cmd, staff::mayAccessRoom).onSuccess(o -> Replies.ok(ctx, o)).onFailure(ctx::fail);
    }

    /**
     * Pauses, resumes or extends every seat of a room ({@code /rooms/:roomId/:action}) or of the whole sitting
     * ({@code /all-rooms/:action}), with a reason; see {@link ProctorService#executeInScope}.
     */
    void roomCommand(RoutingContext ctx) {
        scopeCommand(ctx, ctx.pathParam("roomId"));
    }

    void sittingCommand(RoutingContext ctx) {
        scopeCommand(ctx, null);
    }

    private void scopeCommand(RoutingContext ctx, String roomId) {
        String actionText = ctx.pathParam("action");
        ProctorCommand.Action action = switch (actionText) {
            case "pause" -> ProctorCommand.Action.PAUSE;
            case "resume" -> ProctorCommand.Action.RESUME;
            case "extend" -> ProctorCommand.Action.EXTEND;
            default -> throw ExamException.field(ErrorType.NOT_FOUND, "action", "unknown room action " + actionText
                    + " (pause, resume, extend)");
        };
        StaffClaims staff = StaffAuth.claims(ctx);
        if (!limits.rooms().tryAcquire("rooms:" + staff.username())) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many room actions; try again in a moment");
        }
        JsonNode b = ctx.body() == null || ctx.body().length() <= 0 ? Json.mapper().createObjectNode()
                : Body.object(ctx);
        String reason = Body.text(b, "reason", ProctorService.MAX_TEXT_CHARS);
        long seconds = action == ProctorCommand.Action.EXTEND
                ? Body.integer(b, "seconds", 1, ProctorService.MAX_EXTENSION_SECONDS) : 0;
        proctor.executeInScope(ctx.pathParam("id"), roomId, action, seconds, reason, staff.username(),
                        staff::mayAccessRoom)
                .onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    /** The seats of the sitting this staff member may see: all for an admin, their rooms' for a proctor. */
    Future<SeatScope> visibleSeats(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        if (staff.role() == Role.ADMIN) {
            return Future.succeededFuture(SeatScope.wholeSitting());
        }
        return rooms.seatsIn(ctx.pathParam("id"), staff::mayAccessRoom);
    }

    void attempts(RoutingContext ctx) {
        visibleSeats(ctx).compose(visible -> rooms.seatAttempts(ctx.pathParam("id"), visible))
                .onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    void events(RoutingContext ctx) {
        String sittingId = ctx.pathParam("id");
        String attemptId = ctx.request().getParam("attemptId");
        visibleSeats(ctx).compose(visible -> (attemptId != null ? events.forAttempt(attemptId)
                        : visible.whole() ? events.forSitting(sittingId)
                        : events.forSeats(sittingId, visible.seatCodes()))
                        .map(list -> list.stream().filter(e -> e.sittingId().equals(sittingId)
                                && visible.test(e.seatCode())).toList()))
                .onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }
}
