package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.conduct.store.CertificateRace;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The durable store on a real PostgreSQL. {@code EXAMCORE_TEST_PG=local} uses the machine's PostgreSQL at
 * 127.0.0.1:5432 (user postgres, database test) in a fresh schema dropped afterwards; anything else starts a
 * Testcontainers PostgreSQL (which needs Docker).
 */
@DisplayName("PostgreSQL store")
class PostgresStoreIT {

    static PostgreSQLContainer<?> container;
    static String url;
    static String user;
    static String password;
    static final String SCHEMA = "examcore_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);
    static final String DECISION_SCHEMA = SCHEMA + "_d";
    static final String RACE_SCHEMA = SCHEMA + "_r";
    static final String DEADLINE_SCHEMA = SCHEMA + "_t";
    static final String RECOVERY_SCHEMA = SCHEMA + "_rr";

    @BeforeAll
    static void database() {
        if ("local".equals(System.getenv("EXAMCORE_TEST_PG"))) {
            url = "jdbc:postgresql://127.0.0.1:5432/test";
            user = "postgres";
            password = "";
        } else {
            container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            url = container.getJdbcUrl();
            user = container.getUsername();
            password = container.getPassword();
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        if (container != null) {
            container.stop();
            return;
        }
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("DROP SCHEMA IF EXISTS " + DECISION_SCHEMA + " CASCADE");
            s.execute("DROP SCHEMA IF EXISTS " + RACE_SCHEMA + " CASCADE");
            s.execute("DROP SCHEMA IF EXISTS " + DEADLINE_SCHEMA + " CASCADE");
            s.execute("DROP SCHEMA IF EXISTS " + RECOVERY_SCHEMA + " CASCADE");
        }
    }

    @Test
    @DisplayName("Certificate issuing racing decisions on PostgreSQL never leaves a valid certificate for a cancelled result")
    void certificateRaceOnPostgres() throws Exception {
        CertificateRace.run(ServerConfig.defaults().with(Map.of("db-url", url, "db-user", user, "db-password",
                password, "db-schema", RACE_SCHEMA)), 100);
    }

    @Test
    @DisplayName("A PostgreSQL connection gives a statement 30 s for an answer, so a database cut off the network frees the pool instead of holding it for minutes")
    void statementsTimeOut() throws SQLException {
        try (cn.examcore.server.storage.jdbc.Database db = cn.examcore.server.storage.jdbc.Database.open(
                ServerConfig.defaults().with(Map.of("db-url", url, "db-user", user, "db-password", password,
                        "db-schema", RACE_SCHEMA)).database());
             Connection c = db.connection()) {
            assertThat(c.getNetworkTimeout()).as("socket timeout of a pooled connection (ms)").isEqualTo(30_000);
        }
    }

    private TestNode.Builder onPostgres() {
        return TestNode.builder().leadSeconds(600).writeDelaySeconds(1)
                .config("db-url", url).config("db-user", user).config("db-password", password)
                .config("db-schema", SCHEMA);
    }

