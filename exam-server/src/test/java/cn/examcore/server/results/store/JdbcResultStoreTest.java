package cn.examcore.server.results.store;

import static cn.examcore.server.storage.jdbc.StoreDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.storage.jdbc.StoreDatabase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Results in the database")
class JdbcResultStoreTest {

    /** A result as the store reads it back: scores with their trailing zeros stripped. */
    private static Result result(String sittingId, String ticket, String score, Boolean passed, String kind) {
        return new Result("a-" + ticket, sittingId, ticket, "姓名 " + ticket, "THEORY",
                new BigDecimal(score).stripTrailingZeros(), new BigDecimal("100").stripTrailingZeros(), passed == null,
                passed, 1_000, kind);
    }

    private static ResultStore store(StoreDatabase d) throws ExecutionException {
        d.addSitting("s-1", 1_000);
        return new JdbcResultStore(d.db(), d.workers());
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("Results read back by ticket, a pending verdict as null, and a later result replaces the earlier")
    void saveAndReplace(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            ResultStore store = store(d);
            await(store.saveResult(result("s-1", "T2", "40", null, "SUBMITTED")));
            await(store.saveResult(result("s-1", "T1", "61.5", true, "SUBMITTED")));
            await(store.saveResult(result("s-1", "T2", "55", false, "FORCE_SUBMITTED")));
            assertThat(await(store.results("s-1"))).containsExactly(result("s-1", "T1", "61.5", true, "SUBMITTED"),
                    result("s-1", "T2", "55", false, "FORCE_SUBMITTED"));
            await(store.saveResult(result("s-1", "T2", "40", null, "SUBMITTED")));
            assertThat(await(store.results("s-1")).get(1).passed()).isNull();
            assertThat(await(store.results("s-other"))).isEmpty();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("A batch of results is stored whole, or not at all")
    void batch(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            ResultStore store = store(d);
            List<Result> batch = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                batch.add(result("s-1", String.format("T%04d", i), "50", true, "AUTO_SUBMITTED"));
            }
            await(store.saveResults(batch));
            await(store.saveResults(List.of()));
            assertThat(await(store.results("s-1"))).hasSize(600).first().isEqualTo(batch.get(0));
            assertThatThrownBy(() -> await(store.saveResults(List.of(result("s-1", "T9998", "1", true, "SUBMITTED"),
                    result("s-1", "T9999", "1", true, null))))).as("a result without its kind")
                    .isInstanceOf(ExecutionException.class);
            assertThat(await(store.results("s-1"))).hasSize(600);
        }
    }
}
