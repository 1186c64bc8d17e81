package cn.examcore.server.attempt.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Answer merge rule")
class AnswerMergeTest {

    private static Answer a(int item, String value, long rev) {
        return new Answer(item, value, rev, 1000 + rev);
    }

    @Test
    @DisplayName("A higher revision replaces the held answer")
    void higherRevisionWins() {
        Map<Integer, Answer> merged = AnswerMerge.merge(Map.of(1, a(1, "\"A\"", 1)), List.of(a(1, "\"B\"", 2)));
        assertThat(merged.get(1).value()).isEqualTo("\"B\"");
        assertThat(merged.get(1).rev()).isEqualTo(2);
    }

    @Test
    @DisplayName("An equal or lower revision changes nothing and returns the same map")
    void equalOrLowerRevisionIsIgnored() {
        Map<Integer, Answer> held = Map.of(1, a(1, "\"B\"", 5));
        assertThat(AnswerMerge.merge(held, List.of(a(1, "\"C\"", 5)))).isSameAs(held);
        assertThat(AnswerMerge.merge(held, List.of(a(1, "\"D\"", 4)))).isSameAs(held);
    }

    @Test
    @DisplayName("Merging is order-independent and idempotent, so a journal may be re-sent any number of times")
    void mergeIsCommutativeAndIdempotent() {
        List<Answer> x = List.of(a(1, "\"A\"", 3), a(2, "true", 1));
        List<Answer> y = List.of(a(1, "\"C\"", 2), a(2, "false", 4), a(3, "[\"x\"]", 1));
        Map<Integer, Answer> xy = AnswerMerge.merge(AnswerMerge.merge(Map.of(), x), y);
        Map<Integer, Answer> yx = AnswerMerge.merge(AnswerMerge.merge(Map.of(), y), x);
        assertThat(xy).isEqualTo(yx);
        assertThat(AnswerMerge.merge(xy, x)).isSameAs(xy);
        assertThat(xy.get(1).value()).isEqualTo("\"A\"");
        assertThat(xy.get(2).value()).isEqualTo("false");
    }

    @Test
    @DisplayName("A cleared answer (null value) with a higher revision clears the item")
    void nullValueClears() {
        Map<Integer, Answer> merged = AnswerMerge.merge(Map.of(1, a(1, "\"A\"", 1)), List.of(a(1, null, 2)));
        assertThat(merged.get(1).answered()).isFalse();
    }
}
