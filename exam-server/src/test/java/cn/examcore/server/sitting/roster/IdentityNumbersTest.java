package cn.examcore.server.sitting.roster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IdentityNumbers")
class IdentityNumbersTest {

    @Test
    @DisplayName("the example number of the national standard, ending in X, is valid")
    void standardExample() {
        assertThat(IdentityNumbers.problem("11010519491231002X")).isEmpty();
        assertThat(IdentityNumbers.checkCharacter("11010519491231002")).isEqualTo('X');
    }

    @Test
    @DisplayName("a lower-case x check character is accepted and normalised to X")
    void lowerCaseX() {
        assertThat(IdentityNumbers.isValid(" 11010519491231002x ")).isTrue();
        assertThat(IdentityNumbers.normalise(" 11010519491231002x ")).isEqualTo("11010519491231002X");
    }

    @Test
    @DisplayName("a single mistyped digit is caught by the check character")
    void typo() {
        assertThat(IdentityNumbers.problem("310101199003071230")).isEmpty();
        assertThat(IdentityNumbers.problem("310101199003071240")).hasValueSatisfying(
                m -> assertThat(m).contains("check character"));
        assertThat(IdentityNumbers.problem("310101199003071231")).hasValueSatisfying(
                m -> assertThat(m).contains("check character"));
    }

    @Test
    @DisplayName("a number whose embedded birth date does not exist is refused")
    void impossibleDate() {
        String first17 = "31010119990230123";
        String id = first17 + IdentityNumbers.checkCharacter(first17);

        assertThat(IdentityNumbers.problem(id)).hasValueSatisfying(m -> assertThat(m).contains("birth date"));
    }

    @Test
    @DisplayName("wrong length and stray letters are refused with a message that mentions the prefixes")
    void shape() {
        assertThat(IdentityNumbers.problem("31010119900307123")).hasValueSatisfying(
                m -> assertThat(m).contains("18 characters").contains("P:"));
        assertThat(IdentityNumbers.problem("31010119900307123A")).hasValueSatisfying(
                m -> assertThat(m).contains("17 digits"));
        assertThat(IdentityNumbers.problem("")).hasValueSatisfying(m -> assertThat(m).contains("empty"));
        assertThat(IdentityNumbers.problem(null)).isPresent();
    }

    @Test
    @DisplayName("passports and Hong Kong/Macao permits are accepted only with their prefix and shape")
    void otherDocuments() {
        assertThat(IdentityNumbers.problem("P:E12345678")).isEmpty();
        assertThat(IdentityNumbers.problem("p:e12345678")).isEmpty();
        assertThat(IdentityNumbers.problem("HM:H1234567801")).isEmpty();
        assertThat(IdentityNumbers.problem("HM:M12345678")).isEmpty();
        assertThat(IdentityNumbers.problem("P:E1")).hasValueSatisfying(m -> assertThat(m).contains("passport"));
        assertThat(IdentityNumbers.problem("HM:X12345678"))
                .hasValueSatisfying(m -> assertThat(m).contains("Hong Kong"));
        assertThat(IdentityNumbers.problem("E12345678"))
                .hasValueSatisfying(m -> assertThat(m).contains("18 characters"));
    }
}
