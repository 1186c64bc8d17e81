package cn.examcore.bank.assembly;

import static cn.examcore.bank.assembly.TestBanks.HR4;
import static cn.examcore.bank.assembly.TestBanks.blueprint;
import static cn.examcore.bank.assembly.TestBanks.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.RubricPoint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Assembler")
class AssemblerTest {

    private static final Bank BANK = TestBanks.bank(7, 300);
    private static final Blueprint HUNDRED = TestBanks.hundredItemBlueprint();
    private static final AssemblyIndex INDEX = AssemblyIndex.of(BANK, HUNDRED);
    private static final Map<String, Item> BY_ID =
            BANK.items().stream().collect(Collectors.toMap(Item::id, Function.identity()));

    private static List<String> ids(Paper p) {
        return p.items().map(PaperItem::itemId).toList();
    }

    @Test
    @DisplayName("the same bank, blueprint, seed and form give an identical paper, also from a fresh index")
    void reproducible() {
        for (long seed = 0; seed < 20; seed++) {
            Paper a = INDEX.assemble(seed, 0);
            Paper b = Assembler.assemble(TestBanks.bank(7, 300), TestBanks.hundredItemBlueprint(), seed, 0);
            assertThat(b).isEqualTo(a);
            assertThat(b.seed()).isEqualTo(seed);
            assertThat(b.form()).isZero();
            assertThat(b.bankId()).isEqualTo(BANK.id());
            assertThat(b.blueprintId()).isEqualTo("bp");
        }
    }

