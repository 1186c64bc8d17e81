package cn.examcore.proctor.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.ObjectiveAnswers.Item;
import cn.examcore.contract.ObjectiveAnswers.ObjectiveType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PaperResponsesTest {

    private static final List<String> LABELS = List.of("A", "B", "C", "D");

    /**
     * Bank item S1 (options a–d, key b) and M1 (options a–d, key a+c), shown in the given orders; T1 true; T2 a
     * true/false item without a key.
     */
    private static List<Item> paper(List<String> singleOrder, List<String> multipleOrder) {
        String singleKey = String.valueOf((char) ('A' + singleOrder.indexOf("b")));
        List<String> multipleKey = List.of(String.valueOf((char) ('A' + multipleOrder.indexOf("a"))),
                String.valueOf((char) ('A' + multipleOrder.indexOf("c")))).stream().sorted().toList();
        Item single = new Item(1, "S1", ObjectiveType.SINGLE_CHOICE, LABELS, singleOrder, List.of(singleKey), null);
        Item multiple = new Item(2, "M1", ObjectiveType.MULTIPLE_CHOICE, LABELS, multipleOrder, multipleKey, null);
        Item trueFalse = new Item(3, "T1", ObjectiveType.TRUE_FALSE, List.of(), List.of(), List.of(), true);
        Item unkeyed = new Item(4, "T2", ObjectiveType.TRUE_FALSE, List.of(), List.of(), List.of(), null);
        return List.of(single, multiple, trueFalse, unkeyed);
    }

    @Test
    @DisplayName("Labels on two differently shuffled papers map back to the same bank options")
    void shuffledLabelsMapBack() {
        List<Item> first = paper(List.of("a", "b", "c", "d"), List.of("a", "b", "c", "d"));
        List<Item> second = paper(List.of("d", "c", "b", "a"), List.of("c", "d", "a", "b"));

        // Both picked bank option "c" on S1 and {"b","d"} on M1: different labels, same answers.
        Map<String, Set<String>> one = PaperResponses.responses(first,
                Map.of(1, "\"C\"", 2, "[\"B\",\"D\"]", 3, "false", 4, "true"));
        Map<String, Set<String>> two = PaperResponses.responses(second,
                Map.of(1, "\"B\"", 2, "[\"B\",\"D\"]", 3, "false"));

        assertThat(one).isEqualTo(two)
                .isEqualTo(Map.of("S1", Set.of("c"), "M1", Set.of("b", "d"), "T1", Set.of(ObjectiveItem.FALSE)));
    }

    @Test
    @DisplayName("Objective items come out once in bank terms with the key mapped back, an unkeyed true/false left out")
    void objectiveItemsInBankTerms() {
        List<ObjectiveItem> items = PaperResponses.objectiveItems(List.of(
                paper(List.of("a", "b", "c", "d"), List.of("a", "b", "c", "d")),
                paper(List.of("d", "c", "b", "a"), List.of("c", "d", "a", "b"))));

        assertThat(items).containsExactly(
                new ObjectiveItem("S1", List.of("a", "b", "c", "d"), Set.of("b"), false),
                new ObjectiveItem("M1", List.of("a", "b", "c", "d"), Set.of("a", "c"), true),
                ObjectiveItem.trueFalse("T1", true));
    }

    @Test
    @DisplayName("Values that do not fit the paper are rejected naming the item number")
    void badValuesAreNamed() {
        List<Item> p = paper(List.of("a", "b", "c", "d"), List.of("a", "b", "c", "d"));
        assertThatThrownBy(() -> PaperResponses.responses(p,
                Map.of(1, "\"Z\"", 2, "\"A\"", 3, "\"yes\"", 9, "\"A\"")))
                .isInstanceOfSatisfying(SimilarityInputException.class, e -> assertThat(e.problems()).containsExactly(
                        "item 1: option 'Z' is not on this paper (labels [A, B, C, D])",
                        "item 2 is multiple choice: the value must be an array of option labels",
                        "item 3 is true/false: the value must be true or false",
                        "item 9: the paper has no item with this number (it has 4)"));
    }
}
