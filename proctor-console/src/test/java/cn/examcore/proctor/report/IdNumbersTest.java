package cn.examcore.proctor.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdNumbersTest {

    @Test
    @DisplayName("An 18-character ID keeps its region code and last four characters")
    void mainland() {
        assertThat(IdNumbers.mask("31010119900307123X")).isEqualTo("310101********123X");
        assertThat(IdNumbers.mask(" 310101199003071234 ")).isEqualTo("310101********1234");
    }

    @Test
    @DisplayName("Short document numbers keep only their last four, and tiny ones are hidden whole")
    void shortNumbers() {
        assertThat(IdNumbers.mask("E12345678")).isEqualTo("*****5678");
        assertThat(IdNumbers.mask("1234")).isEqualTo("****");
    }

    @Test
    @DisplayName("A missing ID number is an error, not an empty mask")
    void missing() {
        assertThatThrownBy(() -> IdNumbers.mask("  ")).isInstanceOf(RoomReportException.class)
                .hasMessageContaining("idNumber");
    }
}
