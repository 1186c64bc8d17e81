package cn.examcore.server.mgmt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The domain's meters, in one place: saves, submissions, open seat sockets, key delivery at T0, auto-submit lag,
 * plus the JVM's heap and GC (heap per connected seat is {@code jvm_memory_used_bytes{area="heap"}} over
 * {@code examcore_seat_sockets}). These are the figures of {@code load-tests/RESULTS.md}; the Grafana dashboard in
 * {@code load-tests/grafana/examcore-load.json} draws them.
 */
public final class ExamMetrics {

    private final MeterRegistry registry;
    private final Timer saveLatency;
    private final Counter savesRejected;
    private final Counter submissions;
    private final Counter autoSubmissions;
    private final Counter resultRetries;
    private final Timer keyDelivery;
    private final Timer autoSubmitLag;
    private final AtomicInteger openSockets = new AtomicInteger();
    private PendingWork pendingResults;
    private LongConsumer deadlineScans;

    public ExamMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.saveLatency = Timer.builder("examcore.answer.save")
                .description("time from a save arriving to its acknowledgement (held by two members)")
                .publishPercentileHistogram()
                .register(registry);
        this.savesRejected = Counter.builder("examcore.answer.rejected").register(registry);
        this.submissions = Counter.builder("examcore.submissions").tag("kind", "candidate").register(registry);
        this.autoSubmissions = Counter.builder("examcore.submissions").tag("kind", "auto").register(registry);
        this.resultRetries = Counter.builder("examcore.results.store.retries")
                .description("scoring and storing a frozen attempt's result failed and is tried again")
                .register(registry);
        this.keyDelivery = Timer.builder("examcore.key.delivery")
                .description("time from the attempt's start (T0 or the release) to its key being sent on the seat socket")
                .publishPercentileHistogram()
                .register(registry);
        this.autoSubmitLag = Timer.builder("examcore.submission.auto.lag")
                .description("time from an attempt's deadline to its auto-submission being frozen and scored")
                .publishPercentileHistogram()
                .register(registry);
        registry.gauge("examcore.seat.sockets", openSockets);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /**
     * The results and submission events this node is still trying to store, as the meters
     * {@code examcore_results_pending} and {@code examcore_results_pending_age_seconds}; registered once per
     * registry (a second call counts into the first tracker's meters only if it is the same object).
     */
    public synchronized PendingWork pendingResults(LongSupplier clock) {
        if (pendingResults == null) {
            PendingWork work = new PendingWork(clock);
            Gauge.builder("examcore.results.pending", work, PendingWork::size)
                    .description("frozen attempts' results and submission events waiting for the database")
                    .register(registry);
            Gauge.builder("examcore.results.pending.age", work, PendingWork::oldestSeconds)
                    .description("seconds the oldest result or submission event has waited for the database")
                    .baseUnit("seconds").register(registry);
            pendingResults = work;
        }
        return pendingResults;
    }

    /**
     * Where the deadline timer reports each scan that completed, as the gauge
     * {@code examcore_deadline_scan_age_seconds}: seconds since the last one (counted from now when none has run
     * yet). A few timer periods in a working node; growing when scans stall or keep failing, which the auto-submit
     * lag cannot show because nothing stalled is ever recorded there. Registered once per registry.
     */
    public synchronized LongConsumer deadlineScans(LongSupplier clock) {
        if (deadlineScans == null) {
            AtomicLong last = new AtomicLong(clock.getAsLong());
            Gauge.builder("examcore.deadline.scan.age", last, l -> Math.max(0, clock.getAsLong() - l.get()) / 1000.0)
                    .description("seconds since this node's deadline timer last completed a scan")
                    .baseUnit("seconds").register(registry);
            deadlineScans = last::set;
        }
        return deadlineScans;
    }

    public Timer keyDelivery() {
        return keyDelivery;
    }

    public Timer autoSubmitLag() {
        return autoSubmitLag;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public Timer saveLatency() {
        return saveLatency;
    }

    public Counter savesRejected() {
        return savesRejected;
    }

    public Counter submissions() {
        return submissions;
    }

    public Counter resultRetries() {
        return resultRetries;
    }

    public Counter autoSubmissions() {
        return autoSubmissions;
    }

    public AtomicInteger openSockets() {
        return openSockets;
    }
}
