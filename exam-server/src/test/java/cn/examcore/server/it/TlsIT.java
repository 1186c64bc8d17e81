package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.platform.tls.SelfSignedCertificate;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTTPS on the public port")
class TlsIT {

    static Path dir;
    static SelfSignedCertificate cert;
    static TestNode node;
    static Api api;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("examcore-tls-");
        cert = SelfSignedCertificate.generate("tls-it", List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(2));
        Path certFile = Files.writeString(dir.resolve("cert.pem"), cert.certPem());
        Path keyFile = dir.resolve("key.pem");
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, cert.keyPem());
        node = TestNode.builder().leadSeconds(600)
                .config("tls-cert-file", certFile.toString())
                .config("tls-key-file", keyFile.toString())
                .config("http-redirect-port", "0")
                .start();
        api = new Api("https://localhost:" + node.port(), new WebClientOptions().setSsl(true).setVerifyHost(true)
                .setTrustOptions(trustOnlyThisCertificate()));
    }

    @AfterAll
    static void stop() throws IOException {
        api.close();
        node.close();
        for (String f : List.of("cert.pem", "key.pem")) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Files.deleteIfExists(dir);
    }

    private static PemTrustOptions trustOnlyThisCertificate() {
        return new PemTrustOptions().addCertValue(Buffer.buffer(cert.certPem()));
    }

    @Test
    @DisplayName("A candidate logs in over https and saves an answer over wss, with a client that trusts only the "
            + "node's certificate; every answer carries HSTS")
    void loginAndSaveOverTls() {
        String admin = api.adminToken(node);
        assertThat(api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null).status())
                .isEqualTo(200);
        String terminal = api.enrol(node.seatCodes().get(0), node.pin());
        Api.Reply login = api.login(terminal, node.candidate(0).ticket(), node.candidate(0).idNumber());
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        assertThat(login.header("Strict-Transport-Security")).isEqualTo("max-age=15552000");
        String token = login.json().getString("token");
        PaperService.LoadedPaper paper = Papers.of(node, login.json().getString("attemptId"));
        PaperItem item = Papers.first(paper, ItemType.SINGLE_CHOICE);
        WebSocketClientOptions wss = new WebSocketClientOptions().setSsl(true).setVerifyHost(true)
                .setTrustOptions(trustOnlyThisCertificate());
        try (SeatClient seat = SeatClient.connect(api.vertx(), wss, "localhost", node.port(), token)) {
            assertThat(seat.hello(new JsonArray()).getString("state")).isEqualTo("ANSWERING");
            JsonObject ack = seat.save(item.number(), item.options().get(0).id(), 1);
            assertThat(ack.getString("type")).isEqualTo("saved");
        }
        Api.Reply stored = api.get("/api/candidate/answers", token);
        assertThat(stored.json().getJsonArray("answers").encode()).contains(item.options().get(0).id());
        Api.Reply page = api.get("/candidate/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Strict-Transport-Security")).isEqualTo("max-age=15552000");
    }

    @Test
    @DisplayName("A client that does not trust the certificate cannot connect, and plain HTTP on the TLS port gets no "
            + "page")
    void onlyTls() {
        try (Api untrusting = new Api("https://localhost:" + node.port(), new WebClientOptions().setSsl(true))) {
            assertThatThrownBy(() -> untrusting.get("/api/time", null)).hasStackTraceContaining("certif");
        }
        try (Api plain = new Api("http://127.0.0.1:" + node.port())) {
            assertThatThrownBy(() -> plain.get("/api/time", null)).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    @DisplayName("The plain-HTTP port answers every request with 308 to the same path on the HTTPS port, and serves "
            + "nothing itself")
    void redirectPort() throws IOException {
        int redirect = node.node().redirectPort();
        assertThat(redirect).isPositive().isNotEqualTo(node.port());
        for (String method : List.of("GET", "POST")) {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + redirect
                    + "/candidate/index.html?x=1").toURL().openConnection();
            c.setInstanceFollowRedirects(false);
            c.setRequestMethod(method);
            assertThat(c.getResponseCode()).isEqualTo(308);
            assertThat(c.getHeaderField("Location"))
                    .isEqualTo("https://localhost:" + node.port() + "/candidate/index.html?x=1");
            assertThat(c.getContentLengthLong()).isZero();
            c.disconnect();
        }
    }
}
