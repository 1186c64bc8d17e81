package cn.examcore.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Packed objective answers")
class AnswerPackingTest {

    @Test
    @DisplayName("read back exactly what was packed: items in any order, unanswered items, times going back, large"
            + " option sets and times")
    void roundTrip() {
        List<AnswerPacking.Entry> entries = List.of(new AnswerPacking.Entry(0, 0b10, 212),
                new AnswerPacking.Entry(1, 0, 0), new AnswerPacking.Entry(7, AnswerPacking.TRUE, 150),
                new AnswerPacking.Entry(3, 1L << 62, 72_000), new AnswerPacking.Entry(2, 0b1011, 0),
                new AnswerPacking.Entry(40_000, AnswerPacking.FALSE, Integer.MAX_VALUE));
        assertThat(AnswerPacking.unpackAnswers(AnswerPacking.packAnswers(entries))).isEqualTo(entries);
        List<AnswerPacking.Earlier> earlier = List.of(new AnswerPacking.Earlier(0, List.of(1L, 4L), List.of(90, 30)),
                new AnswerPacking.Earlier(6, List.of(AnswerPacking.FALSE), List.of(5_000)));
        assertThat(AnswerPacking.unpackEarlier(AnswerPacking.packEarlier(earlier))).isEqualTo(earlier);
        assertThat(AnswerPacking.packEarlier(List.of())).isEmpty();
        assertThat(AnswerPacking.unpackEarlier("")).isEmpty();

        SplittableRandom rnd = new SplittableRandom(3);
        for (int round = 0; round < 200; round++) {
            List<AnswerPacking.Entry> random = new ArrayList<>();
            int size = rnd.nextInt(120);
            for (int j = 0; j < size; j++) {
                long code = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextLong(Long.MAX_VALUE >>> 1);
                random.add(new AnswerPacking.Entry(rnd.nextInt(5_000), code, code == 0 ? 0 : rnd.nextInt(100_000)));
            }
            assertThat(AnswerPacking.unpackAnswers(AnswerPacking.packAnswers(random))).isEqualTo(random);
        }
    }

    @Test
    @DisplayName("cost four bytes (under six characters) per single-choice item answered a minute apart, one paper in"
            + " the items' order")
    void aFewBytesPerItem() {
        List<AnswerPacking.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(new AnswerPacking.Entry(i, 1L << (i % 4), 600 * (i + 1)));
        }
        String packed = AnswerPacking.packAnswers(entries);
        // Index step 0 (one byte), code (one byte), 600 ds later (two bytes): 400 bytes, 534 base64 characters.
        assertThat(packed).hasSize(534).matches("[A-Za-z0-9_-]+");
    }

    @Test
    @DisplayName("codes are bit sets of option indices, and an index that does not fit is refused")
    void codes() {
        assertThat(AnswerPacking.code(List.of(0, 2))).isEqualTo(0b101);
        assertThat(AnswerPacking.options(0b101)).containsExactly(0, 2);
        assertThat(AnswerPacking.options(1L << 62)).containsExactly(62);
        assertThatThrownBy(() -> AnswerPacking.code(List.of(63))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option index 63");
        assertThatThrownBy(() -> AnswerPacking.code(List.of(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a broken packed string is refused with where it broke")
    void brokenStringsAreRefused() {
        assertThatThrownBy(() -> AnswerPacking.unpackAnswers("a+b/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not URL-safe base64");
        assertThatThrownBy(() -> AnswerPacking.unpackAnswers(null)).hasMessage("missing");
        // Item 1 is complete (index step 0, code 1, time 0); item 2 stops after its index.
        String cut = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {0, 1, 0, 0});
        assertThatThrownBy(() -> AnswerPacking.unpackAnswers(cut))
                .hasMessage("paper item 2: the packed string ends inside a number");
        // A step back before the first item: index −1.
        String negative = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {1, 0});
        assertThatThrownBy(() -> AnswerPacking.unpackAnswers(negative))
                .hasMessage("paper item 1: item index -1 is out of range");
        String empty = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {0, 0});
        assertThatThrownBy(() -> AnswerPacking.unpackEarlier(empty)).hasMessage("changed item 1: no earlier answer");
        assertThatThrownBy(() -> AnswerPacking.packEarlier(List.of(new AnswerPacking.Earlier(0, List.of(1L),
                List.of())))).isInstanceOf(IllegalArgumentException.class);
    }
}
