package cn.examcore.server.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.mgmt.ExamMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code examcore_deadline_scan_age_seconds}: the time since the deadline timer last completed a scan, the one
 * signal of a timer that stalled or whose scans keep failing (the auto-submit lag records only what was frozen).
 */
@DisplayName("The age of the last deadline scan")
class DeadlineScanAgeTest {

    @Test
    @DisplayName("grows while no scan completes and falls back to zero when one does")
    void gaugeFollowsTheLastScan() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong now = new AtomicLong(1_000_000);
        LongConsumer scanned = new ExamMetrics(registry).deadlineScans(now::get);
        assertThat(age(registry)).as("no scan yet: counted from the registration").isZero();
        now.addAndGet(42_500);
        assertThat(age(registry)).isEqualTo(42.5);
        scanned.accept(now.get());
        assertThat(age(registry)).isZero();
    }

    @Test
    @DisplayName("is told of each scan that completed, and of none that failed")
    void onlyCompletedScansCount() throws Exception {
        assertThat(reports(Future.succeededFuture(List.of()))).as("scans that found nothing due").isPositive();
        assertThat(reports(Future.failedFuture(new IllegalStateException("the attempts map is unreachable"))))
                .as("scans that failed").isZero();
    }

    /** How often a timer whose every scan ends as {@code scan} ends reports a completed scan, over 40 periods. */
    private static int reports(Future<List<String>> scan) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CountDownLatch scans = new CountDownLatch(40);
            AttemptStore attempts = (AttemptStore) Proxy.newProxyInstance(DeadlineScanAgeTest.class.getClassLoader(),
                    new Class<?>[] {AttemptStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("locallyDue")) {
                            scans.countDown();
                            return scan;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            SubmissionService submissions = new SubmissionService(vertx, null, attempts, null, null, null, null, null,
                    null, new ExamMetrics(new SimpleMeterRegistry()), System::currentTimeMillis, null);
            AtomicInteger reported = new AtomicInteger();
            String id = vertx.deployVerticle(new DeadlineTimerVerticle(attempts, submissions,
                    System::currentTimeMillis, 5, TimeUnit.HOURS.toMillis(1), at -> reported.incrementAndGet()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(scans.await(10, TimeUnit.SECONDS)).as("40 scans ran").isTrue();
            vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return reported.get();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static double age(SimpleMeterRegistry registry) {
        return registry.get("examcore.deadline.scan.age").gauge().value();
    }
}
