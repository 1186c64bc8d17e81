package cn.examcore.server.sitting;

import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.AgentKeyStore;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * What a seat agent's key opens: the sitting it was issued for ({@link SittingAdmin#issueAgentKey}), with the seats
 * and roster its events are checked against. Read on every agent batch, so through the node's setup cache.
 */
public final class SeatAgents {

    /**
     * The sitting an agent key was issued for, as an agent batch needs it.
     *
     * @param sitting    the sitting
     * @param seats      its seats
     * @param candidates its roster
     */
    public record AgentSitting(Sitting sitting, List<Seat> seats, List<Candidate> candidates) {
    }

    private final AgentKeyStore keys;
    private final SittingStore sittings;
    private final RoomStore rooms;
    private final RosterStore roster;

    public SeatAgents(AgentKeyStore keys, SittingStore sittings, RoomStore rooms, RosterStore roster) {
        this.keys = keys;
        this.sittings = sittings;
        this.rooms = rooms;
        this.roster = roster;
    }

    /** The sitting {@code agentKey} (as the agent sends it) was issued for; empty for a key never issued. */
    public Future<Optional<AgentSitting>> sittingOf(String agentKey) {
        return keys.agentKeySitting(SittingAdmin.hash(agentKey)).compose(sittingId -> {
            if (sittingId.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            String id = sittingId.get();
            return Future.all(sittings.sitting(id), rooms.seats(id), roster.candidates(id)).map(all ->
                    Optional.of(new AgentSitting(all.<Optional<Sitting>>resultAt(0).orElseThrow(), all.resultAt(1),
                            all.resultAt(2))));
        });
    }
}
