package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.common.Json;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.SetupStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Read-only queries the proctor console builds its live rooms from, scoped like the rest of {@code /api/proctor}:
 * a proctor sees only the rooms assigned to them, an admin every room.
 * <ul>
 *   <li>{@code GET /api/proctor/sittings}: the sittings with at least one visible room</li>
 *   <li>{@code GET /api/proctor/sittings/:id/rooms}: the visible rooms with their layout (rows × cols), every seat
 *   with its position and the candidate assigned to it, and the paper's item count for progress</li>
 * </ul>
 */
final class ProctorRoomsApi {

    private final LongSupplier clock;

    private final SetupStore setup;

    private final AttemptStore attempts;

    ProctorRoomsApi(LongSupplier clock, SetupStore setup, AttemptStore attempts) {
        this.clock = clock;
        this.setup = setup;
        this.attempts = attempts;
    }

    void sittings(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        setup.sittings().compose(all -> {
            List<Future<Map<String, Object>>> each = all.stream().map(sitting -> setup.rooms(sitting.id())
                    .map(rooms -> rooms.stream().anyMatch(r -> staff.mayAccessRoom(r.id())) ? summary(sitting)
                            : (Map<String, Object>) null)).toList();
            return Future.all(each).map(cf -> each.stream().map(Future::result).filter(m -> m != null).toList());
        }).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    void rooms(RoutingContext ctx) {
        String sittingId = ctx.pathParam("id");
        StaffClaims staff = StaffAuth.claims(ctx);
        setup.sitting(sittingId).compose(found -> {
            Sitting sitting = found.orElseThrow(() -> ExamException.field(ErrorType.NOT_FOUND, "id",
                    "no sitting " + sittingId));
            Future<List<Room>> rooms = setup.rooms(sittingId);
            Future<List<Seat>> seats = setup.seats(sittingId);
            Future<List<Candidate>> candidates = setup.candidates(sittingId);
            return Future.all(rooms, seats, candidates).compose(cf -> itemCount(sittingId).map(items -> {
                Map<String, Candidate> bySeat = candidates.result().stream()
                        .collect(Collectors.toMap(Candidate::seatCode, Function.identity(), (a, b) -> a));
                List<Map<String, Object>> visible = new ArrayList<>();
                for (Room room : rooms.result()) {
                    if (!staff.mayAccessRoom(room.id())) {
                        continue;
                    }
                    List<Map<String, Object>> roomSeats = seats.result().stream()
                            .filter(x -> x.roomId().equals(room.id()))
                            .sorted(Comparator.comparingInt(Seat::row).thenComparingInt(Seat::col))
                            .map(x -> seat(x, bySeat.get(x.code()))).toList();
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("id", room.id());
                    r.put("name", room.name());
                    r.put("rows", room.rows());
                    r.put("cols", room.cols());
                    r.put("seats", roomSeats);
                    visible.add(r);
                }
                if (visible.isEmpty()) {
                    throw new ExamException(ErrorType.FORBIDDEN, "no room of sitting " + sittingId
                            + " is assigned to you");
                }
                Map<String, Object> out = summary(sitting);
                out.put("itemCount", items);
                out.put("serverNow", clock.getAsLong());
                out.put("rooms", visible);
                return out;
            }));
        }).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    private static Map<String, Object> summary(Sitting sitting) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", sitting.id());
        m.put("title", sitting.title());
        m.put("t0", sitting.t0());
        m.put("durationMinutes", sitting.durationMinutes());
        return m;
    }

    private static Map<String, Object> seat(Seat seat, Candidate candidate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", seat.code());
        m.put("row", seat.row());
        m.put("col", seat.col());
        m.put("ticket", candidate == null ? null : candidate.ticket());
        m.put("name", candidate == null ? null : candidate.name());
        return m;
    }

    /** Every paper of a sitting follows one blueprint, so one assembled paper gives the item count (0: none yet). */
    private Future<Integer> itemCount(String sittingId) {
        return attempts.bySitting(sittingId).compose(attempts -> attempts.isEmpty()
                ? Future.succeededFuture(0)
                : setup.paper(attempts.get(0).id()).map(p -> p.map(paper -> {
                    int n = 0;
                    for (JsonNode section : Json.tree(paper.paperJson()).path("sections")) {
                        n += section.path("items").size();
                    }
                    return n;
                }).orElse(0)));
    }
}
