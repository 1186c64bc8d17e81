package cn.examcore.bank.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.examcore.bank.assembly.Assembler;
import cn.examcore.bank.assembly.Blueprint;
import cn.examcore.bank.assembly.BlueprintJson;
import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.scoring.ItemScore;
import cn.examcore.bank.scoring.Response;
import cn.examcore.bank.scoring.Scorer;
import cn.examcore.bank.validate.ImportResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped sample content (示例题库 and 示例组卷方案) under {@code src/main/resources/samples}: every bank must
 * import cleanly through the real importer, and every demo blueprint must give many different 100-point papers
 * from it, because demos and first-run set-ups rely on both.
 */
@DisplayName("Sample banks and demo blueprints")
class SampleContentTest {

    private static final List<String> BANKS = List.of("hr-4", "hr-3", "trainer-3", "health-4", "health-3");
    private static final List<String> SUBJECTS = List.of("theory", "operation");

    /** Seeds 0 … 199 and "at least 50 distinct papers" are the acceptance figures for the demo blueprints. */
    private static final int SEEDS = 200;
    private static final int MIN_DISTINCT_PAPERS = 50;

    /** Per level, enough items for the demo papers' sections with room to vary (the papers take 10/5/10/4/2, 2/1). */
    private static final Map<ItemType, Integer> MIN_ITEMS = new EnumMap<>(Map.of(
            ItemType.SINGLE_CHOICE, 16, ItemType.MULTIPLE_CHOICE, 8, ItemType.TRUE_FALSE, 14, ItemType.FILL_IN, 6,
            ItemType.SHORT_ANSWER, 3, ItemType.OPERATION, 6, ItemType.ESSAY, 4));

    /** Item ids and knowledge points share the bank's code, e.g. HR4-T-001 and HR4-02-03. */
    private static final Pattern ITEM_ID = Pattern.compile("([A-Z]{2}[1-5])-[TO]-\\d{3}");

    /** Importing parses and validates the whole file; once per bank is enough for all tests. */
    private static final Map<String, Bank> IMPORTED = new ConcurrentHashMap<>();

    static Stream<String> banks() {
        return BANKS.stream();
    }

    static Stream<String> blueprints() {
        return BANKS.stream().flatMap(bank -> SUBJECTS.stream().map(subject -> bank + "-" + subject));
    }

    static Stream<String> theoryBlueprints() {
        return BANKS.stream().map(bank -> bank + "-theory");
    }

    @ParameterizedTest(name = "{0}.json imports with no error and no warning")
    @MethodSource("banks")
    @DisplayName("each sample bank imports with no error and no warning")
    void importsCleanly(String bankId) {
        ImportResult result = new BankImporter().importBytes(bankId + ".json", resource(bankId + ".json"));

        assertThat(result.issues()).extracting(Issue::line).as("issues of %s.json", bankId).isEmpty();
        assertThat(result.bank()).get().extracting(Bank::id).isEqualTo(bankId);
    }

    @ParameterizedTest(name = "{0}.json holds one occupation and level with enough items of every type")
    @MethodSource("banks")
    @DisplayName("each sample bank holds one occupation and level with enough items of every type")
    void holdsEnoughItemsOfOneOccupationAndLevel(String bankId) {
        Bank bank = bank(bankId);

        assertThat(bank.items()).extracting(i -> i.tags().occupation()).containsOnly(
                bank.items().get(0).tags().occupation());
        assertThat(bank.items()).extracting(i -> i.tags().level()).containsOnly(bank.items().get(0).tags().level());
        Map<ItemType, Long> counts = bank.items().stream()
                .collect(Collectors.groupingBy(Item::type, () -> new EnumMap<>(ItemType.class), Collectors.counting()));
        MIN_ITEMS.forEach((type, min) ->
                assertThat(counts.getOrDefault(type, 0L)).as("%s items in %s", type, bankId).isGreaterThanOrEqualTo(min));
        assertThat(bank.items()).allSatisfy(item -> assertThat(item.tags().subject()).isEqualTo(
                item.type() == ItemType.OPERATION || item.type() == ItemType.ESSAY ? Subject.OPERATION : Subject.THEORY));
    }

