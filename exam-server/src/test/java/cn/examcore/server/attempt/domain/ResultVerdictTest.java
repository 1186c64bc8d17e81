package cn.examcore.server.attempt.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pass verdict")
class ResultVerdictTest {

    @Test
    @DisplayName("60 of 100 passes at the default mark and 59.5 does not")
    void passMarkOutOf100() {
        assertThat(Result.verdict(new BigDecimal("60"), new BigDecimal("100"), 60, false)).isTrue();
        assertThat(Result.verdict(new BigDecimal("59.5"), new BigDecimal("100"), 60, false)).isFalse();
    }

    @Test
    @DisplayName("A paper whose total is not 100 is scaled to 100 before comparing")
    void scaled() {
        assertThat(Result.verdict(new BigDecimal("48"), new BigDecimal("80"), 60, false)).isTrue();
        assertThat(Result.verdict(new BigDecimal("47"), new BigDecimal("80"), 60, false)).isFalse();
    }

    @Test
    @DisplayName("No verdict while marking is pending")
    void pending() {
        assertThat(Result.verdict(new BigDecimal("100"), new BigDecimal("100"), 60, true)).isNull();
    }
}
