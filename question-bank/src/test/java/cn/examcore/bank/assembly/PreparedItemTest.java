package cn.examcore.bank.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.ScoreMapping;
import cn.examcore.bank.scoring.Response;
import cn.examcore.bank.scoring.Scorer;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PreparedItem")
class PreparedItemTest {

    private static List<RubricPoint> rubric(String... points) {
        return java.util.Arrays.stream(points).map(p -> new RubricPoint("p" + p, new BigDecimal(p))).toList();
    }

    private static List<BigDecimal> points(List<RubricPoint> rubric) {
        return rubric.stream().map(RubricPoint::points).toList();
    }

    @Test
    @DisplayName("option labels run A to Z, then AA, AB … like spreadsheet columns")
    void labels() {
        assertThat(PreparedItem.label(0)).isEqualTo("A");
        assertThat(PreparedItem.label(25)).isEqualTo("Z");
        assertThat(PreparedItem.label(26)).isEqualTo("AA");
        assertThat(PreparedItem.label(27)).isEqualTo("AB");
        assertThat(PreparedItem.label(51)).isEqualTo("AZ");
        assertThat(PreparedItem.label(52)).isEqualTo("BA");
        assertThat(PreparedItem.label(701)).isEqualTo("ZZ");
        assertThat(PreparedItem.label(702)).isEqualTo("AAA");
    }

    @Test
    @DisplayName("a rubric that already totals the paper score is kept as is")
    void unchangedRubric() {
        List<RubricPoint> r = rubric("3", "3", "4");
        assertThat(PreparedItem.scaleRubric(r, new BigDecimal("10.0"))).isSameAs(r);
    }

    @Test
    @DisplayName("scaled rubric points round to two decimals and the last takes the remainder, so the total is exact")
    void roundingRemainder() {
        List<RubricPoint> scaled = PreparedItem.scaleRubric(rubric("1", "1", "1"), BigDecimal.ONE);
        assertThat(points(scaled)).containsExactly(new BigDecimal("0.33"), new BigDecimal("0.33"),
                new BigDecimal("0.34"));
        assertThat(scaled).extracting(RubricPoint::description).containsExactly("p1", "p1", "p1");
        List<RubricPoint> up = PreparedItem.scaleRubric(rubric("3", "3", "4"), new BigDecimal("15"));
        assertThat(points(up)).containsExactly(new BigDecimal("4.50"), new BigDecimal("4.50"),
                new BigDecimal("6.00"));
    }

