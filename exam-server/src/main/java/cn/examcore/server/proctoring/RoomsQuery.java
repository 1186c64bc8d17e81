package cn.examcore.server.proctoring;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.ProctorRooms.ExtraTime;
import cn.examcore.contract.ProctorRooms.RoomLayout;
import cn.examcore.contract.ProctorRooms.SeatAttempt;
import cn.examcore.contract.ProctorRooms.SeatPlace;
import cn.examcore.contract.ProctorRooms.SittingRooms;
import cn.examcore.contract.ProctorRooms.SittingSummary;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.common.Bulkhead;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.paper.store.PaperStore;
import cn.examcore.server.sitting.domain.Accommodation;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The sittings and rooms a proctor's console is built from, scoped by the rooms the caller may see (a proctor the
 * rooms assigned to them, an administrator every room).
 */
public final class RoomsQuery {

    private final LongSupplier clock;
    private final SittingStore sittingStore;
    private final RoomStore roomStore;
    private final RosterStore rosterStore;
    private final PaperStore paperStore;
    private final AttemptStore attempts;
    private final RoomAttempts roomAttempts;
    /**
     * Seat-list reads running or waiting on this node. Every console re-reads on a timer (a room's once a minute, a
     * whole sitting's too), so a node that falls behind must refuse the surplus rather than queue it: the console
     * shows the refusal and reads again at its next tick.
     */
    private final Bulkhead seatLists = new Bulkhead("seat-list reads", MAX_SEAT_LIST_READS, 5);

    /** Seat-list reads one node answers at once, waiting ones included. */
    static final int MAX_SEAT_LIST_READS = 16;

    public RoomsQuery(LongSupplier clock, SittingStore sittingStore, RoomStore roomStore, RosterStore rosterStore,
                      PaperStore paperStore, AttemptStore attempts) {
        this.clock = clock;
        this.sittingStore = sittingStore;
        this.roomStore = roomStore;
        this.rosterStore = rosterStore;
        this.paperStore = paperStore;
        this.attempts = attempts;
        this.roomAttempts = new RoomAttempts(sittingStore, rosterStore, attempts);
    }

    /** The sittings with at least one room the caller may see. */
    public Future<List<SittingSummary>> sittings(Predicate<String> mayAccessRoom) {
        return sittingStore.sittings().compose(all -> {
            List<Future<SittingSummary>> each = all.stream().map(sitting -> roomStore.rooms(sitting.id())
                    .map(rooms -> rooms.stream().anyMatch(r -> mayAccessRoom.test(r.id())) ? summary(sitting)
                            : (SittingSummary) null)).toList();
            return Future.all(each).map(cf -> each.stream().map(Future::result).filter(Objects::nonNull).toList());
        });
    }

    /**
     * The sitting's rooms the caller may see, with their seats and assigned candidates; {@code NOT_FOUND} naming
     * {@code id} for an unknown sitting, {@code FORBIDDEN} when none of its rooms is the caller's.
     */
    public Future<SittingRooms> rooms(String sittingId, Predicate<String> mayAccessRoom) {
        return sittingStore.sitting(sittingId).compose(found -> {
            Sitting sitting = found.orElseThrow(() -> ExamException.field(ErrorType.NOT_FOUND, "id",
                    "no sitting " + sittingId));
            Future<List<Room>> rooms = roomStore.rooms(sittingId);
            Future<List<Seat>> seats = roomStore.seats(sittingId);
            Future<List<Candidate>> candidates = rosterStore.candidates(sittingId);
            Future<List<Accommodation>> extras = rosterStore.accommodations(sittingId);
            return Future.all(rooms, seats, candidates, extras).compose(cf -> itemCount(sitting,
                    candidates.result()).map(items -> {
                Map<String, Candidate> bySeat = candidates.result().stream()
                        .collect(Collectors.toMap(Candidate::seatCode, Function.identity(), (a, b) -> a));
                Map<String, ExtraTime> extraByTicket = new HashMap<>();
                extras.result().forEach(a -> extraByTicket.put(a.ticket(), new ExtraTime(a.extraPercent(),
                        a.extraMinutes(), a.extraSeconds(sitting.durationSeconds()), a.approvedBy())));
                List<RoomLayout> visible = new ArrayList<>();
                for (Room room : rooms.result()) {
                    if (!mayAccessRoom.test(room.id())) {
                        continue;
                    }
                    List<SeatPlace> roomSeats = seats.result().stream()
                            .filter(x -> x.roomId().equals(room.id()))
                            .sorted(Comparator.comparingInt(Seat::row).thenComparingInt(Seat::col))
                            .map(x -> place(x, bySeat.get(x.code()), extraByTicket)).toList();
                    visible.add(new RoomLayout(room.id(), room.name(), room.rows(), room.cols(), roomSeats));
                }
                if (visible.isEmpty()) {
                    throw new ExamException(ErrorType.FORBIDDEN, "no room of sitting " + sittingId
                            + " is assigned to you");
                }
                return new SittingRooms(sitting.id(), sitting.title(), sitting.t0(), sitting.durationMinutes(),
                        items, clock.getAsLong(), visible, sitting.occupation(), sitting.level(),
                        sitting.subject().name());
            }));
        });
    }

