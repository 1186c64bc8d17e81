package cn.examcore.server.mgmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exam-day alert rules under Prometheus's own checker: {@code promtool test rules} feeds each alert the series
 * of its fault and of a healthy node ({@code ops/prometheus/examcore-alerts.test.yml}). Runs where
 * {@code EXAMCORE_PROMTOOL} names the binary ({@code .ci/run} installs Debian's {@code prometheus} for it).
 */
class AlertRulesTest {

    @Test
    @DisplayName("promtool: the rules parse and every alert fires on its fault, and only then")
    void promtoolTests() throws IOException, InterruptedException {
        String promtool = System.getenv("EXAMCORE_PROMTOOL");
        assumeTrue(promtool != null && !promtool.isBlank(), "EXAMCORE_PROMTOOL is not set");
        Path dir = Path.of("..", "ops", "prometheus").toAbsolutePath().normalize();
        for (String[] args : new String[][] {{"check", "rules", "examcore-alerts.yml"},
                {"test", "rules", "examcore-alerts.test.yml"}}) {
            Process p = new ProcessBuilder(promtool, args[0], args[1], args[2]).directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", args) + ":\n" + out).isZero();
            assertThat(out).contains("SUCCESS");
        }
    }

    @Test
    @DisplayName("The result-outbox meters: how many wait and how long the oldest has, back to nothing once taken")
    void pendingWork() {
        long[] now = {10_000};
        LongSupplier clock = () -> now[0];
        PendingWork work = new PendingWork(clock);
        assertThat(work.oldestSeconds()).isZero();
        long first = work.begin(1);
        now[0] += 30_000;
        long second = work.begin(1);
        now[0] += 15_000;
        assertThat(work.size()).isEqualTo(2);
        assertThat(work.oldestSeconds()).isEqualTo(45.0);
        work.end(first);
        assertThat(work.oldestSeconds()).isEqualTo(15.0);
        work.end(second);
        assertThat(work.size()).isZero();
        assertThat(work.oldestSeconds()).isZero();
        // A deadline batch waits as one piece of work but counts as each of its results.
        long batch = work.begin(80);
        work.begin(1);
        assertThat(work.size()).isEqualTo(81);
        work.end(batch);
        assertThat(work.size()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> work.begin(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
    }
}
