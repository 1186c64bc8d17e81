package cn.examcore.server.attempt;

import cn.examcore.server.attempt.domain.Attempt;
import io.vertx.core.Future;

/**
 * Whether a seat may have the paper key now that its attempt has started: a sitting can hold the key until the
 * candidate's identity was confirmed at the seat. The seat socket asks before it sends a key.
 */
@FunctionalInterface
public interface KeyGate {

    /** Every seat may have its key at its start. */
    KeyGate OPEN = attempt -> Future.succeededFuture(true);

    /** True when the seat of this attempt may have its key. */
    Future<Boolean> mayHaveKey(Attempt attempt);
}
