package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.attempt.store.HazelcastAttemptStore;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.TestNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The attempt map's reads of a few attempts by key (a room proctor's console and room-wide actions, which find the
 * ids from the roster) and of a sitting's attempts.
 */
@DisplayName("Attempts read by key and by sitting")
class AttemptSelectionIT {

    @Test
    @DisplayName("A few attempts read by key are exactly those, unknown and repeated ids aside; one attempt id of a"
            + " sitting is found without reading them all")
    void byKey() throws Exception {
        try (TestNode node = TestNode.builder().start()) {
            AttemptStore attempts = node.node().services().attempts();
            String sitting = node.sittingId();
            List<Attempt> all = Await.result(attempts.bySitting(sitting));
            assertThat(all).hasSize(30);
            Attempt first = all.get(0);
            Attempt sixth = all.get(5);

            List<Attempt> two = Await.result(attempts.getEach(List.of(first.id(), sixth.id(), "no-such-attempt",
                    first.id())));
            assertThat(two).containsExactlyInAnyOrder(first, sixth);
            assertThat(Await.result(attempts.getEach(List.of()))).isEmpty();
            assertThat(Await.result(attempts.getEach(List.of("no-such-attempt")))).isEmpty();
            // More ids than a room has (a sitting-wide action) are read in one call per partition: the same answer.
            List<String> many = new ArrayList<>(all.stream().map(Attempt::id).toList());
            for (int i = 0; many.size() <= HazelcastAttemptStore.EACH_LIMIT; i++) {
                many.add("no-such-attempt-" + i);
            }
            assertThat(Await.result(attempts.getEach(many))).containsExactlyInAnyOrderElementsOf(all);
        }
    }
}
