package cn.examcore.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throw-away schema on the machine's PostgreSQL (127.0.0.1:5432, user postgres, database test) when
 * {@code EXAMCORE_TEST_PG=local}, so that a test whose transactions matter runs them on PostgreSQL; without it the
 * node keeps its embedded H2.
 */
public final class LocalPostgres {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String schema;

    private LocalPostgres(String schema) {
        this.schema = schema;
    }

    /** Whether the tests were asked to use the local PostgreSQL. */
    public static boolean requested() {
        return "local".equals(System.getenv("EXAMCORE_TEST_PG"));
    }

    /** A fresh schema name, prefixed with {@code prefix}, on the local PostgreSQL when requested; else null. */
    public static LocalPostgres schemaIfRequested(String prefix) {
        return requested() ? new LocalPostgres(prefix + "_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 12)) : null;
    }

    /** The builder pointed at this schema. */
    public TestNode.Builder on(TestNode.Builder builder) {
        return builder.config("db-url", URL).config("db-user", "postgres").config("db-password", "")
                .config("db-schema", schema);
    }

    /** Drops the schema and everything in it. */
    public void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
