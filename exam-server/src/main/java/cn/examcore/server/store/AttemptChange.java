package cn.examcore.server.store;

import cn.examcore.server.domain.Attempt;

/**
 * An attempt after a change, and whether the change did anything (a repeated submit or a lower revision does
 * not).
 */
public record AttemptChange(Attempt attempt, boolean changed) {
}
