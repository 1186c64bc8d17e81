package cn.examcore.server.ws;

import cn.examcore.contract.SeatMessage;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.SeatPush;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.common.ClusterConsumers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * How server→page messages reach the seat sockets, one per node. A seat socket listens on a node-local event-bus
 * address only ({@link Addresses#seat}); a release reaches the node's {@link SeatSockets} on the node-local
 * {@link #LOCAL_RELEASED}, which hands the key to its sockets of that sitting in batches. The clustered bus carries one relay consumer
 * and one release consumer per node, both registered when the node starts. Two clustered registrations per socket, as before, put
 * thousands of entries into Hazelcast's subscription map, and a load run saw a worker blocked for 60–120 s looking
 * them up.
 *
 * <p>A push is delivered on this node at once, and through the relay address to the other members only when
 * there are any (a lone node never asks Hazelcast where a seat is).
 */
public final class SeatRelay implements SeatPush {

    /** Cluster-internal: a seat push for another member's sockets (headers: attempt id, origin node). */
    static final String RELAY = "examcore.internal.seat.relay";
    /** Node-local: a sitting was released early (body: the sitting id); one consumer per {@link SeatSockets}. */
    static final String LOCAL_RELEASED = "examcore.local.sitting.released";
    private static final String ATTEMPT = "attempt";
    private static final String ORIGIN = "origin";
    private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

    private final Vertx vertx;
    private final BooleanSupplier othersPresent;
    private final String nodeId = UUID.randomUUID().toString();

    /**
     * @param othersPresent true while the cluster has members besides this one
     */
    public SeatRelay(Vertx vertx, BooleanSupplier othersPresent) {
        this.vertx = vertx;
        this.othersPresent = othersPresent;
    }

    /**
     * Registers the node's two clustered consumers: the relay, and the release of every sitting
     * ({@link Addresses#SITTING_RELEASED}, body: the sitting id), re-published on this node's
     * {@link #LOCAL_RELEASED} address. Both are registered before the node serves any seat.
     */
    public Future<Void> start() {
        Future<MessageConsumer<String>> relay = ClusterConsumers.register(vertx, RELAY, m -> {
            if (!nodeId.equals(m.headers().get(ORIGIN))) {
                vertx.eventBus().publish(Addresses.seat(m.headers().get(ATTEMPT)), m.body(), LOCAL);
            }
        });
        Future<MessageConsumer<String>> released = ClusterConsumers.register(vertx, Addresses.SITTING_RELEASED,
                m -> vertx.eventBus().publish(LOCAL_RELEASED, m.body(), LOCAL));
        return Future.all(relay, released).mapEmpty();
    }

    /** Sends a server→page message to the socket of an attempt, on this node or another. */
    @Override
    public void push(String attemptId, SeatMessage message) {
        String json = Json.encode(message);
        vertx.eventBus().publish(Addresses.seat(attemptId), json, LOCAL);
        if (othersPresent.getAsBoolean()) {
            vertx.eventBus().publish(RELAY, json,
                    new DeliveryOptions().addHeader(ATTEMPT, attemptId).addHeader(ORIGIN, nodeId));
        }
    }
}