    @Test
    @DisplayName("A sitting is set up, answered and restarted on PostgreSQL, with Flyway's schema and no answer lost")
    void sittingOnPostgres() throws SQLException {
        TestNode node = onPostgres().start();
        String token;
        String attemptId;
        PaperItem tf;
        try (Api api = new Api(node.baseUrl())) {
            api.post("/api/admin/sittings/" + node.sittingId() + "/start", api.adminToken(node), null);
            JsonObject login = api.loginDemo(node, 0);
            token = login.getString("token");
            attemptId = login.getString("attemptId");
            tf = Papers.first(Papers.of(node, attemptId), ItemType.TRUE_FALSE);
            try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
                seat.hello(new JsonArray());
                assertThat(seat.save(tf.number(), true, 4).getString("type")).isEqualTo("saved");
                seat.send(new JsonObject().put("type", "event").put("kind", "BLUR").put("clientTime", 1));
                seat.send(new JsonObject().put("type", "ping").put("clientTime", 2));
                seat.next("pong");
            }
        }
        TestNode restarted = node.restart();
        try (Api api = new Api(restarted.baseUrl());
             Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT rev, answer_value FROM " + SCHEMA
                    + ".answers WHERE attempt_id = '" + attemptId + "' AND item = " + tf.number())) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(4);
                assertThat(rs.getString(2)).isEqualTo("true");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SCHEMA
                    + ".events WHERE attempt_id = '" + attemptId + "' AND kind = 'BLUR'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SCHEMA + ".candidates")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(30);
            }
            try (SeatClient seat = SeatClient.connect(api.vertx(), restarted.port(), token)) {
                JsonObject welcome = seat.hello(new JsonArray());
                JsonObject held = welcome.getJsonArray("answers").getJsonObject(0);
                assertThat(held.getInteger("item")).isEqualTo(tf.number());
                assertThat(held.getLong("rev")).isEqualTo(4);
            }
        } finally {
            restarted.close();
        }
    }

    @Test
    @DisplayName("The deadline storm on PostgreSQL: candidates read by ticket and every result written in one batch")
    void deadlineBatchOnPostgres() throws Exception {
        try (TestNode node = TestNode.builder().noDemo().config("timer-period-millis", "3600000")
                .config("db-url", url).config("db-user", user).config("db-password", password)
                .config("db-schema", DEADLINE_SCHEMA).start()) {
            var services = node.node().services();
            // Seeded with its one-minute duration already over: every attempt is due.
            DemoSitting.Info due = DemoSitting.seed(node.node(), DemoSitting.Options.theory(-75).withDuration(1))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            List<String> ids = services.attempts().bySitting(due.sittingId()).toCompletionStage()
                    .toCompletableFuture().get(60, TimeUnit.SECONDS).stream().map(Attempt::id).toList();
            int frozen = services.submissions().autoSubmitAll(ids).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            assertThat(frozen).isEqualTo(30);
            Map<String, String> names = due.candidates().stream()
                    .collect(Collectors.toMap(DemoSitting.DemoCandidate::ticket, DemoSitting.DemoCandidate::name));
            try (Connection c = DriverManager.getConnection(url, user, password);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT ticket, name, submit_kind FROM " + DEADLINE_SCHEMA
                         + ".results")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertThat(rs.getString(2)).as("name of " + rs.getString(1)).isEqualTo(names.get(rs.getString(1)));
                    assertThat(rs.getString(3)).isEqualTo("AUTO_SUBMITTED");
                }
                assertThat(rows).isEqualTo(30);
            }
        }
    }

    @Test
    @DisplayName("Results the database never took (their node died while it was away) are scored and stored again by"
            + " the node owning the attempt, each once, with one submission event")
    void missingResultsAreRecovered() throws Exception {
        try (TestNode node = TestNode.builder().noDemo().config("timer-period-millis", "3600000")
                .config("result-recovery-seconds", "1")
                .config("db-url", url).config("db-user", user).config("db-password", password)
                .config("db-schema", RECOVERY_SCHEMA).start()) {
            var services = node.node().services();
            DemoSitting.Info due = DemoSitting.seed(node.node(), DemoSitting.Options.theory(-75).withDuration(1))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            List<String> ids = services.attempts().bySitting(due.sittingId()).toCompletionStage()
                    .toCompletableFuture().get(60, TimeUnit.SECONDS).stream().map(Attempt::id).sorted().toList();
            assertThat(services.submissions().autoSubmitAll(ids).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS)).isEqualTo(30);
            String results = RECOVERY_SCHEMA + ".results";
            String attempts = RECOVERY_SCHEMA + ".attempts";
            Await.until("every result and the frozen attempts written", Duration.ofSeconds(20), () -> sql(
                    "SELECT count(*) FROM " + results + " r JOIN " + attempts + " a ON a.id = r.attempt_id"
                            + " WHERE a.state = 'SUBMITTED' AND a.submitted_at = r.submitted_at") == 30);
            // Five results lost with their node, and one stored for a freeze the merge then replaced.
            List<String> lost = ids.subList(0, 5);
            String replaced = ids.get(5);
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM " + results + " WHERE attempt_id IN ('" + String.join("','", lost)
                        + "')");
                s.executeUpdate("UPDATE " + results + " SET submitted_at = submitted_at - 2400 WHERE attempt_id = '"
                        + replaced + "'");
            }
            assertThat(sql("SELECT count(*) FROM " + results)).isEqualTo(25);

            Await.until("the lost and the stale results stored again", Duration.ofSeconds(20), () -> sql(
                    "SELECT count(*) FROM " + results + " r JOIN " + attempts + " a ON a.id = r.attempt_id"
                            + " WHERE a.submitted_at = r.submitted_at") == 30);
            assertThat(sql("SELECT count(*) FROM " + results)).isEqualTo(30);
            String events = "SELECT count(*) FROM " + RECOVERY_SCHEMA + ".events WHERE kind = 'AUTO_SUBMITTED'";
            Await.until("the submission events written", Duration.ofSeconds(20), () -> sql(events) >= 30);
            // Rounds go on every second and events are written behind within a second or two: still one submission
            // event per attempt, under the freeze's own id.
            Thread.sleep(3_000);
            assertThat(sql(events)).isEqualTo(30);
            assertThat(sql("SELECT count(DISTINCT attempt_id) FROM " + RECOVERY_SCHEMA + ".events e JOIN " + attempts
                    + " a ON a.id = e.attempt_id WHERE e.kind = 'AUTO_SUBMITTED'"
                    + " AND e.id = 'submission-' || a.id || '-' || a.submitted_at")).isEqualTo(30);
        }
    }

    private static long sql(String query) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    @Test
    @DisplayName("Decisions and bans are stored on PostgreSQL, survive a restart, and a flag is decided only once")
    void decisionsOnPostgres() throws Exception {
        TestNode node = TestNode.builder().demo(CertificatesIT.seats(3)).config("db-url", url).config("db-user", user)
                .config("db-password", password).config("db-schema", DECISION_SCHEMA).start();
        String decisionId;
        String revokingId;
        String number;
        String path = "/api/proctor/sittings/" + node.sittingId() + "/decisions";
        try (Api api = new Api(node.baseUrl())) {
            String admin = api.adminToken(node);
            api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null);
            String attemptId = api.loginDemo(node, 0).getString("attemptId");
            JsonObject body = new JsonObject().put("attemptId", attemptId).put("category", "C4")
                    .put("severity", "MINOR").put("outcome", "CONFIRMED").put("flagId", "flag-pg")
                    .put("reason", "a substitute sat the paper");
            Api.Reply r = api.post(path, admin, body);
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            decisionId = r.json().getString("decisionId");
            assertThat(api.post(path, admin, body).status()).isEqualTo(409);
            Api.Reply lifted = api.post("/api/admin/bans/" + decisionId + "/lift", admin,
                    new JsonObject().put("reason", "appeal upheld"));
            assertThat(lifted.status()).as(lifted.text()).isEqualTo(200);
            assertThat(api.post("/api/admin/bans/" + decisionId + "/lift", admin,
                    new JsonObject().put("reason", "again")).status()).isEqualTo(409);

            // Candidate 1 passes and gets a certificate once the sitting is closed; a decision after the sitting
            // revokes it in the decision's transaction.
            String passed = CertificatesIT.submit(api, node, 1, true);
            for (int seat : new int[] {0, 2}) {
                Api.Reply forced = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/"
                        + node.seatCodes().get(seat) + "/force-submit", admin, new JsonObject().put("reason", "closing"));
                assertThat(forced.status()).as(forced.text()).isEqualTo(200);
            }
            // A certificate needs the level: the candidate's operation subject too.
            CertificatesIT.passOperation(api, node, admin, 1, "pg", 820_000);
            Api.Reply issued = api.post("/api/admin/sittings/" + node.sittingId() + "/certificates", admin, null);
            assertThat(issued.status()).as(issued.text()).isEqualTo(201);
            assertThat(issued.array()).hasSize(1);
            number = issued.array().getJsonObject(0).getString("number");
            Api.Reply revoking = api.post(path, admin, new JsonObject().put("attemptId", passed).put("category", "B2")
                    .put("outcome", "CONFIRMED").put("flagId", "flag-pg-after").put("afterSitting", true)
                    .put("reason", "copied answers, found on review"));
            assertThat(revoking.status()).as(revoking.text()).isEqualTo(201);
            assertThat(revoking.json().getJsonArray("revokedCertificates")).containsExactly(number);
            revokingId = revoking.json().getString("decisionId");
        }
        TestNode restarted = node.restart();
        try (Api api = new Api(restarted.baseUrl());
             Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement()) {
            String admin = api.adminToken(restarted);
            Api.Reply listed = api.get(path, admin);
            assertThat(listed.array()).hasSize(2);
            assertThat(listed.array().getJsonObject(1).getJsonArray("revokedCertificates"))
                    .containsExactly(number);
            JsonObject certificate = api.get("/api/admin/certificates?sittingId=" + node.sittingId(), admin).array()
                    .getJsonObject(0);
            assertThat(certificate.getString("status")).isEqualTo("REVOKED");
            assertThat(certificate.getString("revokedBy")).isEqualTo(revokingId);
            try (ResultSet rs = s.executeQuery("SELECT status, revoked_by FROM " + DECISION_SCHEMA
                    + ".certificates WHERE number = '" + number + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("REVOKED");
                assertThat(rs.getString(2)).isEqualTo(revokingId);
            }
            assertThat(listed.array().getJsonObject(0).getString("decisionId")).isEqualTo(decisionId);
            JsonObject ban = api.get("/api/admin/bans?idNumber=" + node.candidate(0).idNumber(), admin).array()
                    .getJsonObject(0);
            assertThat(ban.getJsonObject("lift").getString("reason")).isEqualTo("appeal upheld");
            assertThat(ban.getJsonObject("lift").getString("by")).isEqualTo(node.adminUser());
            assertThat(listed.array().getJsonObject(0).getJsonObject("sanction").getString("cancels"))
                    .isEqualTo("ALL_SUBJECTS");
            Api.Reply bans = api.get("/api/admin/bans", admin);
            assertThat(bans.array()).hasSize(2);
            try (ResultSet rs = s.executeQuery("SELECT ban_from, ban_until FROM " + DECISION_SCHEMA
                    + ".bans WHERE decision_id = '" + decisionId + "'")) {
                assertThat(rs.next()).isTrue();
                java.time.LocalDate from = java.time.LocalDate.parse(rs.getString(1));
                assertThat(rs.getString(2)).isEqualTo(from.plusYears(2).minusDays(1).toString());
            }
        } finally {
            restarted.close();
        }
    }
}
