package cn.examcore.bank.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.ScoreMapping;
import cn.examcore.bank.model.ScoreMapping.Entry;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("partial credit by mapping (QTI mapResponse)")
class MappedScoringTest {

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    private static Entry entry(String key, String points) {
        return new Entry(key, d(points), false);
    }

    /** The mapping of QTI's classic multiple-response example: H and O earn, Cl costs, bounded 0 to 2. */
    private static final ScoreMapping ELEMENTS = new ScoreMapping(List.of(entry("H", "1"), entry("O", "1"),
            entry("Cl", "-1")), BigDecimal.ZERO, BigDecimal.ZERO, d("2"));

    private static Set<String> chosen(String ids) {
        return ids.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(ids.split(" ")));
    }

    @ParameterizedTest(name = "chosen \"{0}\" → {1}")
    @CsvSource(textBlock = """
            H,         1.00
            H O,       2.00
            H O Cl,    1.00
            Cl,        0.00
            H O N,     2.00
            N,         0.00
            '',        0.00
            """)
    void multipleResponseIsSummedAndClampedAsQtiDoes(String ids, String expected) {
        assertThat(ObjectiveRules.mappedChoices(ELEMENTS, chosen(ids), d("2"), d("2"))).isEqualTo(d(expected));
    }

    @Test
    @DisplayName("a value no entry names earns the default value, which may be negative")
    void defaultValue() {
        ScoreMapping m = new ScoreMapping(List.of(entry("A", "2")), d("-0.5"), null, null);
        assertThat(ObjectiveRules.mappedChoices(m, chosen("A B"), d("2"), d("2"))).isEqualTo(d("1.50"));
        assertThat(ObjectiveRules.mappedChoices(m, chosen("B C"), d("2"), d("2"))).isEqualTo(d("-1.00"));
    }

    /** "Choose three": four colours earn a point each, but QTI delivery takes at most three choices. */
    private static final ScoreMapping THREE_COLOURS = new ScoreMapping(List.of(entry("R", "1"), entry("Y", "1"),
            entry("B", "1"), entry("M", "0.5"), entry("G", "-1")), BigDecimal.ZERO, null, null, 3);

    @ParameterizedTest(name = "chosen \"{0}\" of at most three → {1}")
    @CsvSource(textBlock = """
            R Y B,     3.00
            R Y M,     2.50
            R G,       0.00
            M,         0.50
            R Y B M,   0.00
            R Y B M G, 0.00
            '',        0.00
            """)
    void maxChoicesBoundsTheAnswer(String ids, String expected) {
        assertThat(ObjectiveRules.mappedChoices(THREE_COLOURS, chosen(ids), d("3"), d("3"))).isEqualTo(d(expected));
    }

    @Test
    @DisplayName("with maxChoices the maximum is the sum of that many best entries, and an upper bound still wins")
    void maximumWithMaxChoices() {
        assertThat(THREE_COLOURS.maximum(true)).isEqualByComparingTo("3");
        assertThat(new ScoreMapping(THREE_COLOURS.entries(), null, null, null, 4).maximum(true))
                .isEqualByComparingTo("3.5");
        assertThat(new ScoreMapping(THREE_COLOURS.entries(), null, null, null, 9).maximum(true))
                .isEqualByComparingTo("3.5");
        assertThat(new ScoreMapping(THREE_COLOURS.entries(), null, null, d("2"), 3).maximum(true))
                .isEqualByComparingTo("2");
        assertThat(THREE_COLOURS.admits(3)).isTrue();
        assertThat(THREE_COLOURS.admits(4)).isFalse();
        assertThat(new ScoreMapping(THREE_COLOURS.entries(), null, null, null).admits(5)).isTrue();
    }

    @Test
    @DisplayName("mapped points are scaled when the paper carries the item at another score")
    void scaledToPaperScore() {
        assertThat(ObjectiveRules.mappedChoices(ELEMENTS, chosen("H"), d("2"), d("5"))).isEqualTo(d("2.50"));
    }

    @Test
    @DisplayName("the mapping's maximum is its upper bound, else the positive sum (multiple) or largest entry")
    void maximum() {
        assertThat(ELEMENTS.maximum(true)).isEqualTo(d("2"));
        ScoreMapping unbounded = new ScoreMapping(List.of(entry("a", "1"), entry("b", "0.5"), entry("c", "-1")),
                null, null, null);
        assertThat(unbounded.maximum(true)).isEqualByComparingTo("1.5");
        assertThat(unbounded.maximum(false)).isEqualByComparingTo("1");
    }

    @Test
    @DisplayName("a text blank earns what its mapping gives the typed answer: york 0.5, York (case-folded) too")
    void textBlank() {
        Blank blank = new Blank(List.of("York", "york"), null, new ScoreMapping(List.of(entry("York", "1"),
                new Entry("york", d("0.5"), true)), BigDecimal.ZERO, null, null));
        assertThat(ObjectiveRules.mappedBlank(blank, "York")).isEqualByComparingTo("1");
        assertThat(ObjectiveRules.mappedBlank(blank, "york")).isEqualByComparingTo("1");
        assertThat(ObjectiveRules.mappedBlank(blank, "Leeds")).isEqualByComparingTo("0");
        assertThat(ObjectiveRules.mappedBlank(blank, "  ")).isEqualByComparingTo("0");
        assertThat(ObjectiveRules.mappedFillIn(List.of(blank), List.of("york"), d("1"), d("1")))
                .isEqualTo(d("1.00"));
    }

    @Test
    @DisplayName("a case-sensitive entry matches only the same case; the first matching entry counts")
    void caseSensitive() {
        Blank blank = new Blank(List.of("York", "york"), null, new ScoreMapping(List.of(
                new Entry("York", d("1"), true), new Entry("york", d("0.5"), true)), BigDecimal.ZERO, null, null));
        assertThat(ObjectiveRules.mappedBlank(blank, "York")).isEqualByComparingTo("1");
        assertThat(ObjectiveRules.mappedBlank(blank, "york")).isEqualByComparingTo("0.5");
        assertThat(ObjectiveRules.mappedBlank(blank, "YORK")).isEqualByComparingTo("0");
        assertThat(ObjectiveRules.mappedFillIn(List.of(blank), List.of("york"), d("1"), d("1")))
                .isEqualTo(d("0.50"));
    }

    @Test
    @DisplayName("a numeric blank's mapping compares numbers within the blank's tolerance")
    void numericBlank() {
        Blank blank = new Blank(List.of("100"), d("5"), new ScoreMapping(List.of(entry("100", "2")),
                BigDecimal.ZERO, null, null));
        assertThat(ObjectiveRules.mappedBlank(blank, "104.9")).isEqualByComparingTo("2");
        assertThat(ObjectiveRules.mappedBlank(blank, "105.1")).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("a numeric blank with ±5 % of 200 (tolerance 10) accepts 190 to 210 inclusive")
    void relativeToleranceAsAbsolute() {
        Blank blank = new Blank(List.of("200"), d("10"));
        assertThat(ObjectiveRules.fillIn(List.of(blank), List.of("209.9"), d("1"))).isEqualTo(d("1.00"));
        assertThat(ObjectiveRules.fillIn(List.of(blank), List.of("190"), d("1"))).isEqualTo(d("1.00"));
        assertThat(ObjectiveRules.fillIn(List.of(blank), List.of("210.01"), d("1"))).isEqualTo(d("0.00"));
    }

    @Test
    @DisplayName("an item mixing mapped and unmapped blanks is refused at scoring, never half-scored")
    void mixedBlanks() {
        Blank mapped = new Blank(List.of("a"), null, new ScoreMapping(List.of(entry("a", "1")), null, null, null));
        Blank plain = new Blank(List.of("b"), null);
        assertThatThrownBy(() -> ObjectiveRules.mappedFillIn(List.of(mapped, plain), List.of("a", "b"), d("2"),
                d("2"))).isInstanceOf(IllegalArgumentException.class);
    }
}
