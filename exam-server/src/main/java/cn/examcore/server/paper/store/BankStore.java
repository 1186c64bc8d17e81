package cn.examcore.server.paper.store;

import io.vertx.core.Future;
import java.util.Optional;

/** Question banks (题库) as uploaded: the original files, re-read by the importer when needed. */
public interface BankStore {

    /** Stores a bank, replacing one of the same id. */
    Future<Void> saveBank(StoredBank bank);

    Future<Optional<StoredBank>> bank(String id);
}
