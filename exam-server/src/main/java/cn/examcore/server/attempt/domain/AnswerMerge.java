package cn.examcore.server.attempt.domain;

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
     * @return {@code answers} itself when nothing won (so a caller tells "changed" by identity, without comparing
     *         the answers), else new {@link Answers} that share what did not change
     */
    public static Map<Integer, Answer> merge(Map<Integer, Answer> answers, Iterable<Answer> incoming) {
        Answers base = null;
        Answer single = null;
        TreeMap<Integer, Answer> winners = null;
        for (Answer a : incoming) {
            Answer held;
            if (single != null && single.item() == a.item()) {
                held = single;
            } else if (winners != null && winners.containsKey(a.item())) {
                held = winners.get(a.item());
            } else {
                if (base == null) {
                    base = Answers.of(answers);
                }
                held = base.get(a.item());
            }
            if (!wins(held, a)) {
                continue;
            }
            if (winners != null) {
                winners.put(a.item(), a);
            } else if (single == null || single.item() == a.item()) {
                single = a;
            } else {
                winners = new TreeMap<>();
                winners.put(single.item(), single);
                winners.put(a.item(), a);
                single = null;
            }
        }
        if (winners != null) {
            return base.withAll(winners);
        }
        return single == null ? answers : base.with(single);
    }
}
