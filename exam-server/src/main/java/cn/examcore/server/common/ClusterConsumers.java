package cn.examcore.server.common;

import com.hazelcast.core.IndeterminateOperationStateException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers clustered event-bus consumers so that a node joining a running cluster starts reliably.
 *
 * <p>A clustered consumer is recorded in a Hazelcast multimap of the cluster manager. The members run with
 * {@code fail.on.indeterminate.state} (a save is acknowledged only once its backup is), and that setting covers the
 * cluster manager's own writes too: while the partitions migrate to a member that has just joined, the backup of
 * such a write can be dropped and the registration then fails as indeterminate although nothing is wrong. A
 * registration is idempotent, so it is simply made again; giving up would leave a node serving without a consumer
 * (a missed release, a console without live events) or refuse to start.
 */
public final class ClusterConsumers {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConsumers.class);

    /** Attempts per registration: with the growing pause, about 9 s, longer than one migration of a small cluster. */
    static final int ATTEMPTS = 8;
    private static final long PAUSE_MILLIS = 250;

    private ClusterConsumers() {
    }

    /**
     * Registers {@code handler} on the clustered {@code address}; the future completes with the consumer once the
     * registration has reached the cluster, and fails only with an error that is not the indeterminate state or
     * after {@link #ATTEMPTS} indeterminate ones.
     */
    public static <T> Future<MessageConsumer<T>> register(Vertx vertx, String address, Handler<Message<T>> handler) {
        return retryIndeterminate(vertx, address, () -> {
            MessageConsumer<T> consumer = vertx.eventBus().consumer(address, handler);
            // A failed registration may still be held locally (or even in the map): remove it before the next try,
            // so no address ends up with the handler twice.
            return consumer.completion().map(consumer)
                    .recover(e -> consumer.unregister().transform(ignored -> Future.failedFuture(e)));
        }, ATTEMPTS, PAUSE_MILLIS);
    }

    /** Runs {@code once} until it does not fail as indeterminate, at most {@code attempts} times. */
    static <T> Future<T> retryIndeterminate(Vertx vertx, String what, Supplier<Future<T>> once, int attempts,
            long pauseMillis) {
        return attempt(vertx, what, once, 1, attempts, pauseMillis);
    }

    private static <T> Future<T> attempt(Vertx vertx, String what, Supplier<Future<T>> once, int attempt,
            int attempts, long pauseMillis) {
        return once.get().recover(e -> {
            if (attempt >= attempts || !indeterminate(e)) {
                return Future.failedFuture(e);
            }
            LOG.warn("registering the consumer of {} was indeterminate (attempt {} of {}), trying again: {}", what,
                    attempt, attempts, e.toString());
            return vertx.timer(pauseMillis * attempt, TimeUnit.MILLISECONDS)
                    .compose(v -> attempt(vertx, what, once, attempt + 1, attempts, pauseMillis));
        });
    }

    /** True when {@code e} or one of its causes is Hazelcast's indeterminate operation state. */
    public static boolean indeterminate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IndeterminateOperationStateException) {
                return true;
            }
        }
        return false;
    }
}
