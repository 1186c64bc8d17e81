package cn.examcore.server.auth;

import cn.examcore.server.common.Bulkhead;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * Every password hash and verify of the node, on a worker of its own with a short queue. Argon2 costs about 100 ms
 * of one core by design, and anyone can ask for one (a sign-in with a made-up name still costs a verify, so that it
 * cannot be told apart): run on the shared worker pool, a burst of such sign-ins queued ahead of the readiness
 * probe and the database work of saves and deadlines. Here hashing takes at most the executor's threads, and when
 * {@code maxPending} are already waiting a new one is refused at once ({@code RETRY}, retry after a second) rather
 * than queued behind them.
 */
public final class PasswordChecks {

    private final PasswordHasher hasher;
    private final WorkerExecutor worker;
    private final Bulkhead pending;

    /**
     * @param worker     the executor hashing runs on (one or two threads: a node keeps its other cores)
     * @param maxPending hashes running or waiting at most; more are refused
     */
    public PasswordChecks(PasswordHasher hasher, WorkerExecutor worker, int maxPending) {
        this.hasher = hasher;
        this.worker = worker;
        this.pending = new Bulkhead(maxPending, 1, "the server is busy checking other passwords; try again in a"
                + " second");
    }

    /** Whether {@code password} matches the stored hash. */
    public Future<Boolean> verify(String password, String hash) {
        return run(() -> hasher.verify(password, hash));
    }

    /** As long as a real verify, and always false: a sign-in for a name that has no account. */
    public Future<Boolean> verifyUnknownUser(String password) {
        return run(() -> hasher.verifyUnknownUser(password.toCharArray()));
    }

    /** A new hash of {@code password}. */
    public Future<String> hash(String password) {
        return run(() -> hasher.hash(password));
    }

    /** Hashes running or waiting now. */
    public int pending() {
        return pending.pending();
    }

    private <T> Future<T> run(Callable<T> work) {
        return pending.run(() -> worker.executeBlocking(work, true));
    }
}
