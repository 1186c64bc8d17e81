package cn.examcore.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.config.ServerConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one transaction helper both JDBC stores use: all of the work is committed, or none of it. */
@DisplayName("Database transactions")
class DatabaseTest {

    Database db;

    @BeforeEach
    void open() {
        db = Database.open(ServerConfig.defaults().with(Map.of("db-url",
                "jdbc:h2:mem:tx-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")).database());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static void insertAudit(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit (id, server_at, actor, action_name, "
                + "sitting_id, target, detail) VALUES (?, 1, 'test', 'test', NULL, NULL, '{}')")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    private int audits() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    @DisplayName("Work that completes is committed and its value returned")
    void commits() throws SQLException {
        String out = db.transaction(c -> {
            insertAudit(c, "a1");
            insertAudit(c, "a2");
            return "done";
        });
        assertThat(out).isEqualTo("done");
        assertThat(audits()).isEqualTo(2);
    }

    @Test
    @DisplayName("Work that fails half-way leaves nothing behind, and its exception reaches the caller")
    void rollsBack() throws SQLException {
        assertThatThrownBy(() -> db.transaction(c -> {
            insertAudit(c, "b1");
            throw new IllegalStateException("refused half-way");
        })).isInstanceOf(IllegalStateException.class).hasMessage("refused half-way");
        assertThatThrownBy(() -> db.transaction(c -> {
            insertAudit(c, "b2");
            insertAudit(c, "b2");
            return null;
        })).isInstanceOf(SQLException.class);
        assertThat(audits()).isZero();
    }
}
