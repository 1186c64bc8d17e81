package cn.examcore.server.paper;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.io.ImportContext;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.validate.ImportResult;
import cn.examcore.server.paper.store.BankStore;
import cn.examcore.server.paper.store.StoredBank;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BankLibrary")
class BankLibraryTest {

    private static final String FOREIGN_ITEM = """
            <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="F-1" title="t">
              <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
                <correctResponse><value>B</value></correctResponse>
              </responseDeclaration>
              <itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
                <prompt>Capital of France?</prompt>
                <simpleChoice identifier="A">Lyon</simpleChoice><simpleChoice identifier="B">Paris</simpleChoice>
              </choiceInteraction></itemBody>
              <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
            </assessmentItem>""";

    private final Vertx vertx = Vertx.vertx();
    private final WorkerExecutor workers = vertx.createSharedWorkerExecutor("bank-library-test", 1);
    private final MemoryBanks store = new MemoryBanks();

    @AfterEach
    void close() throws Exception {
        workers.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("A bank imported with defaults is stored as imported, so another node reads it back without them")
    void defaultedBankReimportsOnAnotherNode() throws Exception {
        BankImporter importer = new BankImporter();
        BankLibrary uploading = new BankLibrary(store, workers, importer::importBytes, () -> 1L);
        ImportContext context = new ImportContext("企业人力资源管理师", 4, Subject.THEORY, 3);

        ImportResult result = await(uploading.upload("f.xml", FOREIGN_ITEM.getBytes(StandardCharsets.UTF_8),
                context));
        assertThat(result.accepted()).as(result.issues().toString()).isTrue();
        assertThat(store.banks.get("f").fileName()).isEqualTo("f.xml.json");

        BankLibrary otherNode = new BankLibrary(store, workers, importer::importBytes, () -> 2L);
        Bank reread = await(otherNode.bank("f"));
        assertThat(reread.items()).isEqualTo(result.bank().orElseThrow().items());
    }

    @Test
    @DisplayName("A bank imported without defaults is stored as uploaded")
    void plainBankKeepsItsOriginalFile() throws Exception {
        byte[] bare = FOREIGN_ITEM.replace("identifier=\"F-1\"", "identifier=\"F-1\" xmlns:ec=\"urn:examcore:qti\" "
                + "ec:occupation=\"企业人力资源管理师\" ec:level=\"4\" ec:subject=\"理论知识\" ec:difficulty=\"3\"")
                .getBytes(StandardCharsets.UTF_8);
        BankLibrary library = new BankLibrary(store, workers, new BankImporter()::importBytes, () -> 1L);

        ImportResult result = await(library.upload("g.xml", bare, ImportContext.none()));

        assertThat(result.accepted()).as(result.issues().toString()).isTrue();
        assertThat(store.banks.get("g").fileName()).isEqualTo("g.xml");
        assertThat(store.banks.get("g").content()).isEqualTo(bare);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** The store as a map: what was saved is what is read. */
    private static final class MemoryBanks implements BankStore {
        final Map<String, StoredBank> banks = new ConcurrentHashMap<>();

        @Override
        public Future<Void> saveBank(StoredBank bank) {
            banks.put(bank.id(), bank);
            return Future.succeededFuture();
        }

        @Override
        public Future<Optional<StoredBank>> bank(String id) {
            return Future.succeededFuture(Optional.ofNullable(banks.get(id)));
        }

        @Override
        public Future<java.util.List<BankSummary>> banks() {
            return Future.succeededFuture(banks.values().stream().map(b -> new BankSummary(b.id(), b.title(),
                    b.fileName(), b.itemCount(), b.importedAt())).toList());
        }
    }
}
