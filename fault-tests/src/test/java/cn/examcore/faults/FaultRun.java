package cn.examcore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.Paper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sitting on a {@link Site}: set up, checked in, answered by {@value #SEATS} simulated seats spread over the
 * three nodes, and checked at the end against the database.
 */
final class FaultRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultRun.class);
    static final int SEATS = 300;
    /** Each seat saves about this often: 300 seats give ~200 saves/s over the site. */
    private static final long SAVE_PERIOD_MILLIS = 1_500;

    final Site site;
    final String tag;
    private final Vertx vertx = Vertx.vertx();
    private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
            .setMaxMessageSize(4 << 20).setConnectTimeout(3_000).setMaxConnections(4_000));
    final List<SimulatedSeat> seats = new ArrayList<>();
    SittingSetup.CheckedIn probe;
    SittingSetup.Sitting sitting;
    SittingSetup setup;
    long releasedAt;
    long deadline;

    FaultRun(String tag, int backupCount) {
        this.tag = tag;
        this.site = new Site("fault_" + tag.toLowerCase(), backupCount);
    }

    /** Starts the site, sets up a sitting of {@code minutes}, checks everyone in, releases it and waits for answers. */
    FaultRun begin(int minutes) {
        return begin(minutes, i -> 0);
    }

    /**
     * As {@link #begin(int)}, with {@code extraMinutes.applyAsInt(i)} minutes of extra time for seat {@code i} (seat
     * {@code i} starts on node {@code i % 3}): those attempts are still running after {@link #deadline}.
     */
    FaultRun begin(int minutes, IntUnaryOperator extraMinutes) {
        long t = System.currentTimeMillis();
        site.start();
        LOG.info("[{}] site of three nodes up in {} ms", tag, System.currentTimeMillis() - t);
        setup = new SittingSetup(Site.url(0), site.adminPassword());
        sitting = setup.create(tag, SEATS + 1, 600, minutes, extraMinutes);
        t = System.currentTimeMillis();
        List<SittingSetup.CheckedIn> checkedIn = setup.checkIn(sitting);
        LOG.info("[{}] {} candidates checked in in {} ms", tag, checkedIn.size(), System.currentTimeMillis() - t);
        probe = checkedIn.get(SEATS);
        for (int i = 0; i < SEATS; i++) {
            seats.add(new SimulatedSeat(vertx, client, Site.ports(), i % Site.NODES, checkedIn.get(i),
                    SAVE_PERIOD_MILLIS));
        }
        seats.forEach(SimulatedSeat::start);
        releasedAt = System.currentTimeMillis();
        setup.release(sitting.id());
        deadline = releasedAt + minutes * 60_000L;
        try {
            await("every seat has its key and answers", Duration.ofSeconds(60),
                    () -> seats.stream().allMatch(SimulatedSeat::answering));
        } catch (AssertionError e) {
            List<String> waiting = seats.stream().filter(s -> !s.answering())
                    .map(s -> s.attemptId() + "@node" + s.node()).toList();
            throw new AssertionError(e.getMessage() + "; " + waiting.size() + " seats without their key: "
                    + waiting.subList(0, Math.min(10, waiting.size())), e);
        }
        return this;
    }

    /**
     * Waits until every attempt is stored submitted (handed in by its seat or auto-submitted at its deadline), then
     * stops the seats.
     */
    void finish() {
        long wait = deadline - System.currentTimeMillis() + 60_000;
        try {
            await("every attempt is submitted in the database", Duration.ofMillis(Math.max(wait, 60_000)),
                    () -> submittedInDatabase() == SEATS);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + notSubmitted(), e);
        }
        try {
            Future.all(seats.stream().map(SimulatedSeat::stop).toList()).await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("seats did not stop within 30 s", e);
        }
        writeAckLog();
    }

    private int submittedInDatabase() {
        return count("SELECT count(*) FROM attempts WHERE id = ANY(?) AND state = 'SUBMITTED'");
    }

    /** The attempts the database does not hold as submitted: how many per state, and a few of them. */
    private String notSubmitted() {
        try (Connection c = site.database(); PreparedStatement p = c.prepareStatement(
                "SELECT id, state, start_at, duration_seconds, extension_seconds, paused_millis, paused_since"
                        + " FROM attempts WHERE id = ANY(?) AND state <> 'SUBMITTED' ORDER BY id")) {
            p.setArray(1, attemptIds(c));
            Map<String, Integer> byState = new java.util.TreeMap<>();
            List<String> some = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    byState.merge(r.getString(2), 1, Integer::sum);
                    if (some.size() < 5) {
                        some.add(r.getString(1) + " " + r.getString(2) + " due +"
                                + (r.getLong(3) + (r.getLong(4) + r.getLong(5)) * 1000 + r.getLong(6) - releasedAt)
                                + " ms pausedSince=" + r.getLong(7));
                    }
                }
            }
            return "not submitted in the database: " + byState + ", e.g. " + some;
        } catch (SQLException e) {
            return "the database could not be read: " + e;
        }
    }

    private Array attemptIds(Connection c) throws SQLException {
        return c.createArrayOf("varchar", seats.stream().map(SimulatedSeat::attemptId).toArray());
    }

    private static final String RESULTS = "SELECT count(*) FROM results WHERE attempt_id = ANY(?)";
    private static final String SUBMISSION_EVENTS = "SELECT count(DISTINCT attempt_id) FROM events"
            + " WHERE attempt_id = ANY(?) AND kind IN ('SUBMITTED', 'AUTO_SUBMITTED', 'FORCE_SUBMITTED')";

    /** Waits until every attempt has a stored result and a submission event; the counts are in the failure. */
    void awaitResultsAndSubmissionEvents(Duration timeout) {
        try {
            await("every attempt has its result and a submission event", timeout,
                    () -> count(RESULTS) == SEATS && count(SUBMISSION_EVENTS) == SEATS);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + count(RESULTS) + " results, " + count(SUBMISSION_EVENTS)
                    + " attempts with a submission event", e);
        }
    }

    private int count(String sql) {
        try (Connection c = site.database(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setArray(1, attemptIds(c));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            LOG.info("[{}] database not readable yet: {}", tag, e.toString());
            return -1;
        }
    }

    /**
     * Each attempt was submitted once: one submission event, and a result stored for the same freeze (its moment
     * and kind equal the attempt's) whose score is what its stored answers score on its paper.
     */
    List<String> submittedOnce() {
        List<String> out = new ArrayList<>();
        try (Connection c = site.database()) {
            try (PreparedStatement p = c.prepareStatement("SELECT a.id, count(e.id) FROM attempts a LEFT JOIN events e"
                    + " ON e.attempt_id = a.id AND e.kind IN ('SUBMITTED', 'AUTO_SUBMITTED', 'FORCE_SUBMITTED')"
                    + " WHERE a.id = ANY(?) GROUP BY a.id HAVING count(e.id) <> 1")) {
                p.setArray(1, attemptIds(c));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add("submitted " + r.getInt(2) + " times: " + r.getString(1));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT a.id, a.state, a.submitted_at, a.submit_kind,"
                    + " r.submitted_at, r.submit_kind FROM attempts a LEFT JOIN results r ON r.attempt_id = a.id"
                    + " WHERE a.id = ANY(?)")) {
                p.setArray(1, attemptIds(c));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String id = r.getString(1);
                        if (!"SUBMITTED".equals(r.getString(2))) {
                            out.add("not submitted: " + id + " is " + r.getString(2));
                        } else if (r.getObject(5) == null) {
                            out.add("no result: " + id);
                        } else if (r.getLong(3) != r.getLong(5) || !r.getString(4).equals(r.getString(6))) {
                            out.add("result of another freeze: " + id + " attempt " + r.getLong(3) + "/"
                                    + r.getString(4) + ", result " + r.getLong(5) + "/" + r.getString(6));
                        }
                    }
                }
            }
            // The result stored is the one its stored answers give: scored again here, item by item.
            Map<String, Map<Integer, Stored>> stored = storedAnswers();
            try (PreparedStatement p = c.prepareStatement("SELECT a.id, p.paper_json, r.objective_score, r.max_score"
                    + " FROM attempts a JOIN papers p ON p.attempt_id = a.id JOIN results r ON r.attempt_id = a.id"
                    + " WHERE a.id = ANY(?)")) {
                p.setArray(1, attemptIds(c));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String mismatch = Checks.rescoreMismatch(r.getString(1),
                                cn.examcore.platform.json.Json.decode(r.getString(2), Paper.class),
                                stored.getOrDefault(r.getString(1), Map.of()), r.getBigDecimal(3), r.getBigDecimal(4));
                        if (mismatch != null) {
                            out.add(mismatch);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** What the database holds: attempt → item → (rev, value). */
    Map<String, Map<Integer, Stored>> storedAnswers() {
        Map<String, Map<Integer, Stored>> out = new HashMap<>();
        try (Connection c = site.database(); PreparedStatement p = c.prepareStatement(
                "SELECT attempt_id, item, rev, answer_value FROM answers WHERE attempt_id = ANY(?)")) {
            p.setArray(1, attemptIds(c));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getString(1), k -> new HashMap<>())
                            .put(r.getInt(2), new Stored(r.getLong(3), r.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    record Stored(long rev, String value) {
    }

    /**
     * Every acknowledgement any seat received, compared with the database: an acknowledged revision is lost when
     * the database holds an older one (or none), or the same one with another value.
     */
    List<String> lostAcknowledgedAnswers() {
        return lostAgainst(storedAnswers());
    }

    List<String> lostAgainst(Map<String, Map<Integer, Stored>> stored) {
        List<String> lost = new ArrayList<>();
        for (SimulatedSeat s : seats) {
            Map<Integer, Stored> held = stored.getOrDefault(s.attemptId(), Map.of());
            for (SimulatedSeat.Ack a : s.highestAcks().values()) {
                Stored st = held.get(a.item());
                if (st == null || st.rev() < a.rev()
                        || st.rev() == a.rev() && !Objects.equals(Json.decodeValue(st.value()),
                        Json.decodeValue(a.value()))) {
                    lost.add(s.attemptId() + " item " + a.item() + " acked rev " + a.rev() + " (" + a.how()
                            + " by node " + a.node() + ") but stored " + (st == null ? "nothing" : "rev " + st.rev()));
                }
            }
        }
        return lost;
    }

    long acknowledgements() {
        return seats.stream().mapToLong(s -> s.acks().size()).sum();
    }

    /** The longest time any seat went unserved, in ms. */
    long longestGap() {
        return seats.stream().flatMap(s -> s.gaps().stream()).mapToLong(SimulatedSeat.Gap::millis).max().orElse(0);
    }

    /** The longest time any seat went unserved in a gap that began before {@code millis}, in ms. */
    long longestGapStartedBefore(long millis) {
        return seats.stream().flatMap(s -> s.gaps().stream()).filter(g -> g.from() < millis)
                .mapToLong(SimulatedSeat.Gap::millis).max().orElse(0);
    }

    long seatsThatFailedOver() {
        return seats.stream().filter(s -> !s.gaps().isEmpty()).count();
    }

    /** Per attempt: submitted_at − deadline of attempts stored AUTO_SUBMITTED; the maximum, in ms. */
    long lastAutoSubmitDelay() {
        try (Connection c = site.database(); PreparedStatement p = c.prepareStatement(
                "SELECT max(submitted_at - (start_at + duration_seconds * 1000 + extension_seconds * 1000"
                        + " + paused_millis)), count(*) FROM attempts WHERE id = ANY(?) AND submit_kind = 'AUTO_SUBMITTED'")) {
            p.setArray(1, attemptIds(c));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                assertThat(r.getInt(2)).as("attempts auto-submitted").isEqualTo(SEATS);
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the zero-loss guarantee and the deadline, and logs the figures. */
    void assertZeroLossAndDeadlines() {
        long autoSubmitDelay = lastAutoSubmitDelay();
        assertZeroLoss("lastAutoSubmitDelayMs=" + autoSubmitDelay);
        // Due at the deadline plus the 2 s grace for saves on the wire; the timer scans every 250 ms.
        assertThat(autoSubmitDelay).as("last auto-submit after its deadline (ms)").isLessThan(15_000);
    }

    /** Checks the zero-loss guarantee (however the attempts were submitted) and logs the figures. */
    void assertZeroLoss(String moreFigures) {
        List<String> lost = lostAcknowledgedAnswers();
        long acks = acknowledgements();
        LOG.info("[{}] FIGURES acknowledgements={} lost={} seatsFailedOver={} longestGapMs={} {}",
                tag, acks, lost.size(), seatsThatFailedOver(), longestGap(), moreFigures);
        assertThat(acks).as("acknowledgements received").isGreaterThan(SEATS * 10L);
        assertThat(lost).as("acknowledged answers missing from the database").isEmpty();
    }

    private void writeAckLog() {
        Path dir = Path.of("target", "fault-logs");
        try {
            Files.createDirectories(dir);
            List<String> lines = seats.stream().flatMap(s -> s.acks().stream().map(a -> a.at() + " " + s.attemptId()
                    + " item=" + a.item() + " rev=" + a.rev() + " value=" + a.value() + " node=" + a.node()
                    + " via=" + a.how())).collect(Collectors.toList());
            Files.write(dir.resolve(tag + "-acks.log"), lines);
            List<String> gaps = seats.stream().flatMap(s -> s.gaps().stream().map(g -> s.attemptId() + " from="
                    + g.from() + " ms=" + g.millis() + " node " + g.fromNode() + "->" + g.toNode())).toList();
            Files.write(dir.resolve(tag + "-gaps.log"), gaps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }

    /** Waits (polling, not sleeping blindly) until {@code millis} have passed since the release. */
    void answerUntil(long millisAfterRelease) {
        await(millisAfterRelease + " ms of answering", Duration.ofMillis(millisAfterRelease + 5_000),
                () -> System.currentTimeMillis() >= releasedAt + millisAfterRelease);
    }

    @Override
    public void close() {
        site.close();
        vertx.close();
    }
}
