package cn.examcore.server.paper.store;

import static cn.examcore.server.storage.jdbc.StoreDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.storage.jdbc.StoreDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Banks and papers in the database")
class JdbcPaperStoreTest {

    private static StoredPaper paper(String attemptId, String sittingId, int version) {
        return new StoredPaper(attemptId, sittingId, "{\"v\":" + version + "}", new byte[] {(byte) version, 2},
                new byte[] {3, (byte) version}, new byte[] {5, 6, (byte) version});
    }

    private static void assertSame(StoredPaper actual, StoredPaper expected) {
        assertThat(actual.attemptId()).isEqualTo(expected.attemptId());
        assertThat(actual.sittingId()).isEqualTo(expected.sittingId());
        assertThat(actual.paperJson()).isEqualTo(expected.paperJson());
        assertThat(actual.key()).isEqualTo(expected.key());
        assertThat(actual.iv()).isEqualTo(expected.iv());
        assertThat(actual.ciphertext()).isEqualTo(expected.ciphertext());
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("Papers read back byte for byte, and a re-assembly replaces them")
    void papers(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            d.addSitting("s-1", 1_000);
            PaperStore store = new JdbcPaperStore(d.db(), d.workers());
            await(store.savePapers(List.of(paper("a-1", "s-1", 1), paper("a-2", "s-1", 1))));
            await(store.savePapers(List.of(paper("a-1", "s-1", 2))));
            assertSame(await(store.paper("a-1")).orElseThrow(), paper("a-1", "s-1", 2));
            assertSame(await(store.paper("a-2")).orElseThrow(), paper("a-2", "s-1", 1));
            assertThat(await(store.paper("a-3"))).isEmpty();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("Papers that cannot all be stored store none")
    void allOrNone(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            d.addSitting("s-1", 1_000);
            PaperStore store = new JdbcPaperStore(d.db(), d.workers());
            assertThatThrownBy(() -> await(store.savePapers(List.of(paper("a-1", "s-1", 1),
                    paper("a-2", "s-unknown", 1))))).as("a paper of no sitting").isInstanceOf(ExecutionException.class);
            assertThat(await(store.paper("a-1"))).isEmpty();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("A bank reads back with its file, and one uploaded again under its id replaces it")
    void banks(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            BankStore store = new JdbcBankStore(d.db(), d.workers());
            byte[] first = "first".getBytes(StandardCharsets.UTF_8);
            byte[] second = "second file".getBytes(StandardCharsets.UTF_8);
            await(store.saveBank(new StoredBank("b-1", "题库", "bank.xlsx", first, 10, 100)));
            await(store.saveBank(new StoredBank("b-1", "题库 2", "bank2.xlsx", second, 12, 200)));
            StoredBank read = await(store.bank("b-1")).orElseThrow();
            assertThat(read.title()).isEqualTo("题库 2");
            assertThat(read.fileName()).isEqualTo("bank2.xlsx");
            assertThat(read.content()).isEqualTo(second);
            assertThat(read.itemCount()).isEqualTo(12);
            assertThat(read.importedAt()).isEqualTo(200);
            assertThat(await(store.bank("b-2"))).isEmpty();
        }
    }
}
