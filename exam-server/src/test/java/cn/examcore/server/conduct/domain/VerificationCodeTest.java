package cn.examcore.server.conduct.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Certificate verification codes and what the public answer shows")
class VerificationCodeTest {

    @Test
    @DisplayName("a code is stored as a salted hash that matches it, typed in any case and with spaces, and nothing else")
    void hashMatchesOnlyItsCode() {
        String code = VerificationCode.generate();
        assertThat(code).hasSize(10).matches("[2-9A-HJKMNP-Z]{10}");
        String stored = VerificationCode.hash(code);
        assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain(code);
        assertThat(VerificationCode.hash(code)).as("salted: the same code hashes differently").isNotEqualTo(stored);
        assertThat(VerificationCode.matches(code, stored)).isTrue();
        String typed = " " + code.substring(0, 5).toLowerCase(java.util.Locale.ROOT) + " " + code.substring(5);
        assertThat(VerificationCode.matches(typed, stored)).isTrue();
        assertThat(VerificationCode.matches(code.substring(1) + "X", stored)).isFalse();
        assertThat(VerificationCode.matches(null, stored)).isFalse();
        assertThat(VerificationCode.matches(code, null)).isFalse();
        assertThat(VerificationCode.matches(code, code)).as("a code stored in clear never matches").isFalse();
        assertThat(VerificationCode.matches(code, "pbkdf2-sha256$x$y$z")).isFalse();
    }

    @Test
    @DisplayName("the public answer keeps a name's first character only: 王五 → 王*, 欧阳娜娜 → 欧***")
    void maskedName() {
        assertThat(Certificate.maskedName("王五")).isEqualTo("王*");
        assertThat(Certificate.maskedName("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Certificate.maskedName("王")).isEqualTo("王*");
        assertThat(Certificate.maskedName(" 𠀀明 ")).isEqualTo("𠀀*");
        assertThat(Certificate.maskedName(null)).isEmpty();
    }

    @Test
    @DisplayName("an evaluation's later certificates get numbers of their own, the first keeping the plain number")
    void numbers() {
        assertThat(Certificate.numberOf("EV-1", 1)).isEqualTo("EC-EV-1");
        assertThat(Certificate.numberOf("EV-1", 2)).isEqualTo("EC-EV-1-2");
        assertThat(Certificate.numberOf("EV-1", 3)).isEqualTo("EC-EV-1-3");
    }
}
