package cn.examcore.server.http;

import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.proctoring.RoomsQuery;
import io.vertx.ext.web.RoutingContext;

/**
 * Read-only queries the proctor console builds its live rooms from, scoped like the rest of {@code /api/proctor}
 * (bodies: {@code contract.ProctorRooms}):
 * <ul>
 *   <li>{@code GET /api/proctor/sittings}: the sittings with at least one visible room</li>
 *   <li>{@code GET /api/proctor/sittings/:id/rooms}: the visible rooms with their layout (rows × cols), every seat
 *   with its position and the candidate assigned to it, and the paper's item count for progress</li>
 * </ul>
 */
final class ProctorRoomsApi {

    private final RoomsQuery rooms;

    ProctorRoomsApi(RoomsQuery rooms) {
        this.rooms = rooms;
    }

    void sittings(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        rooms.sittings(staff::mayAccessRoom).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    void rooms(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        rooms.rooms(ctx.pathParam("id"), staff::mayAccessRoom).onSuccess(out -> Replies.ok(ctx, out))
                .onFailure(ctx::fail);
    }
}
