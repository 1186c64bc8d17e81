package cn.examcore.server.sitting.store;

import io.vertx.core.Future;
import java.util.Optional;

/** Seat-agent keys, kept as hashes, each for one sitting. */
public interface AgentKeyStore {

    Future<Void> saveAgentKey(String keyHash, String sittingId, String createdBy, long at);

    /** The sitting an agent key belongs to. */
    Future<Optional<String>> agentKeySitting(String keyHash);
}
