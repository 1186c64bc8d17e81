package cn.examcore.server.paper;

import cn.examcore.platform.json.Json;
import cn.examcore.server.common.ClusterConsumers;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.paper.store.StoredPaper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a paper this node does not hold while the database does not answer: a seat whose node died during a
 * database outage reconnects to a node that never served it, and without this it waits for the database (minutes,
 * in an outage). The cluster's kept copy ({@code paper.store.PaperCopies}, backed up, written at assembly) is looked
 * at first; without one (a copy lost with both its members, or expired), the other nodes are asked, since the node
 * that assembled the sitting and every node that served the seat hold its paper in memory.
 *
 * <p>One lookup is published on the cluster-internal {@link #LOOKUP} address (body: the attempt id); the nodes that
 * hold the paper send it to the asking node's own reply address, and the first reply wins. The lookup starts only
 * when the database has not answered within {@link #ASK_AFTER_MILLIS} or has failed, so a check-in storm, whose
 * reads the database answers, never floods the cluster; concurrent lookups of one attempt share one message. Only
 * exam-server nodes are cluster members and the cluster network is private (the same trust the attempts themselves
 * travel under), which is why a paper with its key may cross it.
 */
public final class PaperPeers {

    /** Cluster-internal: who holds this attempt's paper? (body: attempt id; headers: origin, reply address, id). */
    static final String LOOKUP = "examcore.internal.paper.lookup";
    /** Cluster-internal prefix of each node's reply address. */
    static final String REPLY = "examcore.internal.paper.reply.";
    /** How long the database may take before the other nodes are asked as well. */
    static final long ASK_AFTER_MILLIS = 1_000;
    /** How long a lookup waits for a reply before it counts as "nobody holds it". */
    static final long WAIT_MILLIS = 3_000;

    private static final String ORIGIN = "origin";
    private static final String REPLY_TO = "reply";
    private static final String ID = "id";

    private static final Logger LOG = LoggerFactory.getLogger(PaperPeers.class);

    private final Vertx vertx;
    private final BooleanSupplier othersPresent;
    private final String nodeId = UUID.randomUUID().toString();
    /** Lookups waiting for a reply, by lookup id. */
    private final Map<String, Promise<Optional<StoredPaper>>> waiting = new ConcurrentHashMap<>();
    /** The lookup under way per attempt, so a seat reconnecting in a loop sends one message, not one per try. */
    private final Map<String, Future<Optional<StoredPaper>>> underWay = new ConcurrentHashMap<>();
    private final Counter served;
    private final Counter answered;
    private final Counter unanswered;
    private final Counter fromCopy;
    /**
     * Set when a read here has gone unanswered for {@link #ASK_AFTER_MILLIS}, cleared by the next answer of the
     * database: while it is set the database is known to be slow or away, and a read looks elsewhere at once
     * instead of waiting its own second first (during an outage, every seat that moves to this node would).
     */
    private volatile boolean databaseSlow;

    /**
     * @param othersPresent true while the cluster has members besides this one (a lone node asks nobody)
     */
    public PaperPeers(Vertx vertx, BooleanSupplier othersPresent, MeterRegistry registry) {
        this.vertx = vertx;
        this.othersPresent = othersPresent;
        this.served = Counter.builder("examcore.paper.peer.lookups").tag("outcome", "served")
                .description("papers this node sent to another node that asked while its database did not answer")
                .register(registry);
        this.answered = Counter.builder("examcore.paper.peer.lookups").tag("outcome", "answered")
                .description("papers this node asked other nodes for, by whether one sent it").register(registry);
        this.unanswered = Counter.builder("examcore.paper.peer.lookups").tag("outcome", "unanswered")
                .description("papers this node asked other nodes for, by whether one sent it").register(registry);
        this.fromCopy = Counter.builder("examcore.paper.peer.lookups").tag("outcome", "copy")
                .description("papers this node took from the cluster's kept copies while its database did not answer")
                .register(registry);
    }

    /**
     * Registers the node's lookup consumer, answering from {@code held} (this node's papers in memory), and its reply
     * consumer; both before the node serves any seat.
     */
    public Future<Void> start(Function<String, Optional<StoredPaper>> held) {
        Future<MessageConsumer<String>> lookup = ClusterConsumers.register(vertx, LOOKUP, m -> {
            String replyTo = m.headers().get(REPLY_TO);
            if (nodeId.equals(m.headers().get(ORIGIN)) || replyTo == null || !replyTo.startsWith(REPLY)) {
                return;
            }
            Optional<StoredPaper> paper = held.apply(m.body());
            if (paper.isPresent()) {
                served.increment();
                vertx.eventBus().send(replyTo, Json.encode(paper.get()),
                        new DeliveryOptions().addHeader(ID, m.headers().get(ID)));
            }
        });
        Future<MessageConsumer<String>> replies = ClusterConsumers.register(vertx, REPLY + nodeId, m -> {
            Promise<Optional<StoredPaper>> p = waiting.remove(String.valueOf(m.headers().get(ID)));
            if (p != null) {
                try {
                    p.tryComplete(Optional.of(Json.decode(m.body(), StoredPaper.class)));
                } catch (RuntimeException e) {
                    LOG.warn("a node sent a paper this node cannot read: {}", e.toString());
                    p.tryComplete(Optional.empty());
                }
            }
        });
        return Future.all(lookup, replies).mapEmpty();
    }

    /**
     * The paper of {@code attemptId} from {@code database}, or from another node when the database has not answered
     * within {@link #ASK_AFTER_MILLIS} or has failed, or at once when an earlier read has gone that long unanswered
     * and the database has not answered since; {@code decode} turns a paper a node sent into the result. An
     * answer of the database that is not a failure to reach it (an {@link ExamException}: no paper assembled yet)
     * stands as it is.
     */
    <T> Future<T> race(String attemptId, Future<T> database, Function<StoredPaper, Future<T>> decode) {
        return race(attemptId, database, null, decode);
    }

    /**
     * As {@link #race(String, Future, Function)}, but looks at the cluster's kept copy of the paper first
     * ({@code kept}, see {@code paper.store.PaperCopies}), and asks the other nodes only when there is none. With a
     * kept copy to look at, a node alone looks too: its own memory may have let the paper go.
     *
     * @param kept the kept copy's lookup, or null when the node keeps none
     */
    <T> Future<T> race(String attemptId, Future<T> database, Supplier<Future<Optional<StoredPaper>>> kept,
                       Function<StoredPaper, Future<T>> decode) {
        if (database.succeeded()) {
            return database;
        }
        Race<T> race = new Race<>(attemptId, kept, decode);
        boolean slowAlready = databaseSlow && !database.isComplete();
        long timer = database.isComplete() || slowAlready ? -1 : vertx.setTimer(ASK_AFTER_MILLIS, id -> {
            databaseSlow = true;
            race.ask();
        });
        if (slowAlready) {
            race.ask();
        }
        database.onComplete(ar -> {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            if (ar.succeeded() || ar.cause() instanceof ExamException) {
                databaseSlow = false;
            }
            race.database(ar.succeeded() ? null : ar.cause(), ar.result());
        });
        return race.result.future();
    }

    /** One paper wanted: the database's answer, and the other nodes' when they were asked. */
    private final class Race<T> {
        private final String attemptId;
        private final Supplier<Future<Optional<StoredPaper>>> kept;
        private final Function<StoredPaper, Future<T>> decode;
        private final Promise<T> result = Promise.promise();
        private boolean asked;
        private boolean peersDone;
        private Throwable databaseFailure;

        Race(String attemptId, Supplier<Future<Optional<StoredPaper>>> kept,
             Function<StoredPaper, Future<T>> decode) {
            this.attemptId = attemptId;
            this.kept = kept;
            this.decode = decode;
        }

        synchronized void database(Throwable failure, T paper) {
            if (failure == null) {
                result.tryComplete(paper);
            } else if (failure instanceof ExamException || !mayLook()) {
                result.tryFail(failure);
            } else {
                databaseFailure = failure;
                if (peersDone) {
                    result.tryFail(failure);
                } else {
                    ask();
                }
            }
        }

        synchronized void ask() {
            if (asked || result.future().isComplete() || !mayLook()) {
                return;
            }
            asked = true;
            elsewhere().onComplete(ar -> {
                Optional<StoredPaper> found = ar.succeeded() ? ar.result() : Optional.empty();
                if (found.isPresent()) {
                    decode.apply(found.get()).onComplete(d -> {
                        if (d.succeeded()) {
                            result.tryComplete(d.result());
                        } else {
                            peersAnswered();
                        }
                    });
                } else {
                    peersAnswered();
                }
            });
        }

        private boolean mayLook() {
            return kept != null || othersPresent.getAsBoolean();
        }

        /** The kept copy, else the other nodes' memories. */
        private Future<Optional<StoredPaper>> elsewhere() {
            if (kept == null) {
                return find(attemptId);
            }
            return kept.get().otherwise(e -> {
                LOG.warn("the kept copy of {}'s paper could not be read: {}", attemptId, e.toString());
                return Optional.empty();
            }).compose(copy -> {
                if (copy.isPresent()) {
                    fromCopy.increment();
                    return Future.succeededFuture(copy);
                }
                return othersPresent.getAsBoolean() ? find(attemptId) : Future.succeededFuture(Optional.empty());
            });
        }

        private synchronized void peersAnswered() {
            peersDone = true;
            if (databaseFailure != null) {
                result.tryFail(databaseFailure);
            }
        }
    }

    /** Asks every other node for the paper; empty when none sent it within {@link #WAIT_MILLIS}. */
    Future<Optional<StoredPaper>> find(String attemptId) {
        Future<Optional<StoredPaper>> current = underWay.get(attemptId);
        if (current != null) {
            return current;
        }
        String id = UUID.randomUUID().toString();
        Promise<Optional<StoredPaper>> p = Promise.promise();
        Future<Optional<StoredPaper>> mine = p.future();
        Future<Optional<StoredPaper>> raced = underWay.putIfAbsent(attemptId, mine);
        if (raced != null) {
            return raced;
        }
        waiting.put(id, p);
        mine.onComplete(ar -> {
            underWay.remove(attemptId, mine);
            (ar.succeeded() && ar.result().isPresent() ? answered : unanswered).increment();
        });
        vertx.setTimer(WAIT_MILLIS, t -> {
            waiting.remove(id);
            p.tryComplete(Optional.empty());
        });
        vertx.eventBus().publish(LOOKUP, attemptId, new DeliveryOptions().addHeader(ORIGIN, nodeId)
                .addHeader(REPLY_TO, REPLY + nodeId).addHeader(ID, id));
        return mine;
    }
}
