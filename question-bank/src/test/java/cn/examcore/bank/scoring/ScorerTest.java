package cn.examcore.bank.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.OperationSpec;
import cn.examcore.bank.model.RubricPoint;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Scorer")
class ScorerTest {

    private static final List<Choice> OPTIONS = List.of(new Choice("A", "a"), new Choice("B", "b"),
            new Choice("C", "c"), new Choice("D", "d"));

    private static PaperItem item(ItemType type, Set<String> key, Boolean trueFalse, List<Blank> blanks,
                                  String score, MultipleChoiceRule rule) {
        boolean choice = type.hasOptions();
        return new PaperItem(7, "HR4-T-0007", type, "<p>stem</p>", choice ? OPTIONS : List.of(),
                choice ? List.of("C", "A", "D", "B") : List.of(), key, trueFalse, blanks,
                score == null ? null : new BigDecimal(score), rule,
                type.machineScored() ? List.of() : List.of(new RubricPoint("all", new BigDecimal(score))),
                type == ItemType.OPERATION ? new OperationSpec(List.of(), List.of("docx"), 30) : null);
    }

    private static final PaperItem SINGLE = item(ItemType.SINGLE_CHOICE, Set.of("B"), null, List.of(), "1", null);
    private static final PaperItem MULTIPLE = item(ItemType.MULTIPLE_CHOICE, Set.of("A", "C"), null, List.of(),
            "2", MultipleChoiceRule.PARTIAL_SUBSET);
    private static final PaperItem TRUE_FALSE = item(ItemType.TRUE_FALSE, Set.of(), false, List.of(), "1", null);
    private static final PaperItem FILL_IN = item(ItemType.FILL_IN, Set.of(), null,
            List.of(new Blank(List.of("16"), new BigDecimal("0.5")), new Blank(List.of("人社部"), null)), "2", null);

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("right single choice", SINGLE, new Response.Choices(Set.of("B")), "1.00"),
                Arguments.of("wrong single choice", SINGLE, new Response.Choices(Set.of("A")), "0.00"),
                Arguments.of("full multiple choice", MULTIPLE, new Response.Choices(Set.of("A", "C")), "2.00"),
                Arguments.of("correct subset under PARTIAL_SUBSET", MULTIPLE, new Response.Choices(Set.of("C")),
                        "1.00"),
                Arguments.of("a wrong option under PARTIAL_SUBSET", MULTIPLE,
                        new Response.Choices(Set.of("A", "C", "D")), "0.00"),
                Arguments.of("nothing chosen", MULTIPLE, new Response.Choices(Set.of()), "0.00"),
                Arguments.of("right true/false", TRUE_FALSE, new Response.TrueFalse(false), "1.00"),
                Arguments.of("wrong true/false", TRUE_FALSE, new Response.TrueFalse(true), "0.00"),
                Arguments.of("both blanks right", FILL_IN, new Response.Blanks(List.of("１６", " 人社部")), "2.00"),
                Arguments.of("one blank right", FILL_IN, new Response.Blanks(List.of("16.6", "人社部")), "1.00"),
                Arguments.of("unanswered single choice", SINGLE, null, "0.00"),
                Arguments.of("unanswered fill-in", FILL_IN, null, "0.00"),
                Arguments.of("true/false given to a choice item", SINGLE, new Response.TrueFalse(true), "0.00"),
                Arguments.of("text given to a fill-in item", FILL_IN, new Response.Text("16", List.of()), "0.00"),
                Arguments.of("choices given to a true/false item", TRUE_FALSE, new Response.Choices(Set.of("A")),
                        "0.00"),
                Arguments.of("blanks given to a multiple choice", MULTIPLE, new Response.Blanks(List.of("A", "C")),
                        "0.00"));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("answers")
    @DisplayName("objective items are scored at once")
    void scoresObjectiveItems(String name, PaperItem item, Response response, String expected) {
        ItemScore score = Scorer.score(item, response);

        assertThat(score.points()).isEqualTo(new BigDecimal(expected));
        assertThat(score.max()).isEqualTo(item.score());
        assertThat(score.needsMarking()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ItemType.class, names = {"SHORT_ANSWER", "ESSAY", "OPERATION"})
    @DisplayName("human-marked items score zero and wait for marking, answered or not")
    void humanMarkedItemsNeedMarking(ItemType type) {
        PaperItem item = item(type, Set.of(), null, List.of(), "10", null);

        ItemScore answered = Scorer.score(item, new Response.Text("my answer", List.of("report.docx")));
        ItemScore unanswered = Scorer.score(item, null);

        assertThat(answered).isEqualTo(new ItemScore(new BigDecimal("0.00"), new BigDecimal("10"), true));
        assertThat(unanswered).isEqualTo(answered);
    }

    @Test
    @DisplayName("the paper's score is the maximum, whatever the bank said")
    void paperScoreIsTheMaximum() {
        PaperItem heavier = item(ItemType.SINGLE_CHOICE, Set.of("B"), null, List.of(), "1.5", null);

        assertThat(Scorer.score(heavier, new Response.Choices(Set.of("B"))))
                .isEqualTo(new ItemScore(new BigDecimal("1.50"), new BigDecimal("1.5"), false));
    }

    @Test
    @DisplayName("an incomplete paper item is refused with a message naming it")
    void incompletePaperItemsAreRefused() {
        PaperItem noRule = item(ItemType.MULTIPLE_CHOICE, Set.of("A", "C"), null, List.of(), "2", null);
        PaperItem noScore = item(ItemType.TRUE_FALSE, Set.of(), true, List.of(), null, null);
        PaperItem noTrueFalseKey = item(ItemType.TRUE_FALSE, Set.of(), null, List.of(), "1", null);
        PaperItem noChoiceKey = item(ItemType.SINGLE_CHOICE, Set.of(), null, List.of(), "1", null);
        Response.Choices chosen = new Response.Choices(Set.of("A"));

        assertThatThrownBy(() -> Scorer.score(noRule, chosen)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HR4-T-0007").hasMessageContaining("rule");
        assertThatThrownBy(() -> Scorer.score(noScore, new Response.TrueFalse(true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no score");
        assertThatThrownBy(() -> Scorer.score(noTrueFalseKey, new Response.TrueFalse(true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no key");
        assertThatThrownBy(() -> Scorer.score(noChoiceKey, chosen))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no key");
    }
}
