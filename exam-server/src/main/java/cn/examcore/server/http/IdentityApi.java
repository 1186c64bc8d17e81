package cn.examcore.server.http;

import cn.examcore.server.admission.IdentityChecks;
import cn.examcore.server.auth.StaffClaims;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 身份核验 over HTTP: a proctor confirms the candidate at one seat or every candidate of a room, within their rooms;
 * staff list the confirmations of the seats they may see.
 */
final class IdentityApi {

    private final IdentityChecks identity;

    IdentityApi(IdentityChecks identity) {
        this.identity = identity;
    }

    void required(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        identity.required(ctx.pathParam("id"), staff::mayAccessRoom)
                .onSuccess(r -> Replies.ok(ctx, Map.of("identityRequired", r))).onFailure(ctx::fail);
    }

    void confirmSeat(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        identity.confirmSeat(ctx.pathParam("id"), ctx.pathParam("seat"), staff.username(), staff::mayAccessRoom)
                .onSuccess(o -> Replies.ok(ctx, json(o))).onFailure(ctx::fail);
    }

    void confirmRoom(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        identity.confirmRoom(ctx.pathParam("id"), ctx.pathParam("roomId"), staff.username(), staff::mayAccessRoom)
                .onSuccess(o -> Replies.ok(ctx, json(o))).onFailure(ctx::fail);
    }

    void checks(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        identity.checks(ctx.pathParam("id"), staff::mayAccessRoom).onSuccess(list -> Replies.ok(ctx,
                list.stream().map(k -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("ticket", k.ticket());
                    m.put("seatCode", k.seatCode());
                    m.put("method", k.method());
                    m.put("confirmedBy", k.confirmedBy());
                    m.put("confirmedAt", k.confirmedAt());
                    return m;
                }).toList())).onFailure(ctx::fail);
    }

    private static Map<String, Object> json(IdentityChecks.Outcome o) {
        return Map.of("confirmed", o.confirmed(), "already", o.already());
    }
}
