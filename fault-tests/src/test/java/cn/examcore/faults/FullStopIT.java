package cn.examcore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fault 3: the whole site loses power (every node killed at once) and comes back. */
@DisplayName("Every node stopped and started again")
class FullStopIT {

    private static final Logger LOG = LoggerFactory.getLogger(FullStopIT.class);

    @Test
    @DisplayName("keeps answers older than the write delay in the database, gets the rest from the seats' resend, and loses nothing")
    void powerCut() {
        try (FaultRun run = new FaultRun("stop", 1)) {
            // begin inside the block: a site that fails to start is still closed, so the next test finds no
            // containers holding the site network's fixed addresses.
            // A one-minute sitting: the cut comes 8 s in, and the site is back (about 30 s, 45 s on a loaded
            // machine) well before the deadline, which must not pass while every node is down (a resend after it
            // would be refused).
            run.begin(1);
            run.answerUntil(8_000);
            long cutAt = System.currentTimeMillis();
            CompletableFuture.allOf(IntStream.range(0, Site.NODES)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> run.site.kill(i)))
                    .toArray(CompletableFuture[]::new)).join();
            LOG.info("[stop] every node killed");
            // What the database held at the cut: acknowledged answers missing there live only in the seats now.
            List<String> onlyOnSeats = run.lostAcknowledgedAnswers();
            long restartAt = System.currentTimeMillis();
            run.site.start();
            long upAt = System.currentTimeMillis();
            run.finish();

            LOG.info("[stop] FIGURES acknowledgedButNotYetInDatabaseAtCut={} restartMs={} outageMs={}",
                    onlyOnSeats.size(), upAt - restartAt, upAt - cutAt);
            // The write-behind window is real (saves acknowledged within the last 2 s were only in memory) ...
            assertThat(onlyOnSeats).as("acknowledged answers only the seats held at the cut").isNotEmpty();
            // ... and the seats' resend covered it.
            run.assertZeroLossAndDeadlines();
        }
    }
}
