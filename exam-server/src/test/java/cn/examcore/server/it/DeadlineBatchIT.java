package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.SeatEvent;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.TestNode;
import cn.examcore.server.wiring.Services;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The deadline storm in batches: due attempts are found by scanning the entries a member owns (no index), frozen a
 * batch at a time with the one AUTO_SUBMIT change, scored and stored once, whoever else races for them.
 */
@DisplayName("Deadline auto-submit in batches")
class DeadlineBatchIT {

    /** A period no test outlives: the node's own deadline timer never scans. */
    private static final String NEVER = String.valueOf(3_600_000);

    /** The theory demo, 30 seats, whose one-minute duration ended before it was seeded: every attempt is due. */
    private static DemoSitting.Info seedDueSitting(TestNode node) {
        return await(DemoSitting.seed(node.node(), DemoSitting.Options.theory(-75).withDuration(1)));
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> attemptIds(Services s, String sittingId) {
        return await(s.attempts().bySitting(sittingId)).stream().map(Attempt::id).sorted().toList();
    }

    private static long autoSubmittedEvents(Services s, String attemptId) {
        return await(s.events().forAttempt(attemptId)).stream()
                .filter(e -> e.kind().equals(SeatEvent.ServerKind.AUTO_SUBMITTED.name())).count();
    }

    @Test
    @DisplayName("Two overlapping scans and a single auto-submit of the same due attempts freeze, score and record each exactly once")
    void overlappingScansScoreOnce() {
        try (TestNode node = TestNode.builder().noDemo().config("timer-period-millis", NEVER).start()) {
            Services s = node.node().services();
            DemoSitting.Info sitting = seedDueSitting(node);
            List<String> ids = attemptIds(s, sitting.sittingId());
            assertThat(ids).hasSize(30);
            List<String> reversed = new ArrayList<>(ids);
            Collections.reverse(reversed);

            Future<Integer> first = s.submissions().autoSubmitAll(ids);
            Future<Integer> second = s.submissions().autoSubmitAll(reversed);
            Future<Integer> single = s.submissions().autoSubmit(ids.get(7)).map(r -> r.isPresent() ? 1 : 0);
            int frozen = await(first) + await(second) + await(single);

            assertThat(frozen).as("attempts frozen over the three calls").isEqualTo(30);
            assertThat(s.metrics().autoSubmissions().count()).isEqualTo(30.0);
            for (String id : ids) {
                Attempt a = await(s.attempts().get(id));
                assertThat(a.state()).as(id).isEqualTo(AttemptState.SUBMITTED);
                assertThat(a.submitKind()).as(id).isEqualTo(Attempt.SubmitKind.AUTO_SUBMITTED);
                assertThat(autoSubmittedEvents(s, id)).as("AUTO_SUBMITTED events of " + id).isEqualTo(1);
            }
            List<Result> results = await(node.node().stores().results().results(sitting.sittingId()));
            assertThat(results).extracting(Result::attemptId).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(results).allSatisfy(r -> {
                assertThat(r.submitKind()).isEqualTo("AUTO_SUBMITTED");
                assertThat(r.maxScore()).isPositive();
            });
            // A later scan finds nothing due any more.
            assertThat(await(s.attempts().locallyDue(System.currentTimeMillis()))).isEmpty();
            assertThat(await(s.submissions().autoSubmitAll(ids))).isZero();
        }
    }

    @Test
    @DisplayName("A results write the database refuses for a moment is tried again: every frozen attempt gets its result")
    void resultsWriteIsRetriedAfterTheDatabaseRefusedIt() throws Exception {
        try (TestNode node = TestNode.builder().noDemo().config("timer-period-millis", NEVER).start()) {
            Services s = node.node().services();
            DemoSitting.Info sitting = seedDueSitting(node);
            List<String> ids = attemptIds(s, sitting.sittingId());
            // The results table is away, so the first write fails; it comes back once a retry is pending.
            rename(node, "results", "results_away");
            Future<Integer> frozen = s.submissions().autoSubmitAll(ids);
            Await.until("a failed results write is retried", Duration.ofSeconds(30),
                    () -> s.metrics().resultRetries().count() >= 1);
            rename(node, "results_away", "results");
            assertThat(await(frozen)).isEqualTo(30);
            List<Result> results = await(node.node().stores().results().results(sitting.sittingId()));
            assertThat(results).extracting(Result::attemptId).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    private static void rename(TestNode node, String from, String to) throws Exception {
        try (Connection c = node.node().database().connection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + from + " RENAME TO " + to);
        }
    }

    @Test
    @DisplayName("A node's timer submits only the attempts it owns; when the other member dies, the survivor submits its attempts")
    void survivorTakesOverTheDeadMembersAttempts() {
        TestNode a = TestNode.builder().noDemo().start();
        TestNode b = null;
        try {
            // b never scans: what it owns stays open until a owns it.
            b = TestNode.builder().joining(a).config("timer-period-millis", NEVER).start();
            HazelcastInstance hzB = b.node().hazelcast();
            Await.until("the cluster is safe", Duration.ofSeconds(60),
                    () -> hzB.getPartitionService().isClusterSafe());
            Services sa = a.node().services();
            DemoSitting.Info sitting = seedDueSitting(a);
            List<String> ids = attemptIds(sa, sitting.sittingId());
            Member memberB = hzB.getCluster().getLocalMember();
            Map<Boolean, List<String>> ownedByB = ids.stream().collect(Collectors.partitioningBy(
                    id -> memberB.equals(hzB.getPartitionService().getPartition(id).getOwner())));
            assertThat(ownedByB.get(true)).as("attempts owned by b").isNotEmpty();
            assertThat(ownedByB.get(false)).as("attempts owned by a").isNotEmpty();

            Await.until("a submitted the attempts it owns", Duration.ofSeconds(30), () -> ownedByB.get(false)
                    .stream().allMatch(id -> await(sa.attempts().get(id)).state() == AttemptState.SUBMITTED));
            assertThat(ownedByB.get(true)).allSatisfy(id -> assertThat(await(sa.attempts().get(id)).state())
                    .as("%s, owned by b, which does not scan", id).isNotEqualTo(AttemptState.SUBMITTED));

            b.node().crash();
            Await.until("the survivor submitted every attempt", Duration.ofSeconds(60), () -> ids.stream()
                    .allMatch(id -> await(sa.attempts().get(id)).state() == AttemptState.SUBMITTED));
            Await.until("every result is stored", Duration.ofSeconds(30),
                    () -> await(a.node().stores().results().results(sitting.sittingId())).size() == ids.size());
            for (String id : ownedByB.get(true)) {
                assertThat(await(sa.attempts().get(id)).submitKind()).isEqualTo(Attempt.SubmitKind.AUTO_SUBMITTED);
                assertThat(autoSubmittedEvents(sa, id)).as("AUTO_SUBMITTED events of " + id).isEqualTo(1);
            }
        } finally {
            if (b != null) {
                b.node().close();
            }
            a.close();
        }
    }
}
