package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.testing.TestNode;
import com.hazelcast.cluster.ClusterState;
import com.hazelcast.core.HazelcastInstance;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node restarted while the others merge after a split finds the cluster frozen (Hazelcast freezes its state for
 * the merge) and is refused; it must join once the merge is over instead of failing its start (found by the random
 * fault schedule, seed 5031032539356).
 */
@DisplayName("Joining a cluster that refuses new members for a moment")
class ClusterJoinIT {

    @Test
    @DisplayName("a node started while the cluster is frozen, as during a split-brain merge, joins once it thaws")
    void joinsOnceTheClusterThaws() throws Exception {
        try (TestNode a = TestNode.builder().noDemo().start()) {
            HazelcastInstance hzA = a.node().hazelcast();
            hzA.getCluster().changeClusterState(ClusterState.FROZEN);
            CompletableFuture<TestNode> b = CompletableFuture.supplyAsync(
                    () -> TestNode.builder().noDemo().joining(a).start());
            // Long enough for the first try to be refused and the node to wait for its next one.
            TimeUnit.SECONDS.sleep(7);
            assertThat(b).as("the refused node gave up instead of trying again").isNotDone();
            hzA.getCluster().changeClusterState(ClusterState.ACTIVE);
            try (TestNode joined = b.get(60, TimeUnit.SECONDS)) {
                assertThat(joined.node().hazelcast().getCluster().getMembers()).hasSize(2);
                assertThat(hzA.getCluster().getMembers()).hasSize(2);
            }
        }
    }
}
