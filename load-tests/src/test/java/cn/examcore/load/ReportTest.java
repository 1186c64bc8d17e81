package cn.examcore.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Map<String, Map<String, Object>> run(Map<String, Object> ours, Map<String, Object> ceilings) {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        all.put("1-node", ours);
        all.put("ceilings", ceilings);
        return all;
    }

    @Test
    void aTopRateWhoseEveryStepPassedIsShownAsAFloor() {
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("seats", 100);
        ours.put("steps.highestRateP99Under50ms", 1500);
        Map<String, Object> ceil = Map.of("echo.highestRateP99Under50ms", 12000);
        assertThat(Report.markdown(run(ours, ceil))).doesNotContain("at least this");
        ours.put("steps.everyStepPassed", true);
        assertThat(Report.markdown(run(ours, ceil)))
                .contains("vs WebSocket echo (saves/s; every step listed passed, so at least this) | 1500 |");
    }

    @Test
    void everyRateStepStandsNextToBothCeilingsWithItsRatio() {
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("seats", 100);
        ours.put("steps.drainSeconds", 1.5);
        ours.put("steps.250.p99Millis", 4.0);
        ours.put("steps.500.p99Millis", 80.0);
        Map<String, Object> ceil = new LinkedHashMap<>();
        ceil.put("echo.steps.250.p99Millis", 2.0);
        ceil.put("echo.steps.500.p99Millis", 2.5);
        ceil.put("echo.steps.1000.p99Millis", 3.0);
        ceil.put("hz1.steps.250.p99Millis", 8.0);
        ceil.put("hz3.steps.500.p99Millis", 40.0);

        String md = Report.markdown(run(ours, ceil));

        assertThat(md).contains("the drain before them took 1.50 s")
                .contains("| 250 | 4.00 | 2.00 | 2.00 | 8.00 | 0.50 |")
                // hz3 belongs to the 3-node section: the 1-node row has no IMap figure at 500/s.
                .contains("| 500 | 80.00 | 2.50 | 32.00 |  |  |")
                // Our run stopped before 1,000/s: the ceiling still shows, our cell stays blank.
                .contains("| 1000 |  | 3.00 |  |  |  |");
    }

    @Test
    void aDeadlineThatPassedBeforeItsPhaseIsMarkedNotValid() {
        Map<String, Object> late = new LinkedHashMap<>();
        late.put("seats", 100);
        late.put("deadline.waitedSeconds", -23.0);
        assertThat(Report.markdown(run(late, Map.of())))
                .contains("**not valid**: the deadline passed 23.00 s before the deadline phase began");
        Map<String, Object> onTime = new LinkedHashMap<>();
        onTime.put("seats", 100);
        onTime.put("deadline.waitedSeconds", 4.0);
        assertThat(Report.markdown(run(onTime, Map.of()))).doesNotContain("not valid");
    }

    @Test
    void stepsCutShortSayWhy() {
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("seats", 100);
        ours.put("steps.250.p99Millis", 4.0);
        ours.put("steps.stoppedByDeadline", 500);
        assertThat(Report.markdown(run(ours, Map.of())))
                .contains("The steps stopped before 500 saves/s: the deadline storm's reserve was reached.");
    }

    @Test
    void theSittingOutlastsEveryPhaseBeforeTheDeadline() {
        LoadConfig full = new LoadConfig(10_000, 1, 60, 2000,
                java.util.List.of(250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000, 8000, 12000), 10, 200,
                java.nio.file.Path.of("x.jar"), java.nio.file.Path.of("out"), 4096);
        // The 10,000-seat reconnect storm has taken 16-20 s since its reads stopped scanning (runs L, M, M2): the
        // budget leaves it three times that, after 60 s of steady saves and 11 steps of 10 s.
        assertThat(LoadRun.reconnectBudgetSeconds(full)).isGreaterThanOrEqualTo(3 * 20);
        assertThat(LoadRun.phasesBudgetSeconds(full)).isGreaterThan(60 + 11 * 10 + 3 * 20 + 20);
    }

    @Test
    void aRunWithoutStepsPrintsNoStepTable() {
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("seats", 100);
        assertThat(Report.markdown(run(ours, Map.of()))).doesNotContain("Rate steps");
    }
}
