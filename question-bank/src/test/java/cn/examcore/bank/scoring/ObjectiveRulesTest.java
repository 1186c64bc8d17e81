package cn.examcore.bank.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.MultipleChoiceRule;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("ObjectiveRules")
class ObjectiveRulesTest {

    private static final BigDecimal TWO = new BigDecimal("2");

    private static Set<String> set(String labels) {
        return labels.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(labels.split("")));
    }

    private static BigDecimal points(String text) {
        return new BigDecimal(text);
    }

    @Nested
    @DisplayName("single choice and true/false")
    class ExactMatch {

        @ParameterizedTest(name = "key {0}, chosen \"{1}\" → {2}")
        @CsvSource(textBlock = """
                B, B,  2.00
                B, A,  0.00
                B, AB, 0.00
                B, '', 0.00
                B, Z,  0.00
                """)
        @DisplayName("single choice scores only the exact key")
        void singleChoice(String key, String chosen, String expected) {
            assertThat(ObjectiveRules.singleChoice(set(key), set(chosen), TWO)).isEqualTo(points(expected));
        }

        @ParameterizedTest(name = "key {0}, answer {1} → {2}")
        @CsvSource(textBlock = """
                true,  true,  2.00
                true,  false, 0.00
                false, false, 2.00
                false, true,  0.00
                """)
        @DisplayName("true/false scores only the key")
        void trueFalse(boolean key, boolean answer, String expected) {
            assertThat(ObjectiveRules.trueFalse(key, answer, TWO)).isEqualTo(points(expected));
        }
    }

    @Nested
    @DisplayName("multiple choice, key ACD out of ABCDE, score 3")
    class MultipleChoice {

        private static final Set<String> KEY = set("ACD");
        private static final BigDecimal THREE = new BigDecimal("3");

        @ParameterizedTest(name = "chosen \"{0}\" → {1}")
        @CsvSource(textBlock = """
                ACD,   3.00
                AC,    0.00
                ACDB,  0.00
                B,     0.00
                '',    0.00
                ABCDE, 0.00
                """)
        @DisplayName("ALL_OR_NOTHING: the exact key or nothing")
        void allOrNothing(String chosen, String expected) {
            assertThat(ObjectiveRules.multipleChoice(MultipleChoiceRule.ALL_OR_NOTHING, KEY, set(chosen), THREE))
                    .isEqualTo(points(expected));
        }

        @ParameterizedTest(name = "chosen \"{0}\" → {1}")
        @CsvSource(textBlock = """
                ACD,   3.00
                AC,    2.00
                A,     1.00
                ACDB,  2.00
                ACB,   1.00
                AB,    0.00
                ABE,   0.00
                BE,    0.00
                '',    0.00
                ABCDE, 1.00
                ACDZ,  2.00
                """)
        @DisplayName("PROPORTIONAL: +1 per correct, −1 per wrong, floor 0")
        void proportional(String chosen, String expected) {
            assertThat(ObjectiveRules.multipleChoice(MultipleChoiceRule.PROPORTIONAL, KEY, set(chosen), THREE))
                    .isEqualTo(points(expected));
        }

        @ParameterizedTest(name = "chosen \"{0}\" → {1}")
        @CsvSource(textBlock = """
                ACD,   3.00
                AC,    2.00
                D,     1.00
                ACDB,  0.00
                AB,    0.00
                '',    0.00
                ABCDE, 0.00
                """)
        @DisplayName("PARTIAL_SUBSET: a correct subset earns its share, any wrong option earns nothing")
        void partialSubset(String chosen, String expected) {
            assertThat(ObjectiveRules.multipleChoice(MultipleChoiceRule.PARTIAL_SUBSET, KEY, set(chosen), THREE))
                    .isEqualTo(points(expected));
        }

        @Test
        @DisplayName("shares are rounded once, half up, to two decimals")
        void sharesRoundHalfUp() {
            Set<String> key = set("ABC");

            assertThat(ObjectiveRules.multipleChoice(MultipleChoiceRule.PARTIAL_SUBSET, key, set("A"), BigDecimal.ONE))
                    .isEqualTo(points("0.33"));
            assertThat(ObjectiveRules.multipleChoice(MultipleChoiceRule.PARTIAL_SUBSET, key, set("AB"), BigDecimal.ONE))
                    .isEqualTo(points("0.67"));
            assertThat(ObjectiveRules.multipleChoice(MultipleChoiceRule.PROPORTIONAL, set("ABCDEFGH"), set("A"),
                    new BigDecimal("1.00"))).isEqualTo(points("0.13"));
            assertThat(ObjectiveRules.multipleChoice(MultipleChoiceRule.PARTIAL_SUBSET, key, set("ABC"),
                    BigDecimal.ONE)).isEqualTo(points("1.00"));
        }

        @ParameterizedTest
        @EnumSource(MultipleChoiceRule.class)
        @DisplayName("an empty key is refused under every rule")
        void emptyKeyIsRefused(MultipleChoiceRule rule) {
            assertThatThrownBy(() -> ObjectiveRules.multipleChoice(rule, Set.of(), set("A"), THREE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        }
    }

    @Nested
    @DisplayName("fill-in")
    class FillIn {

        private final Blank word = new Blank(List.of("人力资源和社会保障部", "人社部", "Ministry of HR"), null);
        private final Blank number = new Blank(List.of("16", "１６．０"), new BigDecimal("0.5"));
        private final Blank exactNumber = new Blank(List.of("1,000"), BigDecimal.ZERO);

        @ParameterizedTest(name = "\"{0}\" matches")
        @CsvSource(textBlock = """
                人社部
                ' 人社部 '
                人力资源和社会保障部
                ministry of hr
                ＭＩＮＩＳＴＲＹ　ＯＦ　ＨＲ
                'Ministry   of HR'
                """)
        @DisplayName("a text blank accepts any alternative after normalising")
        void textMatches(String value) {
            assertThat(ObjectiveRules.blankMatches(word, value)).isTrue();
        }

        @ParameterizedTest(name = "\"{0}\" does not match")
        @CsvSource(textBlock = """
                人社
                ministryofhr
                ''
                '   '
                16
                """)
        @DisplayName("a text blank refuses anything else, and empty never matches")
        void textMismatches(String value) {
            assertThat(ObjectiveRules.blankMatches(word, value)).isFalse();
        }

        @ParameterizedTest(name = "\"{0}\" → {1}")
        @CsvSource(textBlock = """
                16,     true
                15.5,   true
                16.5,   true
                15.49,  false
                16.51,  false
                １６,   true
                16%,    true
                sixteen,false
                '',     false
                """)
        @DisplayName("a numeric blank accepts numbers within the tolerance, edges included")
        void numericTolerance(String value, boolean matches) {
            assertThat(ObjectiveRules.blankMatches(number, value)).isEqualTo(matches);
        }

        @Test
        @DisplayName("a numeric blank with tolerance 0 needs the same number, however it is written")
        void zeroTolerance() {
            assertThat(ObjectiveRules.blankMatches(exactNumber, "1000")).isTrue();
            assertThat(ObjectiveRules.blankMatches(exactNumber, "1,000.00")).isTrue();
            assertThat(ObjectiveRules.blankMatches(exactNumber, "1000.01")).isFalse();
        }

        @Test
        @DisplayName("a text blank does not compare as numbers")
        void textBlankIsNotNumeric() {
            Blank text = new Blank(List.of("1000"), null);

            assertThat(ObjectiveRules.blankMatches(text, "1000")).isTrue();
            assertThat(ObjectiveRules.blankMatches(text, "1,000")).isFalse();
        }

        @Test
        @DisplayName("each blank is worth an equal share; missing values count as empty, extra ones are ignored")
        void sharesPerBlank() {
            List<Blank> three = List.of(word, number, exactNumber);

            assertThat(ObjectiveRules.fillIn(three, List.of("人社部", "16", "1000"), BigDecimal.ONE))
                    .isEqualTo(points("1.00"));
            assertThat(ObjectiveRules.fillIn(three, List.of("人社部", "16", "999"), BigDecimal.ONE))
                    .isEqualTo(points("0.67"));
            assertThat(ObjectiveRules.fillIn(three, List.of("人社部"), BigDecimal.ONE)).isEqualTo(points("0.33"));
            assertThat(ObjectiveRules.fillIn(three, List.of(), BigDecimal.ONE)).isEqualTo(points("0.00"));
            assertThat(ObjectiveRules.fillIn(three, List.of("x", "x", "1000", "extra"), new BigDecimal("3")))
                    .isEqualTo(points("1.00"));
        }

        @Test
        @DisplayName("an item without blanks is refused")
        void noBlanksIsRefused() {
            assertThatThrownBy(() -> ObjectiveRules.fillIn(List.of(), List.of("x"), BigDecimal.ONE))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
