package cn.examcore.server.sitting.store;

import cn.examcore.server.sitting.domain.Sitting;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Sittings read by id through the node's {@link SetupCache} (every login and every scored attempt reads its
 * sitting); writes invalidate it on every node. The list of all sittings is read afresh: only administrators and
 * the proctor console ask for it.
 */
public final class CachingSittingStore implements SittingStore {

    private final SittingStore db;
    private final SetupCache cache;

    public CachingSittingStore(SittingStore db, SetupCache cache) {
        this.db = db;
        this.cache = cache;
    }

    @Override
    public Future<Void> createSitting(Sitting sitting) {
        return cache.changed(db.createSitting(sitting), sitting.id());
    }

    @Override
    public Future<Void> updateSitting(Sitting sitting) {
        return cache.changed(db.updateSitting(sitting), sitting.id());
    }

    @Override
    public Future<Optional<Sitting>> sitting(String id) {
        return cache.cached(SetupCache.Kind.SITTING, id, () -> db.sitting(id));
    }

    @Override
    public Future<List<Sitting>> sittings() {
        return db.sittings();
    }
}
