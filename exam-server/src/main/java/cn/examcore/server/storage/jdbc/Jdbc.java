package cn.examcore.server.storage.jdbc;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What every JDBC store does the same way: run on the bounded database worker pool (never on an event loop), bind
 * parameters, map rows, and read by bounded {@code IN (…)} lists. One instance per store, over the node's
 * {@link Database} and its worker pool.
 */
public final class Jdbc {

    /** The most parameters one {@code IN (…)} list binds: databases cap the parameters of one statement. */
    public static final int IN_LIST_MAX = 500;

    /** SQLSTATE of a unique-constraint violation, the same in H2 and PostgreSQL. */
    public static final String UNIQUE_VIOLATION = "23505";

    private final Database db;
    private final WorkerExecutor workers;

    public Jdbc(Database db, WorkerExecutor workers) {
        this.db = db;
        this.workers = workers;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    public Database.Dialect dialect() {
        return db.dialect();
    }

    /** Runs blocking JDBC work on the database worker pool. */
    public <T> Future<T> blocking(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    /** Runs {@code work} in one transaction on a worker: all of it is committed, or nothing. */
    public Future<Void> transaction(Database.SqlWork<Void> work) {
        return blocking(() -> db.transaction(work));
    }

    /** One statement on its own connection (auto-commit); answers the rows it changed. Blocking. */
    public int update(String sql, Object... params) throws SQLException {
        try (Connection c = db.connection()) {
            return update(c, sql, params);
        }
    }

    /** {@link #update} on a worker, for a write that answers nothing. */
    public Future<Void> write(String sql, Object... params) {
        return blocking(() -> {
            update(sql, params);
            return null;
        });
    }

    /** Every row the query answers, mapped. Blocking. */
    public <T> List<T> query(String sql, Rows<T> mapper, Object... params) throws SQLException {
        try (Connection c = db.connection()) {
            return query(c, sql, mapper, params);
        }
    }

    /** Every row the query answers on {@code c} (e.g. inside a transaction), mapped. Blocking. */
    public static <T> List<T> query(Connection c, String sql, Rows<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.read(rs));
                }
            }
            return out;
        }
    }

    /** One statement on {@code c} (e.g. inside a transaction); answers the rows it changed. Blocking. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Runs {@code work} on one connection of its own, without a transaction. Blocking. */
    public <T> T withConnection(Database.SqlWork<T> work) throws SQLException {
        try (Connection c = db.connection()) {
            return work.run(c);
        }
    }

    /** Runs {@code work} in one transaction on {@code db}: all of it is committed, or nothing. Blocking. */
    public <T> T inTransaction(Database.SqlWork<T> work) throws SQLException {
        return db.transaction(work);
    }

    /** {@link #query} on a worker. */
    public <T> Future<List<T>> list(String sql, Rows<T> mapper, Object... params) {
        return blocking(() -> query(sql, mapper, params));
    }

    /** The first row the query answers, on a worker. */
    public <T> Future<Optional<T>> first(String sql, Rows<T> mapper, Object... params) {
        return blocking(() -> first(query(sql, mapper, params)));
    }

    public static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /**
     * The rows of {@code sqlBeforeList + "(?,?,…)"} for every value of {@code values} (each once), read by
     * lists of at most {@link #IN_LIST_MAX}, with {@code leading} parameters bound before each list. Blocking.
     */
    public <T> List<T> queryIn(String sqlBeforeList, Rows<T> mapper, Collection<String> values, Object... leading)
            throws SQLException {
        List<String> all = List.copyOf(new LinkedHashSet<>(values));
        List<T> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_LIST_MAX) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IN_LIST_MAX));
            Object[] params = new Object[leading.length + part.size()];
            System.arraycopy(leading, 0, params, 0, leading.length);
            for (int i = 0; i < part.size(); i++) {
                params[leading.length + i] = part.get(i);
            }
            String marks = String.join(",", Collections.nCopies(part.size(), "?"));
            out.addAll(query(sqlBeforeList + "(" + marks + ")", mapper, params));
        }
        return out;
    }

    /** Binds positional parameters; {@code null} untyped, byte arrays as bytes, the rest as objects. */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                // Untyped: PostgreSQL refuses a VARCHAR null for a BOOLEAN column (a result's passed while marking
                // is pending); both drivers take the column's type for Types.NULL.
                ps.setNull(i + 1, Types.NULL);
            } else if (p instanceof byte[] b) {
                ps.setBytes(i + 1, b);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** Binds each parameter row as one batch entry of {@code ps} and runs the batch. Blocking. */
    public static void batch(PreparedStatement ps, List<Object[]> rows) throws SQLException {
        for (Object[] row : rows) {
            bind(ps, row);
            ps.addBatch();
        }
        ps.executeBatch();
    }
}
