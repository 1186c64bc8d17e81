package cn.examcore.server.marking.store;

import static cn.examcore.server.storage.jdbc.StoreDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.marking.domain.ArbitrationRule;
import cn.examcore.server.marking.domain.MarkingItem;
import cn.examcore.server.marking.domain.MarkingPlan;
import cn.examcore.server.marking.domain.Script;
import cn.examcore.server.marking.domain.ScriptState;
import cn.examcore.server.marking.store.MarkingStore.NewScript;
import cn.examcore.server.results.store.JdbcResultStore;
import cn.examcore.server.storage.jdbc.StoreDatabase;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Marking in the database")
class JdbcMarkingStoreTest {

    private static final MarkingItem ESSAY = new MarkingItem("E1", "s2", ItemType.ESSAY, "<p>stem</p>",
            new BigDecimal("30"), List.of(new RubricPoint("a", new BigDecimal("20")),
            new RubricPoint("b", new BigDecimal("10"))), new BigDecimal("4.5"));

    private static List<BigDecimal> p(int a, int b) {
        return List.of(BigDecimal.valueOf(a), BigDecimal.valueOf(b));
    }

    /** A sitting with one pending result (objective 40 of 70 + the essay's 30) and its one essay script. */
    private static MarkingStore opened(StoreDatabase d) throws ExecutionException {
        d.addSitting("s-1", 1_000);
        await(new JdbcResultStore(d.db(), d.workers()).saveResult(new Result("a-1", "s-1", "T1", "张三", "THEORY",
                new BigDecimal("40"), new BigDecimal("100"), true, null, 1_000, "SUBMITTED")));
        MarkingStore store = new JdbcMarkingStore(d.db(), d.workers());
        MarkingPlan plan = new MarkingPlan("s-1", List.of("m1", "m2"), MarkingPlan.DEFAULT_TOLERANCE_PERCENT, Map.of(),
                Map.of(), ArbitrationRule.ARBITER, "chief", 1_000);
        await(store.open(plan, List.of(ESSAY), List.of(new NewScript(new Script("x-1", "s-1", 7, "a-1", 3, "E1",
                "{\"text\":\"answer\"}", ScriptState.MARKING, null), List.of("m1", "m2"))), List.of("a-1"), 1_000));
        return store;
    }

    private static Result result(StoreDatabase d) throws ExecutionException {
        return await(new JdbcResultStore(d.db(), d.workers()).results("s-1")).get(0);
    }

    private static ExamException refusal(Future<?> f) {
        try {
            await(f);
            throw new AssertionError("expected a refusal");
        } catch (ExecutionException e) {
            return (ExamException) e.getCause();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("the second mark beyond the tolerance waits for arbitration; the arbitration completes the result")
    void arbitrationCompletesTheResult(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            MarkingStore store = opened(d);
            assertThat(await(store.mark("x-1", "m1", p(20, 10), "full", "k1", 2_000)).script().state())
                    .isEqualTo(ScriptState.MARKING);
            assertThat(result(d).pendingMarking()).isTrue();
            MarkingStore.Marked second = await(store.mark("x-1", "m2", p(5, 5), "", "k2", 3_000));
            assertThat(second.script().state()).isEqualTo(ScriptState.ARBITRATION);
            assertThat(second.resultCompleted()).isFalse();
            MarkingStore.Marked arbitrated = await(store.arbitrate("x-1", "chief", p(15, 5), "", "k3", 4_000));
            assertThat(arbitrated.script().finalScore()).isEqualByComparingTo("20");
            assertThat(arbitrated.resultCompleted()).isTrue();
            Result r = result(d);
            assertThat(r.pendingMarking()).isFalse();
            assertThat(r.markedScore()).isEqualByComparingTo("20");
            assertThat(r.total()).isEqualByComparingTo("60");
            assertThat(r.passed()).isTrue();

            await(store.reopen("x-1", "复核", 5_000));
            Result reopened = result(d);
            assertThat(reopened.pendingMarking()).isTrue();
            assertThat(reopened.passed()).isNull();
            assertThat(reopened.markedScore()).isNull();
            assertThat(await(store.marks("x-1"))).hasSize(3).last().satisfies(m -> {
                assertThat(m.standing()).isFalse();
                assertThat(m.setAsideWhy()).isEqualTo("复核");
            });
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("refuses an unknown script, a marker it is not allocated to, a second mark and a bad score,"
            + " storing nothing")
    void refusals(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            MarkingStore store = opened(d);
            ExamException unknown = refusal(store.mark("nope", "m1", p(1, 1), "", "k0", 2_000));
            assertThat(unknown.type()).isEqualTo(ErrorType.NOT_FOUND);
            assertThat(unknown.details()).containsEntry("field", "scriptId");
            ExamException stranger = refusal(store.mark("x-1", "m3", p(1, 1), "", "k0", 2_000));
            assertThat(stranger.type()).isEqualTo(ErrorType.FORBIDDEN);
            ExamException bad = refusal(store.mark("x-1", "m1", p(21, 1), "", "k0", 2_000));
            assertThat(bad.details()).containsEntry("field", "points[0]");
            assertThat(await(store.marks("x-1"))).isEmpty();
            await(store.mark("x-1", "m1", p(1, 1), "", "k1", 2_000));
            ExamException twice = refusal(store.mark("x-1", "m1", p(2, 2), "", "k2", 2_000));
            assertThat(twice.type()).isEqualTo(ErrorType.CONFLICT);
            ExamException early = refusal(store.arbitrate("x-1", "chief", p(2, 2), "", "k3", 2_000));
            assertThat(early.type()).isEqualTo(ErrorType.CONFLICT);
            assertThat(await(store.marks("x-1"))).hasSize(1);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("one marker submitting the same script many times at once stores exactly one mark")
    void concurrentSubmissionsStoreOne(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            MarkingStore store = opened(d);
            List<Future<MarkingStore.Marked>> racing = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racing.add(store.mark("x-1", "m1", p(i, 0), "", "k" + i, 2_000));
            }
            int stored = 0;
            for (Future<MarkingStore.Marked> f : racing) {
                try {
                    await(f);
                    stored++;
                } catch (ExecutionException e) {
                    assertThat(((ExamException) e.getCause()).type()).isEqualTo(ErrorType.CONFLICT);
                }
            }
            assertThat(stored).isEqualTo(1);
            assertThat(await(store.marks("x-1"))).hasSize(1);
        }
    }
}
