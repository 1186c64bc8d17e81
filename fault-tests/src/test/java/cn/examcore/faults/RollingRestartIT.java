package cn.examcore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fault 4: every node is restarted, one at a time, during the sitting (an upgrade). */
@DisplayName("A rolling restart of every node")
class RollingRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(RollingRestartIT.class);

    @Test
    @DisplayName("loses no acknowledged answer, no seat waits more than 10 s, and every attempt handed in after it is"
            + " frozen once with its own result")
    void rollingRestart() {
        try (FaultRun run = new FaultRun("roll", 1)) {
            // begin inside the block: a site that fails to start is still closed, so the next test finds no
            // containers holding the site network's fixed addresses.
            run.begin(2);
            run.answerUntil(10_000);
            for (int i = 0; i < Site.NODES; i++) {
                long t = System.currentTimeMillis();
                run.site.stopGracefully(i);
                long stopped = System.currentTimeMillis();
                run.site.startNode(i);
                LOG.info("[roll] FIGURES node={} stopMs={} startMs={}", i, stopped - t,
                        System.currentTimeMillis() - stopped);
            }
            // Then every candidate hands in (交卷) on the restarted site: what each was acknowledged before, during
            // and after the restarts must be in the attempt it froze, and each attempt is frozen once with its own
            // result. The deadline is left to the other fault tests: waiting for this two-minute sitting's held the
            // test a minute idle after the restarts.
            run.seats.forEach(SimulatedSeat::submitEarly);
            run.finish();
            run.awaitResultsAndSubmissionEvents(Duration.ofSeconds(60));
            run.assertZeroLoss("submittedEarly=" + run.seats.stream().filter(SimulatedSeat::submittedEarly).count());
            assertThat(run.submittedOnce()).as("attempts not submitted exactly once with their own result").isEmpty();
            assertThat(run.seatsThatFailedOver()).as("seats moved by the restarts").isGreaterThanOrEqualTo(SEATS_MOVED);
            assertThat(run.longestGap()).as("longest time a seat went unserved (ms)").isLessThan(10_000);
        }
    }

    /** Each seat's node is restarted once, so nearly all move; some may have moved already. */
    private static final int SEATS_MOVED = 250;
}
