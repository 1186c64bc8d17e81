package cn.examcore.server.paper.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** The assembled papers (试卷), one per attempt, with their keys and sealed candidate views. */
public interface PaperStore {

    /** Stores (or replaces) the papers in one transaction: all of them, or none. */
    Future<Void> savePapers(List<StoredPaper> papers);

    Future<Optional<StoredPaper>> paper(String attemptId);
}
