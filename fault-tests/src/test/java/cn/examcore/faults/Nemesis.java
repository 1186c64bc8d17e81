package cn.examcore.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seeded random fault schedule for a {@link Site}: a sequence of faults nobody chose by hand, one at a time, each
 * on a node the seed picks, with the seed printed so that a failing run replays the same sequence. What the faults
 * do to the sitting is then judged by the checker of {@link NemesisIT}.
 *
 * <p>One fault at a time keeps a majority of the three nodes serving (a second node down would stop every write by
 * design, which is not a fault the product is meant to ride out). The kinds:
 * <ul>
 *   <li>{@code KILL}: SIGKILL of a node, down for a while, then started again (a power cut);</li>
 *   <li>{@code PAUSE}: the node frozen for 3–15 s, longer than the failure detector's 5 s (a GC pause lookalike),
 *   then thawed: it finds itself removed and merges back;</li>
 *   <li>{@code ISOLATE}: the node cut off the site network (a minority of one), its seats still reaching it;</li>
 *   <li>{@code ONEWAY}: the node stops hearing its peers while they still hear it (a one-way cut, see
 *   {@link Site#deafen}), its seats and the database still reaching it;</li>
 *   <li>{@code DATABASE}: PostgreSQL unreachable from every node for 30 s or more (write-behind holds the writes);</li>
 *   <li>{@code TERM}: SIGTERM of a node and a restart (a rolling update).</li>
 * </ul>
 */
final class Nemesis {

    private static final Logger LOG = LoggerFactory.getLogger(Nemesis.class);

    enum Kind { KILL, PAUSE, ISOLATE, DATABASE, TERM, ONEWAY }

    /** A planned fault: what, on which node (-1 for the database), held how long before it is undone. */
    record Fault(Kind kind, int node, long holdMillis) {
        @Override
        public String toString() {
            return kind + (node >= 0 ? "(node " + node + ")" : "") + " " + holdMillis + " ms";
        }
    }

    /** When a fault was in force: from its start to the moment the site was whole again. */
    record Window(Fault fault, long from, long to) {
    }

    private final long seed;
    private final Random random;
    private final long maxDatabaseMillis;

    Nemesis(long seed, long maxDatabaseMillis) {
        this.seed = seed;
        this.random = new Random(seed);
        this.maxDatabaseMillis = maxDatabaseMillis;
    }

    long seed() {
        return seed;
    }

    /** The next fault of the schedule: a kind, a node and a hold, all from the seed. */
    Fault next() {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        int node = kind == Kind.DATABASE ? -1 : random.nextInt(Site.NODES);
        long hold = switch (kind) {
            case KILL -> between(2_000, 10_000);
            case PAUSE -> between(3_000, 15_000);
            case ISOLATE -> between(10_000, 25_000);
            case DATABASE -> between(30_000, maxDatabaseMillis);
            case TERM -> 0;
            case ONEWAY -> between(10_000, 25_000);
        };
        return new Fault(kind, node, hold);
    }

    /** The pause between two faults. */
    long quiet() {
        return between(3_000, 8_000);
    }

    /** A uniformly drawn moment in [from, to). */
    long between(long from, long to) {
        return from + (long) (random.nextDouble() * (to - from));
    }

    /** Draws {@code count} distinct indexes below {@code bound}. */
    List<Integer> pick(int count, int bound) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < bound; i++) {
            all.add(i);
        }
        java.util.Collections.shuffle(all, random);
        return all.subList(0, count);
    }

    /** Puts the fault in force on the site, holds it, undoes it, and waits until the node serves again. */
    static Window apply(Site site, Fault f) {
        long from = System.currentTimeMillis();
        LOG.info("[nemesis] {} begins", f);
        switch (f.kind()) {
            case KILL -> {
                site.kill(f.node());
                sleep(f.holdMillis());
                site.startNode(f.node());
            }
            case PAUSE -> {
                site.pause(f.node());
                sleep(f.holdMillis());
                site.unpause(f.node());
            }
            case ISOLATE -> {
                site.isolate(f.node());
                sleep(f.holdMillis());
                site.heal(f.node());
            }
            case DATABASE -> {
                site.cutDatabase();
                sleep(f.holdMillis());
                site.restoreDatabase();
            }
            case TERM -> {
                site.stopGracefully(f.node());
                site.startNode(f.node());
            }
            case ONEWAY -> {
                site.deafen(f.node());
                sleep(f.holdMillis());
                site.undeafen(f.node());
            }
            default -> throw new IllegalArgumentException("no such fault: " + f);
        }
        long to = System.currentTimeMillis();
        LOG.info("[nemesis] {} over after {} ms", f, to - from);
        // One fault at a time means the next one waits for the site to be whole again: a merge or a rejoin after
        // this fault can run for tens of seconds, and a second fault in the middle of it is two faults at once.
        // The window still ends when the fault was undone, so the served-again rule counts the recovery.
        long settleBy = to + SETTLE_MILLIS;
        while (!site.whole() && System.currentTimeMillis() < settleBy) {
            sleep(500);
        }
        LOG.info("[nemesis] site {} {} ms after {} was undone", site.whole() ? "whole" : "STILL NOT WHOLE",
                System.currentTimeMillis() - to, f);
        return new Window(f, from, to);
    }

    /** How long the schedule waits at most for the site to be whole before the next fault. */
    private static final long SETTLE_MILLIS = 90_000;

    static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a fault", e);
        }
    }
}
