package cn.examcore.proctor.similarity;

import cn.examcore.contract.ObjectiveAnswers.Item;
import cn.examcore.contract.ObjectiveAnswers.ObjectiveType;
import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Brings papers and the page's answer values into bank terms for the detector. Each candidate sees the options in
 * its own shuffled order under the labels A, B, C …, so a copier who copies the option a neighbour picked (not its
 * label) would look innocent in display labels; {@link Item#sourceOptionIds()} maps a label back to the bank
 * option, where the two answers coincide again.
 *
 * <p>A paper here is its objective items as exam-server sends them (single choice, multiple choice and true/false:
 * fill-in, short-answer, essay and operation items have no options to compare and never leave the server); a
 * true/false item without a key is left out.
 */
public final class PaperResponses {

    private PaperResponses() {
    }

    /**
     * The objective items of the papers in bank terms, in order of first appearance; one item shared by several
     * papers appears once.
     *
     * @throws SimilarityInputException when two papers disagree on an item's options or key
     */
    public static List<ObjectiveItem> objectiveItems(Collection<List<Item>> papers) {
        Map<String, ObjectiveItem> items = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int p = 0;
        for (List<Item> paper : papers) {
            if (paper == null) {
                problems.add("papers[" + p++ + "]: must not be null");
                continue;
            }
            for (Item item : paper) {
                ObjectiveItem o = toObjective(item);
                if (o == null) {
                    continue;
                }
                ObjectiveItem seen = items.putIfAbsent(o.itemId(), o);
                if (seen != null && !(Set.copyOf(seen.optionIds()).equals(Set.copyOf(o.optionIds()))
                        && seen.key().equals(o.key()))) {
                    problems.add("papers[" + p + "] item " + item.number() + " ('" + o.itemId() + "'): options "
                            + o.optionIds() + " with key " + o.key() + " differ from another paper's "
                            + seen.optionIds() + " with key " + seen.key());
                }
            }
            p++;
        }
        if (!problems.isEmpty()) {
            throw new SimilarityInputException(problems);
        }
        return List.copyOf(items.values());
    }

    /**
     * One candidate's answers in bank terms.
     *
     * @param paper  the candidate's paper: its objective items
     * @param values item number on the paper → the stored canonical answer value (JSON text, as exam-server stores
     *               it: {@code "B"}, {@code ["A","C"]}, {@code true}); null or absent for an unanswered item
     * @return bank item id → bank option ids, for the objective items answered
     * @throws SimilarityInputException naming the item number and what is wrong with each bad value
     */
    public static Map<String, Set<String>> responses(List<Item> paper, Map<Integer, String> values) {
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(values, "values");
        Map<Integer, Item> byNumber = new TreeMap<>();
        paper.forEach(i -> byNumber.put(i.number(), i));
        Map<String, Set<String>> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Integer, String> e : new TreeMap<>(values).entrySet()) {
            String where = "item " + e.getKey();
            Item item = byNumber.get(e.getKey());
            if (item == null) {
                problems.add(where + ": the paper has no item with this number (it has " + byNumber.size() + ")");
                continue;
            }
            if (e.getValue() == null || toObjective(item) == null) {
                continue;
            }
            JsonNode v;
            try {
                v = Json.tree(e.getValue());
            } catch (IllegalArgumentException ex) {
                problems.add(where + ": the value is not JSON: " + ex.getMessage());
                continue;
            }
            if (v == null || v.isNull()) {
                continue;
            }
            Set<String> chosen = new TreeSet<>();
            switch (item.type()) {
                case SINGLE_CHOICE -> {
                    if (!v.isTextual()) {
                        problems.add(where + " is single choice: the value must be one option label such as \"A\"");
                        continue;
                    }
                    addSource(item, v.asText(), chosen, where, problems);
                }
                case MULTIPLE_CHOICE -> {
                    if (!v.isArray()) {
                        problems.add(where + " is multiple choice: the value must be an array of option labels");
                        continue;
                    }
                    for (JsonNode label : v) {
                        if (!label.isTextual()) {
                            problems.add(where + ": every chosen option must be a label string, found " + label);
                        } else {
                            addSource(item, label.asText(), chosen, where, problems);
                        }
                    }
                }
                case TRUE_FALSE -> {
                    if (!v.isBoolean()) {
                        problems.add(where + " is true/false: the value must be true or false");
                        continue;
                    }
                    chosen.add(v.asBoolean() ? ObjectiveItem.TRUE : ObjectiveItem.FALSE);
                }
                default -> throw new IllegalStateException("not an objective type: " + item.type());
            }
            if (!chosen.isEmpty()) {
                out.put(item.itemId(), Set.copyOf(chosen));
            }
        }
        if (!problems.isEmpty()) {
            throw new SimilarityInputException(problems);
        }
        return out;
    }

    private static void addSource(Item item, String label, Set<String> chosen, String where,
                                  List<String> problems) {
        int o = item.labels().indexOf(label);
        if (o >= 0) {
            chosen.add(item.sourceOptionIds().get(o));
            return;
        }
        problems.add(where + ": option '" + label + "' is not on this paper (labels " + item.labels() + ")");
    }

    private static ObjectiveItem toObjective(Item item) {
        ObjectiveType type = item.type();
        if (type == ObjectiveType.TRUE_FALSE) {
            return item.correctTrueFalse() == null ? null : ObjectiveItem.trueFalse(item.itemId(),
                    item.correctTrueFalse());
        }
        Set<String> key = new LinkedHashSet<>();
        for (int o = 0; o < item.labels().size(); o++) {
            if (item.correctLabels().contains(item.labels().get(o))) {
                key.add(item.sourceOptionIds().get(o));
            }
        }
        // Sorted, so the same item on two differently shuffled papers reads the same.
        List<String> bankOrder = new ArrayList<>(new TreeSet<>(item.sourceOptionIds()));
        return new ObjectiveItem(item.itemId(), bankOrder, new TreeSet<>(key), type == ObjectiveType.MULTIPLE_CHOICE);
    }
}
