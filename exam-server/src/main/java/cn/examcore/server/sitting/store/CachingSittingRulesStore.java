package cn.examcore.server.sitting.store;

import cn.examcore.server.sitting.domain.SittingRules;
import io.vertx.core.Future;

/**
 * Rules read through the node's {@link SetupCache}: every late login, every seat's welcome and every submission
 * reads them; a change invalidates them on every node like any other setup change.
 */
public final class CachingSittingRulesStore implements SittingRulesStore {

    private final SittingRulesStore db;
    private final SetupCache cache;

    public CachingSittingRulesStore(SittingRulesStore db, SetupCache cache) {
        this.db = db;
        this.cache = cache;
    }

    @Override
    public Future<SittingRules> rules(String sittingId) {
        return cache.cached(SetupCache.Kind.RULES, sittingId, () -> db.rules(sittingId));
    }

    @Override
    public Future<Void> save(SittingRules rules) {
        return cache.changed(db.save(rules), rules.sittingId());
    }
}
