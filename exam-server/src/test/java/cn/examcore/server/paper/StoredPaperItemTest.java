package cn.examcore.server.paper;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
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
@DisplayName("A stored paper item")
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
}
