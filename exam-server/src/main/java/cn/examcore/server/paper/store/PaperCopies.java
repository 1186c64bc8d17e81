package cn.examcore.server.paper.store;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's backed-up copies of a sitting's papers ({@link PaperCopy}, encoded), kept in memory from assembly
 * until some hours after the sitting ends. They are read only when the database does not answer: a seat whose node
 * died during a database outage is served by a node that never held its paper, and the copy's backup outlives both
 * that node and the node that assembled the sitting.
 */
public interface PaperCopies {

    /**
     * Keeps these copies (attempt id → encoded copy) for {@code ttlMillis}, replacing any older copy of the same
     * attempts, and drops the copies of {@code dropped} (attempts a re-assembly no longer has).
     */
    Future<Void> keep(Map<String, byte[]> copies, long ttlMillis, Collection<String> dropped);

    /**
     * Keeps this copy for {@code ttlMillis} unless one of the attempt is kept already: the refill after a read from
     * the database, which must never overwrite a newer assembly's copy.
     *
     * @return true when this copy was kept
     */
    Future<Boolean> keepIfAbsent(String attemptId, byte[] copy, long ttlMillis);

    /** The attempt's encoded copy, when the cluster holds one. */
    Future<Optional<byte[]>> copy(String attemptId);
}
