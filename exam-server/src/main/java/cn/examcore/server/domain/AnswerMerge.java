package cn.examcore.server.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * The one merge rule for answers, used for single saves, reconnect vectors, submissions and (later) cluster
 * merges: per item the higher revision wins; an equal or lower revision changes nothing. Because the rule is a
 * per-item maximum it is commutative and idempotent, so a page may re-send its journal any number of times.
 */
public final class AnswerMerge {

    private AnswerMerge() {
    }

    /** True when {@code incoming} would replace {@code current} (which may be null). */
    public static boolean wins(Answer current, Answer incoming) {
        return current == null || incoming.rev() > current.rev();
    }

    /**
     * Merges {@code incoming} into {@code answers}.
     *
     * @return the merged map (a new sorted map when anything changed, else {@code answers} itself)
     */
    public static Map<Integer, Answer> merge(Map<Integer, Answer> answers, Iterable<Answer> incoming) {
        TreeMap<Integer, Answer> merged = null;
        for (Answer a : incoming) {
            Map<Integer, Answer> view = merged == null ? answers : merged;
            if (wins(view.get(a.item()), a)) {
                if (merged == null) {
                    merged = new TreeMap<>(answers);
                }
                merged.put(a.item(), a);
            }
        }
        return merged == null ? answers : merged;
    }
}
