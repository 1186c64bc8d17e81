package cn.examcore.server.sitting.store;

import static cn.examcore.server.storage.jdbc.StoreDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.storage.jdbc.StoreDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Seat-agent keys in the database")
class JdbcAgentKeyStoreTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("A key's hash names the sitting it was issued for; an unknown hash names none")
    void keys(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            d.addSitting("s-1", 1_000);
            d.addSitting("s-2", 2_000);
            AgentKeyStore store = new JdbcAgentKeyStore(d.db(), d.workers());
            await(store.saveAgentKey("hash-1", "s-1", "admin", 10));
            await(store.saveAgentKey("hash-2", "s-2", "admin", 11));
            assertThat(await(store.agentKeySitting("hash-1"))).contains("s-1");
            assertThat(await(store.agentKeySitting("hash-2"))).contains("s-2");
            assertThat(await(store.agentKeySitting("hash-3"))).isEmpty();
        }
    }
}
