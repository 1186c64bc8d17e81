package cn.examcore.bank.validate;

import static cn.examcore.bank.validate.BankFixtures.at;
import static cn.examcore.bank.validate.BankFixtures.oneOfEachType;
import static cn.examcore.bank.validate.BankFixtures.parsed;
import static cn.examcore.bank.validate.BankFixtures.withChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.OperationSpec;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import cn.examcore.bank.report.Severity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Validator")
class ValidatorTest {

    private static final ImportLimits LIMITS = ImportLimits.defaults();
    private static final int SINGLE = 0;
    private static final int MULTIPLE = 1;
    private static final int TRUE_FALSE = 2;
    private static final int FILL_IN = 3;
    private static final int SHORT_ANSWER = 4;
    private static final int OPERATION = 6;

    private static ImportResult validate(List<Item> items) {
        return new Validator(LIMITS).validate(parsed(items));
    }

    @Test
    @DisplayName("a clean bank with every item type is accepted with no issue at all")
    void cleanBankIsAccepted() {
        List<Item> items = oneOfEachType();

        ImportResult result = validate(items);

        assertThat(result.issues()).isEmpty();
        assertThat(result.accepted()).isTrue();
        assertThat(result.bank().orElseThrow().items()).isEqualTo(items);
        assertThat(result.bank().orElseThrow().resources()).containsOnlyKeys("chart.png", "员工花名册.xlsx");
        assertThat(result.bank().orElseThrow().defaultMultipleRule()).isEqualTo(MultipleChoiceRule.ALL_OR_NOTHING);
    }

