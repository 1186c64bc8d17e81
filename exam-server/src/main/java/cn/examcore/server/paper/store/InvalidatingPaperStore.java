package cn.examcore.server.paper.store;

import cn.examcore.server.sitting.store.SetupCache;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Papers whose writes invalidate every node's {@link SetupCache} of their sittings: a re-assembly replaces papers
 * (new keys), so every node's {@code PaperService} must forget those sittings' papers (it listens to the cache).
 */
public final class InvalidatingPaperStore implements PaperStore {

    private final PaperStore db;
    private final SetupCache cache;

    public InvalidatingPaperStore(PaperStore db, SetupCache cache) {
        this.db = db;
        this.cache = cache;
    }

    @Override
    public Future<Void> savePapers(List<StoredPaper> papers) {
        Future<Void> write = db.savePapers(papers);
        for (String sittingId : papers.stream().map(StoredPaper::sittingId).distinct().toList()) {
            write = cache.papersChanged(write, sittingId);
        }
        return write;
    }

    @Override
    public Future<Optional<StoredPaper>> paper(String attemptId) {
        return db.paper(attemptId);
    }
}
