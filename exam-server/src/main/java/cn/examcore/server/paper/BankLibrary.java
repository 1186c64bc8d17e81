package cn.examcore.server.paper;

import cn.examcore.bank.io.ImportContext;
import cn.examcore.bank.io.json.JsonBankWriter;
import cn.examcore.bank.io.qti.QtiPackageWriter;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Resource;
import cn.examcore.bank.validate.ImportResult;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.paper.store.BankStore;
import cn.examcore.server.paper.store.StoredBank;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * 题库: banks as uploaded (the original file is what is stored) and, per node, the parsed banks in memory. Any
 * format the question-bank importer reads is accepted; a bank with an error is rejected whole and nothing is
 * stored. A bank imported with import defaults ({@link ImportContext}) is stored as imported, in the native JSON
 * format: its original file alone would no longer import (the defaults are what made it valid).
 */
public final class BankLibrary {

    /** The question-bank importer, seen through the one call this node needs. */
    @FunctionalInterface
    public interface Importer {
        ImportResult importBytes(String fileName, byte[] content, ImportContext context);
    }

    private final BankStore bankStore;
    private final WorkerExecutor workers;
    private final Importer importer;
    private final LongSupplier clock;
    private final Map<String, Bank> parsed = new ConcurrentHashMap<>();

    public BankLibrary(BankStore bankStore, WorkerExecutor workers, Importer importer, LongSupplier clock) {
        this.bankStore = bankStore;
        this.workers = workers;
        this.importer = importer;
        this.clock = clock;
    }

    /**
     * Imports an uploaded bank; stores it only when accepted. The result (with every issue) is returned either
     * way, so the administrator sees the whole validation report.
     */
    public Future<ImportResult> upload(String fileName, byte[] content, ImportContext context) {
        return workers.executeBlocking(() -> {
            ImportResult result = importer.importBytes(fileName, content, context);
            Optional<Bank> bank = result.bank();
            if (bank.isEmpty() || context.isEmpty()) {
                return new Imported(result, fileName, content);
            }
            // "q1.xml.json": the native format by its extension, the uploaded name still visible.
            return new Imported(result, fileName + ".json", new JsonBankWriter().toBytes(bank.get()));
        }, false).compose(imported -> {
            ImportResult result = imported.result();
            Optional<Bank> bank = result.bank();
            if (bank.isEmpty()) {
                return Future.succeededFuture(result);
            }
            Bank b = bank.get();
            return bankStore.saveBank(new StoredBank(b.id(), b.title(), imported.fileName(), imported.content(),
                            b.items().size(), clock.getAsLong()))
                    .map(v -> {
                        parsed.put(b.id(), b);
                        return result;
                    });
        });
    }

    /** Every stored bank (without its file), newest import first. */
    public Future<java.util.List<BankStore.BankSummary>> list() {
        return bankStore.banks();
    }

    /** The parsed bank, read from the database on first use on this node. */
    public Future<Bank> bank(String id) {
        Bank cached = parsed.get(id);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return bankStore.bank(id).compose(stored -> {
            if (stored.isEmpty()) {
                return Future.failedFuture(new ExamException(ErrorType.NOT_FOUND, "no bank " + id,
                        Map.of("field", "bankId")));
            }
            return workers.executeBlocking(() -> importer.importBytes(stored.get().fileName(), stored.get().content(),
                    ImportContext.none()), false).compose(r -> r.bank().map(b -> {
                        parsed.put(id, b);
                        return Future.succeededFuture(b);
                    }).orElseGet(() -> Future.failedFuture(new ExamException(ErrorType.INTERNAL,
                            "stored bank " + id + " no longer imports: " + r.errors()))));
        });
    }

    /**
     * A bank written as a QTI content package, and what the package leaves out.
     *
     * @param bank    the bank exported
     * @param content the package (a zip)
     * @param export  how many items it holds and which were left out, with the reason
     */
    public record QtiExport(Bank bank, byte[] content, QtiPackageWriter.Export export) {
    }

    /**
     * Writes a stored bank as a QTI 2.1 or 3.0 content package, on the worker pool: a bank of thousands of items
     * takes longer than an event loop may be held. Unknown bank: {@code NOT_FOUND}.
     */
    public Future<QtiExport> exportQti(String id, QtiPackageWriter.Version version) {
        return bank(id).compose(b -> workers.executeBlocking(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            QtiPackageWriter.Export export = new QtiPackageWriter(version).write(b, out);
            return new QtiExport(b, out.toByteArray(), export);
        }, false));
    }

    /** An import's result and the file that is stored for it. */
    private record Imported(ImportResult result, String fileName, byte[] content) {
    }

    /** A resource (image, attachment) of a bank. */
    public Future<Optional<Resource>> resource(String bankId, String name) {
        return bank(bankId).map(b -> Optional.ofNullable(b.resources().get(name)));
    }
}
