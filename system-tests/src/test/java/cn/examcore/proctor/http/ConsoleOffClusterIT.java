package cn.examcore.proctor.http;

import static cn.examcore.proctor.http.ProctorConsoleIT.console;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.proctor.ConsoleNode;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.TestNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The console as its own deployable outside the cluster: no Hazelcast member of its own, no exam-server classes in
 * its jar, and its management port.
 */
class ConsoleOffClusterIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("with a console attached and streaming, the exam node's cluster still has exactly one member")
    void consoleIsNoClusterMember() throws Exception {
        try (TestNode node = TestNode.start();
             ConsoleNode console = console(node, Map.of())) {
            String admin = ProctorConsoleIT.call("POST", console.baseUrl() + "/api/admin/login", null,
                    Map.of("username", node.adminUser(), "password", node.adminPassword())).path("token").asText();
            LiveStream stream = LiveStream.open(console.baseUrl(), node.sittingId(), admin);
            assertThat(stream.next(m -> true).path("type").asText()).isEqualTo("snapshot");
            assertThat(node.node().hazelcast().getCluster().getMembers()).hasSize(1);
        }
    }

    @Test
    @DisplayName("the console's runnable jar holds no Hazelcast, H2, Flyway, HikariCP, POI, question-bank or exam-server"
            + " class")
    void jarHoldsNoClusterOrServerClasses() throws IOException {
        // The shaded jar is the console's whole runtime classpath; these tests' own classpath has exam-server on it.
        Path jar = Path.of(System.getProperty("examcore.console.jar", "../proctor-console/target/proctor-console.jar"));
        assertThat(Files.exists(jar)).as("the shaded jar %s is built in proctor-console's package phase, before this"
                + " module", jar).isTrue();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> names = zip.stream().map(e -> e.getName()).toList();
            assertThat(names).contains("cn/examcore/proctor/ConsoleNode.class",
                    "cn/examcore/contract/SeatEvent.class");
            assertThat(names).contains("cn/examcore/platform/mgmt/ManagementVerticle.class");
            for (String forbidden : List.of("com/hazelcast/", "io/vertx/spi/cluster/hazelcast/", "org/h2/",
                    "org/flywaydb/", "com/zaxxer/hikari/", "cn/examcore/server/", "io/vertx/ext/auth/jwt/",
                    "cn/examcore/bank/", "org/apache/poi/", "org/apache/xmlbeans/")) {
                assertThat(names).as(forbidden).noneMatch(n -> n.startsWith(forbidden));
            }
        }
    }

    @Test
    @DisplayName("/health answers, /ready is 200 while the upstream stream is open and 503 once exam-server is gone, "
            + "/metrics is Prometheus text with the console's meters")
    void managementPort() throws Exception {
        TestNode node = TestNode.start();
        boolean nodeClosed = false;
        try (ConsoleNode console = console(node, Map.of())) {
            String mgmt = "http://127.0.0.1:" + console.managementPort();
            assertThat(get(mgmt + "/health").statusCode()).isEqualTo(200);
            assertThat(get(mgmt + "/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = get(mgmt + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("examcore_console_upstream_open 1.0")
                    .contains("examcore_console_viewers");
            node.close();
            nodeClosed = true;
            Await.until("/ready answers 503 once exam-server stopped", Duration.ofSeconds(15), () -> {
                try {
                    return get(mgmt + "/ready").statusCode() == 503;
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(get(mgmt + "/health").statusCode()).isEqualTo(200);
        } finally {
            if (!nodeClosed) {
                node.close();
            }
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
