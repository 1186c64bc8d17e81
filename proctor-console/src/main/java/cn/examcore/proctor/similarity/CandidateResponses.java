package cn.examcore.proctor.similarity;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 作答 of one candidate on the objective items, in bank terms, with the seat the candidate sat at and when each
 * answer was saved.
 *
 * @param attemptId the attempt (one candidate, one subject)
 * @param seat      where the candidate sat
 * @param responses bank item id → the chosen bank option ids; an item that is absent or maps to an empty set was
 *                  not answered. Items of the candidate's paper that another candidate did not get are simply not
 *                  compared for that pair.
 * @param savedAt   bank item id → when the answer was saved (epoch ms, the server's time of the winning save); an
 *                  item without a time takes no part in the timing statistic. May be empty, never null.
 * @param positions bank item id → its number on the candidate's paper. Two papers that list their shared items in
 *                  different orders (papers drawn and shuffled per candidate) are compared by the lockstep window
 *                  test, others by the response-time correlation. May be empty (one common order).
 * @param earlier   bank item id → the answers given to it before the final one, oldest first, each with its save
 *                  time; only items whose answer changed. Empty when the answer history is not known (then the
 *                  answer-change test is left out for this candidate), never null.
 */
public record CandidateResponses(String attemptId, SeatPosition seat, Map<String, Set<String>> responses,
                                 Map<String, Long> savedAt, Map<String, Integer> positions,
                                 Map<String, List<EarlierAnswer>> earlier) {

    public CandidateResponses {
        savedAt = savedAt == null ? Map.of() : savedAt;
        positions = positions == null ? Map.of() : positions;
        earlier = earlier == null ? Map.of() : earlier;
    }

    /** Without the answer history: no earlier answers known. */
    public CandidateResponses(String attemptId, SeatPosition seat, Map<String, Set<String>> responses,
                              Map<String, Long> savedAt, Map<String, Integer> positions) {
        this(attemptId, seat, responses, savedAt, positions, Map.of());
    }

    /** Without paper positions: the papers are taken to list shared items in one order. */
    public CandidateResponses(String attemptId, SeatPosition seat, Map<String, Set<String>> responses,
                              Map<String, Long> savedAt) {
        this(attemptId, seat, responses, savedAt, Map.of(), Map.of());
    }

    /** Answers without save times: the timing statistic is left out for this candidate. */
    public CandidateResponses(String attemptId, SeatPosition seat, Map<String, Set<String>> responses) {
        this(attemptId, seat, responses, Map.of(), Map.of(), Map.of());
    }
}
