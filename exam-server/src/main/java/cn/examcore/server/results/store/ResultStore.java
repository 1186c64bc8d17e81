package cn.examcore.server.results.store;

import cn.examcore.server.attempt.domain.Result;
import io.vertx.core.Future;
import java.util.List;

/** Results (成绩) as scored, one per attempt. */
public interface ResultStore {

    /** Stores (or replaces) one result. */
    Future<Void> saveResult(Result result);

    /** Withdraws the attempt's result (a reopened attempt has none until it is submitted again). */
    Future<Void> withdrawResult(String attemptId);

    /** Stores (or replaces) many results in one transaction: all of them, or none. */
    Future<Void> saveResults(List<Result> results);

    /** The sitting's results, by ticket. */
    Future<List<Result>> results(String sittingId);

    /**
     * Attempts of sittings that started after {@code sittingsSince} which the database holds as submitted before
     * {@code submittedBefore} with no result, or with a result of another submission time (a freeze the merge
     * replaced): the oldest first, at most {@code limit}.
     */
    Future<List<String>> submittedWithoutResult(long submittedBefore, long sittingsSince, int limit);
}
