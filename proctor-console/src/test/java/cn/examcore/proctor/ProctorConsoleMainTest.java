package cn.examcore.proctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProctorConsoleMainTest {

    @Test
    @DisplayName("--config FILE names the properties file as CONSOLE_CONFIG does; any other argument is refused")
    void configArgument() {
        assertThat(ProctorConsoleMain.environment(new String[] {"--config", "/srv/c.properties"}, Map.of("PATH", "/bin")))
                .containsEntry("CONSOLE_CONFIG", "/srv/c.properties").containsEntry("PATH", "/bin");
        assertThatThrownBy(() -> ProctorConsoleMain.environment(new String[] {"--demo"}, Map.of()))
                .hasMessageContaining("--demo").hasMessageContaining("--config FILE");
    }
}
