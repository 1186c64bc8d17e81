package cn.examcore.bank.io.qti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.ScoreMapping;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import cn.examcore.bank.report.Severity;
import cn.examcore.bank.validate.ImportResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("QTI export: a bank leaves as a QTI package and comes back as the same model")
class QtiExportRoundTripTest {

    private static final List<String> SAMPLE_BANKS = List.of("hr-3", "hr-4", "health-3", "health-4", "trainer-3");
    /** Our stems write a blank as underscores; the importer shows a text entry as a numbered, underlined blank. */
    private static final Pattern WRITTEN_BLANK = Pattern.compile("_{3,}");
    private static final Pattern READ_BLANK = Pattern.compile("<u>\u00a0\u00a0\\((\\d+)\\)\u00a0\u00a0</u>");

    private final BankImporter importer = new BankImporter();

    static Stream<Arguments> sampleBanks() {
        return SAMPLE_BANKS.stream().flatMap(bank -> Stream.of(QtiPackageWriter.Version.values())
                .map(version -> Arguments.of(bank, version)));
    }

    @ParameterizedTest(name = "{0} in QTI {1}")
    @MethodSource("sampleBanks")
    @DisplayName("Every sample bank (the demo bank included) comes back item for item, what cannot leave named")
    void sampleBankComesBack(String name, QtiPackageWriter.Version version) {
        Bank original = sample(name);
        Export export = export(original, version);

        List<Item> expected = original.items().stream().filter(i -> !cannotLeave(i)).toList();
        assertThat(export.result.skipped()).extracting(QtiPackageWriter.Skipped::itemId)
                .containsExactlyElementsOf(original.items().stream().filter(QtiExportRoundTripTest::cannotLeave)
                        .map(Item::id).toList());
        assertThat(export.result.items()).isEqualTo(expected.size());
        assertSameBank(original, expected, export.imported);
    }

    /** Operation tasks have no QTI form; everything else in the sample banks leaves and comes back. */
    private static boolean cannotLeave(Item item) {
        return item.type() == ItemType.OPERATION;
    }

    @ParameterizedTest(name = "QTI {0}")
    @MethodSource("versions")
    @DisplayName("Mappings, fixed options, tolerances, rules and explanations come back unchanged")
    void scoringDetailsComeBack(QtiPackageWriter.Version version) {
        Tags tags = new Tags("企业人力资源管理师", 4, Subject.THEORY);
        ScoreMapping elements = new ScoreMapping(List.of(entry("H", "1"), entry("O", "1"), entry("Cl", "-1")),
                BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("2"));
        Item mappedChoice = new Item("M-1", ItemType.MULTIPLE_CHOICE, "<p>Which are elements?</p>",
                List.of(new Choice("H", "Hydrogen"), new Choice("O", "Oxygen"), new Choice("Cl", "Chlorine"),
                        new Choice("N", "None of the above", true)),
                Set.of("H", "O"), null, List.of(), new BigDecimal("2"), null, true, "HR4-01-01", 3, tags, List.of(),
                null, "H and O are elements.", elements);
        Item fixedSingle = new Item("S-1", ItemType.SINGLE_CHOICE, "<p>Pick one</p>",
                List.of(new Choice("A", "<b>a</b>"), new Choice("B", "b"), new Choice("C", "none", true)), Set.of("B"),
                null, List.of(), BigDecimal.ONE, null, true, "HR4-01-02", 2, tags, List.of(), null, "");
        Item ruled = new Item("R-1", ItemType.MULTIPLE_CHOICE, "<p>Rules</p>",
                List.of(new Choice("A", "a"), new Choice("B", "b"), new Choice("C", "c")), Set.of("A", "B"), null,
                List.of(), new BigDecimal("3"), MultipleChoiceRule.PROPORTIONAL, false, "HR4-01-03", 4, tags,
                List.of(), null, "");
        Item allOrNothing = new Item("R-2", ItemType.MULTIPLE_CHOICE, "<p>All</p>",
                List.of(new Choice("A", "a"), new Choice("B", "b"), new Choice("C", "c")), Set.of("A", "C"), null,
                List.of(), new BigDecimal("2.5"), MultipleChoiceRule.ALL_OR_NOTHING, false, "HR4-01-03", 4, tags,
                List.of(), null, "");
        Item tolerant = new Item("N-1", ItemType.FILL_IN, "<p>Water boils at ____ °C.</p>", List.of(), Set.of(),
                null, List.of(new Blank(List.of("100"), new BigDecimal("5"))), new BigDecimal("2"), null, false,
                "HR4-02-01", 2, tags, List.of(), null, "");
        Item cities = new Item("F-1", ItemType.FILL_IN, "<p>____ and ____</p>", List.of(), Set.of(), null,
                List.of(new Blank(List.of("York", "york"), null, new ScoreMapping(List.of(entry("York", "1"),
                                new ScoreMapping.Entry("york", new BigDecimal("0.5"), true)), null, null, null)),
                        new Blank(List.of("30"), BigDecimal.ZERO, new ScoreMapping(List.of(entry("30", "1")),
                                null, null, null))),
                new BigDecimal("2"), null, false, "HR4-02-02", 3, tags, List.of(), null, "");
        // "Choose three": the limit is written as maxChoices and read back into the mapping.
        Item chooseThree = new Item("M-3", ItemType.MULTIPLE_CHOICE, "<p>Choose three primary colours.</p>",
                List.of(new Choice("R", "red"), new Choice("Y", "yellow"), new Choice("B", "blue"),
                        new Choice("G", "green")), Set.of("R", "Y", "B"), null, List.of(), new BigDecimal("3"), null,
                false, "HR4-01-04", 3, tags, List.of(), null, "",
                new ScoreMapping(List.of(entry("R", "1"), entry("Y", "1"), entry("B", "1")), BigDecimal.ZERO, null,
                        null, 3));
        Bank bank = new Bank("T-1", "Round trip", MultipleChoiceRule.PARTIAL_SUBSET,
                List.of(mappedChoice, fixedSingle, ruled, allOrNothing, tolerant, cities, chooseThree), Map.of());

        Export export = export(bank, version);

        assertThat(export.result.skipped()).isEmpty();
        assertSameBank(bank, bank.items(), export.imported);
    }

