package cn.examcore.server.publication.store;

import cn.examcore.contract.AuditRecord;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.publication.domain.Review;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Score reviews (复核), durable; a decision updates the result it concerns in the same transaction. */
public interface ReviewStore {

    /**
     * Records a request with its audit record.
     *
     * @return false (nothing stored) when a review of the same attempt is still open
     */
    Future<Boolean> request(Review review, AuditRecord audit);

    /** The sitting's reviews, oldest first. */
    Future<List<Review>> reviews(String sittingId);

    /** One review. */
    Future<Optional<Review>> review(String reviewId);

    /**
     * Records the decision, stores {@code after} when the score changed (guarded by {@code before}), revokes the
     * certificate of a result that passed and fails now, and writes the audit record, in one transaction. Fails
     * with {@code CONFLICT} and stores nothing when the review was decided meanwhile or the result changed.
     *
     * @return the numbers of the certificates revoked
     */
    Future<List<String>> decide(Review decided, Result before, Result after, AuditRecord audit);
}
