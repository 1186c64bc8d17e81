package cn.examcore.server.attempt.store;

import cn.examcore.server.attempt.domain.Attempt;

/**
 * An attempt after a change, and whether the change did anything (a repeated submit or a lower revision does
 * not).
 */
public record AttemptChange(Attempt attempt, boolean changed) {
}
