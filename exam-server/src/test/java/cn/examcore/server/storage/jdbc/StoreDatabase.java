package cn.examcore.server.storage.jdbc;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.JdbcSittingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A migrated database for one JDBC store test, with a Vert.x worker pool: an in-memory H2 always, and the machine's
 * PostgreSQL (127.0.0.1:5432, user postgres, database test, a fresh schema dropped at close) when
 * {@code EXAMCORE_TEST_PG=local}. Store tests run once per {@link #backends() backend}.
 */
public final class StoreDatabase implements AutoCloseable {

    public static final String H2 = "H2";
    public static final String POSTGRESQL = "PostgreSQL";

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final Database db;
    private final String schema;

    private StoreDatabase(Vertx vertx, Database db, String schema) {
        this.vertx = vertx;
        this.workers = vertx.createSharedWorkerExecutor("store-test-db", 2);
        this.db = db;
        this.schema = schema;
    }

    /** The backends to run a store test on: H2, and PostgreSQL with {@code EXAMCORE_TEST_PG=local}. */
    public static List<String> backends() {
        List<String> out = new ArrayList<>(List.of(H2));
        if ("local".equals(System.getenv("EXAMCORE_TEST_PG"))) {
            out.add(POSTGRESQL);
        }
        return out;
    }

    public static StoreDatabase open(String backend) {
        Map<String, String> settings = new HashMap<>();
        String schema = "";
        if (POSTGRESQL.equals(backend)) {
            schema = "examcore_store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                    .toLowerCase(Locale.ROOT);
            settings.putAll(Map.of("db-url", PG_URL, "db-user", "postgres", "db-password", "", "db-schema", schema));
        } else {
            settings.put("db-url", "jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }
        return new StoreDatabase(Vertx.vertx(), Database.open(ServerConfig.defaults().with(settings).database()),
                schema);
    }

    public Database db() {
        return db;
    }

    public WorkerExecutor workers() {
        return workers;
    }

    /** Stores {@link #sitting a sitting} with this id and T0, for the rows that refer to a sitting. */
    public void addSitting(String id, long t0) throws ExecutionException {
        await(new JdbcSittingStore(db, workers).createSitting(sitting(id, t0)));
    }

    /** A sitting with this id and T0, for the rows that refer to a sitting. */
    public static Sitting sitting(String id, long t0) {
        return new Sitting(id, "sitting " + id, "企业人力资源管理师", 4, Subject.THEORY, t0, 90, 30, 60, "123456", 0, null,
                null, 0);
    }

    /** The future's value, or its failure thrown (as the cause of an {@link ExecutionException}). */
    public static <T> T await(Future<T> f) throws ExecutionException {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException, ExecutionException {
        if (!schema.isEmpty()) {
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        db.close();
        await(workers.close());
        await(vertx.close());
    }
}
