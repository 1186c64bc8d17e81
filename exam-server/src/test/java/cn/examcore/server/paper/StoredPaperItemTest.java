package cn.examcore.server.paper;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.assembly.PaperSection;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.ScoreMapping;
import cn.examcore.platform.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Papers are stored as JSON ({@link PaperService} encodes them with the platform mapper) and scored from what is read
 * back, so everything scoring reads must survive the round trip: a QTI partial-credit mapping and fixed options too,
 * or a mapped item would silently fall back to its type's rule after a restart.
 */
@DisplayName("A stored paper item and its candidate view")
class StoredPaperItemTest {

    @Test
    @DisplayName("keeps its score mapping and maxChoices, its fixed options and its item score through stored JSON")
    void mappingSurvivesTheStoredJson() {
        ScoreMapping mapping = new ScoreMapping(List.of(new ScoreMapping.Entry("A", new BigDecimal("1"), false),
                new ScoreMapping.Entry("B", new BigDecimal("1"), false),
                new ScoreMapping.Entry("C", new BigDecimal("-1"), false)), BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("2"), 3);
        PaperItem item = new PaperItem(3, "qti-elements", ItemType.MULTIPLE_CHOICE, "<p>Which are elements?</p>",
                List.of(new Choice("A", "H"), new Choice("B", "O"), new Choice("C", "Cl"),
                        new Choice("D", "None of the above", true)),
                List.of("H", "O", "Cl", "none"), Set.of("A", "B"), null, List.of(), new BigDecimal("4"),
                MultipleChoiceRule.ALL_OR_NOTHING, List.of(), null, mapping, new BigDecimal("2"));

        PaperItem read = Json.decode(Json.encode(item), PaperItem.class);

        assertThat(read).isEqualTo(item);
        assertThat(read.choiceMapping()).isEqualTo(mapping);
        assertThat(read.choiceMapping().maxChoices()).isEqualTo(3);
        assertThat(read.options().get(3).fixed()).isTrue();
    }

    @Test
    @DisplayName("shows the candidate a mapped item's maxChoices, never its mapping or key")
    void candidateSeesTheLimitOnly() {
        ScoreMapping mapping = new ScoreMapping(List.of(new ScoreMapping.Entry("A", BigDecimal.ONE, false),
                new ScoreMapping.Entry("B", BigDecimal.ONE, false), new ScoreMapping.Entry("C", BigDecimal.ONE, false)),
                BigDecimal.ZERO, null, null, 2);
        PaperItem limited = new PaperItem(1, "choose-two", ItemType.MULTIPLE_CHOICE, "<p>Choose two</p>",
                List.of(new Choice("A", "a"), new Choice("B", "b"), new Choice("C", "c"), new Choice("D", "d")),
                List.of("a", "b", "c", "d"), Set.of("A", "B", "C"), null, List.of(), new BigDecimal("2"),
                MultipleChoiceRule.ALL_OR_NOTHING, List.of(), null, mapping, new BigDecimal("2"));
        PaperItem plain = new PaperItem(2, "plain", ItemType.MULTIPLE_CHOICE, "<p>Any</p>",
                List.of(new Choice("A", "a"), new Choice("B", "b")), List.of("a", "b"), Set.of("A"), null, List.of(),
                BigDecimal.ONE, MultipleChoiceRule.ALL_OR_NOTHING, List.of(), null);
        Paper paper = new Paper("bp", "bank", 1, 0, List.of(new PaperSection("s", "多选", ItemType.MULTIPLE_CHOICE,
                List.of(limited, plain))));

        var items = CandidatePaperView.of("att", "t", paper).get("sections").get(0).get("items");

        assertThat(items.get(0).get("maxChoices").asInt()).isEqualTo(2);
        assertThat(items.get(1).has("maxChoices")).isFalse();
        String json = items.toString();
        assertThat(json).doesNotContain("mapping").doesNotContain("correct").doesNotContain("points");
    }
}
