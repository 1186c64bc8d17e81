package cn.examcore.platform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TLS files: read, checked, refused by key name")
class TlsFilesTest {

    static SelfSignedCertificate one;
    static SelfSignedCertificate other;

    @BeforeAll
    static void generate() {
        one = SelfSignedCertificate.generate("one", List.of("localhost", "exam.site"), List.of("127.0.0.1",
                "10.1.2.3"), Duration.ofDays(30));
        other = SelfSignedCertificate.generate("other", List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(30));
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(f, text);
    }

    @Test
    @DisplayName("A certificate and its own key are served; the names and fingerprint are the generated ones")
    void matchingPair(@TempDir Path dir) throws Exception {
        Path cert = write(dir, "cert.pem", one.certPem());
        Path key = write(dir, "key.pem", one.keyPem());
        ServingCertificate s = TlsFiles.serving("tls-cert-file", cert.toString(), "tls-key-file", key.toString());
        assertThat(s.leaf()).isEqualTo(one.certificate());
        assertThat(s.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(s.leaf().getSubjectAlternativeNames()).extracting(n -> n.get(1).toString())
                .contains("localhost", "exam.site", "127.0.0.1", "10.1.2.3");
        assertThat(s.options().getKeyValue().toString()).startsWith("-----BEGIN PRIVATE KEY-----");
        String keyBody = one.keyPem().lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(s.toString()).contains(s.fingerprint()).doesNotContain(keyBody);
    }

    @Test
    @DisplayName("A key that is not the certificate's is refused naming tls-key-file and both files")
    void mismatchedKey(@TempDir Path dir) throws Exception {
        Path cert = write(dir, "cert.pem", one.certPem());
        Path key = write(dir, "key.pem", other.keyPem());
        assertThatThrownBy(() -> TlsFiles.serving("tls-cert-file", cert.toString(), "tls-key-file", key.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls-key-file:").hasMessageContaining("does not belong")
                .hasMessageContaining(key.toString()).hasMessageContaining(cert.toString());
    }

    @Test
    @DisplayName("An RSA key against an EC certificate is a mismatch too, not a crash")
    void otherAlgorithm(@TempDir Path dir) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                rsa.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Path cert = write(dir, "cert.pem", one.certPem());
        Path key = write(dir, "key.pem", pem);
        assertThatThrownBy(() -> TlsFiles.serving("tls-cert-file", cert.toString(), "tls-key-file", key.toString()))
                .hasMessageStartingWith("tls-key-file:").hasMessageContaining("does not belong");
    }

    @Test
    @DisplayName("A missing file, a file without a certificate and a file without a key are refused by their key")
    void missingOrWrongFiles(@TempDir Path dir) throws Exception {
        Path cert = write(dir, "cert.pem", one.certPem());
        Path key = write(dir, "key.pem", one.keyPem());
        assertThatThrownBy(() -> TlsFiles.serving("tls-cert-file", dir.resolve("nope.pem").toString(), "tls-key-file",
                key.toString())).hasMessageStartingWith("tls-cert-file:").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> TlsFiles.serving("tls-cert-file", cert.toString(), "tls-key-file",
                dir.resolve("nokey.pem").toString())).hasMessageStartingWith("tls-key-file:")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> TlsFiles.serving("tls-cert-file", key.toString(), "tls-key-file", key.toString()))
                .hasMessageStartingWith("tls-cert-file:").hasMessageContaining("no certificate");
        assertThatThrownBy(() -> TlsFiles.serving("tls-cert-file", cert.toString(), "tls-key-file", cert.toString()))
                .hasMessageStartingWith("tls-key-file:").hasMessageContaining("no private key");
        assertThatThrownBy(() -> TlsFiles.trust("exam-server-ca-file", key.toString()))
                .hasMessageStartingWith("exam-server-ca-file:");
    }

    @Test
    @DisplayName("A key file that group or others can read stops the start with the chmod that fixes it")
    void keyReadableByOthers(@TempDir Path dir) throws Exception {
        Path cert = write(dir, "cert.pem", one.certPem());
        Path key = write(dir, "key.pem", one.keyPem());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> TlsFiles.serving("tls-cert-file", cert.toString(), "tls-key-file", key.toString()))
                .hasMessageStartingWith("tls-key-file:").hasMessageContaining("chmod 600 " + key.toAbsolutePath());
    }
}