    @ParameterizedTest(name = "QTI {0}")
    @MethodSource("versions")
    @DisplayName("A text blank leaves as a stringMatch ignoring case, so other tools accept wbs for WBS as we do")
    void textBlanksLeaveIgnoringCase(QtiPackageWriter.Version version) throws IOException {
        Tags tags = new Tags("企业人力资源管理师", 4, Subject.THEORY);
        Item one = new Item("F-2", ItemType.FILL_IN, "<p>A project's scope is broken down in a ____.</p>", List.of(),
                Set.of(), null, List.of(new Blank(List.of("WBS"), null)), BigDecimal.ONE, null, false, "HR4-02-03",
                2, tags, List.of(), null, "");
        Item two = new Item("F-3", ItemType.FILL_IN, "<p>____ costs ____ yuan.</p>", List.of(), Set.of(), null,
                List.of(new Blank(List.of("WBS"), null), new Blank(List.of("80"), new BigDecimal("0.5"))),
                new BigDecimal("3"), null, false, "HR4-02-03", 2, tags, List.of(), null, "");
        Bank bank = new Bank("T-4", "Text", MultipleChoiceRule.ALL_OR_NOTHING, List.of(one, two), Map.of());

        Map<String, String> files = entries(bytes(bank, version));
        boolean three = version == QtiPackageWriter.Version.QTI_3_0;
        for (String name : List.of("F-2.xml", "F-3.xml")) {
            assertThat(files.get(name)).as(name)
                    .contains(three ? "<qti-string-match case-sensitive=\"false\">" : "<stringMatch caseSensitive=\"false\">")
                    .doesNotContain("match_correct").doesNotContain(three ? "<qti-match>" : "<match>");
        }
        Export export = export(bank, version);
        assertSameBank(bank, bank.items(), export.imported);
        assertThat(export.imported.items()).allSatisfy(i -> assertThat(i.blanks())
                .allSatisfy(b -> assertThat(b.mapping()).isNull()));
    }

