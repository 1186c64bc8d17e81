package cn.examcore.proctor;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.proctor.config.ConsoleConfig;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.demo.DemoLaunch;
import cn.examcore.server.node.ExamNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a newcomer meets it: what it prints is followed literally. The console command it prints starts a
 * console that reads the node over HTTPS (trusting only the demo's certificate) and serves its own page over HTTPS;
 * every demo candidate's credentials are in the file it names.
 */
class DemoConsoleIT {

    @Test
    @DisplayName("the console started as the demo prints it becomes ready over HTTPS and lets the printed admin sign "
            + "in; the printed credentials file lists all 30 candidates, owner-only")
    void printedConsoleCommandWorks(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        ServerConfig config = ServerConfig.demoDefaults().with(Map.of("data-dir", data.toString(), "http-port", "0",
                "management-port", "0", "cluster-name", "examcore-demo-" + UUID.randomUUID(), "db-pool-size", "4",
                "demo-lead-seconds", "600"));
        DemoLaunch.Prepared prepared = DemoLaunch.prepare(config);
        try (ExamNode node = ExamNode.start(prepared.config())) {
            String printed = ExamNode.await(DemoLaunch.finish(node, prepared));

            assertThat(printed).contains("Candidate page : https://localhost:" + node.httpPort() + "/candidate/")
                    .contains("SHA-256      : " + prepared.certificate().serving().fingerprint())
                    .contains("Trusted Root Certification");
            Path candidates = Path.of(find(printed, "… all 30 in (\\S+)"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(candidates))).isEqualTo("rw-------");
            List<String> lines = Files.readAllLines(candidates, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(31);
            assertThat(lines.get(1)).startsWith("R101-01,").contains(",246810");

            String command = find(printed, "Proctor console: (java -jar \\S+ --config \\S+)");
            String[] words = command.split(" ");
            assertThat(words[2]).isEqualTo("proctor-console/target/proctor-console.jar");
            Path consoleFile = Path.of(words[4]);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(consoleFile))).isEqualTo("rw-------");
            // The arguments after the jar, exactly as printed; only the ports are freed for the test.
            ConsoleConfig consoleConfig = ConsoleConfig.load(ProctorConsoleMain.environment(
                    List.of(words).subList(3, words.length).toArray(String[]::new), Map.of()))
                    .with(Map.of("http-port", "0", "management-port", "0"));
            assertThat(consoleConfig.examServers()).containsExactly(URI.create("https://localhost:"
                    + node.httpPort()));
            try (ConsoleNode console = ConsoleNode.start(consoleConfig)) {
                console.awaitReady(Duration.ofSeconds(60));
                assertThat(console.baseUrl()).startsWith("https://localhost:");
                HttpClient http = HttpClient.newBuilder().sslContext(trusting(prepared.certificate().certFile()))
                        .build();
                String password = find(printed, "user admin  password (\\S+)");
                HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(console.baseUrl()
                        + "/api/admin/login")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\""
                                + password + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
                assertThat(login.body()).contains("\"token\"");
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(console.baseUrl()
                        + "/console/")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
            }
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(tmp)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("the demo print-out has " + regex + ":\n" + text).isTrue();
        return m.group(1);
    }

    private static SSLContext trusting(Path certFile) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("demo", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
