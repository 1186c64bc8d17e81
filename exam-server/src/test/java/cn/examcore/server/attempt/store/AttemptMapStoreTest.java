package cn.examcore.server.attempt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.WriteBehindStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The write-behind attempt store writes only what changed since it last wrote or read an attempt, and never lowers
 * an answer's revision. Each case flags the rows it expects untouched (a sentinel {@code saved_at}) so a rewrite
 * shows. On H2 always; also on the machine's PostgreSQL with {@code EXAMCORE_TEST_PG=local} (a fresh schema,
 * dropped afterwards).
 */
@DisplayName("Attempt map store (only changed rows are written)")
class AttemptMapStoreTest {

    private static final long SENTINEL = -7;
    private static final long EXACT_AFTER_CHANGE = AttemptMapStore.EXACT_AFTER_CHANGE_MILLIS;
    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final List<String> PG_SCHEMAS = new ArrayList<>();

    static Stream<String> databases() {
        return "local".equals(System.getenv("EXAMCORE_TEST_PG")) ? Stream.of("h2", "postgresql") : Stream.of("h2");
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        if (PG_SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", ""); Statement s = c.createStatement()) {
            for (String schema : PG_SCHEMAS) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static Database open(String kind) throws Exception {
        Map<String, String> values = new HashMap<>();
        if (kind.equals("h2")) {
            Path dir = Files.createTempDirectory("attempt-store");
            values.put("db-url", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
        } else {
            String schema = "examcore_st_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                    .toLowerCase(Locale.ROOT);
            PG_SCHEMAS.add(schema);
            values.put("db-url", PG_URL);
            values.put("db-user", "postgres");
            values.put("db-schema", schema);
        }
        values.put("db-pool-size", "2");
        Database db = Database.open(ServerConfig.defaults().with(values).database());
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO sittings (id, title, occupation, level_no, subject, t0, duration_minutes, "
                    + "check_in_minutes, pass_mark, enrolment_pin, released_at, assembled_at, created_at) "
                    + "VALUES ('s1', 't', 'o', 4, 'THEORY', " + System.currentTimeMillis() + ", 90, 30, 60, 'p', 0, 1, 1)");
        }
        return db;
    }

    private static Attempt attempt(AttemptState state, Answer... answers) {
        Map<Integer, Answer> byItem = new HashMap<>();
        for (Answer a : answers) {
            byItem.put(a.item(), a);
        }
        return new Attempt("a1", "s1", "T-1", "THEORY", "R101-01", state, 1000, 5400, 0, 0, 0,
                state == AttemptState.SUBMITTED ? 9000 : 0,
                state == AttemptState.SUBMITTED ? Attempt.SubmitKind.SUBMITTED : null, byItem);
    }

    /** Marks every stored row, so that a row written afterwards no longer carries the mark. */
    private static void mark(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE answers SET saved_at = " + SENTINEL);
            s.executeUpdate("UPDATE attempts SET paused_since = " + SENTINEL);
        }
    }

    /** item → "value|rev|savedAt" as stored. */
    private static Map<Integer, String> rows(Database db) throws SQLException {
        Map<Integer, String> out = new HashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT item, answer_value, rev, saved_at FROM answers WHERE attempt_id = 'a1'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getLong(4));
            }
        }
        return out;
    }

    /** One column of the stored attempt row. */
    private static String attemptColumn(Database db, String column) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM attempts WHERE id = 'a1'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long attemptPausedSince(Database db) throws SQLException {
        return Long.parseLong(attemptColumn(db, "paused_since"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("The write-behind meters see each batch: a written one moves the last-write time, a refused one counts"
            + " a failure and leaves the time (so the backlog's age grows while the database refuses)")
    void countsWrittenAndFailedBatches(String kind) throws Exception {
        try (Database db = open(kind)) {
            long[] now = {1_000};
            WriteBehindStats stats = new WriteBehindStats(500);
            AttemptMapStore store = new AttemptMapStore(db, () -> now[0], stats);
            store.storeAll(Map.of("a1", attempt(AttemptState.ANSWERING, new Answer(1, "\"A\"", 1, 100))));
            assertThat(stats.lastStoredAt()).isEqualTo(1_000);
            assertThat(stats.failures()).isZero();

            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE answers");
            }
            now[0] = 9_000;
            assertThatThrownBy(() -> store.storeAll(Map.of("a1",
                    attempt(AttemptState.ANSWERING, new Answer(1, "\"B\"", 2, 200)))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("storing 1 attempt(s) failed");
            assertThat(stats.failures()).isEqualTo(1);
            assertThat(stats.lastStoredAt()).isEqualTo(1_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("A flush writes the changed answer and nothing else; a changed attempt row is written")
    void writesOnlyChanges(String kind) throws Exception {
        try (Database db = open(kind)) {
            AttemptMapStore store = new AttemptMapStore(db, System::currentTimeMillis);
            Answer one = new Answer(1, "\"A\"", 1, 100);
            Answer two = new Answer(2, "\"B\"", 1, 101);
            Answer three = new Answer(3, "true", 2, 102);
            store.storeAll(Map.of("a1", attempt(AttemptState.ANSWERING, one, two, three)));
            assertThat(rows(db)).containsOnlyKeys(1, 2, 3);

            mark(db);
            Answer twoLater = new Answer(2, "\"C\"", 2, 200);
            Answer four = new Answer(4, "false", 1, 201);
            store.storeAll(Map.of("a1", attempt(AttemptState.ANSWERING, one, twoLater, three, four)));
            assertThat(rows(db)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    1, "\"A\"|1|" + SENTINEL, 2, "\"C\"|2|200", 3, "true|2|" + SENTINEL, 4, "false|1|201"));
            assertThat(attemptPausedSince(db)).as("an unchanged attempt row is not rewritten").isEqualTo(SENTINEL);

            store.storeAll(Map.of("a1", attempt(AttemptState.SUBMITTED, one, twoLater, three, four)));
            assertThat(attemptPausedSince(db)).as("a changed attempt row is written").isZero();
            // A submission is written exactly, checked against what the database holds rather than what this member
            // remembers writing: the marked save times differ from the frozen answers', so those rows are put back.
            assertThat(rows(db)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    1, "\"A\"|1|100", 2, "\"C\"|2|200", 3, "true|2|102", 4, "false|1|201"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("After a restart the loaded attempt is not rewritten; only the answer saved since is")
    void loadedIsNotRewritten(String kind) throws Exception {
        try (Database db = open(kind)) {
            Answer one = new Answer(1, "\"A\"", 1, 100);
            Answer two = new Answer(2, "\"B\"", 1, 101);
            new AttemptMapStore(db, System::currentTimeMillis)
                    .storeAll(Map.of("a1", attempt(AttemptState.ANSWERING, one, two)));

            AttemptMapStore restarted = new AttemptMapStore(db, System::currentTimeMillis);
            Attempt loaded = restarted.load("a1");
            // Stored without a history (as before it existed): the loaded attempt adopts its answers into one.
            assertThat(loaded.withHistory(AnswerHistory.empty())).isEqualTo(attempt(AttemptState.ANSWERING, one, two));
            assertThat(loaded.history().differences(loaded.answers())).isEmpty();
            mark(db);
            Answer twoLater = new Answer(2, "\"D\"", 3, 300);
            restarted.storeAll(Map.of("a1", attempt(AttemptState.ANSWERING, one, twoLater)));
            assertThat(rows(db)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    1, "\"A\"|1|" + SENTINEL, 2, "\"D\"|3|300"));
            assertThat(attemptPausedSince(db)).isEqualTo(SENTINEL);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("A member that sees the whole attempt for the first time writes all of it but never lowers a revision")
    void takeoverWritesAllButNeverLowers(String kind) throws Exception {
        try (Database db = open(kind)) {
            AttemptMapStore first = new AttemptMapStore(db, System::currentTimeMillis);
            first.storeAll(Map.of("a1", attempt(AttemptState.ANSWERING,
                    new Answer(1, "\"A\"", 5, 100), new Answer(2, "\"B\"", 1, 101))));

            // Another member (a takeover, or the minority side of a merge) flushes its copy: item 1 is older there,
            // item 2 newer, item 3 new.
            AttemptMapStore other = new AttemptMapStore(db, System::currentTimeMillis);
            other.storeAll(Map.of("a1", attempt(AttemptState.ANSWERING, new Answer(1, "\"stale\"", 4, 90),
                    new Answer(2, "\"E\"", 2, 400), new Answer(3, null, 1, 401))));
            assertThat(rows(db)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    1, "\"A\"|5|100", 2, "\"E\"|2|400", 3, "null|1|401"));

            // The first member still remembers item 2 at revision 1, but its map now holds revision 2: written
            // again (same revision, same row), nothing lowered.
            first.storeAll(Map.of("a1", attempt(AttemptState.ANSWERING,
                    new Answer(1, "\"A\"", 5, 100), new Answer(2, "\"E\"", 2, 400))));
            assertThat(rows(db)).containsEntry(1, "\"A\"|5|100").containsEntry(2, "\"E\"|2|400");
        }
    }

    /** The stored history entries of {@code id} (runs unpacked), by seq (and hash), as links. */
    private static List<AnswerHistory.Link> historyRows(Database db, String id) throws SQLException {
        try (Connection c = db.connection()) {
            return HistoryRows.stored(c, id);
        }
    }

    /** The stored history rows of {@code id} as "seq:node:entries packed before it", by seq. */
    private static List<String> historyRuns(Database db, String id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT seq, node, earlier "
                + "FROM answer_history WHERE attempt_id = ? ORDER BY seq, hash")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String earlier = rs.getString(3);
                    int packed = earlier == null ? 0 : new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(earlier).size() - 1;
                    out.add(rs.getLong(1) + ":" + rs.getString(2) + ":" + packed);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    /** Stores {@code a}'s history as rows were stored before runs: one row per entry, nothing packed. */
    private static void insertEntryRows(Statement st, Attempt a) throws SQLException {
        for (AnswerHistory.Link l : a.history().links(a.id())) {
            AnswerHistory.Entry e = l.entry();
            st.executeUpdate("INSERT INTO answer_history (attempt_id, hash, seq, prev_hash, kind, item, rev, at_millis,"
                    + " node, answer_value, value_digest) VALUES ('" + a.id() + "', '" + l.hash() + "', " + e.seq()
                    + ", '" + l.prev() + "', '" + e.kind() + "', " + e.item() + ", " + e.rev() + ", " + e.at() + ", '"
                    + e.node() + "', '" + e.value() + "', '" + e.valueDigest() + "')");
        }
    }

    private static Attempt saved(Attempt a, int item, String value, long rev, long now, String node) {
        return a.saveAnswers(List.of(new Answer(item, value, rev, now)), now, node);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("The history reaches the database with its answers: the rows form the chain that verifies, a later"
            + " flush adds only the new entries, and a restart reads the same chain back")
    void historyIsStoredAndLoaded(String kind) throws Exception {
        try (Database db = open(kind)) {
            AttemptMapStore store = new AttemptMapStore(db, System::currentTimeMillis);
            Attempt a = attempt(AttemptState.ANSWERING);
            a = saved(a, 1, "\"A\"", 1, 2000, "n1");
            a = saved(a, 2, "\"" + "长".repeat(300) + "\"", 1, 2001, "n1");
            a = saved(a, 1, "\"B\"", 2, 2002, "n1");
            store.storeAll(Map.of("a1", a));
            List<AnswerHistory.Link> rows = historyRows(db, "a1");
            assertThat(rows).isEqualTo(a.history().links("a1"));
            assertThat(rows.get(1).entry().value()).as("a long value is stored as its digest").isNull();
            assertThat(AnswerHistory.verify("a1", rows, a.history().head("a1")).valid()).isTrue();

            assertThat(historyRuns(db, "a1")).as("one flush, one row: the run of its three entries")
                    .containsExactly("3:n1:2");

            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE answer_history SET node = 'untouched'");
            }
            Attempt later = saved(a, 3, "true", 1, 2003, "n2");
            store.storeAll(Map.of("a1", later));
            assertThat(historyRuns(db, "a1")).as("the stored run is not rewritten; the new entry is a run of its own")
                    .containsExactly("3:untouched:2", "4:n2:0");
            assertThat(historyRows(db, "a1")).hasSize(4);
            assertThat(historyRows(db, "a1").get(3)).isEqualTo(later.history().links("a1").get(3));
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE answer_history SET node = 'n1' WHERE seq < 4");
            }

            Attempt loaded = new AttemptMapStore(db, System::currentTimeMillis).load("a1");
            assertThat(loaded.history()).isEqualTo(later.history());
            assertThat(loaded).isEqualTo(later);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("Two sides of a split brain both write their entries; the merged chain is what a restart reads, and it"
            + " replays to the merged answers")
    void forkedHistories(String kind) throws Exception {
        try (Database db = open(kind)) {
            Attempt base = saved(attempt(AttemptState.ANSWERING), 1, "\"A\"", 1, 2000, "n1");
            Attempt left = saved(base, 2, "true", 1, 2001, "n1");
            Attempt right = saved(saved(base, 3, "false", 1, 2002, "n2"), 1, "\"C\"", 2, 2003, "n2");
            new AttemptMapStore(db, System::currentTimeMillis).storeAll(Map.of("a1", left));
            AttemptMapStore rightStore = new AttemptMapStore(db, System::currentTimeMillis);
            rightStore.storeAll(Map.of("a1", right));
            Attempt merged = AttemptMergePolicy.union(left, right);
            rightStore.storeAll(Map.of("a1", merged));

            assertThat(historyRows(db, "a1")).as("both forks and the merge").hasSize(2 + 2 + 2);
            Attempt loaded = new AttemptMapStore(db, System::currentTimeMillis).load("a1");
            assertThat(loaded.history()).isEqualTo(merged.history());
            assertThat(loaded.history().differences(loaded.answers())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("A chain longer than a run is written as several rows, and read back whole")
    void longChainsTakeSeveralRuns(String kind) throws Exception {
        try (Database db = open(kind)) {
            Attempt a = attempt(AttemptState.ANSWERING);
            int n = 2 * HistoryRows.MAX_RUN + 88;
            for (int i = 1; i <= n; i++) {
                a = saved(a, 1 + i % 7, "\"v" + i + "\"", i, 2000 + i, "n1");
            }
            new AttemptMapStore(db, System::currentTimeMillis).storeAll(Map.of("a1", a));
            assertThat(historyRuns(db, "a1")).containsExactly(HistoryRows.MAX_RUN + ":n1:" + (HistoryRows.MAX_RUN - 1),
                    2 * HistoryRows.MAX_RUN + ":n1:" + (HistoryRows.MAX_RUN - 1), n + ":n1:87");
            assertThat(historyRows(db, "a1")).isEqualTo(a.history().links("a1"));
            Attempt loaded = new AttemptMapStore(db, System::currentTimeMillis).load("a1");
            assertThat(loaded.history()).isEqualTo(a.history());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("Rows of one entry each (as stored before runs) and runs after them read back as one chain")
    void entryRowsAndRunsTogether(String kind) throws Exception {
        try (Database db = open(kind)) {
            Attempt a = saved(saved(saved(attempt(AttemptState.ANSWERING), 1, "\"A\"", 1, 2000, "n1"),
                    2, "\"B\"", 1, 2001, "n1"), 1, "\"C\"", 2, 2002, "n1");
            new AttemptMapStore(db, System::currentTimeMillis).storeAll(Map.of("a1", a));
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM answer_history");
                insertEntryRows(st, a);
            }
            AttemptMapStore restarted = new AttemptMapStore(db, System::currentTimeMillis);
            Attempt loaded = restarted.load("a1");
            assertThat(loaded.history()).isEqualTo(a.history());
            Attempt later = saved(saved(loaded, 3, "true", 1, 2003, "n2"), 2, "\"D\"", 2, 2004, "n2");
            restarted.storeAll(Map.of("a1", later));
            assertThat(historyRuns(db, "a1")).containsExactly("1:n1:0", "2:n1:0", "3:n1:0", "5:n2:1");
            assertThat(new AttemptMapStore(db, System::currentTimeMillis).load("a1").history())
                    .isEqualTo(later.history());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("History rows stored before runs (a keyed row per entry, schema 17) are kept by the migration and read"
            + " back as the chain; a chain written again is read once")
    void historyFromBeforeRunsSurvivesTheMigration(String kind) throws Exception {
        Map<String, String> values = new HashMap<>();
        String url;
        String schema = null;
        if (kind.equals("h2")) {
            url = "jdbc:h2:file:" + Files.createTempDirectory("attempt-store").resolve("db").toAbsolutePath();
            values.put("db-url", url);
        } else {
            url = PG_URL;
            schema = "examcore_st_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            PG_SCHEMAS.add(schema);
            values.putAll(Map.of("db-url", url, "db-user", "postgres", "db-schema", schema));
        }
        Attempt a = saved(saved(saved(attempt(AttemptState.ANSWERING), 1, "\"A\"", 1, 2000, "n1"),
                2, "\"B\"", 1, 2001, "n1"), 1, "\"C\"", 2, 2002, "n1");
        var flyway = org.flywaydb.core.Flyway.configure()
                .dataSource(url, kind.equals("h2") ? "sa" : "postgres", "")
                .locations("classpath:db/migration").target("17")
                .placeholders(Map.of("text", kind.equals("h2") ? "CLOB" : "TEXT", "bytes",
                        kind.equals("h2") ? "BLOB" : "BYTEA"));
        if (schema != null) {
            flyway = flyway.schemas(schema).createSchemas(true);
        }
        flyway.load().migrate();
        try (Connection c = DriverManager.getConnection(url + (schema == null ? "" : "?currentSchema=" + schema),
                kind.equals("h2") ? "sa" : "postgres", ""); Statement st = c.createStatement()) {
            insertEntryRows(st, a);
        }
        values.put("db-pool-size", "2");
        try (Database db = Database.open(ServerConfig.defaults().with(values).database())) {
            assertThat(historyRuns(db, "a1")).containsExactly("1:n1:0", "2:n1:0", "3:n1:0");
            assertThat(historyRows(db, "a1")).isEqualTo(a.history().links("a1"));
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO sittings (id, title, occupation, level_no, subject, t0, duration_minutes,"
                        + " check_in_minutes, pass_mark, enrolment_pin, released_at, assembled_at, created_at) VALUES ('s1',"
                        + " 't', 'o', 4, 'THEORY', " + System.currentTimeMillis() + ", 90, 30, 60, 'p', 0, 1, 1)");
            }
            new AttemptMapStore(db, System::currentTimeMillis).storeAll(Map.of("a1", a));
            assertThat(historyRuns(db, "a1")).as("a member with no record writes the whole chain again")
                    .containsExactly("1:n1:0", "2:n1:0", "3:n1:0", "3:n1:2");
            assertThat(historyRows(db, "a1")).isEqualTo(a.history().links("a1"));
            assertThat(new AttemptMapStore(db, System::currentTimeMillis).load("a1").history()).isEqualTo(a.history());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("A run whose packed entries are unreadable or do not chain loses no answer: the attempt loads with its"
            + " stored answers and a new chain that adopts them")
    void damagedRunStartsANewChain(String kind) throws Exception {
        for (String damage : List.of("'[not json'", "REPLACE(earlier, '\"n1\"', '\"n9\"')")) {
            try (Database db = open(kind)) {
                Attempt a = saved(saved(saved(attempt(AttemptState.ANSWERING), 1, "\"A\"", 1, 2000, "n1"),
                        2, "\"B\"", 1, 2001, "n1"), 1, "\"C\"", 2, 2002, "n1");
                new AttemptMapStore(db, System::currentTimeMillis).storeAll(Map.of("a1", a));
                try (Connection c = db.connection(); Statement st = c.createStatement()) {
                    assertThat(st.executeUpdate("UPDATE answer_history SET earlier = " + damage)).isEqualTo(1);
                }
                Attempt loaded = new AttemptMapStore(db, System::currentTimeMillis).load("a1");
                assertThat(loaded.answers()).as(damage).isEqualTo(a.answers());
                assertThat(loaded.history().entries()).as(damage)
                        .extracting(AnswerHistory.Entry::kind).containsOnly(AnswerHistory.Kind.ADOPTED);
                assertThat(loaded.history().differences(loaded.answers())).isEmpty();
            }
        }
    }

    /** item → "value|rev|savedAt" of an attempt's answers, as {@link #rows} reads them back. */
    private static Map<Integer, String> expected(Attempt a) {
        Map<Integer, String> out = new HashMap<>();
        a.answers().values().forEach(x -> out.put(x.item(), x.value() + "|" + x.rev() + "|" + x.savedAt()));
        return out;
    }

    private static String storedState(Database db) throws SQLException {
        return attemptColumn(db, "state");
    }

    /**
     * The copies of one attempt in a split: the owner's, submitted without the save its stalled predecessor took but
     * never got confirmed by its backup; and that predecessor's, holding the save (item 2 at a higher revision) and
     * one more on an item the submission lacks.
     */
    private record Split(Attempt frozen, Attempt stale) {
        /** The attempt both copies come from: two answers saved by the owner. */
        static Attempt base() {
            return saved(saved(attempt(AttemptState.ANSWERING), 1, "\"A\"", 1, 2000, "n0"),
                    2, "\"B\"", 2, 2001, "n0");
        }

        static Split of() {
            Attempt base = base();
            Attempt frozen = base.submit(List.of(), 3000, Attempt.SubmitKind.AUTO_SUBMITTED, "n0");
            Attempt stale = saved(saved(base, 2, "\"Y\"", 3, 2500, "n2"), 4, "true", 1, 2501, "n2");
            return new Split(frozen, stale);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("A stalled member's flush before the submission's: the submitted copy's write makes the stored"
            + " answers and history exactly its own, so its receipt names what is stored")
    void submissionOverwritesAStaleFlush(String kind) throws Exception {
        try (Database db = open(kind)) {
            Split split = Split.of();
            AttemptMapStore owner = new AttemptMapStore(db, System::currentTimeMillis);
            owner.storeAll(Map.of("a1", Split.base()));
            new AttemptMapStore(db, System::currentTimeMillis).storeAll(Map.of("a1", split.stale()));
            assertThat(rows(db)).as("the stale flush reached the database").containsKey(4);

            owner.storeAll(Map.of("a1", split.frozen()));
            assertThat(rows(db)).isEqualTo(expected(split.frozen()));
            Attempt loaded = new AttemptMapStore(db, System::currentTimeMillis).load("a1");
            assertThat(loaded).isEqualTo(split.frozen());
            assertThat(loaded.history()).as("the chain read back is the submission's").isEqualTo(
                    split.frozen().history());
            assertThat(loaded.digest()).isEqualTo(split.frozen().digest());
        }
    }

    @Test
    @DisplayName("The database's only writer never reads rows back, even right after a change, and stores what a shared"
            + " database's member stores; a shared one reads every row of the batch back")
    void soleWriterSkipsTheChecks() throws Exception {
        Attempt base = Split.base();
        Attempt frozen = Split.of().frozen();
        Map<String, Map<Integer, String>> stored = new HashMap<>();
        for (boolean sole : new boolean[] {true, false}) {
            try (Database db = open("h2")) {
                // The clock as the last change: the cluster is always changing, when the checks apply to a shared one.
                AttemptMapStore store = new AttemptMapStore(db, System::currentTimeMillis, new WriteBehindStats(0),
                        System::currentTimeMillis, sole);
                assertThat(store.soleWriter()).isEqualTo(sole);
                store.storeAll(Map.of("a1", base));
                store.storeAll(Map.of("a1", frozen));
                assertThat(store.rowsChecked()).as("rows read back, sole writer " + sole).isEqualTo(sole ? 0 : 2);
                assertThat(storedState(db)).isEqualTo("SUBMITTED");
                stored.put(String.valueOf(sole), rows(db));
                assertThat(new AttemptMapStore(db, System::currentTimeMillis).load("a1")).isEqualTo(frozen);
            }
        }
        assertThat(stored.get("true")).isEqualTo(stored.get("false")).isEqualTo(expected(frozen));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("A stalled member's flush after the submission's is refused: nothing of the stored submission changes")
    void staleFlushAfterSubmissionIsRefused(String kind) throws Exception {
        try (Database db = open(kind)) {
            Split split = Split.of();
            new AttemptMapStore(db, System::currentTimeMillis).storeAll(Map.of("a1", split.frozen()));
            AttemptMapStore stalled = new AttemptMapStore(db, System::currentTimeMillis);
            stalled.storeAll(Map.of("a1", split.stale()));

            assertThat(stalled.staleCopiesRefused()).isEqualTo(1);
            assertThat(storedState(db)).isEqualTo("SUBMITTED");
            assertThat(rows(db)).isEqualTo(expected(split.frozen()));
            assertThat(new AttemptMapStore(db, System::currentTimeMillis).load("a1")).isEqualTo(split.frozen());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("A reopened submission is written over the stored one, even at the millisecond of the submission;"
            + " the submitted copy flushed late after it is refused")
    void reopenedIsWrittenOverTheSubmission(String kind) throws Exception {
        try (Database db = open(kind)) {
            Split split = Split.of();
            AttemptMapStore owner = new AttemptMapStore(db, System::currentTimeMillis);
            owner.storeAll(Map.of("a1", split.frozen()));
            Attempt reopened = saved(split.frozen().reopen(split.frozen().submittedAt()), 3, "false", 1, 3001, "n0");
            owner.storeAll(Map.of("a1", reopened));
            assertThat(storedState(db)).isEqualTo("ANSWERING");
            assertThat(rows(db)).isEqualTo(expected(reopened));

            AttemptMapStore late = new AttemptMapStore(db, System::currentTimeMillis);
            late.storeAll(Map.of("a1", split.frozen()));
            assertThat(late.staleCopiesRefused()).isEqualTo(1);
            assertThat(storedState(db)).isEqualTo("ANSWERING");
            assertThat(rows(db)).isEqualTo(expected(reopened));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("A stalled member's flush that starts while the submission is being written waits for it, then is"
            + " refused: the stored answers stay exactly the frozen ones")
    void staleFlushWaitsForTheSubmission(String kind) throws Exception {
        try (Database db = open(kind)) {
            Split split = Split.of();
            Attempt base = Split.base();
            new AttemptMapStore(db, System::currentTimeMillis).storeAll(Map.of("a1", base));
            AttemptMapStore stalled = new AttemptMapStore(db, System::currentTimeMillis);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
            try (Connection owner = db.connection()) {
                // The owner's transaction writing the submission, not yet committed.
                owner.setAutoCommit(false);
                try (Statement st = owner.createStatement()) {
                    st.executeQuery("SELECT id FROM attempts WHERE id = 'a1' FOR UPDATE").close();
                    st.executeUpdate("UPDATE attempts SET state = 'SUBMITTED', submitted_at = 3000, submit_kind ="
                            + " 'AUTO_SUBMITTED' WHERE id = 'a1'");
                }
                java.util.concurrent.Future<?> flush = pool.submit(() -> {
                    stalled.storeAll(Map.of("a1", split.stale()));
                    return null;
                });
                assertThatThrownBy(() -> flush.get(300, java.util.concurrent.TimeUnit.MILLISECONDS))
                        .as("the stale flush waits for the attempt's row")
                        .isInstanceOf(java.util.concurrent.TimeoutException.class);
                owner.commit();
                flush.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertThat(stalled.staleCopiesRefused()).isEqualTo(1);
            assertThat(rows(db)).isEqualTo(expected(split.frozen()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("Within ten minutes of a cluster change (or a stall of this member) a submission is written exactly"
            + " even for an attempt this member wrote before, and a member waking from a stall refuses its stale copy;"
            + " long after a change, only an attempt it never wrote is read back, so a quiet cluster's deadline storm"
            + " does not read every attempt's answers")
    void exactWritesFollowClusterChanges(String kind) throws Exception {
        try (Database db = open(kind)) {
            long[] now = {EXACT_AFTER_CHANGE / 2};
            long[] changedAt = {0};
            Split split = Split.of();
            Attempt base = Split.base();
            AttemptMapStore owner = new AttemptMapStore(db, () -> now[0], new WriteBehindStats(0),
                    () -> changedAt[0]);
            AttemptMapStore stalled = new AttemptMapStore(db, System::currentTimeMillis);

            // The owner took the attempt over in a change five minutes ago and has written it since; the member
            // that lost it flushes its copy afterwards; the owner's submission still repairs the rows.
            owner.storeAll(Map.of("a1", base));
            stalled.storeAll(Map.of("a1", split.stale()));
            owner.storeAll(Map.of("a1", split.frozen()));
            assertThat(rows(db)).isEqualTo(expected(split.frozen()));

            // Long after the last change, a submission of an attempt the owner wrote before is not read back.
            now[0] = EXACT_AFTER_CHANGE * 3;
            Attempt reopened = saved(split.frozen().reopen(now[0]), 3, "false", 1, 3001, "n0");
            owner.storeAll(Map.of("a1", reopened));
            mark(db);
            owner.storeAll(Map.of("a1", reopened.submit(List.of(), now[0] + 1, Attempt.SubmitKind.SUBMITTED, "n0")));
            assertThat(rows(db).values()).as("answer rows not rewritten").allMatch(r -> r.endsWith("|" + SENTINEL));

            // A member waking from a stall, before its fence's watch has ticked, guards its flush: its copy from
            // before the submission is refused, though its view of the cluster has not changed for long.
            Map<Integer, String> submittedRows = rows(db);
            long[] nanos = {0};
            StallFence fence = new StallFence(() -> nanos[0], 2_500, 5_000);
            StallFence.replaceForTest(fence);
            try {
                nanos[0] = java.util.concurrent.TimeUnit.SECONDS.toNanos(8);
                AttemptMapStore waking = new AttemptMapStore(db, () -> now[0], new WriteBehindStats(0), () -> 0L);
                waking.storeAll(Map.of("a1", split.stale()));
                assertThat(waking.staleCopiesRefused()).isEqualTo(1);
                assertThat(rows(db)).isEqualTo(submittedRows);

                // A stall of this member counts as a change once its watch has seen it.
                fence.tick();
                Attempt again = saved(split.frozen().reopen(now[0] + 2), 3, "true", 2, now[0] + 3, "n0");
                owner.storeAll(Map.of("a1", again));
                mark(db);
                owner.storeAll(Map.of("a1", again.submit(List.of(), now[0] + 4, Attempt.SubmitKind.SUBMITTED,
                        "n0")));
                assertThat(rows(db)).as("after a stall the submission is written exactly")
                        .isEqualTo(expected(again));
            } finally {
                StallFence.replaceForTest(null);
            }
        }
    }
}
