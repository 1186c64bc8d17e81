package cn.examcore.server.paper.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Question banks (题库) as uploaded: the original files, re-read by the importer when needed. */
public interface BankStore {

    /** Stores a bank, replacing one of the same id. */
    Future<Void> saveBank(StoredBank bank);

    Future<Optional<StoredBank>> bank(String id);

    /** Every stored bank without its file, newest import first: what an administrator picks a bank id from. */
    Future<List<BankSummary>> banks();

    /**
     * A stored bank as the bank list shows it.
     *
     * @param id         the bank id a blueprint names
     * @param title      its title
     * @param fileName   the file it was imported from
     * @param itemCount  items in it
     * @param importedAt when (epoch ms)
     */
    record BankSummary(String id, String title, String fileName, int itemCount, long importedAt) {
    }
}
