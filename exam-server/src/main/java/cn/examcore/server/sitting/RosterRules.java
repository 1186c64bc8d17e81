package cn.examcore.server.sitting;

import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Sitting;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules a roster must satisfy that the sitting slice does not own: the evaluation bodies' rules on which
 * evaluation a row may belong to and what a makeup (补考) may sit. Checked before anything is stored, so a
 * refused row leaves the old roster untouched.
 */
public interface RosterRules {

    /** A row's refusal: the roster field at fault and why, naming the rule. */
    record RosterRefusal(String field, String message) {
    }

    /**
     * The refusal of each candidate, in order: null where the row is allowed.
     */
    Future<List<RosterRefusal>> check(Sitting sitting, List<Candidate> candidates);

    /** No rule at all: every row allowed. */
    RosterRules NONE = (sitting, candidates) -> {
        List<RosterRefusal> none = new ArrayList<>();
        candidates.forEach(c -> none.add(null));
        return Future.succeededFuture(none);
    };
}
