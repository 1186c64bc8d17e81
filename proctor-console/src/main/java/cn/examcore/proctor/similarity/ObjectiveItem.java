package cn.examcore.proctor.similarity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * 客观题 as the similarity detector sees it: a bank item whose answer is a choice among options, in bank terms
 * (the option ids of the bank, not the per-candidate display labels), with its key.
 *
 * @param itemId         the bank item's id
 * @param optionIds      the bank option ids; for true/false {@code "true"} and {@code "false"}
 * @param key            the ids of the correct options
 * @param multipleSelect true for multiple choice, where a response is a set of options and only the whole set counts
 */
public record ObjectiveItem(String itemId, List<String> optionIds, Set<String> key, boolean multipleSelect) {

    /** Option ids standing for the two answers of a true/false item. */
    public static final String TRUE = "true";
    public static final String FALSE = "false";

    public ObjectiveItem {
        // Copies so a caller cannot change an item after validation; nulls are kept for the detector to report
        // with their location instead of failing here without one.
        optionIds = optionIds == null ? null : Collections.unmodifiableList(new ArrayList<>(optionIds));
        key = key == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(key));
    }

    /** A single-choice item (单选). */
    public static ObjectiveItem singleChoice(String itemId, List<String> optionIds, String key) {
        return new ObjectiveItem(itemId, optionIds, Collections.singleton(key), false);
    }

    /** A multiple-choice item (多选). */
    public static ObjectiveItem multipleChoice(String itemId, List<String> optionIds, Set<String> key) {
        return new ObjectiveItem(itemId, optionIds, key, true);
    }

    /** A true/false item (判断), with the options {@link #TRUE} and {@link #FALSE}. */
    public static ObjectiveItem trueFalse(String itemId, boolean key) {
        return new ObjectiveItem(itemId, List.of(TRUE, FALSE), Set.of(key ? TRUE : FALSE), false);
    }
}
