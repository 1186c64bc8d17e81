package cn.examcore.server.sitting.store;

import static cn.examcore.server.storage.jdbc.StoreDatabase.await;
import static cn.examcore.server.storage.jdbc.StoreDatabase.sitting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.storage.jdbc.StoreDatabase;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Sittings in the database")
class JdbcSittingStoreTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("A sitting reads back as created and as updated, and all sittings come by T0")
    void createUpdateList(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            SittingStore store = new JdbcSittingStore(d.db(), d.workers());
            Sitting later = sitting("s-later", 2_000_000);
            Sitting earlier = new Sitting("s-early", "早场", "企业人力资源管理师", 3, later.subject(), 1_000_000, 120, 45, 70,
                    "9876", 0, "bank-1", "{\"title\":\"bp\"}", 5);
            await(store.createSitting(later));
            await(store.createSitting(earlier));
            assertThat(await(store.sitting("s-early"))).contains(earlier);
            assertThat(await(store.sittings())).extracting(Sitting::id).containsExactly("s-early", "s-later");

            Sitting released = later.withRelease(1_500_000).withAssembledAt(1_400_000);
            await(store.updateSitting(released));
            assertThat(await(store.existingSitting("s-later"))).isEqualTo(released);
            assertThat(await(store.sitting("s-none"))).isEmpty();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("An unknown sitting asked for as existing fails with UNKNOWN_SITTING naming the sittingId field")
    void unknownSitting(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            SittingStore store = new JdbcSittingStore(d.db(), d.workers());
            assertThatThrownBy(() -> await(store.existingSitting("s-none")))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(ExamException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.UNKNOWN_SITTING);
                        assertThat(e.details()).containsEntry("field", "sittingId");
                    });
        }
    }
}
