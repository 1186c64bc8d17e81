package cn.examcore.bank.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("TextNormalizer")
class TextNormalizerTest {

    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            ＡＢＣ１２３|abc123
            ｈｅｌｌｏ，ｗｏｒｌｄ！|hello,world!
            （１）［２］｛３｝|(1)[2]{3}
            Ｅｘｃｅｌ　表格|excel 表格
            ～＠＃＄％＾＆＊|~@#$%^&*
            HeLLo|hello
            straße|strasse
              a  b\\t\\tc\\n d  |a b c d
            人力资源　　管理|人力资源 管理
            x\u200By\uFEFF|xy
            a\u00A0b|a b
            人社部。|人社部。
            """)
    @DisplayName("full-width forms become ASCII, case folds, white space collapses")
    void normalises(String input, String expected) {
        String unescaped = input.replace("\\t", "\t").replace("\\n", "\n");

        assertThat(TextNormalizer.normalize(unescaped)).isEqualTo(expected);
    }

    @Test
    @DisplayName("null and white space normalise to the empty string")
    void emptyInputs() {
        assertThat(TextNormalizer.normalize(null)).isEmpty();
        assertThat(TextNormalizer.normalize(" \u3000\t\n")).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" reads as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            12|12
            １２|12
            -3|-3
            −3|-3
            +2.5|2.5
            1,000.5|1000.5
            １，０００．５|1000.5
            12,345,678|12345678
            0.5|0.5
            .5|0.5
            5.|5
            50%|50
            50 %|50
            ５０％|50
            007|7
            """)
    @DisplayName("numbers are read as documented")
    void parsesNumbers(String input, String expected) {
        assertThat(TextNormalizer.parseNumber(input)).hasValueSatisfying(
                n -> assertThat(n).isEqualByComparingTo(new BigDecimal(expected)));
    }

    @ParameterizedTest(name = "\"{0}\" is not a number")
    @ValueSource(strings = {"", " ", "abc", "1,00", "1,0000", "10,00.5", "1e3", "1.2.3", "--1", "十二", "%", ".",
            "1 000", "0x10", "Infinity", "NaN", "5%%"})
    @DisplayName("anything else is not a number")
    void rejectsNonNumbers(String input) {
        assertThat(TextNormalizer.parseNumber(input)).isEmpty();
    }

    @Test
    @DisplayName("a number longer than 64 characters is refused, one of 64 is read")
    void longNumbersAreRefused() {
        assertThat(TextNormalizer.parseNumber("1".repeat(64))).isPresent();
        assertThat(TextNormalizer.parseNumber("1".repeat(65))).isEmpty();
        assertThat(TextNormalizer.parseNumber(null)).isEmpty();
    }
}
