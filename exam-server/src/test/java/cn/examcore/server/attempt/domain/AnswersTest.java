package cn.examcore.server.attempt.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Answers by item (copy-on-write)")
class AnswersTest {

    private static Answer a(int item, long rev) {
        return new Answer(item, "\"v" + item + "-" + rev + "\"", rev, 1000 + rev);
    }

    @Test
    @DisplayName("Answers from any map are in ascending item order and equal to the same answers in a sorted map")
    void orderAndEquality() {
        Map<Integer, Answer> hashed = new HashMap<>();
        for (int item : new int[] {70, 3, 1_000_000, 12, 1}) {
            hashed.put(item, a(item, 1));
        }
        Answers answers = Answers.of(hashed);
        TreeMap<Integer, Answer> sorted = new TreeMap<>(hashed);
        assertThat(answers).isEqualTo(sorted);
        assertThat(sorted).isEqualTo(answers);
        assertThat(answers.hashCode()).isEqualTo(sorted.hashCode());
        assertThat(answers.keySet()).containsExactly(1, 3, 12, 70, 1_000_000);
        assertThat(List.copyOf(answers.values())).containsExactlyElementsOf(sorted.values());
        assertThat(answers.get(12)).isEqualTo(a(12, 1));
        assertThat(answers.get(13)).isNull();
        assertThat(answers.get((Object) "12")).isNull();
        assertThat(Answers.of(answers)).isSameAs(answers);
    }

    @Test
    @DisplayName("Replacing or adding an answer leaves the answers it came from as they were")
    void copyOnWrite() {
        Answers before = Answers.byItem(a(2, 1), a(5, 1));
        Answers replaced = before.with(a(5, 2));
        Answers added = before.with(a(3, 1));
        assertThat(before).isEqualTo(Map.of(2, a(2, 1), 5, a(5, 1)));
        assertThat(replaced).isEqualTo(Map.of(2, a(2, 1), 5, a(5, 2)));
        assertThat(added.keySet()).containsExactly(2, 3, 5);
        assertThat(Answers.empty().with(a(9, 1))).isEqualTo(Map.of(9, a(9, 1)));
    }

    @Test
    @DisplayName("Answers cannot be changed through the map interface")
    void immutable() {
        Answers answers = Answers.byItem(a(1, 1));
        assertThatThrownBy(() -> answers.put(2, a(2, 1))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> answers.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> answers.entrySet().iterator().next().setValue(a(1, 2)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(answers).containsEntry(1, a(1, 1));
    }

    @Test
    @DisplayName("Two answers for one item cannot be read back as answers")
    void duplicateItems() {
        assertThatThrownBy(() -> Answers.byItem(a(4, 1), a(4, 2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Merging batches of saves gives what the per-item maximum over a sorted map gives")
    void mergeMatchesTheModel() {
        Random random = new Random(42);
        Map<Integer, Answer> model = new TreeMap<>();
        Map<Integer, Answer> answers = Answers.empty();
        for (int round = 0; round < 2_000; round++) {
            List<Answer> batch = new ArrayList<>();
            int size = 1 + random.nextInt(round % 10 == 0 ? 12 : 2);
            for (int k = 0; k < size; k++) {
                batch.add(a(1 + random.nextInt(40), random.nextInt(30)));
            }
            for (Answer x : batch) {
                Answer held = model.get(x.item());
                if (held == null || x.rev() > held.rev()) {
                    model.put(x.item(), x);
                }
            }
            Map<Integer, Answer> merged = AnswerMerge.merge(answers, batch);
            assertThat(merged == answers).as("changed exactly when the model changed, round " + round)
                    .isEqualTo(merged.equals(answers));
            answers = merged;
            assertThat(answers).as("round " + round).isEqualTo(model);
            assertThat(List.copyOf(answers.keySet())).isSorted();
        }
    }
}
