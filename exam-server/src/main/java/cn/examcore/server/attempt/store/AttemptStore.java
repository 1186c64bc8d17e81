package cn.examcore.server.attempt.store;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.UnknownAttempt;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where attempts and their answers live while a sitting runs. Every change is atomic on the attempt and held by
 * two members when the future completes. Refusals fail the future with
 * {@link cn.examcore.server.attempt.domain.AttemptRejected} (or
 * {@link UnknownAttempt}) and change nothing.
 */
public interface AttemptStore {

    /** Stores new attempts (at paper assembly); existing ids are overwritten. */
    Future<Void> createAll(Collection<Attempt> attempts);

    /** The attempt, or a failed future with {@link UnknownAttempt}. */
    Future<Attempt> get(String attemptId);

    /**
     * Reads many attempts in one round trip per partition owner (the key at T0 or at a release reads every local
     * seat's attempt at once); an id without an attempt is missing from the map.
     */
    Future<Map<String, Attempt>> getAll(Collection<String> attemptIds);

    /** Merges single saves while the clock runs. */
    Future<Void> save(String attemptId, List<Answer> answers, long now);

    /** Merges a reconnecting page's vector and returns the merged attempt. */
    Future<Attempt> mergeVector(String attemptId, List<Answer> answers, long now);

    /** Candidate's submission: merge the final vector and freeze. */
    Future<AttemptChange> submit(String attemptId, List<Answer> answers, long now);

    /** Freezes the attempt when its deadline has passed; changes nothing otherwise (idempotent). */
    Future<AttemptChange> autoSubmit(String attemptId, long now);

    /**
     * {@link #autoSubmit} for many attempts in one call: each attempt is frozen by its own atomic change, so an
     * attempt frozen by another call (a second scan, the candidate's submit) reports {@code changed() == false}.
     * Unknown ids are left out of the answer.
     */
    Future<List<AttemptChange>> autoSubmitAll(Collection<String> attemptIds, long now);

    Future<AttemptChange> pause(String attemptId, long now);

    /** A proctor's forced submission (交卷 by the proctor): freezes the attempt now with what it holds. */
    Future<AttemptChange> forceSubmit(String attemptId, long now);

    /**
     * Merges an offline answer file's answers into an attempt its deadline froze ({@link Attempt#mergeOffline});
     * refused with {@link cn.examcore.server.attempt.domain.AttemptRejected} while it is open or when another freeze
     * ended it.
     */
    Future<AttemptChange> mergeOffline(String attemptId, List<Answer> answers, long now);

    /** Moves the attempt, with its answers and clock, to another seat of its sitting. */
    Future<AttemptChange> moveSeat(String attemptId, String seatCode, long now);

    Future<AttemptChange> resume(String attemptId, long now);

    Future<AttemptChange> extend(String attemptId, long seconds, long now);

    /** Reopens a submitted attempt ({@link cn.examcore.server.attempt.domain.Attempt#reopen}). */
    Future<AttemptChange> reopen(String attemptId, long now);

    /** Starts the clock of every waiting attempt of the sitting at {@code now} (early release). */
    Future<Void> release(String sittingId, long now);

    /** Every attempt of a sitting. */
    Future<List<Attempt>> bySitting(String sittingId);

    /**
     * These attempts, each read by its key, in no particular order; an id of no attempt is left out. Staff pages ask
     * for a room's (a few dozen ids) and sitting-wide actions for every seat's; a store reads each size its own way.
     */
    default Future<List<Attempt>> getEach(Collection<String> attemptIds) {
        return getAll(attemptIds).map(found -> List.copyOf(found.values()));
    }

    /**
     * Ids of the attempts whose partitions this node owns and whose deadline (with its grace) has passed at
     * {@code now}. Computed from the partitions owned at the time of the call, so after a member leaves, the new
     * owners of its partitions find its attempts here.
     */
    Future<List<String>> locallyDue(long now);

    /**
     * Those of {@code attemptIds} whose partition this node owns now, so that work on an attempt that any node may
     * find (the result recovery) is done by one node.
     */
    List<String> ownedHere(Collection<String> attemptIds);

    /** Writes everything queued for the database now (graceful stop). */
    Future<Void> flush();
}
