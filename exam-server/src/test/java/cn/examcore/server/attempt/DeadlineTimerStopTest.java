package cn.examcore.server.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.mgmt.ExamMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The deadline timer's stop")
class DeadlineTimerStopTest {

    @Test
    @DisplayName("waits for the scan in flight and starts none after it, so a stopping node's worker pools are not "
            + "reached after they close")
    void stopWaitsForTheScanInFlight() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Promise<List<String>> due = Promise.promise();
            AtomicInteger scans = new AtomicInteger();
            CountDownLatch scanStarted = new CountDownLatch(1);
            AttemptStore attempts = (AttemptStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {AttemptStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("locallyDue")) {
                            scans.incrementAndGet();
                            scanStarted.countDown();
                            return due.future();
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            SubmissionService submissions = new SubmissionService(vertx, null, attempts, null, null, null, null, null,
                    null, new ExamMetrics(new SimpleMeterRegistry()), System::currentTimeMillis, null);
            String id = vertx.deployVerticle(new DeadlineTimerVerticle(attempts, submissions,
                    System::currentTimeMillis, 10, TimeUnit.HOURS.toMillis(1), at -> { }))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(scanStarted.await(10, TimeUnit.SECONDS)).as("a scan started").isTrue();
            assertThat(scans.get()).isEqualTo(1);

            Future<Void> undeployed = vertx.undeploy(id);
            // Nothing to await here: the claim is that the stop has not completed. Thirty timer periods give a stop
            // that does not wait (it completes at once) and a timer that was not cancelled every chance to show.
            Thread.sleep(300);
            assertThat(undeployed.isComplete()).as("the stop waits for the scan in flight").isFalse();

            due.complete(List.of());
            undeployed.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(scans.get()).as("no scan after the stop").isEqualTo(1);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
