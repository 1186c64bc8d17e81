package cn.examcore.server.storage.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hazelcast's futures bridged to Vert.x on a real (lone) member. Hazelcast runs a future's callbacks on a new thread
 * each when the common fork-join pool has a single thread, as on the two-core machines that run these tests; the
 * bridge must hand them to the caller's context instead.
 */
@DisplayName("Hazelcast futures bridged to Vert.x")
class AsyncBridgeIT {

    @Test
    @DisplayName("500 map calls complete on the caller's context and start no thread per call")
    void callbacksRunOnTheContextWithoutAThreadEach() throws Exception {
        Config c = new Config().setClusterName("bridge-" + UUID.randomUUID());
        c.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        c.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(c);
        Vertx vertx = Vertx.vertx();
        try {
            IMap<String, String> map = hz.getMap("bridge");
            map.set("k", "v");
            Set<Thread> completedOn = ConcurrentHashMap.newKeySet();
            // Warm up once (Hazelcast starts its own pools lazily), then count.
            vertx.executeBlocking(() -> null).compose(x -> AsyncBridge.bridge(vertx, () -> map.getAsync("k")))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            long startedBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
            Future<List<String>> all = vertx.executeBlocking(() -> null).compose(x -> {
                List<Future<String>> calls = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    calls.add(AsyncBridge.bridge(vertx, () -> map.getAsync("k"))
                            .onSuccess(v -> completedOn.add(Thread.currentThread())));
                }
                return Future.all(calls).map(f -> f.<String>list());
            });
            List<String> values = all.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - startedBefore;

            assertThat(values).hasSize(500).containsOnly("v");
            assertThat(completedOn).as("threads the results were handled on").allSatisfy(t ->
                    assertThat(t.getName()).startsWith("vert.x-eventloop-thread"));
            assertThat(started).as("threads started during 500 calls (common pool parallelism %d)",
                    ForkJoinPool.getCommonPoolParallelism()).isLessThan(20);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            hz.shutdown();
        }
    }
}
