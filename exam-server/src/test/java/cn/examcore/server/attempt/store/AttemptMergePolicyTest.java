package cn.examcore.server.attempt.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Merging the two copies of an attempt after a split brain")
class AttemptMergePolicyTest {

    private static Attempt open(Map<Integer, Answer> answers, long extension) {
        return new Attempt("a1", "s1", "T1", "THEORY", "R1-01", AttemptState.ANSWERING, 1_000, 3_600, extension,
                0, 0, 0, null, answers);
    }

    @Test
    @DisplayName("Answers are the union by item with the higher revision winning, whichever side is the merging one")
    void unionByRevision() {
        Attempt left = open(Map.of(1, new Answer(1, "\"A\"", 3, 10), 2, new Answer(2, "true", 1, 11)), 0);
        Attempt right = open(Map.of(1, new Answer(1, "\"B\"", 2, 12), 3, new Answer(3, "false", 5, 13)), 60);
        for (Attempt merged : new Attempt[] {AttemptMergePolicy.union(left, right),
                AttemptMergePolicy.union(right, left)}) {
            assertThat(merged.answers()).containsOnlyKeys(1, 2, 3);
            assertThat(merged.answers().get(1).value()).isEqualTo("\"A\"");
            assertThat(merged.answers().get(1).rev()).isEqualTo(3);
            assertThat(merged.answers().get(3).rev()).isEqualTo(5);
            assertThat(merged.extensionSeconds()).isEqualTo(60);
            assertThat(merged.state()).isEqualTo(AttemptState.ANSWERING);
        }
    }

    @Test
    @DisplayName("A submitted copy keeps the attempt submitted and still takes the other side's higher revisions")
    void submittedWins() {
        Attempt submitted = new Attempt("a1", "s1", "T1", "THEORY", "R1-01", AttemptState.SUBMITTED, 1_000, 3_600, 0,
                0, 0, 5_000, Attempt.SubmitKind.AUTO_SUBMITTED, Map.of(1, new Answer(1, "\"A\"", 1, 10)));
        Attempt openSide = open(Map.of(1, new Answer(1, "\"C\"", 4, 20)), 0);
        Attempt merged = AttemptMergePolicy.union(openSide, submitted);
        assertThat(merged.state()).isEqualTo(AttemptState.SUBMITTED);
        assertThat(merged.submitKind()).isEqualTo(Attempt.SubmitKind.AUTO_SUBMITTED);
        assertThat(merged.submittedAt()).isEqualTo(5_000);
        assertThat(merged.answers().get(1).rev()).isEqualTo(4);
    }
}
