package cn.examcore.server.sitting.store;

import cn.examcore.contract.AuditRecord;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What administrators set up and what the sitting produces besides answers: sittings, rooms, seats, rosters,
 * banks, papers, results, uploads, staff, audit and agent keys. Read-mostly; kept in the database directly.
 */
public interface SetupStore {

    Future<Void> createSitting(Sitting sitting);

    Future<Void> updateSitting(Sitting sitting);

    Future<Optional<Sitting>> sitting(String id);

    /** The sitting, or an {@code UNKNOWN_SITTING} failure naming the {@code sittingId} field. */
    default Future<Sitting> existingSitting(String id) {
        return sitting(id).compose(o -> o.map(Future::succeededFuture).orElseGet(() ->
                Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SITTING, "sittingId", "no sitting " + id))));
    }

    Future<List<Sitting>> sittings();

    /** Adds a room with its seats; fails when a seat code is already taken in the sitting. */
    Future<Void> createRoom(Room room, List<Seat> seats);

    Future<List<Room>> rooms(String sittingId);

    Future<List<Seat>> seats(String sittingId);

    /** Seats with this code in sittings whose T0 is after {@code since}, with their sittings. */
    Future<List<SeatInSitting>> seatsByCode(String code, long since);

    /** Replaces the sitting's roster in one transaction. */
    Future<Void> replaceRoster(String sittingId, List<Candidate> candidates);

    Future<Optional<Candidate>> candidate(String sittingId, String ticket);

    /** Assigns the candidate another seat of the sitting (an authorised seat change). */
    Future<Void> moveCandidate(String sittingId, String ticket, String seatCode);

    Future<List<Candidate>> candidates(String sittingId);

    /** The candidates of the sitting with these tickets, by ticket (scoring a batch of attempts at the deadline). */
    Future<Map<String, Candidate>> candidates(String sittingId, Collection<String> tickets);

    Future<Void> saveBank(StoredBank bank);

    Future<Optional<StoredBank>> bank(String id);

    Future<Void> savePapers(List<StoredPaper> papers);

    Future<Optional<StoredPaper>> paper(String attemptId);

    Future<Void> saveResult(Result result);

    /** Stores (or replaces) many results in one transaction: all of them, or none. */
    Future<Void> saveResults(List<Result> results);

    Future<List<Result>> results(String sittingId);

    Future<Void> saveUpload(StoredUpload upload);

    Future<Optional<StoredUpload>> upload(String id);

    /**
     * The attempt each of these uploads belongs to, without reading their content; ids that name no upload are
     * absent from the answer.
     */
    Future<Map<String, String>> uploadOwners(Collection<String> ids);

    Future<Void> saveStaff(StaffAccount account);

    Future<Optional<StaffAccount>> staff(String username);

    Future<Void> audit(AuditRecord record);

    Future<List<AuditRecord>> auditOf(String sittingId);

    Future<Void> saveAgentKey(String keyHash, String sittingId, String createdBy, long at);

    /** The sitting an agent key belongs to. */
    Future<Optional<String>> agentKeySitting(String keyHash);

    /** A seat with its sitting. */
    record SeatInSitting(Seat seat, Sitting sitting) {
    }
}