    @ParameterizedTest(name = "QTI {0}")
    @MethodSource("versions")
    @DisplayName("A blank of several accepted answers leaves as a mapping of equal shares that another tool scores")
    void severalAcceptedAnswersLeaveAsMappings(QtiPackageWriter.Version version) throws IOException {
        Tags tags = new Tags("企业人力资源管理师", 4, Subject.THEORY);
        Item item = new Item("F-4", ItemType.FILL_IN, "<p>____ 个月，由 ____ 负责。</p>", List.of(), Set.of(), null,
                List.of(new Blank(List.of("6", "六"), null), new Blank(List.of("人社部", "人力资源和社会保障部"), null)),
                new BigDecimal("2"), null, false, "HR4-02-04", 2, tags, List.of(), null, "");
        Bank bank = new Bank("T-5", "Several", MultipleChoiceRule.ALL_OR_NOTHING, List.of(item), Map.of());

        String xml = entries(bytes(bank, version)).get("F-4.xml");
        boolean three = version == QtiPackageWriter.Version.QTI_3_0;
        assertThat(xml).contains(three ? "map-key=\"六\"" : "mapKey=\"六\"")
                .contains(three ? "mapped-value=\"1\"" : "mappedValue=\"1\"")
                .contains(three ? "case-sensitive=\"false\"" : "caseSensitive=\"false\"")
                .contains(three ? "qti-map-response" : "mapResponse")
                .doesNotContain(three ? "case-sensitive=\"true\"" : "caseSensitive=\"true\"");
        Export export = export(bank, version);
        assertSameBank(bank, bank.items(), export.imported);
        assertThat(export.imported.items().get(0).blanks()).allSatisfy(b -> assertThat(b.mapping()).isNull());
    }