    /** One broken rule per case: exactly one issue, of that rule, at that place. */
    static Stream<Arguments> brokenBanks() {
        return Stream.of(
                error("a second item with the same id", Rule.DUPLICATE_ID, at(MULTIPLE, ItemField.ID),
                        withChange(MULTIPLE, b -> b.id("HR4-T-0001"))),
                error("an item without id", Rule.MISSING_FIELD, at(TRUE_FALSE, ItemField.ID),
                        withChange(TRUE_FALSE, b -> b.id(" "))),
                error("an item without a known type", Rule.UNKNOWN_TYPE, at(TRUE_FALSE, ItemField.TYPE),
                        withChange(TRUE_FALSE, b -> b.type(null))),
                error("a missing score", Rule.MISSING_SCORE, at(SINGLE, ItemField.SCORE),
                        withChange(SINGLE, b -> b.score(null))),
                error("a zero score", Rule.NON_POSITIVE_SCORE, at(SINGLE, ItemField.SCORE),
                        withChange(SINGLE, b -> b.score("0"))),
                error("a negative score", Rule.NON_POSITIVE_SCORE, at(TRUE_FALSE, ItemField.SCORE),
                        withChange(TRUE_FALSE, b -> b.score("-1"))),
                error("a score with three decimals", Rule.INVALID_VALUE, at(TRUE_FALSE, ItemField.SCORE),
                        withChange(TRUE_FALSE, b -> b.score("1.005"))),
                error("an absurdly large score", Rule.INVALID_VALUE, at(TRUE_FALSE, ItemField.SCORE),
                        withChange(TRUE_FALSE, b -> b.score("1E+999999999"))),
                error("a stem of tags and spaces only", Rule.EMPTY_STEM, at(TRUE_FALSE, ItemField.STEM),
                        withChange(TRUE_FALSE, b -> b.stem("<p> &nbsp; <br></p>\u3000<b> </b>"))),
                error("a missing stem", Rule.EMPTY_STEM, at(TRUE_FALSE, ItemField.STEM),
                        withChange(TRUE_FALSE, b -> b.stem(null))),
                error("a script in a stem", Rule.UNSAFE_HTML, at(TRUE_FALSE, ItemField.STEM),
                        withChange(TRUE_FALSE, b -> b.stem("<p>Is it true?</p><script>alert(1)</script>"))),
                error("an onclick attribute in an option", Rule.UNSAFE_HTML, at(SINGLE, ItemField.OPTION, 2),
                        withChange(SINGLE, b -> b.optionHtml(2, "<p onclick=\"steal()\">Medical insurance</p>"))),
                error("an external image in an option", Rule.UNSAFE_HTML, at(MULTIPLE, ItemField.OPTION, 3),
                        withChange(MULTIPLE, b -> b.optionHtml(3, "<img src=\"https://evil.example/x.png\">"))),
                error("an iframe in an explanation", Rule.UNSAFE_HTML, at(FILL_IN, ItemField.EXPLANATION),
                        withChange(FILL_IN, b -> b.explanation("See <iframe src=\"https://x\"></iframe>"))),
                error("a stem image that is no resource", Rule.BROKEN_RESOURCE, at(TRUE_FALSE, ItemField.STEM),
                        withChange(TRUE_FALSE, b -> b.stem("<p>True?</p><img src=\"res:missing.png\">"))),
                error("a stem image that is a spreadsheet, not a raster image", Rule.UNSAFE_RESOURCE,
                        at(TRUE_FALSE, ItemField.STEM),
                        withChange(TRUE_FALSE, b -> b.stem("<p>True?</p><img src=\"res:员工花名册.xlsx\">"))),
                error("an option image that is no resource", Rule.BROKEN_RESOURCE, at(SINGLE, ItemField.OPTION, 0),
                        withChange(SINGLE, b -> b.optionHtml(0, "<img src=\"res:nope.png\">"))),
                error("an operation attachment that is no resource", Rule.BROKEN_RESOURCE,
                        at(OPERATION, ItemField.OPERATION), withChange(OPERATION, b -> b.operation(
                                new OperationSpec(List.of("missing.xlsx"), List.of("xlsx"), 30)))),
                error("a single choice with one option", Rule.TOO_FEW_OPTIONS, at(SINGLE, ItemField.OPTIONS),
                        withChange(SINGLE, b -> b.options(new Choice("B", "<p>Only one</p>")))),
                error("a repeated option id", Rule.DUPLICATE_OPTION_ID, at(SINGLE, ItemField.OPTION, 2),
                        withChange(SINGLE, b -> b.options(new Choice("A", "one"), new Choice("B", "two"),
                                new Choice("B", "three")))),
                error("an option without id", Rule.MISSING_FIELD, at(SINGLE, ItemField.OPTION, 3),
                        withChange(SINGLE, b -> b.options(new Choice("A", "one"), new Choice("B", "two"),
                                new Choice("C", "three"), new Choice(null, "four")))),
                error("an empty option", Rule.EMPTY_OPTION, at(SINGLE, ItemField.OPTION, 1),
                        withChange(SINGLE, b -> b.key("A").optionHtml(1, "<p> </p>"))),
                error("a choice item without key", Rule.MISSING_KEY, at(MULTIPLE, ItemField.KEY),
                        withChange(MULTIPLE, b -> b.key())),
                error("a true/false item without key", Rule.MISSING_KEY, at(TRUE_FALSE, ItemField.KEY),
                        withChange(TRUE_FALSE, b -> b.keyTrueFalse(null))),
                error("a key naming no option", Rule.KEY_NOT_AN_OPTION, at(SINGLE, ItemField.KEY),
                        withChange(SINGLE, b -> b.key("E"))),
                error("a single choice with two correct options", Rule.SINGLE_CHOICE_KEY_COUNT,
                        at(SINGLE, ItemField.KEY), withChange(SINGLE, b -> b.key("A", "B"))),
                error("a multiple choice with one correct option", Rule.TOO_FEW_CORRECT, at(MULTIPLE, ItemField.KEY),
                        withChange(MULTIPLE, b -> b.key("C"))),
                error("a fill-in without blanks", Rule.EMPTY_BLANK, at(FILL_IN, ItemField.BLANK),
                        withChange(FILL_IN, b -> b.blanks())),
                error("a blank without accepted answer", Rule.EMPTY_BLANK, at(FILL_IN, ItemField.BLANK, 1),
                        withChange(FILL_IN, b -> b.blanks(new Blank(List.of("16"), null),
                                new Blank(List.of(), null)))),
                error("a blank whose accepted answer is blank", Rule.EMPTY_BLANK, at(FILL_IN, ItemField.BLANK, 0),
                        withChange(FILL_IN, b -> b.blanks(new Blank(List.of("16", " \u3000 "), null)))),
                error("a negative tolerance", Rule.INVALID_TOLERANCE, at(FILL_IN, ItemField.BLANK, 0),
                        withChange(FILL_IN, b -> b.blanks(new Blank(List.of("16"), new BigDecimal("-0.1"))))),
                error("a tolerance on a word", Rule.INVALID_TOLERANCE, at(FILL_IN, ItemField.BLANK, 0),
                        withChange(FILL_IN, b -> b.blanks(new Blank(List.of("16", "sixteen"), BigDecimal.ONE)))),
                error("difficulty 0", Rule.INVALID_DIFFICULTY, at(FILL_IN, ItemField.DIFFICULTY),
                        withChange(FILL_IN, b -> b.difficulty(0))),
                error("difficulty 6", Rule.INVALID_DIFFICULTY, at(FILL_IN, ItemField.DIFFICULTY),
                        withChange(FILL_IN, b -> b.difficulty(6))),
                error("no tags", Rule.INVALID_TAGS, at(SINGLE, ItemField.TAGS),
                        withChange(SINGLE, b -> b.tags(null))),
                error("level 6", Rule.INVALID_TAGS, at(SINGLE, ItemField.TAGS),
                        withChange(SINGLE, b -> b.tags(new Tags("企业人力资源管理师", 6, Subject.THEORY)))),
                error("level 0", Rule.INVALID_TAGS, at(SINGLE, ItemField.TAGS),
                        withChange(SINGLE, b -> b.tags(new Tags("企业人力资源管理师", 0, Subject.THEORY)))),
                error("no subject", Rule.INVALID_TAGS, at(SINGLE, ItemField.TAGS),
                        withChange(SINGLE, b -> b.tags(new Tags("企业人力资源管理师", 4, null)))),
                error("no occupation", Rule.INVALID_TAGS, at(SINGLE, ItemField.TAGS),
                        withChange(SINGLE, b -> b.tags(new Tags(" ", 4, Subject.THEORY)))),
                error("a short answer without rubric", Rule.MISSING_RUBRIC, at(SHORT_ANSWER, ItemField.RUBRIC),
                        withChange(SHORT_ANSWER, b -> b.rubric())),
                error("rubric points not adding up to the score", Rule.RUBRIC_SCORE_MISMATCH,
                        at(SHORT_ANSWER, ItemField.RUBRIC), withChange(SHORT_ANSWER, b -> b.score("6"))),
                error("a rubric point without description", Rule.MISSING_FIELD, at(SHORT_ANSWER, ItemField.RUBRIC),
                        withChange(SHORT_ANSWER, b -> b.rubric(new RubricPoint(null, BigDecimal.valueOf(5))))),
                error("a rubric point worth nothing", Rule.INVALID_VALUE, at(SHORT_ANSWER, ItemField.RUBRIC),
                        withChange(SHORT_ANSWER, b -> b.score("5").rubric(
                                new RubricPoint("all", BigDecimal.valueOf(5)), new RubricPoint("none", BigDecimal.ZERO)))),
                error("an operation without deliverable types", Rule.MISSING_DELIVERABLE,
                        at(OPERATION, ItemField.OPERATION), withChange(OPERATION, b -> b.operation(
                                new OperationSpec(List.of("员工花名册.xlsx"), List.of(), 30)))),
                error("an operation without operation details", Rule.MISSING_DELIVERABLE,
                        at(OPERATION, ItemField.OPERATION), withChange(OPERATION, b -> b.operation(null))),
                error("a deliverable type written with a dot", Rule.INVALID_VALUE, at(OPERATION, ItemField.OPERATION),
                        withChange(OPERATION, b -> b.operation(new OperationSpec(List.of(), List.of(".DOCX"), 30)))),
                error("a negative time limit", Rule.INVALID_VALUE, at(OPERATION, ItemField.OPERATION),
                        withChange(OPERATION, b -> b.operation(new OperationSpec(List.of(), List.of("docx"), -5)))),
                warning("two stems equal after normalising", Rule.DUPLICATE_STEM, at(TRUE_FALSE, ItemField.STEM),
                        withChange(TRUE_FALSE, b -> b.stem("<p>ＩＴＥＭ  hr4-t-0002: WHICH of these are social"
                                + " insurances (社会保险)?</p>"))),
                warning("two options reading the same in one item", Rule.DUPLICATE_OPTION_TEXT,
                        at(SINGLE, ItemField.OPTION, 3), withChange(SINGLE, b -> b.optionHtml(3, "PENSION insurance"))),
                error("a mapping naming no option", Rule.INVALID_MAPPING, at(MULTIPLE, ItemField.KEY),
                        withChange(MULTIPLE, b -> b.choiceMapping(new cn.examcore.bank.model.ScoreMapping(List.of(
                                new cn.examcore.bank.model.ScoreMapping.Entry("Z", BigDecimal.ONE, false)),
                                null, null, null)))),
                warning("no knowledge point", Rule.MISSING_KNOWLEDGE_POINT, at(FILL_IN, ItemField.KNOWLEDGE_POINT),
                        withChange(FILL_IN, b -> b.knowledgePoint(null))));
    }

