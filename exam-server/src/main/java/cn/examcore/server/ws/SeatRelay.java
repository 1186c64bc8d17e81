package cn.examcore.server.ws;

import cn.examcore.server.api.Addresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * How server→page messages reach the seat sockets, one per node. A seat socket listens on node-local event-bus
 * addresses only ({@link Addresses#seat} and {@link #localReleased}); the clustered bus carries one relay address
 * per node and one release consumer per node and sitting. Two clustered registrations per socket, as before, put
 * thousands of entries into Hazelcast's subscription map, and a load run saw a worker blocked for 60–120 s looking
 * them up.
 *
 * <p>A push is delivered on this node at once, and through the relay address to the other members only when
 * there are any (a lone node never asks Hazelcast where a seat is).
 */
public final class SeatRelay {

    /** Cluster-internal: a seat push for another member's sockets (headers: attempt id, origin node). */
    static final String RELAY = "examcore.internal.seat.relay";
    private static final String ATTEMPT = "attempt";
    private static final String ORIGIN = "origin";
    private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

    private final Vertx vertx;
    private final BooleanSupplier othersPresent;
    private final String nodeId = UUID.randomUUID().toString();
    /** Sitting id → this node's clustered release consumer, complete once registered across the cluster. */
    private final Map<String, Future<Void>> releaseWatches = new ConcurrentHashMap<>();
    private volatile Future<Void> registrationHold = Future.succeededFuture();

    /**
     * @param othersPresent true while the cluster has members besides this one
     */
    public SeatRelay(Vertx vertx, BooleanSupplier othersPresent) {
        this.vertx = vertx;
        this.othersPresent = othersPresent;
    }

    /** Registers the node's relay consumer. */
    public Future<Void> start() {
        MessageConsumer<String> relay = vertx.eventBus().consumer(RELAY, m -> {
            if (!nodeId.equals(m.headers().get(ORIGIN))) {
                vertx.eventBus().publish(Addresses.seat(m.headers().get(ATTEMPT)), m.body(), LOCAL);
            }
        });
        return relay.completion();
    }

    /** Sends a server→page message (JSON) to the socket of an attempt, on this node or another. */
    public void push(String attemptId, String json) {
        vertx.eventBus().publish(Addresses.seat(attemptId), json, LOCAL);
        if (othersPresent.getAsBoolean()) {
            vertx.eventBus().publish(RELAY, json,
                    new DeliveryOptions().addHeader(ATTEMPT, attemptId).addHeader(ORIGIN, nodeId));
        }
    }

    /** The node-local address a sitting's release is re-published on for this node's sockets. */
    static String localReleased(String sittingId) {
        return Addresses.sittingReleased(sittingId) + ".local";
    }

    /**
     * Makes sure this node listens for the sitting's release ({@link Addresses#sittingReleased}, published by
     * whichever node releases it). The future completes, on the caller's context, once the clustered registration
     * is complete: a release published before then may have been missed, so the caller looks at the stored attempt
     * again when it completes.
     */
    Future<Void> watchRelease(String sittingId) {
        Context caller = vertx.getOrCreateContext();
        Future<Void> watch = releaseWatches.computeIfAbsent(sittingId, id -> {
            Future<Void> registered = registrationHold.compose(v -> vertx.eventBus().<String>consumer(
                    Addresses.sittingReleased(id),
                    m -> vertx.eventBus().publish(localReleased(id), m.body(), LOCAL)).completion());
            // A registration that failed is tried again by the next socket of the sitting.
            registered.onFailure(e -> vertx.runOnContext(v -> releaseWatches.remove(id, registered)));
            return registered;
        });
        Promise<Void> onCaller = Promise.promise();
        watch.onComplete(r -> caller.runOnContext(v -> onCaller.handle(r)));
        return onCaller.future();
    }

    /**
     * For tests: release registrations started from now on wait for {@code until}, as on a slow cluster, so a
     * release can be published while they are pending.
     */
    public void holdReleaseRegistrations(Future<Void> until) {
        registrationHold = until;
    }
}
