package cn.examcore.server.results;

import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.sitting.domain.Candidate;
import java.util.Optional;

/**
 * 成绩行: one line per roster candidate of the sitting's subject.
 *
 * @param candidate the roster entry
 * @param roomName  the room of the assigned seat
 * @param result    the scored result once the attempt is frozen
 * @param state     the attempt's state, null when no paper was assembled
 * @param attended  whether the candidate ever logged in (an attempt frozen at the deadline without a login
 *                  is an absence, 缺考, not a zero)
 */
public record ResultLine(Candidate candidate, String roomName, Optional<Result> result, AttemptState state,
                     boolean attended) {

    /** The result only when the candidate attended. */
    public Optional<Result> attendedResult() {
    return attended ? result : Optional.empty();
    }
}
