package cn.examcore.proctor.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.assembly.PaperSection;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.ItemType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PaperResponsesTest {

    private static List<Choice> labels(int n) {
        return List.of(new Choice("A", "x"), new Choice("B", "y"), new Choice("C", "z"), new Choice("D", "w"))
                .subList(0, n);
    }

    /** Bank item S1 (options a–d, key b) and M1 (options a–d, key a+c), shown in the given orders; T1 true. */
    private static Paper paper(List<String> singleOrder, List<String> multipleOrder) {
        String singleKey = String.valueOf((char) ('A' + singleOrder.indexOf("b")));
        Set<String> multipleKey = Set.of(String.valueOf((char) ('A' + multipleOrder.indexOf("a"))),
                String.valueOf((char) ('A' + multipleOrder.indexOf("c"))));
        PaperItem single = new PaperItem(1, "S1", ItemType.SINGLE_CHOICE, "s", labels(4), singleOrder,
                Set.of(singleKey), null, List.of(), BigDecimal.ONE, null, List.of(), null);
        PaperItem multiple = new PaperItem(2, "M1", ItemType.MULTIPLE_CHOICE, "m", labels(4), multipleOrder,
                multipleKey, null, List.of(), BigDecimal.ONE, null, List.of(), null);
        PaperItem trueFalse = new PaperItem(3, "T1", ItemType.TRUE_FALSE, "t", List.of(), List.of(), Set.of(),
                true, List.of(), BigDecimal.ONE, null, List.of(), null);
        PaperItem essay = new PaperItem(4, "E1", ItemType.ESSAY, "e", List.of(), List.of(), Set.of(), null,
                List.of(), BigDecimal.TEN, null, List.of(), null);
        return new Paper("bp", "bank", 1, 0, List.of(new PaperSection("s1", "objective", ItemType.SINGLE_CHOICE,
                List.of(single, multiple, trueFalse, essay))));
    }

    @Test
    @DisplayName("Labels on two differently shuffled papers map back to the same bank options")
    void shuffledLabelsMapBack() {
        Paper first = paper(List.of("a", "b", "c", "d"), List.of("a", "b", "c", "d"));
        Paper second = paper(List.of("d", "c", "b", "a"), List.of("c", "d", "a", "b"));

        // Both picked bank option "c" on S1 and {"b","d"} on M1: different labels, same answers.
        Map<String, Set<String>> one = PaperResponses.responses(first,
                Map.of(1, "\"C\"", 2, "[\"B\",\"D\"]", 3, "false", 4, "{\"text\":\"essay\"}"));
        Map<String, Set<String>> two = PaperResponses.responses(second,
                Map.of(1, "\"B\"", 2, "[\"B\",\"D\"]", 3, "false"));

        assertThat(one).isEqualTo(two)
                .isEqualTo(Map.of("S1", Set.of("c"), "M1", Set.of("b", "d"), "T1", Set.of(ObjectiveItem.FALSE)));
    }

    @Test
    @DisplayName("Objective items come out once in bank terms with the key mapped back, essays left out")
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
        Paper p = paper(List.of("a", "b", "c", "d"), List.of("a", "b", "c", "d"));
        assertThatThrownBy(() -> PaperResponses.responses(p,
                Map.of(1, "\"Z\"", 2, "\"A\"", 3, "\"yes\"", 9, "\"A\"")))
                .isInstanceOfSatisfying(SimilarityInputException.class, e -> assertThat(e.problems()).containsExactly(
                        "item 1: option 'Z' is not on this paper (labels [A, B, C, D])",
                        "item 2 is multiple choice: the value must be an array of option labels",
                        "item 3 is true/false: the value must be true or false",
                        "item 9: the paper has no item with this number (it has 4)"));
    }
}