    @ParameterizedTest(name = "{0}.json files every item under a knowledge point of its own occupation and level")
    @MethodSource("banks")
    @DisplayName("each sample bank files every item under a knowledge point of its own occupation and level")
    void knowledgePointsFollowTheBankCode(String bankId) {
        Bank bank = bank(bankId);
        var first = ITEM_ID.matcher(bank.items().get(0).id());
        assertThat(first.matches()).as("id %s has the form CODE-T-nnn", bank.items().get(0).id()).isTrue();
        String code = first.group(1);
        Pattern knowledgePoint = Pattern.compile(Pattern.quote(code) + "-0[1-9]-0[1-9]");

        assertThat(code).endsWith(Integer.toString(bank.items().get(0).tags().level()));
        assertThat(bank.items()).allSatisfy(item -> {
            assertThat(item.id()).startsWith(code + "-");
            assertThat(item.knowledgePoint()).matches(knowledgePoint);
        });
        Set<String> areas = bank.items().stream()
                .map(i -> i.knowledgePoint().substring(0, code.length() + 3)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(areas).as("knowledge areas of %s", bankId).hasSizeGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0} gives 100-point papers of its own tags, at least 50 of 200 seeds distinct")
    @MethodSource("blueprints")
    @DisplayName("each demo blueprint gives 100-point papers of its own tags, at least 50 of 200 seeds distinct")
    void assemblesManyDistinctHundredPointPapers(String blueprintId) {
        Blueprint blueprint = blueprint(blueprintId);
        Bank bank = bank(bankOf(blueprintId));
        Map<String, Item> byId = bank.items().stream().collect(Collectors.toMap(Item::id, Function.identity()));

        Set<List<String>> distinct = new HashSet<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            Paper paper = Assembler.assemble(bank, blueprint, seed, 0);
            assertThat(paper.totalScore()).as("total of %s seed %d", blueprintId, seed).isEqualByComparingTo("100");
            assertThat(paper.items()).allSatisfy(pi ->
                    assertThat(byId.get(pi.itemId()).tags()).isEqualTo(blueprint.tags()));
            distinct.add(paper.items().map(PaperItem::itemId).toList());
        }
        assertThat(blueprint.totalScore()).isEqualByComparingTo("100");
        assertThat(distinct).as("distinct papers of %s over %d seeds", blueprintId, SEEDS)
                .hasSizeGreaterThanOrEqualTo(MIN_DISTINCT_PAPERS);
    }

    @ParameterizedTest(name = "{0}: every objective key, and every accepted blank alternative, earns full marks")
    @MethodSource("theoryBlueprints")
    @DisplayName("on the theory papers every objective key, and every accepted blank alternative, earns full marks")
    void keysEarnFullMarks(String blueprintId) {
        Blueprint blueprint = blueprint(blueprintId);
        Bank bank = bank(bankOf(blueprintId));
        Set<String> seen = new HashSet<>();

        for (long seed = 0; seed < SEEDS; seed++) {
            Paper paper = Assembler.assemble(bank, blueprint, seed, 0);
            paper.items().filter(pi -> pi.type().machineScored()).forEach(pi -> {
                seen.add(pi.itemId());
                for (Response right : rightAnswers(pi)) {
                    ItemScore score = Scorer.score(pi, right);
                    assertThat(score.points()).as("%s answered %s", pi.itemId(), right).isEqualByComparingTo(score.max());
                }
                if (pi.type() == ItemType.SINGLE_CHOICE) {
                    Set<String> wrong = Set.of(firstWrongOption(pi));
                    assertThat(Scorer.score(pi, new Response.Choices(wrong)).points())
                            .as("%s answered %s", pi.itemId(), wrong).isZero();
                }
            });
        }
        // The check is only as good as its coverage: the seeds must have put every objective item on some paper.
        Set<String> objective = bank.items().stream()
                .filter(i -> i.type().machineScored() && i.tags().equals(blueprint.tags()))
                .map(Item::id).collect(Collectors.toSet());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(objective);
    }

    /** The key, and for fill-in one response per accepted alternative of each blank (other blanks keyed). */
    private static List<Response> rightAnswers(PaperItem item) {
        return switch (item.type()) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> List.of(new Response.Choices(item.correctOptions()));
            case TRUE_FALSE -> List.of(new Response.TrueFalse(item.correctTrueFalse()));
            case FILL_IN -> {
                List<String> firsts = item.blanks().stream().map(b -> b.accepted().get(0)).toList();
                List<Response> answers = new ArrayList<>();
                for (int b = 0; b < item.blanks().size(); b++) {
                    Blank blank = item.blanks().get(b);
                    for (String alternative : blank.accepted()) {
                        List<String> values = new ArrayList<>(firsts);
                        values.set(b, alternative);
                        answers.add(new Response.Blanks(values));
                    }
                }
                yield answers;
            }
            default -> fail("not machine-scored: " + item.type());
        };
    }

    private static String firstWrongOption(PaperItem item) {
        return item.options().stream().map(Choice::id).filter(id -> !item.correctOptions().contains(id))
                .findFirst().orElseThrow(() -> new AssertionError(item.itemId() + " has no wrong option"));
    }

    private static String bankOf(String blueprintId) {
        return blueprintId.substring(0, blueprintId.lastIndexOf('-'));
    }

    private static Blueprint blueprint(String blueprintId) {
        String file = blueprintId + ".blueprint.json";
        Blueprint blueprint = BlueprintJson.read(file, resource(file));
        assertThat(blueprint.id()).isEqualTo(blueprintId);
        return blueprint;
    }

    private static Bank bank(String bankId) {
        return IMPORTED.computeIfAbsent(bankId, id -> {
            ImportResult result = new BankImporter().importBytes(id + ".json", resource(id + ".json"));
            return result.bank().orElseThrow(() -> new AssertionError(id + ".json was rejected:\n"
                    + result.issues().stream().map(Issue::line).collect(Collectors.joining("\n"))));
        });
    }

    private static byte[] resource(String name) {
        try (InputStream in = SampleContentTest.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new AssertionError("samples/" + name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
