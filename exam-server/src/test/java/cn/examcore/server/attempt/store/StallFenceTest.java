package cn.examcore.server.attempt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.store.AttemptProcessors.Change;
import cn.examcore.server.attempt.store.AttemptProcessors.Op;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The stall fence: a member waking from a stall refuses attempt changes for a while")
class StallFenceTest {

    private final long[] nanos = {0};
    private final StallFence fence = new StallFence(() -> nanos[0], 2_500, 5_000);

    @AfterEach
    void remove() {
        StallFence.replaceForTest(null);
    }

    private void advance(long millis) {
        nanos[0] += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Ticks every 50 ms for {@code millis}, as the watch thread does while the JVM runs. */
    private void run(long millis) {
        for (long t = 0; t < millis; t += StallFence.TICK_MILLIS) {
            advance(StallFence.TICK_MILLIS);
            fence.tick();
        }
    }

    @Test
    @DisplayName("ticking normally never fences; a gap of the stall's length fences at once, before the watch runs,"
            + " and for the fence's length after it has run")
    void fencesAfterAStall() {
        run(10_000);
        assertThat(fence.fenced()).isFalse();
        assertThat(fence.stalls()).isZero();
        // A scheduling delay under the stall's length is not a stall.
        advance(2_000);
        fence.tick();
        assertThat(fence.fenced()).isFalse();

        // SIGSTOP for 8 s: on waking, a partition thread may run before the watch thread has ticked.
        advance(8_000);
        assertThat(fence.fenced()).as("woken, watch not yet run").isTrue();
        fence.tick();
        assertThat(fence.stalls()).isEqualTo(1);
        run(4_900);
        assertThat(fence.fenced()).as("within the fence after the stall").isTrue();
        run(200);
        assertThat(fence.fenced()).as("after the fence").isFalse();
    }

    @Test
    @DisplayName("a fenced member refuses a change to an attempt (RETRY for the caller) but applies its backup and"
            + " answers reads")
    void fencedChangesAreRefused() {
        StallFence.replaceForTest(fence);
        Attempt open = new Attempt("a1", "s1", "T1", "THEORY", "R1-01", AttemptState.ANSWERING, 1_000, 3_600, 0, 0,
                0, 0, null, Map.of());
        Map.Entry<String, Attempt> entry = new AbstractMap.SimpleEntry<>("a1", open);
        Change save = new Change(Op.SAVE, 2_000, 0, List.of(new Answer(1, "\"A\"", 1, 2_000)));

        run(1_000);
        advance(8_000);
        fence.tick();
        assertThatThrownBy(() -> save.process(entry)).isInstanceOf(SplitBrainProtectionException.class)
                .hasMessageContaining("woken from a stall");
        assertThat(entry.getValue()).isSameAs(open);
        assertThat(new Change(Op.READ, 2_000, 0, List.of()).process(entry).attempt()).isNotNull();

        // The primary decided before the stall fenced this member: its backup here must follow it.
        save.getBackupProcessor().process(entry);
        assertThat(entry.getValue().answers()).containsKey(1);

        run(5_100);
        Change later = new Change(Op.SAVE, 3_000, 0, List.of(new Answer(2, "\"B\"", 1, 3_000)));
        later.process(entry);
        assertThat(entry.getValue().answers()).containsKeys(1, 2);
    }
}
