package cn.examcore.server.auth;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();

    /**
     * @param worker     the executor hashing runs on (one or two threads: a node keeps its other cores)
     * @param maxPending hashes running or waiting at most; more are refused
     */
    public PasswordChecks(PasswordHasher hasher, WorkerExecutor worker, int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1, was " + maxPending);
        }
        this.hasher = hasher;
        this.worker = worker;
        this.maxPending = maxPending;
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
        return pending.get();
    }

    private <T> Future<T> run(Callable<T> work) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            return Future.failedFuture(new ExamException(ErrorType.RETRY, "the server is busy checking other "
                    + "passwords; try again in a second", Map.of("retryAfterSeconds", 1)));
        }
        return worker.executeBlocking(work, true).andThen(ar -> pending.decrementAndGet());
    }
}
