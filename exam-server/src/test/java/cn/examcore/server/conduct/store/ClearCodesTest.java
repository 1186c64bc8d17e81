package cn.examcore.server.conduct.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.conduct.domain.Certificate;
import cn.examcore.server.conduct.domain.VerificationCode;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.JdbcSittingStore;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Verification codes an earlier version stored in clear, as a node finds them at start-up (H2). */
@DisplayName("Certificate codes stored in clear are hashed at start-up (H2)")
class ClearCodesTest {

    @Test
    @DisplayName("a code in clear becomes its hash, the clear column empties, and the certificate still verifies")
    void clearCodesAreHashed() throws Exception {
        Vertx vertx = Vertx.vertx();
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("codes-db", 2);
        Database db = Database.open(ServerConfig.defaults().with(Map.of("db-url",
                "jdbc:h2:mem:codes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")).database());
        try {
            await(new JdbcSittingStore(db, workers).createSitting(new Sitting("s-1", "old", "企业人力资源管理师", 4,
                    Subject.THEORY, 0L, 90, 30, 60, "123456", 0, null, null, 0)));
            try (Connection c = db.dataSource().getConnection()) {
                Jdbc.update(c, "INSERT INTO certificates (number, sitting_id, ticket, id_number, name, occupation, level,"
                        + " subject, sitting_date, issued_by, issued_at, status, evaluation_id, evaluation_body,"
                        + " verification_code, standing_evaluation_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        "EC-EV-OLD", "s-1", "T-1", "310101198803100503", "王五", "企业人力资源管理师", 4,
                        "THEORY+OPERATION", "2026-04-26", "admin", 1L, "ISSUED", "EV-OLD", "上海市技师协会",
                        "ABCDEFGH23", "EV-OLD");
            }
            assertThat(JdbcCertificateStore.hashClearCodes(db)).isEqualTo(1);
            assertThat(JdbcCertificateStore.hashClearCodes(db)).as("once only").isZero();
            try (Connection c = db.dataSource().getConnection()) {
                List<String> clear = Jdbc.query(c, "SELECT verification_code FROM certificates",
                        rs -> String.valueOf(rs.getString(1)));
                assertThat(clear).containsExactly("null");
            }
            JdbcCertificateStore store = new JdbcCertificateStore(db, workers);
            Optional<Certificate> found = await(store.verified("EC-EV-OLD", "abcde fgh23"));
            assertThat(found).isPresent();
            assertThat(found.get().verificationHash()).startsWith("pbkdf2-sha256$");
            assertThat(VerificationCode.matches("ABCDEFGH23", found.get().verificationHash())).isTrue();
            assertThat(await(store.verified("EC-EV-OLD", "ABCDEFGH24"))).isEmpty();
        } finally {
            db.close();
            workers.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
