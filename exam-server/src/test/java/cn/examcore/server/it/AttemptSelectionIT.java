package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.TestNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The attempt map's selections by seat and by sitting, which a room proctor's console and room-wide actions use so
 * that one room does not cost a read of every attempt of the sitting.
 */
@DisplayName("Attempts selected by seat")
class AttemptSelectionIT {

    @Test
    @DisplayName("The attempts at some seats are exactly those, of that sitting only; one attempt id is found without"
            + " reading them all")
    void bySeat() throws Exception {
        try (TestNode node = TestNode.builder().start()) {
            AttemptStore attempts = node.node().services().attempts();
            String sitting = node.sittingId();
            List<Attempt> all = Await.result(attempts.bySitting(sitting));
            assertThat(all).hasSize(30);
            String first = node.seatCodes().get(0);
            String sixth = node.seatCodes().get(5);

            List<Attempt> two = Await.result(attempts.atSeats(sitting, Set.of(first, sixth, "no-such-seat")));
            assertThat(two).extracting(Attempt::seatCode).containsExactlyInAnyOrder(first, sixth);
            assertThat(two).containsExactlyInAnyOrderElementsOf(all.stream()
                    .filter(a -> a.seatCode().equals(first) || a.seatCode().equals(sixth)).toList());
            assertThat(Await.result(attempts.atSeats(sitting, Set.of()))).isEmpty();
            assertThat(Await.result(attempts.atSeats("another-sitting", Set.of(first)))).isEmpty();

            assertThat(Await.result(attempts.anyAttemptId(sitting))).get()
                    .isIn(all.stream().map(Attempt::id).toList());
            assertThat(Await.result(attempts.anyAttemptId("another-sitting"))).isEmpty();
        }
    }
}
