package cn.examcore.proctor.similarity;

import java.util.Set;

/**
 * 改答: an answer a candidate gave to an item before its final one, from the attempt's answer history.
 *
 * @param optionIds the chosen bank option ids (never empty: a cleared answer is not an answer)
 * @param savedAt   when it was saved (epoch ms, server time)
 */
public record EarlierAnswer(Set<String> optionIds, long savedAt) {

    public EarlierAnswer {
        optionIds = optionIds == null ? null : Set.copyOf(optionIds);
    }
}
