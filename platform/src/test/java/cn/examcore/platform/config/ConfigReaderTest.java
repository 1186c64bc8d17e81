package cn.examcore.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The configuration loader")
class ConfigReaderTest {

    record Sample(String host, int port, List<String> members, boolean demo, String password) {

        static Sample defaults() {
            return new Sample("0.0.0.0", 8080, List.of(), false, "");
        }

        Sample with(ConfigReader r) {
            return r.done(new Sample(r.text("host", host), r.integer("port", port), r.list("members", members),
                    r.bool("demo", demo), r.text("password", password)));
        }
    }

    @Test
    @DisplayName("environment variables with the prefix override the file, which overrides the defaults")
    void layering(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, "port=9000\nhost = 10.0.0.9 \ndemo=yes\n");
        Sample s = Sample.defaults().with(ConfigReader.load("APP_", Map.of("APP_CONFIG", file.toString(),
                "APP_PORT", "9100", "APP_MEMBERS", "n1, n2:5702,,", "PATH", "/bin", "OTHER_PORT", "1")));
        assertThat(s).isEqualTo(new Sample("10.0.0.9", 9100, List.of("n1", "n2:5702"), true, ""));
    }

    @Test
    @DisplayName("a value that does not parse, an unknown key and an unreadable file are errors naming them")
    void errorsNameTheKey(@TempDir Path dir) {
        assertThatThrownBy(() -> Sample.defaults().with(ConfigReader.load("APP_", Map.of("APP_PORT", "eighty"))))
                .hasMessageContaining("port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> Sample.defaults().with(ConfigReader.of(Map.of("demo", "perhaps"))))
                .hasMessageContaining("demo").hasMessageContaining("perhaps");
        assertThatThrownBy(() -> Sample.defaults().with(ConfigReader.load("APP_", Map.of("APP_PROT", "80"))))
                .hasMessageContaining("unknown configuration keys").hasMessageContaining("prot");
        Path missing = dir.resolve("absent.properties");
        assertThatThrownBy(() -> ConfigReader.load("APP_", Map.of("APP_CONFIG", missing.toString())))
                .hasMessageContaining("cannot read config file").hasMessageContaining("absent.properties");
    }

    @Test
    @DisplayName("the logged form shows every component but a set secret, and refuses a secret it does not have")
    void redaction() {
        Sample s = new Sample("h", 1, List.of("m"), true, "pg-secret");
        assertThat(ConfigReader.redacted(s, Set.of("password")))
                .isEqualTo("Sample[host=h, port=1, members=[m], demo=true, password=****]");
        assertThat(ConfigReader.redacted(Sample.defaults(), Set.of("password"))).endsWith("password=]");
        assertThatThrownBy(() -> ConfigReader.redacted(s, Set.of("passwd"))).hasMessageContaining("passwd");
    }

    @Test
    @DisplayName("the build's tooling variables under the prefix configure nothing and are no error; a typo still is")
    void toolingVariables() {
        Sample s = Sample.defaults().with(ConfigReader.load("APP_", Map.of("APP_PORT", "9100", "APP_TEST_PG",
                "local", "APP_CHROMIUM", "/usr/bin/chromium", "APP_CHROMEDRIVER", "/usr/bin/chromedriver",
                "APP_JRE_IMAGE", "examcore/jre17:bookworm", "APP_PG_IMAGE", "examcore/postgres15:bookworm")));
        assertThat(s.port()).isEqualTo(9100);
        assertThatThrownBy(() -> Sample.defaults().with(ConfigReader.load("APP_", Map.of("APP_PROT", "9100"))))
                .hasMessageContaining("prot");
    }

    @Test
    @DisplayName("keys that are given are found without being read")
    void presentKeys() {
        ConfigReader r = ConfigReader.of(Map.of("jwt-secret", "x", "port", "1"));
        assertThat(r.present(List.of("cluster-name", "jwt-secret"))).containsExactly("jwt-secret");
        assertThatThrownBy(() -> r.done("anything")).hasMessageContaining("jwt-secret").hasMessageContaining("port");
    }
}
