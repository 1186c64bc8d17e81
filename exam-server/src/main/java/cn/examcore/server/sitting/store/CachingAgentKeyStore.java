package cn.examcore.server.sitting.store;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Agent keys looked up through the node's {@link SetupCache}: every seat-agent batch names its key. Only known keys
 * are kept, so a key created a moment ago on another node works at once; a new key needs no invalidation.
 */
public final class CachingAgentKeyStore implements AgentKeyStore {

    private final AgentKeyStore db;
    private final SetupCache cache;

    public CachingAgentKeyStore(AgentKeyStore db, SetupCache cache) {
        this.db = db;
        this.cache = cache;
    }

    @Override
    public Future<Void> saveAgentKey(String keyHash, String sittingId, String createdBy, long at) {
        return db.saveAgentKey(keyHash, sittingId, createdBy, at);
    }

    @Override
    public Future<Optional<String>> agentKeySitting(String keyHash) {
        return cache.<Optional<String>>cached(SetupCache.Kind.AGENT_KEY, keyHash, () -> db.agentKeySitting(keyHash))
                .onSuccess(found -> {
                    if (found.isEmpty()) {
                        cache.forget(SetupCache.Kind.AGENT_KEY, keyHash);
                    }
                });
    }
}
