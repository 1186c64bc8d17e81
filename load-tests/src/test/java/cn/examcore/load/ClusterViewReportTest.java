package cn.examcore.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterViewReportTest {

    private static final String COMMON = "attempts=2000 answers=100 seconds=20.0 failures=0 p999Millis=9 maxMillis=12 "
            + "threads1=hz.m#.partition:90 loadavg=2.1,1.5,0.9";

    @Test
    @DisplayName("the backup's cost per save is both members' CPU per save less the lone member's")
    void backupCostIsTheDifferenceOfBothProcessesCpu() {
        String md = ClusterViewReport.markdown(List.of(
                "some log line",
                "result members=1 link=none remoteShare=0.00 phase=cost inFlight=64 savesPerSecond=4000 "
                        + "p50Millis=10.00 p99Millis=80.00 cpuMicrosPerSave1=360.0 cpuMicrosPerSave2=0.0 "
                        + "cpuMicrosPerSaveBoth=360.0 savesPerCpuSecond=2778 " + COMMON,
                "result members=2 link=veth remoteShare=0.50 phase=cost inFlight=64 savesPerSecond=2500 "
                        + "p50Millis=20.00 p99Millis=90.00 cpuMicrosPerSave1=400.0 cpuMicrosPerSave2=320.0 "
                        + "cpuMicrosPerSaveBoth=720.0 savesPerCpuSecond=1389 threads2=hz.m#.IO.thread:40 " + COMMON));

        assertThat(md).contains("| 1 | none | 0.00 | 4000 | 10.00 | 80.00 | 360.0 | — | 360.0 | 2778 | 0 | 2.1, 1.5, 0.9 |")
                .contains("| 2 | veth | 0.50 | 2500 | 20.00 | 90.00 | 400.0 | 320.0 | 720.0 | 1389 | 0 |")
                .contains("**+360 µs of CPU per save** over both members (mean of 1 and 1 runs: 360 → 720 µs, ×2.00); "
                        + "saves per CPU-second 2778 → 1389")
                .contains("member 2: `hz.m#.IO.thread:40`")
                .doesNotContain("some log line");
    }

    @Test
    @DisplayName("alternated runs are averaged per kind, and a run through the delay relay is no backup's cost")
    void backupCostAveragesRunsAndLeavesTheRelayOut() {
        String one = "result members=1 link=none phase=cost inFlight=64 cpuMicrosPerSave1=%s cpuMicrosPerSaveBoth=%s "
                + COMMON;
        String two = "result members=2 link=%s phase=cost inFlight=64 cpuMicrosPerSaveBoth=%s " + COMMON;
        String md = ClusterViewReport.markdown(List.of(one.formatted("350", "350"), two.formatted("veth", "700"),
                one.formatted("450", "450"), two.formatted("veth", "900"), two.formatted("veth+relay", "5000")));

        assertThat(md).contains("**+400 µs of CPU per save** over both members (mean of 2 and 2 runs: 400 → 800 µs, "
                + "×2.00); saves per CPU-second 2500 → 1250");
    }

    @Test
    @DisplayName("each delay's p50 and p99 are set against the same link's first undelayed row")
    void delaysComparedWithTheSameLinkUndelayed() {
        String md = ClusterViewReport.markdown(List.of(
                "result members=1 link=none phase=latency delayMs=0 rttMs=- rate=1000 savesPerSecond=1000 "
                        + "p50Millis=1.00 p99Millis=5.00 cpuMicrosPerSaveBoth=300 overloaded=false " + COMMON,
                "result members=2 link=veth phase=latency delayMs=0 rttMs=0.050 rate=1000 savesPerSecond=1000 "
                        + "p50Millis=2.00 p99Millis=8.00 cpuMicrosPerSaveBoth=600 overloaded=false " + COMMON,
                "result members=2 link=veth+relay phase=latency delayMs=0 rttMs=0.050 rate=1000 savesPerSecond=1000 "
                        + "p50Millis=2.50 p99Millis=9.00 cpuMicrosPerSaveBoth=610 cpuMicrosPerSaveRelay=90.0 "
                        + "relayHoldP50Us=40 relayHoldP99Us=300 overloaded=false " + COMMON,
                "result members=2 link=veth+relay phase=latency delayMs=5 rttMs=0.060 rate=1000 savesPerSecond=990 "
                        + "p50Millis=7.60 p99Millis=15.50 cpuMicrosPerSaveBoth=610 cpuMicrosPerSaveRelay=95.0 "
                        + "relayHoldP50Us=2540 relayHoldP99Us=2900 overloaded=true " + COMMON));

        assertThat(md).contains("open loop, 1000 saves/s offered")
                .contains("| 1 | none | — | - | 1000 | 1.00 | 5.00 |")
                .contains("| 2 | veth | 0 | 0.050 | 1000 | 2.00 | 8.00 | 9 | 12 | +0.00 | +0.00 |  | 600 |")
                .contains("| 2 | veth+relay | 0 | 0.050 | 1000 | 2.50 | 9.00 | 9 | 12 | +0.00 | +0.00 | 40 / 300 | "
                        + "610 (+90.0) |")
                .contains("| 2 | veth+relay | 5 | 0.060 | 990 (overloaded: stopped) | 7.60 | 15.50 | 9 | 12 | +5.10 | "
                        + "+6.50 | 2540 / 2900 | 610 (+95.0) |")
                .contains("at the same offered rate, 1000 saves/s, undelayed, costs **+300 µs of CPU per save** over "
                        + "both members (mean of 1 and 1 runs: 300 → 600 µs, ×2.00)");
    }
}
