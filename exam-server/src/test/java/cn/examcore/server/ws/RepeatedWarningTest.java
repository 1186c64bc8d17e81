package cn.examcore.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One warning per kind of socket failure in a quiet period")
class RepeatedWarningTest {

    private static final String POOL = "java.sql.SQLTransientConnectionException: examcore-db - Connection is not"
            + " available";

    @Test
    @DisplayName("The first failure of a kind is logged, the same kind again within the quiet period only counted")
    void sameKindIsCounted() {
        RepeatedWarning w = new RepeatedWarning(10_000);
        assertThat(w.log(POOL, 1_000)).isZero();
        for (int i = 0; i < 19; i++) {
            assertThat(w.log(POOL, 1_000 + i)).as("repeat %d", i).isEqualTo(-1);
        }
        assertThat(w.log(POOL, 11_000)).as("after the quiet period, with the count passed over").isEqualTo(19);
        assertThat(w.log(POOL, 21_000)).as("nothing passed over since").isZero();
    }

    @Test
    @DisplayName("Another kind is logged at once, and the count starts again for it")
    void otherKindIsLogged() {
        RepeatedWarning w = new RepeatedWarning(10_000);
        assertThat(w.log(POOL, 0)).isZero();
        assertThat(w.log(POOL, 1)).isEqualTo(-1);
        assertThat(w.log("com.hazelcast.core.IndeterminateOperationStateException", 2)).isZero();
        assertThat(w.log(POOL, 3)).as("the earlier kind again: a new run").isZero();
    }
}
