package cn.examcore.server.storage.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.IndeterminateOperationStateException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Opening a map while its index creation is indeterminate")
class OpenMapRetryTest {

    /** Fails as indeterminate {@code failures} times (wrapped when asked), then returns "map". */
    private static Supplier<String> flaky(AtomicInteger calls, int failures, boolean wrapped) {
        return () -> {
            if (calls.incrementAndGet() <= failures) {
                var e = new IndeterminateOperationStateException("backup acks missed for AddIndexOperation");
                throw wrapped ? new HazelcastException("proxy creation failed", e) : e;
            }
            return "map";
        };
    }

    @Test
    @DisplayName("is tried again until it opens")
    void retriesUntilOpen() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(HazelcastMaps.retryIndeterminate("m", flaky(calls, 2, false), 6, 1)).isEqualTo("map");
        assertThat(calls).hasValue(3);
    }

    @Test
    @DisplayName("recognises the indeterminate state as the cause of another exception")
    void retriesWrapped() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(HazelcastMaps.retryIndeterminate("m", flaky(calls, 1, true), 6, 1)).isEqualTo("map");
        assertThat(calls).hasValue(2);
    }

    @Test
    @DisplayName("gives up after the last attempt with the indeterminate failure")
    void givesUp() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> HazelcastMaps.retryIndeterminate("m", flaky(calls, 10, false), 3, 1))
                .isInstanceOf(IndeterminateOperationStateException.class);
        assertThat(calls).hasValue(3);
    }

    @Test
    @DisplayName("does not retry any other failure")
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> HazelcastMaps.retryIndeterminate("m", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("split-brain protection");
        }, 6, 1)).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
    }
}
