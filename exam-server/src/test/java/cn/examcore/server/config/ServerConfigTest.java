package cn.examcore.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Server configuration")
class ServerConfigTest {

    @Test
    @DisplayName("Environment variables override the file, which overrides the defaults")
    void layering(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, "http-port=9000\ncluster-name=site-a\nwrite-delay-seconds=3\n");
        ServerConfig c = ServerConfig.load(Map.of("EXAMCORE_CONFIG", file.toString(), "EXAMCORE_HTTP_PORT", "9100",
                "EXAMCORE_CLUSTER_MEMBERS", "10.0.0.1, 10.0.0.2:5702", "EXAMCORE_CLUSTER_INTERFACE", "10.0.0.1",
                "PATH", "/bin"));
        assertThat(c.httpPort()).isEqualTo(9100);
        assertThat(c.clusterName()).isEqualTo("site-a");
        assertThat(c.writeDelaySeconds()).isEqualTo(3);
        assertThat(c.clusterMembers()).containsExactly("10.0.0.1", "10.0.0.2:5702");
        assertThat(c.managementPort()).isEqualTo(ServerConfig.defaults().managementPort());
    }

    @Test
    @DisplayName("A value that does not parse or an unknown key is an error naming the key")
    void badValues() {
        assertThatThrownBy(() -> ServerConfig.load(Map.of("EXAMCORE_HTTP_PORT", "eighty")))
                .hasMessageContaining("http-port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> ServerConfig.load(Map.of("EXAMCORE_HTTP_PROT", "80")))
                .hasMessageContaining("http-prot");
        assertThatThrownBy(() -> ServerConfig.load(Map.of("EXAMCORE_HTTP_PORT", "70000")))
                .hasMessageContaining("http-port");
    }

    @Test
    @DisplayName("The logged form hides every secret")
    void redaction() {
        ServerConfig c = ServerConfig.defaults().with(Map.of("db-password", "pg-secret", "jwt-secret", "jwt-secret-x",
                "admin-password", "adm-secret"));
        assertThat(c.redacted()).doesNotContain("pg-secret", "jwt-secret-x", "adm-secret").contains("****");
    }

    @Test
    @DisplayName("The logged form hides credentials inside the JDBC URL and keeps the rest of it")
    void urlCredentialsRedacted() {
        for (String url : List.of("jdbc:postgresql://exam:s3cr3t-pw@db.site:5432/examcore?ssl=true",
                "jdbc:postgresql://db.site/examcore?user=exam&password=s3cr3t-pw&ssl=true",
                "jdbc:postgresql://db.site/examcore?sslpassword=s3cr3t-pw",
                "jdbc:h2:file:/srv/data/examcore;USER=exam;PASSWORD=s3cr3t-pw;DB_CLOSE_ON_EXIT=FALSE")) {
            String logged = ServerConfig.defaults().with(Map.of("db-url", url)).redacted();
            assertThat(logged).as(url).doesNotContain("s3cr3t-pw").contains("****");
            assertThat(logged).as(url).containsAnyOf("db.site", "/srv/data/examcore");
        }
        assertThat(ServerConfig.defaults().with(Map.of("db-url", "jdbc:postgresql://exam:pw@db/x")).redacted())
                .contains("dbUrl=jdbc:postgresql://****@db/x").doesNotContain("exam:");
    }

    @Test
    @DisplayName("Without a JDBC URL the node uses the embedded H2 file under the data directory")
    void embeddedDefault() {
        ServerConfig c = ServerConfig.defaults().with(Map.of("data-dir", "/tmp/x"));
        assertThat(c.embeddedDatabase()).isTrue();
        assertThat(c.effectiveDbUrl()).startsWith("jdbc:h2:file:/tmp/x/examcore");
    }

    @Test
    @DisplayName("Cluster settings parse from the environment, and a bad one is refused naming its key")
    void clusterSettings() {
        ServerConfig c = ServerConfig.load(Map.of("EXAMCORE_CLUSTER_MEMBERS", "n1,n2,n3", "EXAMCORE_CLUSTER_INTERFACE",
                "10.0.0.1",
                "EXAMCORE_CLUSTER_MAX_NO_HEARTBEAT_SECONDS", "8", "EXAMCORE_SEAT_SOCKET_URLS",
                "wss://n1.site:8443, wss://n2.site:8443"));
        assertThat(c.clusterMaxNoHeartbeatSeconds()).isEqualTo(8);
        assertThat(c.effectiveClusterMinSize()).isEqualTo(2);
        assertThat(c.seatSocketUrls()).containsExactly("wss://n1.site:8443", "wss://n2.site:8443");
        assertThat(c.backupCount()).isEqualTo(1);
        assertThat(ServerConfig.defaults().with(Map.of("cluster-min-size", "3")).effectiveClusterMinSize())
                .isEqualTo(3);
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("seat-socket-urls", "https://n1/ws")))
                .hasMessageContaining("seat-socket-urls");
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("cluster-max-no-heartbeat-seconds", "1")))
                .hasMessageContaining("cluster-max-no-heartbeat-seconds");
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("backup-count", "-1")))
                .hasMessageContaining("backup-count");
    }

    @Test
    @DisplayName("The seat-change grace defaults to 5 s, parses, and a value outside 0..60000 is refused naming its key")
    void seatChangeGrace() {
        assertThat(ServerConfig.defaults().seatChangeGraceMillis()).isEqualTo(5000);
        assertThat(ServerConfig.load(Map.of("EXAMCORE_SEAT_CHANGE_GRACE_MILLIS", "0")).seatChangeGraceMillis())
                .isZero();
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("seat-change-grace-millis", "-1")))
                .hasMessageContaining("seat-change-grace-millis");
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("seat-change-grace-millis", "60001")))
                .hasMessageContaining("seat-change-grace-millis");
    }

    @Test
    @DisplayName("Staff access tokens last 15 minutes and sign-ins 12 hours by default; values outside 1..60 minutes"
            + " and 1..24 hours are refused naming their key")
    void staffTokenLives() {
        assertThat(ServerConfig.defaults().staffAccessMinutes()).isEqualTo(15);
        assertThat(ServerConfig.defaults().staffSessionHours()).isEqualTo(12);
        assertThat(ServerConfig.load(Map.of("EXAMCORE_STAFF_ACCESS_MINUTES", "5")).staffAccessMinutes()).isEqualTo(5);
        for (var bad : Map.of("staff-access-minutes", "0", "staff-session-hours", "25").entrySet()) {
            assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of(bad.getKey(), bad.getValue())))
                    .hasMessageContaining(bad.getKey());
        }
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("staff-access-minutes", "61")))
                .hasMessageContaining("staff-access-minutes");
    }

    @Test
    @DisplayName("The cluster binds to one address, loopback by default: a wildcard, a host name or a loopback"
            + " interface with remote members is refused naming the key; the management port is on loopback")
    void clusterInterface() {
        ServerConfig d = ServerConfig.defaults();
        assertThat(d.clusterInterface()).isEqualTo("127.0.0.1");
        assertThat(d.managementHost()).isEqualTo("127.0.0.1");
        assertThat(d.clusterBusPort()).isZero();
        assertThat(d.with(Map.of("cluster-interface", "10.20.0.11", "cluster-members", "10.20.0.11,10.20.0.12"))
                .clusterInterface()).isEqualTo("10.20.0.11");
        assertThat(d.with(Map.of("cluster-members", "127.0.0.1:5701,127.0.0.1:5702")).clusterMembers()).hasSize(2);
        for (String bad : List.of("0.0.0.0", "::", "node1.site", "10.20.0.*", "")) {
            assertThatThrownBy(() -> d.with(Map.of("cluster-interface", bad)))
                    .as(bad).hasMessageContaining("cluster-interface");
        }
        assertThatThrownBy(() -> d.with(Map.of("cluster-members", "10.20.0.11,10.20.0.12")))
                .hasMessageContaining("cluster-interface is the loopback address")
                .hasMessageContaining("10.20.0.11");
        assertThatThrownBy(() -> d.with(Map.of("cluster-bus-port", "70000")))
                .hasMessageContaining("cluster-bus-port");
        assertThat(d.with(Map.of("management-token", "t0ken")).redacted()).doesNotContain("t0ken");
    }

    @Test
    @DisplayName("TLS: the certificate and key are set together, a redirect port needs them, and files that do not "
            + "work are refused naming their key")
    void tlsSettings(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("tls-cert-file", "/srv/cert.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tls-key-file is missing");
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("tls-key-file", "/srv/key.pem")))
                .hasMessageStartingWith("tls-cert-file is missing");
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("http-redirect-port", "8080")))
                .hasMessageStartingWith("http-redirect-port needs TLS");
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("hsts-seconds", "-1")))
                .hasMessageContaining("hsts-seconds");
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("result-recovery-seconds", "0")))
                .hasMessageContaining("result-recovery-seconds must be >= 1");
        var a = cn.examcore.platform.tls.SelfSignedCertificate.generate("a", List.of("localhost"), List.of(),
                java.time.Duration.ofDays(1));
        var b = cn.examcore.platform.tls.SelfSignedCertificate.generate("b", List.of("localhost"), List.of(),
                java.time.Duration.ofDays(1));
        Path cert = Files.writeString(dir.resolve("cert.pem"), a.certPem());
        Path key = dir.resolve("key.pem");
        Files.createFile(key, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, b.keyPem());
        ServerConfig mismatched = ServerConfig.defaults().with(Map.of("tls-cert-file", cert.toString(),
                "tls-key-file", key.toString()));
        assertThat(mismatched.tls()).isTrue();
        assertThatThrownBy(mismatched::servingCertificate).hasMessageStartingWith("tls-key-file:")
                .hasMessageContaining("does not belong");
        ServerConfig missing = ServerConfig.defaults().with(Map.of("tls-cert-file", dir.resolve("gone.pem").toString(),
                "tls-key-file", key.toString()));
        assertThatThrownBy(missing::servingCertificate).hasMessageStartingWith("tls-cert-file:")
                .hasMessageContaining("does not exist");
        Files.writeString(key, a.keyPem());
        assertThat(mismatched.servingCertificate().leaf()).isEqualTo(a.certificate());
    }

    @Test
    @DisplayName("The demo listens on loopback and HTTPS's port unless told otherwise")
    void demoDefaults() {
        ServerConfig demo = ServerConfig.load(Map.of("EXAMCORE_DEMO", "true"));
        assertThat(demo.host()).isEqualTo("127.0.0.1");
        assertThat(demo.httpPort()).isEqualTo(8443);
        assertThat(demo.hstsSeconds()).isEqualTo(3600);
        ServerConfig lan = ServerConfig.load(Map.of("EXAMCORE_DEMO", "true", "EXAMCORE_HOST", "0.0.0.0",
                "EXAMCORE_HTTP_PORT", "9443"));
        assertThat(lan.host()).isEqualTo("0.0.0.0");
        assertThat(lan.httpPort()).isEqualTo(9443);
        assertThat(ServerConfig.load(Map.of()).host()).isEqualTo("0.0.0.0");
    }

    @Test
    @DisplayName("the score review window is 15 days by default, configurable, and refused outside 1..366 naming the key")
    void reviewWindow() {
        assertThat(ServerConfig.defaults().reviewWindowDays()).isEqualTo(15);
        assertThat(ServerConfig.defaults().with(Map.of("review-window-days", "30")).reviewWindowDays()).isEqualTo(30);
        assertThat(ServerConfig.defaults().clusterJoinWaitSeconds()).isEqualTo(5);
        assertThat(ServerConfig.defaults().with(Map.of("cluster-join-wait-seconds", "1")).clusterJoinWaitSeconds())
                .isEqualTo(1);
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("cluster-join-wait-seconds", "61")))
                .hasMessageContaining("cluster-join-wait-seconds must be 0..60, was 61");
        assertThatThrownBy(() -> ServerConfig.defaults().with(Map.of("review-window-days", "0")))
                .hasMessageContaining("review-window-days");
    }
}
