package cn.examcore.server.proctoring;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The attempts at some seats of a sitting, read by key. The roster (cached on every node) names the ticket at each
 * seat, and an attempt's id follows from its sitting, ticket and subject, so a room of 40 seats costs 40 key reads
 * however many attempts the sitting has. A query by seat instead reads the seat of every attempt the node holds, and
 * consoles repeat it on timers: at 10,000 seats those scans were a fifth of the node's CPU on exam day.
 *
 * <p>A seat change moves the attempt first and the roster after it. Until the roster follows (on another node, until
 * the setup cache's invalidation arrives, or its time to live if that message is lost), the moved attempt is listed
 * in neither room; an attempt is never listed at a seat that is not its own.
 */
final class RoomAttempts {

    private final SittingStore sittingStore;
    private final RosterStore rosterStore;
    private final AttemptStore attempts;

    RoomAttempts(SittingStore sittingStore, RosterStore rosterStore, AttemptStore attempts) {
        this.sittingStore = sittingStore;
        this.rosterStore = rosterStore;
        this.attempts = attempts;
    }

    /** The attempts of the sitting at these seats; none for an unknown sitting. */
    Future<List<Attempt>> at(String sittingId, Set<String> seatCodes) {
        if (seatCodes.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        Future<Optional<Sitting>> sitting = sittingStore.sitting(sittingId);
        Future<List<Candidate>> roster = rosterStore.candidates(sittingId);
        return Future.all(sitting, roster).compose(both -> {
            if (sitting.result().isEmpty()) {
                return Future.succeededFuture(List.<Attempt>of());
            }
            Subject subject = sitting.result().get().subject();
            List<String> ids = new ArrayList<>();
            for (Candidate c : roster.result()) {
                if (c.seatCode() != null && seatCodes.contains(c.seatCode()) && c.subjects().contains(subject)) {
                    ids.add(PaperService.attemptId(sittingId, c.ticket(), subject.name()));
                }
            }
            return attempts.getEach(ids);
        }).map(found -> found.stream().filter(a -> a.seatCode() != null && seatCodes.contains(a.seatCode())).toList());
    }
}
