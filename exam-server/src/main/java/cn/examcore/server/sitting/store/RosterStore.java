package cn.examcore.server.sitting.store;

import cn.examcore.server.sitting.domain.Accommodation;
import cn.examcore.server.sitting.domain.Candidate;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A sitting's roster (考生名单): its candidates with their tickets, ID numbers, seats and subjects. */
public interface RosterStore {

    /** Replaces the sitting's roster in one transaction: the whole new roster, or the old one untouched. */
    default Future<Void> replaceRoster(String sittingId, List<Candidate> candidates) {
        return replaceRoster(sittingId, candidates, List.of());
    }

    /**
     * Replaces the sitting's roster and its candidates' accommodations (照顾延时) in one transaction: both new, or
     * both as they were.
     */
    Future<Void> replaceRoster(String sittingId, List<Candidate> candidates, List<Accommodation> accommodations);

    /** The accommodations of the sitting's candidates, by ticket. */
    Future<List<Accommodation>> accommodations(String sittingId);

    Future<Optional<Candidate>> candidate(String sittingId, String ticket);

    /** Assigns the candidate another seat of the sitting (an authorised seat change). */
    Future<Void> moveCandidate(String sittingId, String ticket, String seatCode);

    /** The sitting's candidates, by ticket. */
    Future<List<Candidate>> candidates(String sittingId);

    /** The candidates of the sitting with these tickets, by ticket (scoring a batch of attempts at the deadline). */
    Future<Map<String, Candidate>> candidates(String sittingId, Collection<String> tickets);

    /**
     * For each candidate of the sitting, by ticket, the other sittings of its evaluation (一次评价): where the
     * candidate sits the evaluation's other subjects, on whatever day. A candidate with none is absent.
     */
    Future<Map<String, Set<String>>> evaluationSittings(String sittingId);
}
