package cn.examcore.server.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.ErrorType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BulkheadTest {

    @Test
    void refusesBeyondItsBoundWithoutStartingTheWork() {
        Bulkhead bulkhead = new Bulkhead("seat-list reads", 2, 5);
        List<Promise<String>> running = new ArrayList<>();
        AtomicInteger started = new AtomicInteger();
        Future<String> first = bulkhead.run(() -> {
            started.incrementAndGet();
            Promise<String> p = Promise.promise();
            running.add(p);
            return p.future();
        });
        Future<String> second = bulkhead.run(() -> {
            started.incrementAndGet();
            Promise<String> p = Promise.promise();
            running.add(p);
            return p.future();
        });

        Future<String> third = bulkhead.run(() -> {
            started.incrementAndGet();
            return Future.succeededFuture("ran");
        });

        assertThat(third.failed()).isTrue();
        assertThat(third.cause()).isInstanceOfSatisfying(ExamException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.RETRY);
            assertThat(e.getMessage()).contains("2 seat-list reads").contains("5 seconds");
            assertThat(e.details()).containsEntry("retryAfterSeconds", 5);
        });
        assertThat(started).hasValue(2);
        assertThat(bulkhead.pending()).isEqualTo(2);

        // A finished one, failed or not, frees its place.
        running.get(0).fail("the read failed");
        assertThat(first.failed()).isTrue();
        assertThat(bulkhead.pending()).isEqualTo(1);
        assertThat(bulkhead.run(() -> Future.succeededFuture("ran")).result()).isEqualTo("ran");
        running.get(1).complete("done");
        assertThat(second.result()).isEqualTo("done");
        assertThat(bulkhead.pending()).isZero();
    }

    @Test
    void workThatThrowsFreesItsPlace() {
        Bulkhead bulkhead = new Bulkhead("reads", 1, 1);
        assertThatThrownBy(() -> bulkhead.run(() -> {
            throw new IllegalStateException("broken");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(bulkhead.pending()).isZero();
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> new Bulkhead("reads", 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPending");
    }
}
