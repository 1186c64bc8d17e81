package cn.examcore.server.errata.domain;

import cn.examcore.server.attempt.domain.Result;
import java.util.Objects;

/**
 * One attempt's result before and after an erratum.
 *
 * @param before the result as stored
 * @param after  the result with every erratum of the sitting applied
 */
public record Rescored(Result before, Result after) {

    public Rescored {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** Whether the objective score moved. */
    public boolean changed() {
        return before.objectiveScore().compareTo(after.objectiveScore()) != 0;
    }

    /** A passed result that fails now: its certificate, if any, no longer stands. */
    public boolean nowFailing() {
        return Boolean.TRUE.equals(before.passed()) && Boolean.FALSE.equals(after.passed());
    }

    /** A failed result that passes now. */
    public boolean nowPassing() {
        return Boolean.FALSE.equals(before.passed()) && Boolean.TRUE.equals(after.passed());
    }
}
