package cn.examcore.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The quick mode: every storm, briefly, with 100 seats against one real exam-server process, and the ceilings. */
class LoadQuickIT {

    private static final Path JAR = Path.of(System.getProperty("examcore.server.jar",
            "../exam-server/target/exam-server.jar"));
    private static final Path OUT = Path.of(System.getProperty("examcore.load.out", "target/quick"));

    @Test
    @DisplayName("every scenario runs against one node with zero errors and produces its figures, and so do the ceilings")
    void quickRun() throws Exception {
        LoadConfig cfg = LoadConfig.quick(JAR, OUT.resolve("1-node"));
        Map<String, Object> f = FullRun.runOnce(cfg);
        Map<String, Object> ceilings = new LinkedHashMap<>(Ceilings.echo(cfg.withNodes(1, OUT.resolve("ceilings"))));
        ceilings.putAll(Ceilings.hazelcast(cfg.withNodes(1, OUT.resolve("ceilings")), 1, 1024));
        java.nio.file.Files.writeString(OUT.resolve("report.md"),
                Report.markdown(Map.of("1-node", f, "ceilings", ceilings)));

        assertThat(f).doesNotContainKey("failed");
        assertThat(f.get("errors")).isEqualTo(Map.of());
        assertThat(f.get("checkin.completed")).isEqualTo((long) cfg.seats());
        assertThat(f.get("sockets.connected")).isEqualTo((long) cfg.seats());
        assertThat(f.get("start-key.count")).isEqualTo((long) cfg.seats());
        assertThat(f.get("steady-save.count")).isEqualTo((long) cfg.steadyRate() * cfg.steadySeconds());
        assertThat(f.get("steady.unacknowledged")).isEqualTo(0);
        assertThat((Long) f.get("steady-agent-events.count")).isPositive();
        // The proctors: the chief's and the room consoles' seat lists were read, and the console's live stream
        // carried the seats' events and progress, scoped to the sitting.
        assertThat((Long) f.get("proctor-sitting.count")).isPositive();
        assertThat((Long) f.get("proctor-room.count")).isPositive();
        assertThat(f.get("proctors.refused.proctor-room")).isEqualTo(0L);
        assertThat(f.get("proctors.refused.proctor-sitting")).isEqualTo(0L);
        assertThat((Long) f.get("proctors.liveOpened")).isPositive();
        assertThat((Long) f.get("proctors.live.seat-event")).isPositive();
        assertThat((Long) f.get("proctors.live.progress")).isPositive();
        assertThat((Double) f.get("checkin.firstHalfSeatsPerSecond")).isPositive();
        assertThat((Double) f.get("checkin.secondHalfSeatsPerSecond")).isPositive();
        assertThat(f.get("reconnect.resynced")).isEqualTo((long) cfg.seats());
        assertThat(f.get("reconnect.vectorsNotCovered")).isEqualTo(0);
        assertThat(f.get("deadline-submitted.count")).isEqualTo((long) cfg.seats());
        assertThat(f.get("deadline.scored")).isEqualTo(cfg.seats());
        // The deadline storm measured a deadline still ahead of it (the sitting outlasted the earlier phases).
        assertThat((Double) f.get("deadline.waitedSeconds")).isNotNegative();
        assertThat((Double) f.get("steady-save.p99Millis")).isPositive();
        assertThat(f.get("meters.keyDeliveries")).isEqualTo((long) cfg.seats());
        assertThat(f.get("meters.autoSubmissions")).isEqualTo((long) cfg.seats());
        assertThat((Long) f.get("meters.saves")).isGreaterThanOrEqualTo((Long) f.get("steady-save.count"));
        assertThat((Long) f.get("memory.heapPerSeatBytes")).isNotNull();
        assertThat((Integer) f.get("steps.highestRateP99Under50ms")).isNotNull();
        assertThat(ceilings.get("echo.connections")).isEqualTo(cfg.seats());
        assertThat((Double) ceilings.get("echo.steady.p99Millis")).isPositive();
        assertThat(((Number) ceilings.get("hz1.steps." + cfg.steadyRate() + ".count")).longValue())
                .isEqualTo((long) cfg.steadyRate() * cfg.stepSeconds());
    }
}