    private static Arguments error(String name, Rule rule, Location location, List<Item> items) {
        return Arguments.of(name, Severity.ERROR, rule, location, items);
    }

    private static Arguments warning(String name, Rule rule, Location location, List<Item> items) {
        return Arguments.of(name, Severity.WARNING, rule, location, items);
    }

    @ParameterizedTest(name = "{0} is reported as {2} at its place")
    @MethodSource("brokenBanks")
    @DisplayName("each broken rule yields exactly its own issue at the broken place")
    void eachRuleIsReportedAtItsPlace(String name, Severity severity, Rule rule, Location location,
                                      List<Item> items) {
        ImportResult result = validate(items);

        assertThat(result.issues()).extracting(Issue::severity, Issue::rule, Issue::location)
                .containsExactly(tuple(severity, rule, location));
        assertThat(result.issues().get(0).message()).isNotBlank();
        assertThat(result.accepted()).isEqualTo(severity == Severity.WARNING);
    }

    @Test
    @DisplayName("every item-level rule a parsed bank can break has a case above")
    void everyRuleHasACase() {
        Set<Rule> covered = brokenBanks().map(a -> (Rule) a.get()[2]).collect(Collectors.toSet());
        Set<Rule> readerOnly = EnumSet.of(Rule.UNREADABLE_FILE, Rule.UNSUPPORTED_FORMAT, Rule.FILE_TOO_LARGE,
                Rule.ARCHIVE_TOO_LARGE, Rule.UNSAFE_XML, Rule.MALFORMED, Rule.UNKNOWN_FIELD, Rule.FORMULA_IN_CELL,
                Rule.UNSUPPORTED_INTERACTION, Rule.DUPLICATE_RESOURCE, Rule.UNSAFE_PATH, Rule.UNUSED_VALUE,
                Rule.UNSUPPORTED_RESPONSE_PROCESSING, Rule.UNSUPPORTED_TEMPLATE, Rule.UNSUPPORTED_CONTENT,
                // the QTI reader's equalRounded, tested in QtiResponseProcessingTest
                Rule.APPROXIMATED_SCORING,
                // importer-level: the import's defaults, tested with the CLI and the QTI reader
                Rule.DEFAULTED_VALUE,
                // bank-level: tested below with their own limits
                Rule.TOO_MANY_ITEMS, Rule.TEXT_TOO_LONG);

        assertThat(EnumSet.complementOf(EnumSet.copyOf(readerOnly))).isSubsetOf(covered);
    }

