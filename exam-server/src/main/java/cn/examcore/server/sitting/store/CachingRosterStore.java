package cn.examcore.server.sitting.store;

import cn.examcore.server.sitting.domain.Accommodation;
import cn.examcore.server.sitting.domain.Candidate;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rosters read through the node's {@link SetupCache}: every login looks its ticket up, so a sitting's roster is read
 * once per node and indexed by ticket. A replaced roster or a seat move invalidates the cache on every node.
 */
public final class CachingRosterStore implements RosterStore {

    private final RosterStore db;
    private final SetupCache cache;

    /** A sitting's roster, read once, with the index a login needs. */
    private record Roster(List<Candidate> candidates, Map<String, Candidate> byTicket) {

        static Roster of(List<Candidate> list) {
            return new Roster(List.copyOf(list), list.stream()
                    .collect(Collectors.toUnmodifiableMap(Candidate::ticket, Function.identity(), (a, b) -> a)));
        }
    }

    public CachingRosterStore(RosterStore db, SetupCache cache) {
        this.db = db;
        this.cache = cache;
    }

    private Future<Roster> roster(String sittingId) {
        return cache.cached(SetupCache.Kind.ROSTER, sittingId, () -> db.candidates(sittingId).map(Roster::of));
    }

    @Override
    public Future<Void> replaceRoster(String sittingId, List<Candidate> candidates,
                                      List<Accommodation> accommodations) {
        return cache.changed(db.replaceRoster(sittingId, candidates, accommodations), sittingId);
    }

    @Override
    public Future<List<Accommodation>> accommodations(String sittingId) {
        return cache.cached(SetupCache.Kind.ACCOMMODATIONS, sittingId, () -> db.accommodations(sittingId));
    }

    @Override
    public Future<Optional<Candidate>> candidate(String sittingId, String ticket) {
        return roster(sittingId).map(r -> Optional.ofNullable(r.byTicket().get(ticket)));
    }

    @Override
    public Future<Void> moveCandidate(String sittingId, String ticket, String seatCode) {
        return cache.changed(db.moveCandidate(sittingId, ticket, seatCode), sittingId);
    }

    @Override
    public Future<List<Candidate>> candidates(String sittingId) {
        return roster(sittingId).map(Roster::candidates);
    }

    @Override
    public Future<Map<String, Candidate>> candidates(String sittingId, Collection<String> tickets) {
        return roster(sittingId).map(r -> {
            Map<String, Candidate> out = new HashMap<>();
            for (String t : tickets) {
                Candidate c = r.byTicket().get(t);
                if (c != null) {
                    out.put(t, c);
                }
            }
            return out;
        });
    }

    @Override
    public Future<Map<String, Set<String>>> evaluationSittings(String sittingId) {
        // Another sitting's roster changes this answer, so it is not cached with this sitting's roster.
        return db.evaluationSittings(sittingId);
    }
}
