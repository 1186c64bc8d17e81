package cn.examcore.proctor.similarity;

import java.util.Map;
import java.util.Set;

/**
 * 作答 of one candidate on the objective items, in bank terms, with the seat the candidate sat at.
 *
 * @param attemptId the attempt (one candidate, one subject)
 * @param seat      where the candidate sat
 * @param responses bank item id → the chosen bank option ids; an item that is absent or maps to an empty set was
 *                  not answered. Items of the candidate's paper that another candidate did not get are simply not
 *                  compared for that pair.
 */
public record CandidateResponses(String attemptId, SeatPosition seat, Map<String, Set<String>> responses) {
}
