package cn.examcore.server.mgmt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicInteger;

/** The domain's meters, in one place: saves, submissions, open seat sockets. */
public final class ExamMetrics {

    private final MeterRegistry registry;
    private final Timer saveLatency;
    private final Counter savesRejected;
    private final Counter submissions;
    private final Counter autoSubmissions;
    private final AtomicInteger openSockets = new AtomicInteger();

    public ExamMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.saveLatency = Timer.builder("examcore.answer.save")
                .description("time from a save arriving to its acknowledgement (held by two members)")
                .publishPercentileHistogram()
                .register(registry);
        this.savesRejected = Counter.builder("examcore.answer.rejected").register(registry);
        this.submissions = Counter.builder("examcore.submissions").tag("kind", "candidate").register(registry);
        this.autoSubmissions = Counter.builder("examcore.submissions").tag("kind", "auto").register(registry);
        registry.gauge("examcore.seat.sockets", openSockets);
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

    public Counter autoSubmissions() {
        return autoSubmissions;
    }

    public AtomicInteger openSockets() {
        return openSockets;
    }
}
