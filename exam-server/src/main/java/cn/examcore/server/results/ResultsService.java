package cn.examcore.server.results;

import cn.examcore.contract.SeatEvent;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.events.EventService;
import cn.examcore.server.results.store.ResultStore;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * 成绩: a sitting's results as the roster sees them, one {@link ResultLine} per candidate of its subject, read from
 * the roster, the stored results, the attempts and the login events. The results view, the exports and the
 * certificates all start from these lines.
 */
public final class ResultsService {

    private final LongSupplier clock;
    private final SittingStore sittingStore;
    private final RoomStore roomStore;
    private final RosterStore rosterStore;
    private final ResultStore resultStore;
    private final AttemptStore attempts;
    private final EventService events;

    public ResultsService(LongSupplier clock, SittingStore sittingStore, RoomStore roomStore, RosterStore rosterStore,
                          ResultStore resultStore, AttemptStore attempts, EventService events) {
        this.clock = clock;
        this.sittingStore = sittingStore;
        this.roomStore = roomStore;
        this.rosterStore = rosterStore;
        this.resultStore = resultStore;
        this.attempts = attempts;
        this.events = events;
    }

    private long now() {
        return clock.getAsLong();
    }

    public Future<List<ResultLine>> results(String sittingId) {
        long now = now();
        return sittingStore.existingSitting(sittingId).compose(sitting -> Future.all(List.of(
                rosterStore.candidates(sittingId), resultStore.results(sittingId), attempts.bySitting(sittingId),
                roomStore.rooms(sittingId), roomStore.seats(sittingId), events.forSitting(sittingId, SeatEvent.Kind.LOGIN))).map(all -> {
                    List<Candidate> candidates = all.resultAt(0);
                    List<Result> results = all.resultAt(1);
                    List<Attempt> attempts = all.resultAt(2);
                    List<Room> rooms = all.resultAt(3);
                    List<Seat> seats = all.resultAt(4);
                    List<SeatEvent> logins = all.resultAt(5);
                    Set<String> attended = new HashSet<>();
                    logins.forEach(e -> attended.add(e.attemptId()));
                    Map<String, Result> byTicket = new HashMap<>();
                    results.forEach(r -> byTicket.put(r.ticket(), r));
                    Map<String, Attempt> attemptByTicket = new HashMap<>();
                    attempts.forEach(a -> attemptByTicket.put(a.ticket(), a));
                    Map<String, String> roomName = new HashMap<>();
                    rooms.forEach(r -> roomName.put(r.id(), r.name()));
                    Map<String, String> roomOfSeat = new HashMap<>();
                    seats.forEach(x -> roomOfSeat.put(x.code(), roomName.getOrDefault(x.roomId(), "")));
                    List<ResultLine> lines = new ArrayList<>();
                    for (Candidate c : candidates) {
                        if (!c.subjects().contains(sitting.subject())) {
                            continue;
                        }
                        Attempt a = attemptByTicket.get(c.ticket());
                        lines.add(new ResultLine(c, roomOfSeat.getOrDefault(c.seatCode(), ""),
                                Optional.ofNullable(byTicket.get(c.ticket())),
                                a == null ? null : a.stateAt(now), a != null && attended.contains(a.id())));
                    }
                    return lines;
                }));
    }
}
