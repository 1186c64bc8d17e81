package cn.examcore.proctor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {

    @Test
    @DisplayName("a token secret or a cluster key is refused, saying the console is no cluster member and holds no secret")
    void retiredKeysAreRefused() {
        assertThatThrownBy(() -> ConsoleConfig.load(Map.of("CONSOLE_JWT_SECRET", "x".repeat(40))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jwt-secret").hasMessageContaining("holds no token secret");
        assertThatThrownBy(() -> ConsoleConfig.defaults().with(Map.of("cluster-members", "10.0.0.1")))
                .hasMessageContaining("not a cluster member");
    }

    @Test
    @DisplayName("the service account comes from the environment and its password never reaches the log line")
    void serviceAccount() {
        ConsoleConfig c = ConsoleConfig.load(Map.of("CONSOLE_SERVICE_USER", "console-a",
                "CONSOLE_SERVICE_PASSWORD", "very-secret-words", "CONSOLE_MANAGEMENT_PORT", "-1"));
        assertThat(c.serviceUser()).isEqualTo("console-a");
        assertThat(c.servicePassword()).isEqualTo("very-secret-words");
        assertThat(c.managementPort()).isEqualTo(-1);
        assertThat(c.redacted()).contains("console-a").doesNotContain("very-secret-words").contains("****");
        assertThatThrownBy(() -> ConsoleConfig.defaults().with(Map.of("service-user", " ")))
                .hasMessageContaining("OBSERVER");
    }

    @Test
    @DisplayName("TLS: https exam-servers with a trusted CA file, the console's own certificate and key set together, "
            + "and every mistake named by its key")
    void tls() {
        ConsoleConfig c = ConsoleConfig.defaults().with(Map.of("exam-servers", "https://exam.site:8443,"
                + "https://exam2.site:8443"));
        assertThat(c.examServerClient().isSsl()).isTrue();
        assertThat(c.examServerClient().isVerifyHost()).isTrue();
        assertThat(ConsoleConfig.defaults().examServerClient().isSsl()).isFalse();
        assertThatThrownBy(() -> ConsoleConfig.defaults().with(Map.of("exam-servers", "https://a:8443,http://b:8080")))
                .hasMessageContaining("exam-servers").hasMessageContaining("the same way");
        assertThatThrownBy(() -> ConsoleConfig.defaults().with(Map.of("exam-servers", "ftp://a:21")))
                .hasMessageContaining("exam-servers");
        assertThatThrownBy(() -> ConsoleConfig.defaults().with(Map.of("exam-server-ca-file", "/srv/ca.pem")))
                .hasMessageStartingWith("exam-server-ca-file is set but exam-servers are http://");
        assertThatThrownBy(() -> ConsoleConfig.defaults().with(Map.of("exam-servers", "https://a:8443",
                "exam-server-ca-file", "/no/such/ca.pem")).examServerClient())
                .hasMessageStartingWith("exam-server-ca-file:").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ConsoleConfig.defaults().with(Map.of("tls-cert-file", "/srv/cert.pem")))
                .hasMessageStartingWith("tls-key-file is missing");
        assertThatThrownBy(() -> ConsoleConfig.defaults().with(Map.of("tls-key-file", "/srv/key.pem")))
                .hasMessageStartingWith("tls-cert-file is missing");
    }
}
