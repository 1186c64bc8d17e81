package cn.examcore.load;

import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.node.HazelcastSetup;
import cn.examcore.server.storage.jdbc.Database;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What the cost tools ({@link SaveCost}, {@link ReadCost}, {@link ScanCost}, {@link EventMemoryCost}) measure on: one
 * Hazelcast member configured as the server configures it ({@link HazelcastSetup}), writing behind into a fresh
 * embedded database in its own directory that already holds sitting {@code s1}, in a cluster of its own name so that
 * two tools on one machine never join.
 */
final class CostMember implements AutoCloseable {

    final Database db;
    final HazelcastInstance hz;
    /** When sitting {@code s1} starts (its T0), the tool's "now". */
    final long t0;

    private CostMember(Database db, HazelcastInstance hz, long t0) {
        this.db = db;
        this.hz = hz;
        this.t0 = t0;
    }

    /**
     * @param tool     the tool's name, for the data directory and the cluster name
     * @param settings changes to the server's settings, given the defaults resolved for the tool's own directory
     *                 (e.g. options appended to the embedded database's URL)
     * @param adjust   changes to the member's configuration before it starts (an index dropped, a metadata policy)
     */
    static CostMember start(String tool, UnaryOperator<ServerConfig> settings, Consumer<Config> adjust)
            throws Exception {
        ServerConfig sc = settings.apply(ServerConfig.defaults().with(Map.of(
                "data-dir", Files.createTempDirectory(tool + "-").toString(),
                "cluster-name", tool + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime())));
        long t0 = System.currentTimeMillis();
        Database db = Database.open(sc.database());
        try {
            insertSitting(db, t0);
            Config config = HazelcastSetup.config(sc, db, System::currentTimeMillis);
            adjust.accept(config);
            return new CostMember(db, Hazelcast.newHazelcastInstance(config), t0);
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    static CostMember start(String tool) throws Exception {
        return start(tool, UnaryOperator.identity(), config -> { });
    }

    /** Sitting {@code s1} at {@code t0}: the attempts' and events' rows name it. */
    static void insertSitting(Database db, long t0) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO sittings "
                + "(id, title, occupation, level_no, subject, t0, duration_minutes, check_in_minutes, pass_mark, "
                + "enrolment_pin, released_at, assembled_at, created_at) VALUES ('s1', 't', 'o', 1, 'THEORY', ?, "
                + "120, 30, 60, 'pin', 0, 0, 0)")) {
            ps.setLong(1, t0);
            ps.executeUpdate();
        }
    }

    /**
     * The {@code index}th command-line argument as a positive whole number, or {@code fallback} when absent.
     *
     * @throws IllegalArgumentException naming the argument, when it is not a positive whole number
     */
    static int intArg(String[] args, int index, String name, int fallback) {
        if (args.length <= index) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(args[index].strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("argument " + (index + 1) + " (" + name + ") must be a positive whole "
                + "number, not '" + args[index] + "'");
    }

    @Override
    public void close() {
        try {
            hz.getLifecycleService().terminate();
        } finally {
            db.close();
        }
    }
}
