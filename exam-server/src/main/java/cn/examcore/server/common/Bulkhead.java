package cn.examcore.server.common;

import cn.examcore.contract.ErrorType;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most a fixed number of one kind of work running or waiting on a node; beyond that a new one is refused at once
 * with {@code RETRY} (retry after a few seconds) instead of queued. Meant for reads that clients repeat on a timer,
 * such as a console's seat list: queued without a bound, a backlog of them is answered a minute late (by then the
 * console has given up and asked again) while it holds the threads it shares.
 */
public final class Bulkhead {

    private final String refusal;
    private final int maxPending;
    private final int retryAfterSeconds;
    private final AtomicInteger pending = new AtomicInteger();

    /**
     * @param what              what is limited, as the refusal names it (e.g. "seat-list reads")
     * @param maxPending        at most this many running or waiting
     * @param retryAfterSeconds what a refusal asks the client to wait
     */
    public Bulkhead(String what, int maxPending, int retryAfterSeconds) {
        this(maxPending, retryAfterSeconds, "this node is already answering " + maxPending + " " + what
                + "; try again in " + retryAfterSeconds + " seconds");
    }

    /**
     * @param maxPending        at most this many running or waiting
     * @param retryAfterSeconds what a refusal asks the client to wait
     * @param refusal           the refusal's message, as the client shows it
     */
    public Bulkhead(int maxPending, int retryAfterSeconds, String refusal) {
        if (maxPending < 1 || retryAfterSeconds < 1) {
            throw new IllegalArgumentException("maxPending and retryAfterSeconds must be at least 1, were "
                    + maxPending + " and " + retryAfterSeconds);
        }
        this.refusal = refusal;
        this.maxPending = maxPending;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Runs {@code work} if fewer than the maximum are running or waiting; otherwise a failed {@code RETRY}. */
    public <T> Future<T> run(Supplier<Future<T>> work) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            return Future.failedFuture(new ExamException(ErrorType.RETRY, refusal,
                    Map.of("retryAfterSeconds", retryAfterSeconds)));
        }
        Future<T> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            throw e;
        }
        return started.andThen(ar -> pending.decrementAndGet());
    }

    /** Running or waiting now. */
    public int pending() {
        return pending.get();
    }
}