    @Test
    @DisplayName("a multiple choice without its own rule needs the bank's default rule")
    void multipleChoiceNeedsARule() {
        List<Item> items = withChange(MULTIPLE, b -> b.rule(null));
        ParsedBank withoutDefault = new ParsedBank("hr4", "t", null, items, BankFixtures.resources(), List.of(),
                new BankFixtures.TestSourceMap());

        ImportResult rejected = new Validator(LIMITS).validate(withoutDefault);
        ImportResult accepted = validate(items);

        assertThat(rejected.issues()).extracting(Issue::rule, Issue::location)
                .containsExactly(tuple(Rule.MISSING_FIELD, at(MULTIPLE, ItemField.MULTIPLE_RULE)));
        assertThat(accepted.issues()).isEmpty();
    }

    @Test
    @DisplayName("the duplicate-id and duplicate-stem messages name the first item's place")
    void duplicatesNameBothPlaces() {
        List<Item> items = new ArrayList<>(oneOfEachType());
        items.set(SHORT_ANSWER, BankFixtures.ItemBuilder.from(items.get(SHORT_ANSWER))
                .id("HR4-T-0001").stem(items.get(SINGLE).stem()).build());

        ImportResult result = validate(items);

        assertThat(result.issues()).extracting(Issue::rule, Issue::location).containsExactly(
                tuple(Rule.DUPLICATE_ID, at(SHORT_ANSWER, ItemField.ID)),
                tuple(Rule.DUPLICATE_STEM, at(SHORT_ANSWER, ItemField.STEM)));
        assertThat(result.issues().get(0).message()).contains("HR4-T-0001", at(SINGLE, ItemField.ID).toString());
        assertThat(result.issues().get(1).message()).contains(at(SINGLE, ItemField.STEM).toString());
    }

    @Test
    @DisplayName("more items than the limit is one bank-level error at the file")
    void tooManyItems() {
        ImportLimits limits = new ImportLimits(1 << 20, 1 << 20, 10, 10, 6, 20_000);

        ImportResult result = new Validator(limits).validate(parsed(oneOfEachType()));

        assertThat(result.issues()).extracting(Issue::rule, Issue::location)
                .containsExactly(tuple(Rule.TOO_MANY_ITEMS, Location.file(BankFixtures.FILE)));
        assertThat(result.accepted()).isFalse();
    }