    /** The sitting's seats in the rooms the caller may see. */
    public Future<SeatScope> seatsIn(String sittingId, Predicate<String> mayAccessRoom) {
        return roomStore.seats(sittingId).map(seats -> SeatScope.seats(seats.stream()
                .filter(x -> mayAccessRoom.test(x.roomId())).map(Seat::code).collect(Collectors.toSet())));
    }

    /** The sitting's attempts at the seats the caller may see. */
    public Future<List<SeatAttempt>> seatAttempts(String sittingId, SeatScope scope) {
        return seatLists.run(() -> (scope.whole() ? attempts.bySitting(sittingId)
                        : roomAttempts.at(sittingId, scope.seatCodes())))
                .map(list -> seatAttempts(list, scope, clock.getAsLong()));
    }

    private static List<SeatAttempt> seatAttempts(List<Attempt> list, SeatScope scope, long now) {
        return list.stream()
                .filter(a -> scope.test(a.seatCode()))
                .map(a -> new SeatAttempt(a.id(), a.ticket(), a.seatCode(), a.stateAt(now).name(), a.deadline(now),
                        a.answeredCount()))
                .toList();
    }

    private static SittingSummary summary(Sitting sitting) {
        return new SittingSummary(sitting.id(), sitting.title(), sitting.t0(), sitting.durationMinutes());
    }

    private static SeatPlace place(Seat seat, Candidate candidate, Map<String, ExtraTime> extraByTicket) {
        return new SeatPlace(seat.code(), seat.row(), seat.col(), candidate == null ? null : candidate.ticket(),
                candidate == null ? null : candidate.name(),
                candidate == null ? null : extraByTicket.get(candidate.ticket()),
                candidate == null ? null : masked(candidate.idNumber()));
    }

    /**
     * The ID number as printed for staff: region code and last four kept (a proctor matches a card with it), the
     * rest hidden; a short document keeps only its last four.
     */
    static String masked(String idNumber) {
        String id = idNumber.strip();
        int n = id.length();
        if (n <= 4) {
            return "*".repeat(n);
        }
        int head = n >= 15 ? 6 : 0;
        return id.substring(0, head) + "*".repeat(n - head - 4) + id.substring(n - 4);
    }

    /**
     * Every paper of a sitting follows one blueprint, so one assembled paper gives the item count (0: none yet). Its
     * attempt id is derived from the roster's first candidate of the sitting's subject, so no attempt is looked for.
     */
    private Future<Integer> itemCount(Sitting sitting, List<Candidate> candidates) {
        Optional<String> any = candidates.stream().filter(c -> c.subjects().contains(sitting.subject())).findFirst()
                .map(c -> PaperService.attemptId(sitting.id(), c.ticket(), sitting.subject().name()));
        return any.isEmpty()
                ? Future.succeededFuture(0)
                : paperStore.paper(any.get()).map(p -> p.map(paper -> {
                    int n = 0;
                    for (JsonNode section : Json.tree(paper.paperJson()).path("sections")) {
                        n += section.path("items").size();
                    }
                    return n;
                }).orElse(0));
    }
}