    private static Map<String, String> entries(byte[] zip) throws IOException {
        Map<String, String> files = new java.util.HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @ParameterizedTest(name = "QTI {0}")
    @MethodSource("versions")
    @DisplayName("Items that QTI cannot carry the same way are left out and named, the rest still leaves")
    void inexpressibleItemsAreNamed(QtiPackageWriter.Version version) {
        Tags tags = new Tags("企业人力资源管理师", 4, Subject.THEORY);
        // Three blanks of 10 points: shares of 3.333… cannot be written exactly.
        Item twoTolerant = new Item("N-2", ItemType.FILL_IN, "<p>____ ____ ____</p>", List.of(), Set.of(), null,
                List.of(new Blank(List.of("1"), BigDecimal.ONE), new Blank(List.of("2"), BigDecimal.ONE),
                        new Blank(List.of("3"), BigDecimal.ONE)),
                BigDecimal.TEN, null, false, "HR4-02-01", 2, tags, List.of(), null, "");
        Item plain = new Item("S-2", ItemType.SINGLE_CHOICE, "<p>x</p>",
                List.of(new Choice("A", "a"), new Choice("B", "b")), Set.of("A"), null, List.of(), BigDecimal.ONE,
                null, false, "HR4-01-01", 1, tags, List.of(), null, "");
        // Two mapped blanks that take a point off any unlisted answer: QTI's sum of mapResponse would take it off
        // an empty blank too.
        ScoreMapping penalty = new ScoreMapping(List.of(entry("A", "1")), new BigDecimal("-1"), null, null);
        Item penalised = new Item("P-2", ItemType.FILL_IN, "<p>____ ____</p>", List.of(), Set.of(), null,
                List.of(new Blank(List.of("A"), null, penalty), new Blank(List.of("A"), null, penalty)),
                new BigDecimal("2"), null, false, "HR4-02-01", 2, tags, List.of(), null, "");
        Bank bank = new Bank("T-2", "Refusals", MultipleChoiceRule.ALL_OR_NOTHING, List.of(twoTolerant, plain,
                penalised), Map.of());

        Export export = export(bank, version);

        assertThat(export.result.items()).isEqualTo(1);
        assertThat(export.result.skipped()).extracting(QtiPackageWriter.Skipped::itemId).containsExactly("N-2", "P-2");
        assertThat(export.result.skipped().get(0).reason()).contains("equal shares");
        assertThat(export.result.skipped().get(1).reason()).contains("empty blank");
        assertThat(export.imported.items()).extracting(Item::id).containsExactly("S-2");
    }

    @ParameterizedTest(name = "QTI {0}")
    @MethodSource("versions")
    @DisplayName("The package passes our own hostile-archive guards: safe names, no DOCTYPE, within the limits")
    void packagePassesTheImportGuards(QtiPackageWriter.Version version) throws IOException {
        Bank bank = sample("hr-4");
        byte[] zip = bytes(bank, version);

        List<String> names = new ArrayList<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                byte[] content = in.readAllBytes();
                total += content.length;
                assertThat(new String(content, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("<!DOCTYPE");
            }
        }
        assertThat(names).first().isEqualTo("imsmanifest.xml");
        assertThat(names).allSatisfy(n -> assertThat(n).doesNotStartWith("/").doesNotContain("..")
                .doesNotContain("\\").matches("[A-Za-z0-9._/-]+"));
        assertThat(names).doesNotHaveDuplicates();
        ImportLimits limits = ImportLimits.defaults();
        assertThat(names.size()).isLessThanOrEqualTo(limits.maxZipEntries());
        assertThat(total).isLessThanOrEqualTo(limits.maxUncompressedBytes());
        ImportResult result = importer.importBytes("hr-4.zip", zip);
        assertThat(result.issues()).noneMatch(i -> i.severity() == Severity.ERROR);
    }

    @Test
    @DisplayName("Item ids that differ only in case, or are no file name, still get a file each")
    void itemFileNamesAreUniqueAndSafe() {
        Tags tags = new Tags("企业人力资源管理师", 4, Subject.THEORY);
        List<Item> items = Stream.of("q/1", "Q-1", "q-1").map(id -> new Item(id, ItemType.SINGLE_CHOICE,
                "<p>item " + id.length() + id.chars().sum() + "</p>",
                List.of(new Choice("A", "a"), new Choice("B", "b")), Set.of("A"), null, List.of(), BigDecimal.ONE,
                null, false, "HR4-01-01", 1, tags, List.of(), null, "")).toList();
        Bank bank = new Bank("T-3", "Names", MultipleChoiceRule.ALL_OR_NOTHING, items, Map.of());

        Export export = export(bank, QtiPackageWriter.Version.QTI_2_1);

        assertThat(export.imported.items()).extracting(Item::id).containsExactly("q/1", "Q-1", "q-1");
    }

    static Stream<QtiPackageWriter.Version> versions() {
        return Stream.of(QtiPackageWriter.Version.values());
    }

    private record Export(QtiPackageWriter.Export result, Bank imported) {
    }

    private Export export(Bank bank, QtiPackageWriter.Version version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QtiPackageWriter.Export result;
        try {
            result = new QtiPackageWriter(version).write(bank, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportResult imported = importer.importBytes(bank.id() + ".zip", out.toByteArray());
        // Nothing may come back approximated: no error, and no warning either (a warning means a value changed).
        assertThat(imported.issues()).as("import issues").isEmpty();
        return new Export(result, imported.bank().orElseThrow());
    }

    private byte[] bytes(Bank bank, QtiPackageWriter.Version version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new QtiPackageWriter(version).write(bank, out);
        return out.toByteArray();
    }

    private static void assertSameBank(Bank original, List<Item> expected, Bank imported) {
        assertThat(imported.id()).isEqualTo(original.id());
        assertThat(imported.title()).isEqualTo(original.title());
        assertThat(imported.defaultMultipleRule()).isEqualTo(original.defaultMultipleRule());
        assertThat(imported.items()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(normalised(imported.items().get(i))).as(expected.get(i).id())
                    .usingRecursiveComparison().isEqualTo(normalised(expected.get(i)));
        }
    }

    /**
     * The only differences allowed, both of presentation: a blank written as underscores comes back as the
     * importer's numbered blank, so both are reduced to their number; and true/false items have no options to
     * shuffle, so their shuffle flag (unused) is not compared.
     */
    private static Item normalised(Item item) {
        String stem = item.stem();
        if (item.type() == ItemType.FILL_IN) {
            StringBuilder out = new StringBuilder();
            var m = WRITTEN_BLANK.matcher(stem);
            int n = 0;
            while (m.find()) {
                m.appendReplacement(out, "[blank " + ++n + "]");
            }
            m.appendTail(out);
            stem = READ_BLANK.matcher(out).replaceAll("[blank $1]");
        }
        boolean shuffle = item.type() != ItemType.TRUE_FALSE && item.shuffleOptions();
        return new Item(item.id(), item.type(), stem, item.options(), item.correctOptions(), item.correctTrueFalse(),
                item.blanks(), item.score(), item.multipleRule(), shuffle, item.knowledgePoint(), item.difficulty(),
                item.tags(), item.rubric(), item.operation(), item.explanation(), item.choiceMapping());
    }

    private static ScoreMapping.Entry entry(String key, String points) {
        return new ScoreMapping.Entry(key, new BigDecimal(points), true);
    }

    private Bank sample(String name) {
        try (InputStream in = QtiExportRoundTripTest.class.getResourceAsStream("/samples/" + name + ".json")) {
            assertThat(in).as("sample bank " + name).isNotNull();
            ImportResult result = importer.importBytes(name + ".json", in.readAllBytes());
            return result.bank().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
