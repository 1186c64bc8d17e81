package cn.examcore.server.node;

import cn.examcore.server.admission.IdentityChecks;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingRulesStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the setup of the sittings under way into a node's caches: once when the node starts, and then, every
 * {@link #PERIOD_MILLIS}, the identity gate of each sitting that came under way since.
 *
 * <p>During a database outage a node serves setup reads and the identity gate from its last read. A node started
 * while a sitting runs (after a crash, a rolling restart) has no last read: a seat that moved to it during an outage
 * then waited for the connection pool's timeout (30 s) before its welcome, for the gate above all, which must not be
 * guessed. Starting a node needs the database, so this read always has one to ask. The setup cache drops its entries
 * on every setup change, after which they return with the seats' own reads; the gate's last read is not dropped.
 */
final class SetupWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(SetupWarmUp.class);

    /** How often the node looks for sittings that came under way. */
    static final long PERIOD_MILLIS = 60_000;
    /** A sitting is under way from this long before its check-in opens ... */
    static final long BEFORE_CHECK_IN_MILLIS = 30 * 60_000L;
    /** ... until this long after its planned end (extensions, pauses, late submissions). */
    static final long AFTER_END_MILLIS = 6 * 3_600_000L;

    private final LongSupplier clock;
    private final SittingStore sittings;
    private final RoomStore rooms;
    private final RosterStore roster;
    private final SittingRulesStore rules;
    private final IdentityChecks gate;

    SetupWarmUp(LongSupplier clock, SittingStore sittings, RoomStore rooms, RosterStore roster,
                SittingRulesStore rules, IdentityChecks gate) {
        this.clock = clock;
        this.sittings = sittings;
        this.rooms = rooms;
        this.roster = roster;
        this.rules = rules;
        this.gate = gate;
    }

    /** Whether {@code s} is under way at {@code now}: its seats may be served, so may fail over. */
    static boolean underWay(Sitting s, long now) {
        return now >= s.checkInOpensAt() - BEFORE_CHECK_IN_MILLIS
                && now <= s.startAt() + s.durationSeconds() * 1000 + AFTER_END_MILLIS;
    }

    /** Reads everything now, then keeps the gates read; the timer ends with the node's Vert.x. */
    void start(Vertx vertx) {
        long t = System.nanoTime();
        everything().onComplete(ar -> {
            if (ar.succeeded()) {
                LOG.info("read the setup of {} sitting(s) under way into this node's caches in {} ms",
                        ar.result().size(), (System.nanoTime() - t) / 1_000_000);
            } else {
                LOG.warn("reading the setup of the sittings under way failed; they are read when asked for: {}",
                        ar.cause().toString());
            }
        });
        vertx.setPeriodic(PERIOD_MILLIS, id -> gates().onFailure(e -> LOG.debug(
                "looking for sittings under way failed: {}", e.toString())));
    }

    /** Every setup read a seat's login and welcome make, for each sitting under way; the ids read. */
    Future<List<String>> everything() {
        return underWay().compose(list -> {
            List<Future<?>> reads = new ArrayList<>();
            for (Sitting s : list) {
                String id = s.id();
                reads.add(sittings.sitting(id));
                reads.add(rooms.rooms(id));
                reads.add(rooms.seats(id));
                reads.add(roster.candidates(id));
                reads.add(roster.accommodations(id));
                reads.add(rules.rules(id));
                reads.add(gate.warm(id));
            }
            return Future.all(reads).map(v -> list.stream().map(Sitting::id).toList());
        });
    }

    /** The identity gate of each sitting under way, where this node holds no read of it. */
    Future<List<String>> gates() {
        return underWay().compose(list -> Future.all(list.stream().map(s -> gate.warm(s.id())).toList())
                .map(v -> list.stream().map(Sitting::id).toList()));
    }

    private Future<List<Sitting>> underWay() {
        long now = clock.getAsLong();
        return sittings.sittings().map(all -> all.stream().filter(s -> underWay(s, now)).toList());
    }
}
