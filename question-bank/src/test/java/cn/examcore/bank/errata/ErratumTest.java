package cn.examcore.bank.errata;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.scoring.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Erratum (勘误)")
class ErratumTest {

    private static final List<Choice> OPTIONS = List.of(new Choice("A", "a"), new Choice("B", "b"),
            new Choice("C", "c"), new Choice("D", "d"));

    /** Display A, B, C, D show bank options C, A, D, B: the key is B on this paper, bank option A. */
    private static final PaperItem SINGLE = new PaperItem(3, "Q1", ItemType.SINGLE_CHOICE, "s", OPTIONS,
            List.of("C", "A", "D", "B"), Set.of("B"), null, List.of(), BigDecimal.ONE, null, List.of(), null);

    private static Item bankItem(ItemType type, int blanks) {
        return new Item("Q1", type, "s", type.hasOptions() ? OPTIONS : List.of(), Set.of("A"), null,
                java.util.Collections.nCopies(blanks, new Blank(List.of("x"), null)), BigDecimal.TEN,
                type == ItemType.MULTIPLE_CHOICE ? MultipleChoiceRule.ALL_OR_NOTHING : null, true, "kp", 3, null,
                type.machineScored() ? List.of() : List.of(new RubricPoint("all", BigDecimal.TEN)), null, "");
    }

    private static Erratum key(String... bankOptions) {
        return new Erratum("Q1", Erratum.Kind.KEY, Set.of(bankOptions), null, List.of());
    }

    @Test
    @DisplayName("A corrected key given in bank option ids is mapped to each paper's display labels")
    void keyInBankTerms() {
        assertThat(key("D").corrected(SINGLE).correctOptions()).containsExactly("C");
        List<Erratum> errata = List.of(key("D"));
        assertThat(Erratum.score(SINGLE, new Response.Choices(Set.of("C")), errata).points()).isEqualByComparingTo("1");
        assertThat(Erratum.score(SINGLE, new Response.Choices(Set.of("B")), errata).points()).isEqualByComparingTo("0");
        // Without the erratum the old key still holds.
        assertThat(Erratum.score(SINGLE, new Response.Choices(Set.of("B")), List.of()).points())
                .isEqualByComparingTo("1");
    }

    @Test
    @DisplayName("A voided item gives its full points to everyone, answered or not, and the latest erratum wins")
    void voidedAndLatest() {
        assertThat(Erratum.score(SINGLE, null, List.of(Erratum.voided("Q1"))).points()).isEqualByComparingTo("1");
        assertThat(Erratum.score(SINGLE, null, List.of(Erratum.voided("Q1"), key("A"))).points())
                .isEqualByComparingTo("0");
        assertThat(Erratum.score(SINGLE, new Response.Choices(Set.of("A")), List.of(Erratum.voided("Q2"))).points())
                .isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("A key that does not fit its item type is refused naming the field")
    void badKeys() {
        assertThat(key("E").problemWith(bankItem(ItemType.SINGLE_CHOICE, 0))).get()
                .extracting(Erratum.Problem::field).isEqualTo("key.options");
        assertThat(key("A", "B").problemWith(bankItem(ItemType.SINGLE_CHOICE, 0))).get()
                .extracting(Erratum.Problem::field).isEqualTo("key.options");
        assertThat(key("A").problemWith(bankItem(ItemType.MULTIPLE_CHOICE, 0))).get()
                .extracting(Erratum.Problem::field).isEqualTo("key.options");
        assertThat(key("A", "B").problemWith(bankItem(ItemType.MULTIPLE_CHOICE, 0))).isEmpty();
        assertThat(key().problemWith(bankItem(ItemType.TRUE_FALSE, 0))).get()
                .extracting(Erratum.Problem::field).isEqualTo("key.trueFalse");
        assertThat(new Erratum("Q1", Erratum.Kind.KEY, Set.of(), null, List.of(List.of("a")))
                .problemWith(bankItem(ItemType.FILL_IN, 2))).get()
                .extracting(Erratum.Problem::field).isEqualTo("key.blanks");
        assertThat(new Erratum("Q1", Erratum.Kind.KEY, Set.of(), null, List.of(List.of(" ")))
                .problemWith(bankItem(ItemType.FILL_IN, 1))).get()
                .extracting(Erratum.Problem::field).isEqualTo("key.blanks[0]");
        assertThat(Erratum.voided("Q1").problemWith(bankItem(ItemType.ESSAY, 0))).get()
                .extracting(Erratum.Problem::field).isEqualTo("itemId");
        assertThat(new Erratum("Q1", Erratum.Kind.KEY, Set.of(), true, List.of())
                .problemWith(bankItem(ItemType.TRUE_FALSE, 0))).isEmpty();
    }

    @Test
    @DisplayName("A corrected fill-in key replaces the accepted answers and keeps the numeric tolerance")
    void fillIn() {
        PaperItem blank = new PaperItem(1, "Q1", ItemType.FILL_IN, "s", List.of(), List.of(), Set.of(), null,
                List.of(new Blank(List.of("16"), new BigDecimal("0.5"))), BigDecimal.ONE, null, List.of(), null);
        Erratum e = new Erratum("Q1", Erratum.Kind.KEY, Set.of(), null, List.of(List.of("18")));
        assertThat(Erratum.score(blank, new Response.Blanks(List.of("18.4")), List.of(e)).points())
                .isEqualByComparingTo("1");
        assertThat(Erratum.score(blank, new Response.Blanks(List.of("16")), List.of(e)).points())
                .isEqualByComparingTo("0");
    }
}
