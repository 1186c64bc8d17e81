package cn.examcore.server.attempt;

import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The T0 timer of this node: hands the paper key (docs/candidate-protocol.md §4) to every connected seat that is
 * waiting for it, in batches. One timer per start time serves every seat welcomed before its start; an early release
 * of the sitting serves the seats the transport names. Either way the seats' attempts are read {@value #KEY_BATCH}
 * at a time with one {@code getAll} each, rather than one read per seat all at once, and each seat then decides from
 * its attempt ({@link Waiter#keyFrom}): a paused or submitted seat gets the key with its state, a seat whose start
 * has not come keeps waiting.
 *
 * <p>The early release travels as one message on the clustered event bus, which does not promise delivery. So that
 * a lost message cannot leave a seat on the waiting screen until its original T0, a sweep every
 * {@value #SWEEP_MILLIS} ms asks, once per sitting, whether the sittings of the seats still waiting for a later start
 * have been released, and hands those seats their key. It reads one sitting per sitting waited for, not the seats.
 */
public final class KeyRelease {

    /** A connected seat that may need the key. */
    public interface Waiter {

        /** The seat's attempt. */
        String attemptId();

        /** The sitting of the seat's attempt. */
        String sittingId();

        /** Whether the seat still has no key. */
        boolean wantsKey();

        /** Hands the seat its key, if its attempt says it may have it now. */
        void keyFrom(Attempt attempt);
    }

    private static final Logger LOG = LoggerFactory.getLogger(KeyRelease.class);

    /** How many seats' attempts one read takes when the key goes out. */
    public static final int KEY_BATCH = 500;
    private static final int KEY_READ_TRIES = 3;
    private static final long KEY_RETRY_MILLIS = 500;
    /** How often the seats still waiting are checked against their sittings' release. */
    public static final long SWEEP_MILLIS = 2_000;

    /** Whether a sitting has been released before its T0 (the stored sitting, not the message announcing it). */
    @FunctionalInterface
    public interface ReleaseCheck {

        /** True once an administrator has released the sitting early. */
        Future<Boolean> releasedEarly(String sittingId);
    }

    private final Vertx vertx;
    private final LongSupplier clock;
    private final AttemptStore attempts;
    private final ReleaseCheck releases;
    private long sweep = -1;
    /** Seats welcomed as WAITING, by the start their attempt had then; one timer per start time. */
    private final Map<Long, Set<Waiter>> awaitingStart = new HashMap<>();
    private final Map<Long, Long> startTimers = new HashMap<>();

    public KeyRelease(Vertx vertx, LongSupplier clock, AttemptStore attempts, ReleaseCheck releases) {
        this.vertx = vertx;
        this.clock = clock;
        this.attempts = attempts;
        this.releases = releases;
    }

    /** Starts the sweep for releases whose message did not arrive. */
    public synchronized void start() {
        if (sweep < 0) {
            sweep = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
        }
    }

    /** A seat welcomed as WAITING: its key goes out at {@code startAt}, with every other seat starting then. */
    public synchronized void await(Waiter seat, long startAt) {
        awaitingStart.computeIfAbsent(startAt, k -> new LinkedHashSet<>()).add(seat);
        startTimers.computeIfAbsent(startAt, k -> vertx.setTimer(
                Math.max(1, startAt - clock.getAsLong()), id -> started(startAt)));
    }

    /** The seat closed, drained or got its key otherwise; a start nobody awaits any more has no timer. */
    public synchronized void stopAwaiting(Waiter seat, long startAt) {
        Set<Waiter> waiting = awaitingStart.get(startAt);
        if (waiting != null && waiting.remove(seat) && waiting.isEmpty()) {
            awaitingStart.remove(startAt);
            Long timer = startTimers.remove(startAt);
            if (timer != null) {
                vertx.cancelTimer(timer);
            }
        }
    }

    /** Cancels every start timer (the node stops; pages reconnect elsewhere). */
    public synchronized void stop() {
        if (sweep >= 0) {
            vertx.cancelTimer(sweep);
            sweep = -1;
        }
        startTimers.values().forEach(vertx::cancelTimer);
        startTimers.clear();
        awaitingStart.clear();
    }

    private void started(long startAt) {
        List<Waiter> due;
        synchronized (this) {
            startTimers.remove(startAt);
            Set<Waiter> waiting = awaitingStart.remove(startAt);
            due = waiting == null ? List.of() : List.copyOf(waiting);
        }
        deliver(due);
    }

    /**
     * The seats waiting for a start more than one sweep away, by sitting: for each sitting the store says was
     * released early, they get their key now (each seat still decides from its attempt, read afresh).
     */
    private void sweep() {
        long soon = clock.getAsLong() + SWEEP_MILLIS;
        Map<String, List<Waiter>> bySitting = new HashMap<>();
        synchronized (this) {
            awaitingStart.forEach((startAt, seats) -> {
                if (startAt > soon) {
                    seats.stream().filter(Waiter::wantsKey)
                            .forEach(s -> bySitting.computeIfAbsent(s.sittingId(), k -> new ArrayList<>()).add(s));
                }
            });
        }
        bySitting.forEach((sittingId, seats) -> releases.releasedEarly(sittingId).onSuccess(released -> {
            if (released) {
                // The release message did not reach this node (or not yet): worth a line, it should be rare.
                LOG.info("sitting {} was released early; {} seats of this node still waited for it", sittingId,
                        seats.size());
                deliver(seats);
            }
        }).onFailure(e -> LOG.debug("checking the release of sitting {}: {}", sittingId, e.toString())));
    }

    /** Reads the seats' attempts in batches and offers each seat its key. */
    public void deliver(List<? extends Waiter> seats) {
        for (int from = 0; from < seats.size(); from += KEY_BATCH) {
            deliverBatch(List.copyOf(seats.subList(from, Math.min(seats.size(), from + KEY_BATCH))),
                    KEY_READ_TRIES);
        }
    }

    private void deliverBatch(List<Waiter> batch, int tries) {
        attempts.getAll(batch.stream().map(Waiter::attemptId).toList())
                .onSuccess(byId -> batch.forEach(s -> {
                    Attempt a = byId.get(s.attemptId());
                    if (a != null) {
                        s.keyFrom(a);
                    }
                }))
                .onFailure(e -> {
                    // A read of many seats failing (a member leaving) must not leave them all without a key until
                    // their pages reconnect: try again shortly; a page that says hello meanwhile gets it anyway.
                    List<Waiter> left = batch.stream().filter(Waiter::wantsKey).toList();
                    LOG.warn("reading {} attempts (first {}) for their key failed ({} tries left): {}", batch.size(),
                            batch.get(0).attemptId(), tries - 1, e.toString());
                    if (tries > 1 && !left.isEmpty()) {
                        vertx.setTimer(KEY_RETRY_MILLIS, id -> deliverBatch(left, tries - 1));
                    }
                });
    }
}
