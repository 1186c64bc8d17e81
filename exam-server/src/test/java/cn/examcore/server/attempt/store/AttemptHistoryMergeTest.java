package cn.examcore.server.attempt.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.domain.Attempt;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Answer history after a split-brain merge")
class AttemptHistoryMergeTest {

    private static final long T0 = 1_000_000;

    private static Attempt common() {
        Attempt a = Attempt.create("att-m", "s1", "T-1", "THEORY", "R1-01", T0, 3600);
        a = a.saveAnswers(List.of(new Answer(1, "\"A\"", 1, T0 + 1)), T0 + 1, "n1");
        return a.saveAnswers(List.of(new Answer(2, "true", 1, T0 + 2)), T0 + 2, "n1");
    }

    private static void verifiesAndReplays(Attempt merged) {
        AnswerHistory h = merged.history();
        assertThat(AnswerHistory.verify(merged.id(), h.links(merged.id()), h.head(merged.id())).valid()).isTrue();
        assertThat(h.differences(merged.answers())).as("replays to the merged answers").isEmpty();
    }

    @Test
    @DisplayName("When only one side took changes while split, its history is kept as it is")
    void oneSideExtends() {
        Attempt before = common();
        Attempt after = before.saveAnswers(List.of(new Answer(3, "\"C\"", 1, T0 + 3)), T0 + 3, "n2");
        for (Attempt merged : new Attempt[] {AttemptMergePolicy.union(before, after),
                AttemptMergePolicy.union(after, before)}) {
            assertThat(merged.history()).isEqualTo(after.history());
            verifiesAndReplays(merged);
        }
    }

    @Test
    @DisplayName("When both sides appended, the longer chain is kept, a MERGE entry names the other head and the other"
            + " side's winning answers are ADOPTED; the same whichever side merges into which")
    void bothSidesAppended() {
        Attempt base = common();
        Attempt left = base.saveAnswers(List.of(new Answer(1, "\"B\"", 2, T0 + 10)), T0 + 10, "n1")
                .saveAnswers(List.of(new Answer(3, "\"C\"", 1, T0 + 11)), T0 + 11, "n1");
        Attempt right = base.saveAnswers(List.of(new Answer(4, "\"D\"", 1, T0 + 12)), T0 + 12, "n2")
                .saveAnswers(List.of(new Answer(2, "false", 5, T0 + 13)), T0 + 13, "n2")
                .saveAnswers(List.of(new Answer(5, "\"E\"", 1, T0 + 14)), T0 + 14, "n2");
        Attempt one = AttemptMergePolicy.union(left, right);
        Attempt other = AttemptMergePolicy.union(right, left);
        assertThat(one.history()).isEqualTo(other.history());
        assertThat(one.answers()).isEqualTo(other.answers());
        verifiesAndReplays(one);

        AnswerHistory h = one.history();
        assertThat(h.extendsHistory(right.history())).as("the longer side (3 new entries) is the base").isTrue();
        AnswerHistory.Entry mark = h.entry(right.history().size());
        assertThat(mark.kind()).isEqualTo(AnswerHistory.Kind.MERGE);
        assertThat(mark.value()).isEqualTo(left.history().head(left.id()));
        assertThat(mark.rev()).isEqualTo(left.history().size());
        assertThat(mark.at()).isEqualTo(T0 + 14);
        List<AnswerHistory.Entry> adopted = h.entries().subList(right.history().size() + 1, h.size());
        assertThat(adopted).extracting(AnswerHistory.Entry::kind).containsOnly(AnswerHistory.Kind.ADOPTED);
        assertThat(adopted).extracting(AnswerHistory.Entry::item).containsExactly(1, 3);
        assertThat(one.answers().get(1).value()).isEqualTo("\"B\"");
        assertThat(one.answers().get(2).rev()).isEqualTo(5);
    }

    @Test
    @DisplayName("Copies without a history (stored before it existed) merge into ADOPTED entries that replay")
    void noHistory() {
        Attempt a = new Attempt("att-n", "s1", "T", "THEORY", "R", cn.examcore.server.attempt.domain.AttemptState
                .ANSWERING, T0, 3600, 0, 0, 0, 0, null, java.util.Map.of(1, new Answer(1, "\"A\"", 2, T0)));
        Attempt b = new Attempt("att-n", "s1", "T", "THEORY", "R", cn.examcore.server.attempt.domain.AttemptState
                .ANSWERING, T0, 3600, 0, 0, 0, 0, null, java.util.Map.of(2, new Answer(2, "true", 1, T0)));
        Attempt merged = AttemptMergePolicy.union(a, b);
        assertThat(merged.history().size()).isEqualTo(2);
        verifiesAndReplays(merged);
    }
}
