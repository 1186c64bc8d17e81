package cn.examcore.server.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable database: a bounded HikariCP pool, migrated by Flyway at open. H2 (embedded file) and PostgreSQL
 * differ only in the few places {@link Dialect} names.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private static final Pattern CLOSE_ON_EXIT = Pattern.compile("(?i);\\s*DB_CLOSE_ON_EXIT\\s*=");
    /**
     * Open {@code Database}s per embedded H2 URL in this JVM. H2 keeps one database per file for the whole JVM, so
     * two nodes started in one JVM (as tests do) share it, and a {@code SHUTDOWN} by one would close it under the
     * other: only the last one to close shuts it down.
     */
    private static final Map<String, Integer> OPEN_EMBEDDED = new java.util.concurrent.ConcurrentHashMap<>();

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final boolean embeddedFile;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(HikariDataSource dataSource, Dialect dialect, boolean embeddedFile) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.embeddedFile = embeddedFile;
    }

    /** Opens the pool and migrates the schema; blocking, call before the event loops start. */
    public static Database open(DatabaseSettings config) {
        String url = withoutCloseOnExit(config.url());
        Dialect dialect = Dialect.of(url);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(config.user());
        hc.setPassword(config.password());
        hc.setMaximumPoolSize(config.poolSize());
        hc.setPoolName("examcore-db");
        if (!config.schema().isBlank()) {
            hc.setSchema(config.schema());
        }
        if (dialect == Dialect.POSTGRESQL) {
            // A database cut off the network (not stopped) answers nothing, not even a reset: without a socket
            // timeout a statement in flight then waits for the kernel to give up on the connection (minutes), and a
            // pool of four holds every node's writes, results and look-ups long after the database is back. A
            // statement of ours takes well under a second; 30 s leaves room for the largest export.
            hc.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
            hc.addDataSourceProperty("connectTimeout", "5");
            hc.addDataSourceProperty("tcpKeepAlive", "true");
        }
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            var flyway = Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("text", dialect.textType(), "bytes", dialect.bytesType()));
            if (!config.schema().isBlank()) {
                flyway = flyway.schemas(config.schema()).createSchemas(true);
            }
            var result = flyway.load().migrate();
            LOG.info("database {} ({}) at schema version {}, {} migration(s) applied", DatabaseSettings.redactUrl(url), dialect,
                    result.targetSchemaVersion, result.migrationsExecuted);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        boolean embedded = embeddedH2File(url);
        if (embedded) {
            OPEN_EMBEDDED.merge(url, 1, Integer::sum);
        }
        return new Database(ds, dialect, embedded);
    }

    /**
     * True for an H2 database this process opens from its own files ({@code jdbc:h2:file:}, {@code jdbc:h2:~/x},
     * {@code jdbc:h2:./x}); false for an in-memory one and for one served by an H2 server, which other
     * processes may be using.
     */
    static boolean embeddedH2File(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = url.substring("jdbc:h2:".length()).toLowerCase(Locale.ROOT);
        return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
    }

    /**
     * An embedded H2 file URL with {@code DB_CLOSE_ON_EXIT=FALSE} unless it names that setting itself. H2 otherwise
     * registers a JVM shutdown hook that closes the database while the node's own hook is still flushing into it
     * and closing it; {@link #close()} shuts the database down itself.
     */
    static String withoutCloseOnExit(String url) {
        if (!embeddedH2File(url) || CLOSE_ON_EXIT.matcher(url).find()) {
            return url;
        }
        return url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Work on one connection; may throw what JDBC throws. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on one connection: all of it is committed, or (on any exception, which
     * is rethrown) nothing. Blocking: call it on a worker, never on an event loop.
     */
    public <T> T transaction(SqlWork<T> work) throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** True when a connection can be had and answers a trivial query (readiness). */
    public boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Closes the pool and, for an embedded H2 file, shuts the database down on this thread, once. Closing the pool
     * alone leaves the moment H2 closes its files to chance: to whichever thread returns the last connection (a
     * straggler's connection is not closed by the pool at all, H2 ignores the pool's abort), or never, when the URL
     * keeps the database open ({@code DB_CLOSE_DELAY}). A connection outside the pool keeps the database open while
     * the pool drains; its {@code SHUTDOWN} then closes every session, writes the store's clean-shutdown mark and
     * releases the file lock before this returns. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!embeddedFile || !lastToClose(dataSource.getJdbcUrl())) {
            dataSource.close();
            return;
        }
        Connection keeper = null;
        try {
            keeper = DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(),
                    dataSource.getPassword());
        } catch (SQLException e) {
            LOG.warn("could not open a connection to shut the database down; closing the pool only: {}",
                    e.toString());
        }
        dataSource.close();
        if (keeper == null) {
            return;
        }
        try (Connection c = keeper; Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.warn("shutting the database {} down failed: {}", DatabaseSettings.redactUrl(dataSource.getJdbcUrl()),
                    e.toString());
        }
    }

    /** Whether this is the last open {@code Database} of the embedded file {@code url} in this JVM (see above). */
    private static boolean lastToClose(String url) {
        boolean[] last = {false};
        OPEN_EMBEDDED.compute(url, (k, n) -> {
            if (n == null || n <= 1) {
                last[0] = true;
                return null;
            }
            return n - 1;
        });
        return last[0];
    }

    /** How long a PostgreSQL statement may wait for the server's answer before its connection is given up. */
    static final int SOCKET_TIMEOUT_SECONDS = 30;

    /** Sittings whose T0 is older than this are not loaded into the cluster at start (they are long over). */
    public static final long RECENT_MILLIS = 3L * 24 * 3600 * 1000;

    /** The SQL that differs between the two supported databases. */
    public enum Dialect {
        H2("CLOB", "BLOB"),
        POSTGRESQL("TEXT", "BYTEA");

        private final String textType;
        private final String bytesType;

        Dialect(String textType, String bytesType) {
            this.textType = textType;
            this.bytesType = bytesType;
        }

        static Dialect of(String url) {
            if (url.startsWith("jdbc:h2:")) {
                return H2;
            }
            if (url.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            throw new IllegalArgumentException("unsupported database URL " + url + " (H2 or PostgreSQL)");
        }

        public String textType() {
            return textType;
        }

        public String bytesType() {
            return bytesType;
        }

        /** An insert-or-update of one row by its key columns. */
        public String upsert(String table, List<String> keyColumns, List<String> columns) {
            String cols = String.join(", ", columns);
            String marks = IntStream.range(0, columns.size()).mapToObj(i -> "?").collect(Collectors.joining(", "));
            if (this == H2) {
                return "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", keyColumns) + ") VALUES ("
                        + marks + ")";
            }
            String updates = columns.stream().filter(c -> !keyColumns.contains(c))
                    .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT ("
                    + String.join(", ", keyColumns) + ") DO UPDATE SET " + updates;
        }

        /**
         * An insert, or an update only where the stored {@code versionColumn} is not higher than the new one, so
         * a stale writer (a member that flushes an older copy after a failover or a merge) never lowers a row.
         * {@code types} are the SQL types of {@code columns} (H2 needs them to type its {@code USING} row).
         */
        public String upsertIfNotOlder(String table, List<String> keyColumns, List<String> columns, List<String> types,
                                       String versionColumn) {
            if (columns.size() != types.size() || !columns.contains(versionColumn)) {
                throw new IllegalArgumentException("one type per column, and the version column among them");
            }
            List<String> values = columns.stream().filter(c -> !keyColumns.contains(c)).toList();
            String cols = String.join(", ", columns);
            if (this == H2) {
                String casts = IntStream.range(0, columns.size()).mapToObj(i -> "CAST(? AS " + types.get(i) + ")")
                        .collect(Collectors.joining(", "));
                String on = keyColumns.stream().map(c -> "t." + c + " = s." + c).collect(Collectors.joining(" AND "));
                String updates = values.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", "));
                String inserts = columns.stream().map(c -> "s." + c).collect(Collectors.joining(", "));
                return "MERGE INTO " + table + " t USING (VALUES (" + casts + ")) s (" + cols + ") ON " + on
                        + " WHEN MATCHED AND t." + versionColumn + " <= s." + versionColumn + " THEN UPDATE SET "
                        + updates + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES (" + inserts + ")";
            }
            String marks = IntStream.range(0, columns.size()).mapToObj(i -> "?").collect(Collectors.joining(", "));
            String updates = values.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT ("
                    + String.join(", ", keyColumns) + ") DO UPDATE SET " + updates + " WHERE " + table + "."
                    + versionColumn + " <= EXCLUDED." + versionColumn;
        }
    }
}