    @Test
    @DisplayName("a paper score with more decimals keeps them in the scaled points")
    void finerScale() {
        List<RubricPoint> scaled = PreparedItem.scaleRubric(rubric("1", "1"), new BigDecimal("0.125"));
        assertThat(points(scaled)).containsExactly(new BigDecimal("0.063"), new BigDecimal("0.062"));
        assertThat(points(scaled).stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.125");
    }

    @Test
    @DisplayName("many small points never leave the last one negative")
    void neverNegative() {
        String[] many = new String[12];
        java.util.Arrays.fill(many, "1");
        many[11] = "0.001";
        List<RubricPoint> scaled = PreparedItem.scaleRubric(rubric(many), new BigDecimal("0.5"));
        assertThat(points(scaled)).allSatisfy(p -> assertThat(p.signum()).isNotNegative());
        assertThat(points(scaled).stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.5");
    }

    private static Item choiceItem(List<Choice> options, Set<String> key, ScoreMapping mapping) {
        return new Item("Q", ItemType.MULTIPLE_CHOICE, "<p>q</p>", options, key, null, List.of(), new BigDecimal("2"),
                null, true, "K", 3, TestBanks.HR4, List.of(), null, "", mapping);
    }

    private static Bank bank(Item item) {
        return new Bank("b", "b", MultipleChoiceRule.ALL_OR_NOTHING, List.of(item), Map.of());
    }

    @Test
    @DisplayName("a fixed option (\"none of the above\") keeps its position however the others are shuffled")
    void fixedOptionStays() {
        List<Choice> options = List.of(new Choice("a", "A"), new Choice("b", "B"), new Choice("c", "C"),
                new Choice("none", "None of the above", true));
        Item item = choiceItem(options, Set.of("a", "b"), null);
        PreparedItem prepared = new PreparedItem(item, TestBanks.section("s", ItemType.MULTIPLE_CHOICE, 1, "2"),
                bank(item));
        Set<List<String>> orders = new HashSet<>();
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            PaperItem paper = prepared.toPaperItem(1, rnd);
            assertThat(paper.sourceOptionIds().get(3)).isEqualTo("none");
            orders.add(paper.sourceOptionIds());
        }
        assertThat(orders).hasSize(6);
    }

    @Test
    @DisplayName("a choice mapping follows the shuffled labels, so the same option earns the same points")
    void mappingFollowsShuffle() {
        List<Choice> options = List.of(new Choice("H", "H"), new Choice("O", "O"), new Choice("Cl", "Cl"));
        ScoreMapping mapping = new ScoreMapping(List.of(new ScoreMapping.Entry("H", BigDecimal.ONE, false),
                new ScoreMapping.Entry("O", BigDecimal.ONE, false),
                new ScoreMapping.Entry("Cl", BigDecimal.ONE.negate(), false)),
                BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("2"));
        Item item = choiceItem(options, Set.of("H", "O"), mapping);
        PreparedItem prepared = new PreparedItem(item, TestBanks.section("s", ItemType.MULTIPLE_CHOICE, 1, "4"),
                bank(item));
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 20; i++) {
            PaperItem paper = prepared.toPaperItem(1, rnd);
            String h = PreparedItem.label(paper.sourceOptionIds().indexOf("H"));
            String cl = PreparedItem.label(paper.sourceOptionIds().indexOf("Cl"));
            assertThat(Scorer.score(paper, new Response.Choices(Set.of(h))).points()).isEqualTo(new BigDecimal("2.00"));
            assertThat(Scorer.score(paper, new Response.Choices(Set.of(h, cl))).points())
                    .isEqualTo(new BigDecimal("0.00"));
        }
    }

    @Test
    @DisplayName("a mapping's maxChoices stays with it on a shuffled paper: three colours earn 3, four earn nothing")
    void maxChoicesFollowsShuffle() {
        List<Choice> options = List.of(new Choice("R", "red"), new Choice("Y", "yellow"), new Choice("B", "blue"),
                new Choice("M", "magenta"), new Choice("G", "green"));
        ScoreMapping mapping = new ScoreMapping(List.of(new ScoreMapping.Entry("R", BigDecimal.ONE, false),
                new ScoreMapping.Entry("Y", BigDecimal.ONE, false), new ScoreMapping.Entry("B", BigDecimal.ONE, false),
                new ScoreMapping.Entry("M", BigDecimal.ONE, false)), BigDecimal.ZERO, null, null, 3);
        Item item = new Item("Q", ItemType.MULTIPLE_CHOICE, "<p>q</p>", options, Set.of("R", "Y", "B", "M"), null,
                List.of(), new BigDecimal("3"), null, true, "K", 3, TestBanks.HR4, List.of(), null, "", mapping);
        PreparedItem prepared = new PreparedItem(item, TestBanks.section("s", ItemType.MULTIPLE_CHOICE, 1, "3"),
                bank(item));
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 20; i++) {
            PaperItem paper = prepared.toPaperItem(1, rnd);
            assertThat(paper.choiceMapping().maxChoices()).isEqualTo(3);
            Set<String> three = Set.of(label(paper, "R"), label(paper, "Y"), label(paper, "M"));
            Set<String> four = new HashSet<>(three);
            four.add(label(paper, "B"));
            assertThat(Scorer.score(paper, new Response.Choices(three)).points()).isEqualTo(new BigDecimal("3.00"));
            assertThat(Scorer.score(paper, new Response.Choices(four)).points()).isEqualTo(new BigDecimal("0.00"));
        }
    }

    private static String label(PaperItem paper, String sourceId) {
        return PreparedItem.label(paper.sourceOptionIds().indexOf(sourceId));
    }
}
