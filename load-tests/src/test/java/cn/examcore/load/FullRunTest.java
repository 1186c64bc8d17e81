package cn.examcore.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FullRunTest {

    @Test
    @DisplayName("STEP_RATES unset or blank gives the eleven default steps; a list is taken in its order")
    void stepRatesFromTheEnvironment() {
        assertThat(FullRun.stepRates(null)).isEqualTo(FullRun.DEFAULT_STEPS).hasSize(11);
        assertThat(FullRun.stepRates("  ")).isEqualTo(FullRun.DEFAULT_STEPS);
        assertThat(FullRun.stepRates("250, 500,750")).containsExactly(250, 500, 750);
    }

    @Test
    @DisplayName("a list that is not numbers, not positive or not rising is refused, naming the entry")
    void badStepRatesAreRefused() {
        assertThatThrownBy(() -> FullRun.stepRates("250,fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fast'");
        assertThatThrownBy(() -> FullRun.stepRates("250,,500")).hasMessageContaining("''");
        assertThatThrownBy(() -> FullRun.stepRates("0,250")).hasMessageContaining("0 is not a positive rate");
        assertThatThrownBy(() -> FullRun.stepRates("500,250")).hasMessageContaining("250 does not rise above 500");
    }

    @Test
    @DisplayName("the sitting is sized to the steps listed: three 30-s steps instead of eleven take 280 s off it")
    void sittingSizedToTheSteps() {
        LoadConfig all = config(FullRun.DEFAULT_STEPS);
        LoadConfig three = config(List.of(250, 500, 750));
        assertThat(LoadRun.phasesBudgetSeconds(all) - LoadRun.phasesBudgetSeconds(three)).isEqualTo(8 * (30 + 5));
    }

    private static LoadConfig config(List<Integer> steps) {
        return new LoadConfig(10_000, 1, 120, 2000, steps, 30, 200, Path.of("exam-server.jar"), Path.of("out"), 4096);
    }
}