    @Test
    @DisplayName("one index used from many threads at once gives the same papers as one thread")
    void threadSafe() {
        List<Paper> sequential = java.util.stream.LongStream.range(0, 200).mapToObj(s -> INDEX.assemble(s, 0)).toList();
        List<Paper> parallel = java.util.stream.LongStream.range(0, 200).parallel()
                .mapToObj(s -> INDEX.assemble(s, 0)).toList();
        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    @DisplayName("different seeds give different papers")
    void seedsDiffer() {
        Set<List<String>> seen = new HashSet<>();
        for (long seed = 1000; seed < 1100; seed++) {
            seen.add(ids(INDEX.assemble(seed, 0)));
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    @DisplayName("a paper has the blueprint's sections, counts, numbering and total score")
    void shape() {
        Paper p = INDEX.assemble(42, 0);
        assertThat(p.sections()).extracting(PaperSection::id).containsExactly("s1", "s2", "s3");
        assertThat(p.sections()).extracting(PaperSection::title)
                .containsExactly("一、单项选择题", "二、多项选择题", "三、判断题");
        assertThat(p.sections()).extracting(s -> s.items().size()).containsExactly(60, 20, 20);
        assertThat(p.items().map(PaperItem::number).toList())
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList());
        assertThat(p.totalScore()).isEqualByComparingTo(HUNDRED.totalScore()).isEqualByComparingTo("100");
        for (PaperSection s : p.sections()) {
            assertThat(s.items()).allSatisfy(i -> assertThat(i.type()).isEqualTo(s.type()));
        }
    }

    @Test
    @DisplayName("items come only from bank items with the blueprint's tags and the section's type")
    void tagsAndTypeFilter() {
        for (long seed = 0; seed < 200; seed++) {
            Paper p = INDEX.assemble(seed, 0);
            for (PaperSection s : p.sections()) {
                for (PaperItem i : s.items()) {
                    Item source = BY_ID.get(i.itemId());
                    assertThat(source.tags()).isEqualTo(HR4);
                    assertThat(source.type()).isEqualTo(s.type());
                }
            }
        }
    }

    @Test
    @DisplayName("no item appears twice in a paper, also across sections of the same type")
    void noDuplicates() {
        Bank small = TestBanks.bank(3, Map.of(ItemType.SINGLE_CHOICE, 30), 0);
        AssemblyIndex index = AssemblyIndex.of(small, blueprint(section("a", ItemType.SINGLE_CHOICE, 12, "1"),
                section("b", ItemType.SINGLE_CHOICE, 18, "2")));
        for (long seed = 0; seed < 300; seed++) {
            List<String> ids = ids(index.assemble(seed, 0));
            assertThat(ids).hasSize(30).doesNotHaveDuplicates();
        }
        for (long seed = 0; seed < 100; seed++) {
            assertThat(ids(INDEX.assemble(seed, 0))).doesNotHaveDuplicates();
        }
    }

    @Test
    @DisplayName("knowledge-point and difficulty minimums and maximums hold for many seeds and random blueprints")
    void constraintsHoldProperty() {
        SplittableRandom rnd = new SplittableRandom(99);
        int papers = 0;
        for (int round = 0; round < 40; round++) {
            int count = 10 + rnd.nextInt(30);
            List<Constraint> cs = new ArrayList<>();
            int d = 1 + rnd.nextInt(5);
            int dMin = rnd.nextInt(count / 4 + 1);
            cs.add(new Constraint(Constraint.Kind.DIFFICULTY, String.valueOf(d), dMin, dMin + rnd.nextInt(count / 3 + 1)));
            int d2 = d % 5 + 1;
            cs.add(new Constraint(Constraint.Kind.DIFFICULTY, String.valueOf(d2), 0, rnd.nextInt(count / 3 + 1) + 1));
            String kp = "HR4-0" + (1 + rnd.nextInt(5));
            int kMin = rnd.nextInt(count / 4 + 1);
            cs.add(new Constraint(Constraint.Kind.KNOWLEDGE_POINT, kp, kMin, rnd.nextBoolean() ? null : kMin + 3));
            cs.add(new Constraint(Constraint.Kind.KNOWLEDGE_POINT, kp + "-0" + (1 + rnd.nextInt(3)),
                    Math.min(kMin, 2), null));
            Section s = new Section("s", "一、单项选择题", ItemType.SINGLE_CHOICE, count, BigDecimal.ONE, null, cs);
            AssemblyIndex index = AssemblyIndex.of(BANK, blueprint(s));
            for (long seed = 0; seed < 25; seed++) {
                Paper p = index.assemble(seed * 31 + round, 0);
                List<Item> items = p.items().map(i -> BY_ID.get(i.itemId())).toList();
                assertThat(items).hasSize(count);
                for (Constraint c : cs) {
                    long n = items.stream().filter(i -> c.kind() == Constraint.Kind.DIFFICULTY
                            ? i.difficulty() == Integer.parseInt(c.value())
                            : i.knowledgePoint().startsWith(c.value())).count();
                    assertThat(n).as("%s in %s (seed %d)", c, s, seed).isGreaterThanOrEqualTo(c.min());
                    if (c.max() != null) {
                        assertThat(n).as("%s in %s (seed %d)", c, s, seed).isLessThanOrEqualTo(c.max());
                    }
                }
                papers++;
            }
        }
        assertThat(papers).isEqualTo(1000);
    }

    @Test
    @DisplayName("minimums that can only be met by items serving both are met by sharing places")
    void overlappingMinimums() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<Item> items = new ArrayList<>();
        // 6 items that are both HR4-01 and difficulty 1, 40 that are neither.
        for (int i = 0; i < 6; i++) {
            items.add(TestBanks.item("both-" + i, ItemType.SINGLE_CHOICE, HR4, "HR4-01-01", 1, rnd));
        }
        for (int i = 0; i < 40; i++) {
            items.add(TestBanks.item("other-" + i, ItemType.SINGLE_CHOICE, HR4, "HR4-02-01", 3, rnd));
        }
        for (int i = 0; i < 20; i++) {
            items.add(TestBanks.item("kp-only-" + i, ItemType.SINGLE_CHOICE, HR4, "HR4-01-02", 2, rnd));
            items.add(TestBanks.item("d1-only-" + i, ItemType.SINGLE_CHOICE, HR4, "HR4-03-01", 1, rnd));
        }
        Bank bank = new Bank("b", "b", MultipleChoiceRule.ALL_OR_NOTHING, items, Map.of());
        Section s = new Section("s1", "一、单项选择题", ItemType.SINGLE_CHOICE, 5, BigDecimal.ONE, null, List.of(
                new Constraint(Constraint.Kind.KNOWLEDGE_POINT, "HR4-01", 4, null),
                new Constraint(Constraint.Kind.DIFFICULTY, "1", 4, null)));
        AssemblyIndex index = AssemblyIndex.of(bank, blueprint(s));
        for (long seed = 0; seed < 300; seed++) {
            List<String> ids = ids(index.assemble(seed, 0));
            long both = ids.stream().filter(id -> id.startsWith("both-")).count();
            long kp = ids.stream().filter(id -> id.startsWith("both-") || id.startsWith("kp-only-")).count();
            long d1 = ids.stream().filter(id -> id.startsWith("both-") || id.startsWith("d1-only-")).count();
            assertThat(both).as("seed %d: %s", seed, ids).isGreaterThanOrEqualTo(3);
            assertThat(kp).isGreaterThanOrEqualTo(4);
            assertThat(d1).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    @DisplayName("the remapped key points at the same option text as the original key, for many seeds")
    void keyRemapping() {
        int shuffled = 0;
        int choiceItems = 0;
        for (long seed = 0; seed < 300; seed++) {
            for (PaperItem pi : INDEX.assemble(seed, 0).items().toList()) {
                Item source = BY_ID.get(pi.itemId());
                if (!pi.type().hasOptions()) {
                    assertThat(pi.options()).isEmpty();
                    assertThat(pi.correctOptions()).isEmpty();
                    assertThat(pi.correctTrueFalse()).isEqualTo(source.correctTrueFalse());
                    continue;
                }
                choiceItems++;
                Map<String, String> sourceText =
                        source.options().stream().collect(Collectors.toMap(Choice::id, Choice::html));
                Map<String, String> shownText =
                        pi.options().stream().collect(Collectors.toMap(Choice::id, Choice::html));
                Set<String> originalKeyText =
                        source.correctOptions().stream().map(sourceText::get).collect(Collectors.toSet());
                Set<String> remappedKeyText =
                        pi.correctOptions().stream().map(shownText::get).collect(Collectors.toSet());
                assertThat(remappedKeyText).isEqualTo(originalKeyText).doesNotContainNull();
                assertThat(pi.options()).extracting(Choice::id)
                        .isEqualTo(List.of("A", "B", "C", "D", "E").subList(0, source.options().size()));
                for (int k = 0; k < pi.options().size(); k++) {
                    assertThat(sourceText.get(pi.sourceOptionIds().get(k))).isEqualTo(pi.options().get(k).html());
                }
                assertThat(pi.sourceOptionIds()).containsExactlyInAnyOrderElementsOf(sourceText.keySet());
                List<String> authored = source.options().stream().map(Choice::id).toList();
                if (!source.shuffleOptions()) {
                    assertThat(pi.sourceOptionIds()).isEqualTo(authored);
                } else if (!pi.sourceOptionIds().equals(authored)) {
                    shuffled++;
                }
            }
        }
        assertThat(choiceItems).isEqualTo(300 * 80);
        // Items that allow it are shuffled most of the time (identity happens 1/24 or 1/120 by chance).
        assertThat(shuffled).isGreaterThan(choiceItems / 2);
    }

    @Test
    @DisplayName("the option order of one item differs between candidates")
    void optionOrderVariesPerCandidate() {
        Item shuffleItem = BANK.items().stream()
                .filter(i -> i.type() == ItemType.MULTIPLE_CHOICE && i.shuffleOptions()).findFirst().orElseThrow();
        Set<List<String>> orders = new HashSet<>();
        for (long seed = 0; seed < 2000 && orders.size() < 5; seed++) {
            INDEX.assemble(seed, 0).items().filter(i -> i.itemId().equals(shuffleItem.id()))
                    .forEach(i -> orders.add(i.sourceOptionIds()));
        }
        assertThat(orders).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    @DisplayName("scores follow the section and rubric points are scaled to add up to it")
    void scoresAndRubric() {
        Bank bank = TestBanks.bank(11, 20);
        Blueprint bp = blueprint(section("s1", ItemType.SHORT_ANSWER, 3, "5"),
                section("s2", ItemType.ESSAY, 2, "10"), section("s3", ItemType.OPERATION, 2, "25.5"),
                section("s4", ItemType.FILL_IN, 4, "1.5"));
        Paper p = Assembler.assemble(bank, bp, 8, 0);
        assertThat(p.totalScore()).isEqualByComparingTo("92");
        PaperSection shortAnswers = p.sections().get(0);
        for (PaperItem i : shortAnswers.items()) {
            assertThat(i.score()).isEqualByComparingTo("5");
            // 3, 3, 4 of 10 scaled to 5: 1.5, 1.5, 2.
            assertThat(i.rubric()).extracting(RubricPoint::points)
                    .usingComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .containsExactly(new BigDecimal("1.5"), new BigDecimal("1.5"), new BigDecimal("2"));
        }
        for (PaperItem i : p.sections().get(1).items()) {
            assertThat(i.rubric()).isEqualTo(byIdOf(bank).get(i.itemId()).rubric());
        }
        for (PaperItem i : p.sections().get(2).items()) {
            BigDecimal sum = i.rubric().stream().map(RubricPoint::points).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).isEqualByComparingTo("25.5");
            assertThat(i.rubric().get(0).points()).isEqualByComparingTo("7.65");
            assertThat(i.operation()).isEqualTo(byIdOf(bank).get(i.itemId()).operation());
        }
        for (PaperItem i : p.sections().get(3).items()) {
            assertThat(i.blanks()).isEqualTo(byIdOf(bank).get(i.itemId()).blanks());
            assertThat(i.score()).isEqualByComparingTo("1.5");
        }
    }

    private static Map<String, Item> byIdOf(Bank bank) {
        return bank.items().stream().collect(Collectors.toMap(Item::id, Function.identity()));
    }

    @Test
    @DisplayName("the multiple-choice rule comes from the section, else the item, else the bank")
    void multipleRuleResolution() {
        Bank bank = TestBanks.bank(13, 40);
        Map<String, Item> byId = byIdOf(bank);
        Paper sectionRule = Assembler.assemble(bank, blueprint(new Section("m", "多选", ItemType.MULTIPLE_CHOICE,
                30, BigDecimal.ONE, MultipleChoiceRule.PROPORTIONAL, List.of())), 1, 0);
        assertThat(sectionRule.items()).allSatisfy(i ->
                assertThat(i.multipleRule()).isEqualTo(MultipleChoiceRule.PROPORTIONAL));
        Paper inherited = Assembler.assemble(bank, blueprint(section("m", ItemType.MULTIPLE_CHOICE, 30, "2")), 1, 0);
        List<PaperItem> items = inherited.items().toList();
        assertThat(items).allSatisfy(i -> {
            MultipleChoiceRule own = byId.get(i.itemId()).multipleRule();
            assertThat(i.multipleRule()).isEqualTo(own != null ? own : MultipleChoiceRule.PARTIAL_SUBSET);
        });
        assertThat(items).anySatisfy(i -> assertThat(byId.get(i.itemId()).multipleRule()).isNull());
        assertThat(items).anySatisfy(i -> assertThat(byId.get(i.itemId()).multipleRule()).isNotNull());
        Paper single = Assembler.assemble(bank, blueprint(section("s", ItemType.SINGLE_CHOICE, 5, "1")), 1, 0);
        assertThat(single.items()).allSatisfy(i -> assertThat(i.multipleRule()).isNull());
    }

    @Test
    @DisplayName("a section the bank cannot fill is refused, naming section, tags and the shortfall")
    void sectionShortage() {
        Bank bank = TestBanks.bank(1, Map.of(ItemType.MULTIPLE_CHOICE, 12, ItemType.SINGLE_CHOICE, 50), 30);
        Blueprint bp = blueprint(section("s1", ItemType.SINGLE_CHOICE, 40, "1"),
                new Section("s2", "二、多项选择题", ItemType.MULTIPLE_CHOICE, 20, BigDecimal.ONE, null, List.of()));
        assertThatThrownBy(() -> AssemblyIndex.of(bank, bp))
                .isInstanceOfSatisfying(AssemblyException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("section s2 (二、多项选择题): needs 20 MULTIPLE_CHOICE items "
                            + "tagged 企业人力资源管理师/4/THEORY, bank has 12, 8 missing");
                    AssemblyProblem p = e.problems().get(0);
                    assertThat(p.kind()).isEqualTo(AssemblyProblem.Kind.SHORTAGE);
                    assertThat(p.sectionId()).isEqualTo("s2");
                    assertThat(p.constraint()).isNull();
                    assertThat(p.required()).isEqualTo(20);
                    assertThat(p.available()).isEqualTo(12);
                    assertThat(p.missing()).isEqualTo(8);
                });
    }

    @Test
    @DisplayName("sections of one type that together outrun the bank are refused together")
    void sharedPoolShortage() {
        Bank bank = TestBanks.bank(1, Map.of(ItemType.SINGLE_CHOICE, 50), 0);
        Blueprint bp = blueprint(section("a", ItemType.SINGLE_CHOICE, 30, "1"),
                section("b", ItemType.SINGLE_CHOICE, 30, "1"));
        assertThatThrownBy(() -> AssemblyIndex.of(bank, bp)).isInstanceOfSatisfying(AssemblyException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.sectionId()).isEqualTo("a, b");
                    assertThat(p.missing()).isEqualTo(10);
                    assertThat(p.message()).contains("sections a, b together need 60 SINGLE_CHOICE items");
                }));
    }

    @Test
    @DisplayName("constraint minimums and maximums the bank cannot meet name section, constraint and missing count")
    void constraintShortages() {
        SplittableRandom rnd = new SplittableRandom(2);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(TestBanks.item("m" + i, ItemType.MULTIPLE_CHOICE, HR4, i < 2 ? "HR4-03-01" : "HR4-01-01",
                    i < 5 ? 2 : 3, rnd));
        }
        Bank bank = new Bank("b", "b", MultipleChoiceRule.ALL_OR_NOTHING, items, Map.of());
        Section s2 = new Section("s2", "多项选择题", ItemType.MULTIPLE_CHOICE, 10, BigDecimal.ONE, null, List.of(
                new Constraint(Constraint.Kind.KNOWLEDGE_POINT, "HR4-03", 4, null),
                new Constraint(Constraint.Kind.DIFFICULTY, "3", 0, 2)));
        assertThatThrownBy(() -> AssemblyIndex.of(bank, blueprint(s2)))
                .isInstanceOfSatisfying(AssemblyException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    AssemblyProblem kp = e.problems().get(0);
                    assertThat(kp.message()).isEqualTo("section s2 (多项选择题): constraint knowledge point HR4-03 "
                            + "min 4: only 2 eligible items, 2 missing");
                    assertThat(kp.kind()).isEqualTo(AssemblyProblem.Kind.SHORTAGE);
                    assertThat(kp.sectionId()).isEqualTo("s2");
                    assertThat(kp.constraint()).isEqualTo(s2.constraints().get(0));
                    assertThat(kp.missing()).isEqualTo(2);
                    AssemblyProblem max = e.problems().get(1);
                    assertThat(max.message()).isEqualTo("section s2 (多项选择题): constraint difficulty 3 max 2: the "
                            + "other 8 places need items outside it, only 5 eligible items, 3 missing");
                    assertThat(max.constraint()).isEqualTo(s2.constraints().get(1));
                    assertThat(max.missing()).isEqualTo(3);
                    assertThat(e.getMessage()).isEqualTo(kp.message() + "\n" + max.message());
                });
    }

    @Test
    @DisplayName("constraints that each fit but cannot hold together are reported as a conflict")
    void conflictingConstraints() {
        SplittableRandom rnd = new SplittableRandom(4);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(TestBanks.item("kp-" + i, ItemType.SINGLE_CHOICE, HR4, "HR4-01-01", 2, rnd));
            items.add(TestBanks.item("d1-" + i, ItemType.SINGLE_CHOICE, HR4, "HR4-02-01", 1, rnd));
        }
        Bank bank = new Bank("b", "b", MultipleChoiceRule.ALL_OR_NOTHING, items, Map.of());
        // No item is both HR4-01 and difficulty 1, so the two minimums need 6 places of 4.
        Section s = new Section("s1", "一、单项选择题", ItemType.SINGLE_CHOICE, 4, BigDecimal.ONE, null, List.of(
                new Constraint(Constraint.Kind.KNOWLEDGE_POINT, "HR4-01", 3, null),
                new Constraint(Constraint.Kind.DIFFICULTY, "1", 3, null)));
        AssemblyIndex index = AssemblyIndex.of(bank, blueprint(s));
        assertThatThrownBy(() -> index.assemble(1, 0)).isInstanceOfSatisfying(AssemblyException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(AssemblyProblem.Kind.CONFLICT);
                    assertThat(p.sectionId()).isEqualTo("s1");
                    assertThat(p.constraint()).isNotNull();
                    assertThat(p.missing()).isPositive();
                    assertThat(p.message()).startsWith("section s1 (一、单项选择题): the constraints could not all be "
                            + "met together in 16 attempts: constraint ").contains(" missing");
                }));
    }

    @Test
    @DisplayName("parallel forms of one seed share no item, and form k alone equals the k-th of the set")
    void parallelForms() {
        assertThat(INDEX.maxDisjointForms()).isGreaterThanOrEqualTo(3);
        for (long seed = 0; seed < 20; seed++) {
            List<Paper> forms = INDEX.assembleForms(seed, 3);
            assertThat(forms).extracting(Paper::form).containsExactly(0, 1, 2);
            List<String> all = forms.stream().flatMap(p -> ids(p).stream()).toList();
            assertThat(all).hasSize(300).doesNotHaveDuplicates();
            assertThat(forms.get(0)).isEqualTo(INDEX.assemble(seed, 0));
            assertThat(forms.get(2)).isEqualTo(INDEX.assemble(seed, 2));
        }
    }

    @Test
    @DisplayName("asking for more disjoint forms than the bank supports names the section and the bound")
    void tooManyForms() {
        Bank bank = TestBanks.bank(1, Map.of(ItemType.SINGLE_CHOICE, 100, ItemType.TRUE_FALSE, 100), 0);
        Blueprint bp = blueprint(new Section("s1", "一、单项选择题", ItemType.SINGLE_CHOICE, 40, BigDecimal.ONE,
                null, List.of()), section("s2", ItemType.TRUE_FALSE, 20, "1"));
        AssemblyIndex index = AssemblyIndex.of(bank, bp);
        assertThat(index.maxDisjointForms()).isEqualTo(2);
        assertThat(index.assembleForms(5, 2)).hasSize(2);
        assertThatThrownBy(() -> index.assembleForms(5, 3)).isInstanceOfSatisfying(AssemblyException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(AssemblyProblem.Kind.FORMS);
                    assertThat(p.sectionId()).isEqualTo("s1");
                    assertThat(p.required()).isEqualTo(120);
                    assertThat(p.available()).isEqualTo(100);
                    assertThat(p.message()).isEqualTo("section s1 (一、单项选择题): the bank supports at most 2 "
                            + "disjoint forms, 3 requested: 100 eligible SINGLE_CHOICE items, 40 per form");
                }));
        assertThatThrownBy(() -> index.assemble(5, 2)).isInstanceOf(AssemblyException.class)
                .hasMessageContaining("at most 2 disjoint forms");
    }

    @Test
    @DisplayName("a constraint minimum bounds the number of disjoint forms")
    void formsBoundedByConstraint() {
        SplittableRandom rnd = new SplittableRandom(8);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(TestBanks.item("i" + i, ItemType.SINGLE_CHOICE, HR4, i < 7 ? "HR4-05-01" : "HR4-01-01", 3, rnd));
        }
        Bank bank = new Bank("b", "b", MultipleChoiceRule.ALL_OR_NOTHING, items, Map.of());
        Section s = new Section("s1", "一、单项选择题", ItemType.SINGLE_CHOICE, 10, BigDecimal.ONE, null, List.of(
                new Constraint(Constraint.Kind.KNOWLEDGE_POINT, "HR4-05", 3, null)));
        AssemblyIndex index = AssemblyIndex.of(bank, blueprint(s));
        assertThat(index.maxDisjointForms()).isEqualTo(2);
        for (long seed = 0; seed < 50; seed++) {
            List<Paper> forms = index.assembleForms(seed, 2);
            for (Paper p : forms) {
                assertThat(ids(p).stream().filter(id -> Integer.parseInt(id.substring(1)) < 7).count())
                        .isGreaterThanOrEqualTo(3);
            }
        }
        assertThatThrownBy(() -> index.assembleForms(0, 3)).isInstanceOf(AssemblyException.class)
                .hasMessage("section s1 (一、单项选择题): the bank supports at most 2 disjoint forms, 3 requested: "
                        + "constraint knowledge point HR4-05 min 3 has 7 eligible items, 3 per form");
    }

    @Test
    @DisplayName("as many disjoint forms as the bound allows are found even when they use up the bank exactly")
    void formsUseUpTheBank() {
        SplittableRandom rnd = new SplittableRandom(12);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            items.add(TestBanks.item("kp5-" + i, ItemType.SINGLE_CHOICE, HR4, "HR4-05-01", 2, rnd));
            items.add(TestBanks.item("other-" + i, ItemType.SINGLE_CHOICE, HR4, "HR4-01-01", 3, rnd));
        }
        for (int i = 0; i < 12; i++) {
            items.add(TestBanks.item("easy-" + i, ItemType.SINGLE_CHOICE, HR4, "HR4-01-02", 1, rnd));
        }
        Bank bank = new Bank("b", "b", MultipleChoiceRule.ALL_OR_NOTHING, items, Map.of());
        // Three forms of 10 take all 30 items: exactly 3 of HR4-05 and 4 of difficulty 1 each.
        Section s = new Section("s1", "一、单项选择题", ItemType.SINGLE_CHOICE, 10, BigDecimal.ONE, null, List.of(
                new Constraint(Constraint.Kind.KNOWLEDGE_POINT, "HR4-05", 3, null),
                new Constraint(Constraint.Kind.DIFFICULTY, "1", 0, 4)));
        AssemblyIndex index = AssemblyIndex.of(bank, blueprint(s));
        assertThat(index.maxDisjointForms()).isEqualTo(3);
        for (long seed = 0; seed < 200; seed++) {
            List<Paper> forms = index.assembleForms(seed, 3);
            assertThat(forms.stream().flatMap(p -> ids(p).stream()).toList()).hasSize(30).doesNotHaveDuplicates();
            for (Paper p : forms) {
                assertThat(ids(p).stream().filter(id -> id.startsWith("kp5-")).count()).isGreaterThanOrEqualTo(3);
                assertThat(ids(p).stream().filter(id -> id.startsWith("easy-")).count()).isLessThanOrEqualTo(4);
            }
            assertThat(index.assemble(seed, 0)).isEqualTo(forms.get(0));
        }
        // The first form still varies from seed to seed.
        Set<List<String>> firstForms = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            firstForms.add(ids(index.assemble(seed, 0)).stream().sorted().toList());
        }
        assertThat(firstForms).hasSizeGreaterThan(10);
    }

    @Test
    @DisplayName("a negative form or a form count below 1 is refused")
    void badFormArguments() {
        assertThatThrownBy(() -> INDEX.assemble(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the form number must be 0 or more, got -1");
        assertThatThrownBy(() -> INDEX.assembleForms(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the number of forms must be at least 1, got 0");
    }

    @Test
    @DisplayName("an invalid blueprint is refused before the bank is looked at")
    void invalidBlueprintRefused() {
        Blueprint bad = blueprint(section("s1", ItemType.SINGLE_CHOICE, 0, "1"));
        assertThatThrownBy(() -> Assembler.assemble(BANK, bad, 1, 0)).isInstanceOfSatisfying(AssemblyException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(AssemblyProblem.Kind.INVALID_BLUEPRINT);
                    assertThat(p.line()).isEqualTo("/sections/0/count: count must be at least 1, got 0");
                }));
    }
}
