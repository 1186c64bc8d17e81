package cn.examcore.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.config.ServerConfig;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the embedded H2 file database is closed at a node's graceful stop. */
@DisplayName("Closing the embedded database")
class DatabaseShutdownTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("Closing the node's default embedded database releases its file and keeps what was written")
    void defaultEmbeddedDatabase() throws Exception {
        DatabaseSettings settings = ServerConfig.defaults().with(Map.of("data-dir", dir.toString())).database();

        writeCloseAndReopen(settings, dir.resolve("examcore.mv.db"));
    }

    @Test
    @DisplayName("Closing an embedded database whose URL keeps it open past its last connection still shuts it down")
    void databaseKeptOpenByItsUrl() throws Exception {
        // DB_CLOSE_DELAY=-1 keeps an H2 database open after the pool has closed every connection: only an explicit
        // SHUTDOWN closes its files then.
        DatabaseSettings settings = ServerConfig.defaults().with(Map.of("data-dir", dir.toString(),
                "db-url", "jdbc:h2:file:" + dir.resolve("kept").toAbsolutePath() + ";DB_CLOSE_DELAY=-1")).database();

        writeCloseAndReopen(settings, dir.resolve("kept.mv.db"));
    }

    @Test
    @DisplayName("A connection still borrowed when the database is closed does not keep its file open")
    void connectionStillBorrowed() throws Exception {
        Database db = Database.open(ServerConfig.defaults().with(Map.of("data-dir", dir.toString())).database());
        // As a write-behind store that the stop outran would hold one: the pool cannot close it (H2 ignores its
        // abort), so without a shutdown the database would close whenever, and on whichever thread, it is returned.
        Connection straggler = db.connection();
        try {
            db.close();

            assertThat(lockable(dir.resolve("examcore.mv.db"))).as("the database file is free").isTrue();
            assertThatThrownBy(() -> straggler.createStatement().execute("SELECT 1"))
                    .as("the straggler's session was closed by the shutdown").isInstanceOf(SQLException.class);
        } finally {
            straggler.close();
        }
    }

    @Test
    @DisplayName("Two nodes in one JVM share an embedded file: the first to close leaves it open for the other, the"
            + " last shuts it down")
    void sharedByTwoNodesInOneJvm() throws Exception {
        DatabaseSettings settings = ServerConfig.defaults().with(Map.of("data-dir", dir.toString())).database();
        Database first = Database.open(settings);
        Database second = Database.open(settings);
        try {
            first.close();
            try (Connection c = second.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                assertThat(rs.next()).as("the other node still reads its database").isTrue();
            }
        } finally {
            second.close();
        }
        assertThat(lockable(dir.resolve("examcore.mv.db"))).as("the database file is free after the last").isTrue();
    }

    @Test
    @DisplayName("An embedded H2 file URL is opened without H2's own close at JVM exit, unless it names that setting")
    void closeOnExitOnlyForEmbeddedFiles() {
        assertThat(Database.withoutCloseOnExit("jdbc:h2:file:/srv/x"))
                .isEqualTo("jdbc:h2:file:/srv/x;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.withoutCloseOnExit("jdbc:h2:./data/x;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:./data/x;MODE=PostgreSQL;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.withoutCloseOnExit("jdbc:h2:file:/srv/x;db_close_on_exit=TRUE"))
                .isEqualTo("jdbc:h2:file:/srv/x;db_close_on_exit=TRUE");
        for (String untouched : new String[] {"jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", "jdbc:h2:tcp://db/~/x",
                "jdbc:h2:ssl://db/~/x", "jdbc:postgresql://db/x"}) {
            assertThat(Database.withoutCloseOnExit(untouched)).as(untouched).isEqualTo(untouched);
        }
    }

    @Test
    @DisplayName("Closing twice shuts the database down once and does not open it again")
    void closingTwice() throws Exception {
        DatabaseSettings settings = ServerConfig.defaults().with(Map.of("data-dir", dir.toString())).database();
        Database db = Database.open(settings);
        db.close();
        Path file = dir.resolve("examcore.mv.db");
        var closedOnce = Files.getLastModifiedTime(file);

        // A second close that reached H2 would open the file again and write its header anew.
        db.close();

        assertThat(Files.getLastModifiedTime(file)).isEqualTo(closedOnce);
        assertThat(lockable(file)).isTrue();
    }

    private static void writeCloseAndReopen(DatabaseSettings settings, Path file) throws Exception {
        Database db = Database.open(settings);
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit (id, server_at, actor, action_name, "
                    + "sitting_id, target, detail) VALUES ('closed-cleanly', 1, 'test', 'test', NULL, NULL, '{}')")) {
                return ps.executeUpdate();
            }
        });

        db.close();

        assertThat(file).exists();
        assertThat(lockable(file)).as("the database file is free once close() returns").isTrue();
        Database reopened = Database.open(settings);
        try (Connection c = reopened.connection();
             PreparedStatement ps = c.prepareStatement("SELECT actor FROM audit WHERE id = 'closed-cleanly'");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("test");
        } finally {
            reopened.close();
        }
    }

    /** True when no one in this JVM holds the lock H2 takes on an open database file. */
    private static boolean lockable(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }
}