    @Test
    @DisplayName("a text longer than the limit is reported where it is, and text at the limit is fine")
    void textTooLong() {
        ImportLimits limits = new ImportLimits(1 << 20, 1 << 20, 10, 10, 100, 200);
        String atLimit = "<p>" + "x".repeat(193) + "</p>";
        List<Item> items = withChange(TRUE_FALSE, b -> b.stem(atLimit).explanation("y".repeat(201)));

        ImportResult result = new Validator(limits).validate(parsed(items));

        assertThat(atLimit).hasSize(200);
        assertThat(result.issues()).extracting(Issue::rule, Issue::location)
                .containsExactly(tuple(Rule.TEXT_TOO_LONG, at(TRUE_FALSE, ItemField.EXPLANATION)));
    }

    @Test
    @DisplayName("a bank without id or items is rejected at the file")
    void bankWithoutIdOrItems() {
        ParsedBank bank = new ParsedBank(" ", "t", MultipleChoiceRule.ALL_OR_NOTHING, List.of(),
                BankFixtures.resources(), List.of(), new BankFixtures.TestSourceMap());

        ImportResult result = new Validator(LIMITS).validate(bank);

        assertThat(result.issues()).extracting(Issue::rule, Issue::location).containsExactly(
                tuple(Rule.MISSING_FIELD, Location.file(BankFixtures.FILE)),
                tuple(Rule.MISSING_FIELD, Location.file(BankFixtures.FILE)));
        assertThat(result.issues()).extracting(Issue::message)
                .containsExactly("the bank has no id", "the bank has no items");
    }

    @Test
    @DisplayName("one bad item among a hundred good ones rejects the whole bank")
    void oneErrorRejectsTheWholeBank() {
        List<Item> items = new ArrayList<>(BankFixtures.manySingleChoice(100));
        items.add(57, BankFixtures.singleChoice("HR4-T-BAD").key("Z").build());

        ImportResult result = validate(items);

        assertThat(result.bank()).isEmpty();
        assertThat(result.accepted()).isFalse();
        assertThat(result.errors()).extracting(Issue::rule, Issue::location)
                .containsExactly(tuple(Rule.KEY_NOT_AN_OPTION, at(57, ItemField.KEY)));
    }

    @Test
    @DisplayName("a reader's error rejects a bank whose items are all valid")
    void readerErrorsRejectTheBank() {
        Issue readerError = Issue.error(new Location(BankFixtures.FILE, "#2"), Rule.UNKNOWN_TYPE, "unknown type");

        ImportResult result = new Validator(LIMITS).validate(parsed(oneOfEachType(), List.of(readerError)));

        assertThat(result.issues()).containsExactly(readerError);
        assertThat(result.accepted()).isFalse();
    }

    @Test
    @DisplayName("warnings are kept apart from errors and do not block the bank")
    void warningsDoNotBlock() {
        List<Item> items = withChange(SINGLE, b -> b.knowledgePoint(" "));

        ImportResult result = validate(items);

        assertThat(result.accepted()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).extracting(Issue::rule).containsExactly(Rule.MISSING_KNOWLEDGE_POINT);
    }

    @Test
    @DisplayName("issues come in file order: by item (numerically), reader findings merged in, then by field")
    void issuesAreInFileOrder() {
        List<Item> items = new ArrayList<>(BankFixtures.manySingleChoice(12));
        items.set(10, BankFixtures.ItemBuilder.from(items.get(10)).score(null).stem("").build());
        items.set(2, BankFixtures.ItemBuilder.from(items.get(2)).difficulty(9).key("Q").build());
        Issue readerOnItem5 = Issue.error(new Location(BankFixtures.FILE, "#5 TYPE"), Rule.UNKNOWN_TYPE, "x");
        Issue readerAtFile = Issue.error(Location.file(BankFixtures.FILE), Rule.MALFORMED, "y");
        Issue readerAfterAll = Issue.error(new Location(BankFixtures.FILE, "#11 ID"), Rule.INVALID_VALUE, "z");

        ImportResult result = new Validator(LIMITS)
                .validate(parsed(items, List.of(readerAtFile, readerOnItem5, readerAfterAll)));

        assertThat(result.issues()).extracting(Issue::location).extracting(Location::place).containsExactly(
                "", "#2 KEY", "#2 DIFFICULTY", "#5 TYPE", "#10 STEM", "#10 SCORE", "#11 ID");
    }
}
