package cn.examcore.server.events.store;

import static cn.examcore.server.storage.jdbc.StoreDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.AuditRecord;
import cn.examcore.server.storage.jdbc.StoreDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The audit trail in the database")
class JdbcAuditStoreTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("A sitting's records come in the order they happened (ties by id), without other sittings' records")
    void auditOf(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            AuditStore store = new JdbcAuditStore(d.db(), d.workers());
            AuditRecord late = new AuditRecord("b", 20, "admin", "sitting.start", "s-1", "s-1", "{\"at\":20}");
            AuditRecord tieB = new AuditRecord("d", 10, "admin", "roster.import", "s-1", null, "{}");
            AuditRecord tieA = new AuditRecord("c", 10, "p1", "seat.pause", "s-1", "A01", "{\"reason\":\"x\"}");
            await(store.audit(late));
            await(store.audit(tieB));
            await(store.audit(tieA));
            await(store.audit(new AuditRecord("a", 5, "admin", "staff.save", null, "p1", "{}")));
            await(store.audit(new AuditRecord("e", 1, "admin", "sitting.create", "s-2", "s-2", "{}")));
            assertThat(await(store.auditOf("s-1"))).containsExactly(tieA, tieB, late);
        }
    }
}
