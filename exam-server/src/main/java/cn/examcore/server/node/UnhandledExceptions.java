package cn.examcore.server.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's handler of exceptions no code of ours caught (Vert.x hands them to {@code Vertx.exceptionHandler}, which
 * would otherwise log each one with its stack trace from {@code ContextImpl}). Each is counted on
 * {@code examcore_unhandled_exceptions_total} by exception class; the first of a kind (class and throwing frame) is
 * logged with its stack trace, the same kind again within {@link #QUIET_MILLIS} is only counted, and the next line
 * logged after that says how many were passed over.
 *
 * <p>Why: Vert.x 5.0.10 throws {@code IllegalStateException: Promise already completed} from its own write path when
 * Netty fails the writes still queued on a socket that is closing (a promise completed twice, no frame of ours), so
 * hundreds of seat sockets closing at once used to print hundreds of identical stack traces around the one line an
 * operator needs. The exception changes nothing for the seats (their sockets are closing, their answers are
 * acknowledged or resent); the counter keeps it visible and measurable, and the logged trace is what a fix needs (no
 * Vert.x release is known to change that path, README "Operations"). Called from any event loop or worker thread.
 */
public final class UnhandledExceptions implements Handler<Throwable> {

    /** How long the same kind of exception is only counted after it was logged. */
    public static final long QUIET_MILLIS = 60_000;
    /** Most exception classes given their own counter; the rest share one, so a flood cannot grow the registry. */
    static final int MAX_KINDS = 32;
    /** Most kinds whose quiet period is remembered (messages may name ids); past it, every kind starts afresh. */
    static final int MAX_QUIET = 256;

    private static final Logger LOG = LoggerFactory.getLogger(UnhandledExceptions.class);

    /** Where a logged line goes: the message and the exception (with its stack trace). */
    interface Sink {
        void log(String message, Throwable t);
    }

    private final MeterRegistry registry;
    private final LongSupplier clock;
    private final Sink sink;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Quiet> quiet = new ConcurrentHashMap<>();

    /** Per kind: when it was last logged and how many have been passed over since. */
    private static final class Quiet {
        long loggedAt;
        long passedOver;
    }

    public UnhandledExceptions(MeterRegistry registry, LongSupplier clock) {
        this(registry, clock, (message, t) -> LOG.error(message, t));
    }

    UnhandledExceptions(MeterRegistry registry, LongSupplier clock, Sink sink) {
        this.registry = registry;
        this.clock = clock;
        this.sink = sink;
    }

    @Override
    public void handle(Throwable t) {
        counter(t.getClass().getName()).increment();
        String kind = kind(t);
        long now = clock.getAsLong();
        long passedOver;
        if (quiet.size() >= MAX_QUIET && !quiet.containsKey(kind)) {
            quiet.clear();
        }
        Quiet q = quiet.computeIfAbsent(kind, k -> new Quiet());
        synchronized (q) {
            if (q.loggedAt != 0 && now - q.loggedAt < QUIET_MILLIS) {
                q.passedOver++;
                return;
            }
            passedOver = q.passedOver;
            q.loggedAt = now;
            q.passedOver = 0;
        }
        sink.log(passedOver == 0 ? "unhandled exception (" + kind + ")"
                : "unhandled exception (" + kind + "), " + passedOver + " more of this kind in the last "
                + QUIET_MILLIS / 1000 + " s not logged", t);
    }

    /** The counter of one exception class (package-private for the test of the cap). */
    Counter counter(String exceptionClass) {
        Counter c = counters.get(exceptionClass);
        if (c != null) {
            return c;
        }
        String tag = counters.size() < MAX_KINDS ? exceptionClass : "other";
        return counters.computeIfAbsent(tag, k -> Counter.builder("examcore.unhandled.exceptions")
                .description("exceptions no code caught, handed to the node's Vert.x exception handler")
                .tag("exception", k).register(registry));
    }

    /** The exception's class, message and the frame that threw it: one kind per bug, not per socket. */
    static String kind(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        String where = frames.length == 0 ? "?" : frames[0].getClassName() + "." + frames[0].getMethodName();
        return t.getClass().getName() + ": " + t.getMessage() + " at " + where;
    }
}
