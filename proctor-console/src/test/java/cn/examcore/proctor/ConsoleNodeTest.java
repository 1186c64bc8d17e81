package cn.examcore.proctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.proctor.config.ConsoleConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsoleNodeTest {

    @Test
    @DisplayName("waiting for readiness gives up after its timeout, naming it, while exam-server does not answer")
    void awaitReadyTimesOut() {
        // Port 9 (discard) refuses on a test machine: the upstream feed keeps retrying and never opens.
        ConsoleConfig config = ConsoleConfig.defaults().with(Map.of("http-port", "0", "management-port", "-1",
                "exam-servers", "http://127.0.0.1:9", "host", "127.0.0.1"));
        try (ConsoleNode console = ConsoleNode.start(config)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> console.awaitReady(Duration.ofMillis(800)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not open within PT0.8S");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(700),
                    Duration.ofSeconds(10));
        }
    }
}
