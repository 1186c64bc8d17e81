package cn.examcore.server.staff.store;

import static cn.examcore.server.storage.jdbc.StoreDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.storage.jdbc.StoreDatabase;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Staff accounts in the database")
class JdbcStaffStoreTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("An account reads back with its role and rooms; saving the user name again replaces it and moves its"
            + " token generation on, as a logout does")
    void accounts(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            StaffStore store = new JdbcStaffStore(d.db(), d.workers());
            await(store.saveStaff(new StaffAccount("admin", "hash-a", Role.ADMIN, Set.of())));
            await(store.saveStaff(new StaffAccount("p1", "hash-1", Role.PROCTOR, Set.of("r-1", "r-2"))));
            await(store.saveStaff(new StaffAccount("p1", "hash-2", Role.OBSERVER, Set.of("r-3"))));
            assertThat(await(store.staff("admin"))).contains(new StaffAccount("admin", "hash-a", Role.ADMIN,
                    Set.of()));
            assertThat(await(store.staff("p1"))).contains(new StaffAccount("p1", "hash-2", Role.OBSERVER,
                    Set.of("r-3"), 1));
            assertThat(await(store.revokeTokens("p1"))).isTrue();
            assertThat(await(store.staff("p1")).orElseThrow().tokenGeneration()).isEqualTo(2);
            assertThat(await(store.staff("admin")).orElseThrow().tokenGeneration()).isZero();
            assertThat(await(store.revokeTokens("nobody"))).isFalse();
            assertThat(await(store.staff("nobody"))).isEmpty();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("Nodes starting together may all write the same new account at once: every write succeeds and one"
            + " account remains")
    void concurrentFirstWrites(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            StaffStore store = new JdbcStaffStore(d.db(), d.workers());
            for (int round = 0; round < 20; round++) {
                String name = "admin-" + round;
                List<Future<Void>> writes = new ArrayList<>();
                for (int node = 0; node < 4; node++) {
                    writes.add(store.saveStaff(new StaffAccount(name, "hash-" + node, Role.ADMIN, Set.of())));
                }
                await(Future.all(writes));
                assertThat(await(store.staff(name))).isPresent();
            }
        }
    }
}
