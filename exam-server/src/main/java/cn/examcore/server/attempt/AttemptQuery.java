package cn.examcore.server.attempt;

import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptStore;
import io.vertx.core.Future;

/** An attempt as the candidate's HTTP endpoints read it (its answers, its state before a resource or an upload). */
public final class AttemptQuery {

    private final AttemptStore attempts;

    public AttemptQuery(AttemptStore attempts) {
        this.attempts = attempts;
    }

    /** The attempt, or a failed future with {@link cn.examcore.server.attempt.domain.UnknownAttempt}. */
    public Future<Attempt> attempt(String attemptId) {
        return attempts.get(attemptId);
    }
}
