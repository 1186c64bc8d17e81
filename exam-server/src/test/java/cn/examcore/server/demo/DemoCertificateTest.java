package cn.examcore.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The demo's HTTPS certificate")
class DemoCertificateTest {

    @Test
    @DisplayName("is generated once into the data folder with its key readable by the owner only, then reused")
    void generatedOnceThenReused(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        DemoCertificate.InUse first = DemoCertificate.ensure(data, List.of("localhost", "exam-pc"),
                List.of("127.0.0.1", "192.168.7.20"));
        assertThat(first.generated()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.keyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(first.certFile().getParent()).isEqualTo(data.resolve("tls"));
        assertThat(first.serving().leaf().getSubjectAlternativeNames()).extracting(n -> n.get(1).toString())
                .contains("localhost", "exam-pc", "127.0.0.1", "192.168.7.20");
        String key = Files.readString(first.keyFile());

        DemoCertificate.InUse second = DemoCertificate.ensure(data, List.of("localhost", "exam-pc"),
                List.of("127.0.0.1", "192.168.7.20"));
        assertThat(second.generated()).isFalse();
        assertThat(second.serving().fingerprint()).isEqualTo(first.serving().fingerprint());
        assertThat(Files.readString(second.keyFile())).isEqualTo(key);
    }

    @Test
    @DisplayName("is generated again when the machine has an address it does not cover (a new DHCP lease)")
    void newAddress(@TempDir Path tmp) {
        Path data = tmp.resolve("data");
        DemoCertificate.InUse first = DemoCertificate.ensure(data, List.of("localhost"), List.of("127.0.0.1",
                "192.168.7.20"));
        DemoCertificate.InUse moved = DemoCertificate.ensure(data, List.of("localhost"), List.of("127.0.0.1",
                "192.168.7.31"));
        assertThat(moved.generated()).isTrue();
        assertThat(moved.serving().fingerprint()).isNotEqualTo(first.serving().fingerprint());
    }

    @Test
    @DisplayName("a key file made readable by others is refused, not silently replaced")
    void keyReadableByOthers(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        DemoCertificate.InUse first = DemoCertificate.ensure(data, List.of("localhost"), List.of("127.0.0.1"));
        Files.setPosixFilePermissions(first.keyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> DemoCertificate.ensure(data, List.of("localhost"), List.of("127.0.0.1")))
                .hasMessageContaining("tls-key-file").hasMessageContaining("chmod 600");
    }
}
