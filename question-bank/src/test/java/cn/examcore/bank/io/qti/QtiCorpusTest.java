package cn.examcore.bank.io.qti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.io.ImportContext;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.scoring.Response;
import cn.examcore.bank.scoring.Scorer;
import cn.examcore.bank.validate.ImportResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * QTI items published by other projects (src/test/resources/qti/corpus, sources and licences in its CORPUS.md)
 * import as the QTI specification says they score, or are refused naming what is not supported. The expected
 * outcome of each file is the table in corpus/EXPECTED.md.
 */
@DisplayName("QTI items from public projects import as QTI scores them, or are refused naming why")
class QtiCorpusTest {

    /**
     * Files on which the importer knowingly disagrees with its row, with the failure the row must still show and
     * why. A fix (the row passes: remove the file here), a new regression (a file not listed fails) and a different
     * failure of a listed file all show.
     */
    private static final Map<String, Deviation> KNOWN_DEVIATIONS = Map.of(
            "pie-qti/mapResponse_bounds_default_duplicates.xml", new Deviation("scores 2 for {}",
                    "an empty answer scores 0; QTI's unguarded mapResponse maps it to the default value within the "
                            + "bounds (2). Imported with an approximated-scoring warning that says so"));

    /** How a known deviation shows in its row's check, and why it is there. */
    record Deviation(String failure, String why) {
    }

    /** Items written for this project from the specification, which have no published source. */
    private static final String OWN_ITEMS = "examcore/";

    private static final ImportContext DEFAULTS = ImportContext.parse("企业人力资源管理师", "4", "理论知识", "3");

    private static final Path CORPUS = corpusFolder();

    private static Path corpusFolder() {
        try {
            return Path.of(QtiCorpusTest.class.getResource("/qti/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row of EXPECTED.md. */
    record Row(String file, String via, String outcome, String type, String key, String fixed, String score,
               String scores, String finding, String reason) {

        static Row parse(String line) {
            String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|", -1);
            if (cells.length != 10) {
                throw new IllegalArgumentException("a row needs 10 cells: " + line);
            }
            String[] c = Arrays.stream(cells).map(String::strip).toArray(String[]::new);
            return new Row(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]);
        }
    }

    static List<Row> rows() {
        try {
            return Files.readAllLines(CORPUS.resolve("EXPECTED.md"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("| ") && !l.startsWith("| file "))
                    .map(Row::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    @DisplayName("every corpus file has the outcome its row says")
    Stream<DynamicTest> everyFile() {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.file() + ": " + row.reason(), () -> {
            if (KNOWN_DEVIATIONS.containsKey(row.file())) {
                Deviation deviation = KNOWN_DEVIATIONS.get(row.file());
                assertThatThrownBy(() -> check(row))
                        .as("%s is listed as a known deviation (%s): it must still fail with \"%s\"; if it now has "
                                + "its expected outcome, remove it from KNOWN_DEVIATIONS", row.file(),
                                deviation.why(), deviation.failure())
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining(deviation.failure());
            } else {
                check(row);
            }
        }));
    }

    @Test
    @DisplayName("every file of the corpus has exactly one row, and every row a file")
    void rowsCoverTheCorpus() throws IOException {
        Set<String> listed = rows().stream().map(Row::file).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).hasSize(rows().size());
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = CORPUS.relativize(file).toString().replace('\\', '/');
                if (name.endsWith(".xml")) {
                    String pkg = packageOf(name);
                    onDisk.add(pkg != null ? pkg : name);
                }
            }
        }
        assertThat(listed).isEqualTo(onDisk);
        assertThat(KNOWN_DEVIATIONS.keySet()).allMatch(listed::contains);
    }

    @Test
    @DisplayName("CORPUS.md names the source of every published file, and says which items are our own")
    void everyFileHasItsSource() throws IOException {
        String sources = Files.readString(CORPUS.resolve("CORPUS.md"), StandardCharsets.UTF_8);
        Set<String> own = Set.of("CORPUS.md", "EXPECTED.md", ".gitattributes", "LICENSE", "LICENSE.txt");
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            assertThat(walk.filter(Files::isRegularFile)
                    .filter(f -> !own.contains(f.getFileName().toString()))
                    .map(f -> CORPUS.relativize(f).toString().replace('\\', '/')))
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(sources).contains("| " + name + (name.startsWith(OWN_ITEMS)
                            ? " | written for examcore from the QTI " : " | https://github.com/")));
        }
    }

    /** The package folder (ending in /) a file belongs to, or null when its folder holds no manifest. */
    private static String packageOf(String name) {
        Path folder = CORPUS.resolve(name).getParent();
        for (Path f = folder; f != null && f.startsWith(CORPUS) && !f.equals(CORPUS); f = f.getParent()) {
            if (Files.exists(f.resolve("imsmanifest.xml"))) {
                return CORPUS.relativize(f).toString().replace('\\', '/') + "/";
            }
        }
        return null;
    }

    private static void check(Row row) throws IOException {
        ImportResult result = importRow(row);
        if (!row.finding().isEmpty()) {
            String[] finding = row.finding().split(" at ", 2);
            assertThat(result.issues())
                    .as("%s reports %s", row.file(), row.finding())
                    .anySatisfy(issue -> {
                        assertThat(issue.rule().code()).isEqualTo(finding[0]);
                        assertThat(issue.location().place()).isEqualTo(finding[1]);
                    });
        }
        if (row.outcome().equals("refused")) {
            assertThat(result.accepted()).as("%s is refused", row.file()).isFalse();
            return;
        }
        assertThat(result.errors()).as("%s imports without errors", row.file()).isEmpty();
        List<Item> items = result.bank().orElseThrow().items();
        assertThat(items).hasSize(1);
        Item item = items.get(0);
        ItemType type = ItemType.valueOf(row.type());
        assertThat(item.type()).as("type").isEqualTo(type);
        assertThat(item.score()).as("score").isEqualByComparingTo(row.score());
        switch (type) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
                assertThat(item.correctOptions()).as("key").containsExactlyInAnyOrder(words(row.key()));
                assertThat(item.options().stream().filter(Choice::fixed).map(Choice::id))
                        .as("fixed options").containsExactlyInAnyOrder(words(row.fixed()));
            }
            case TRUE_FALSE -> assertThat(item.correctTrueFalse()).as("key")
                    .isEqualTo(Boolean.parseBoolean(row.key()));
            case FILL_IN -> assertThat(item.blanks().stream().map(b -> b.accepted().get(0)).toList()).as("key")
                    .isEqualTo(List.of(row.key().split(" / ")));
            default -> throw new IllegalArgumentException("no key check for " + type);
        }
        for (String scored : row.scores().split(";")) {
            int eq = scored.lastIndexOf('=');
            String answer = scored.substring(0, eq).strip();
            BigDecimal expected = new BigDecimal(scored.substring(eq + 1).strip());
            assertThat(Scorer.score(onPaper(item), response(type, answer)).points())
                    .as("%s scores %s for %s", row.file(), expected, answer).isEqualByComparingTo(expected);
        }
    }

    private static String[] words(String text) {
        return text.isBlank() ? new String[0] : text.strip().split("\\s+");
    }

    private static Response response(ItemType type, String answer) {
        return switch (type) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> new Response.Choices(
                    answer.equals("{}") ? Set.of() : Set.of(answer.split("\\+")));
            case TRUE_FALSE -> new Response.TrueFalse(Boolean.parseBoolean(answer));
            case FILL_IN -> new Response.Blanks(List.of(answer.split(" / ")));
            default -> throw new IllegalArgumentException("no response for " + type);
        };
    }

    private static ImportResult importRow(Row row) throws IOException {
        BankImporter importer = new BankImporter();
        Path path = CORPUS.resolve(row.file());
        return switch (row.via()) {
            case "item" -> importer.importBytes(path.getFileName().toString(), Files.readAllBytes(path), DEFAULTS);
            case "zip" -> {
                Map<String, byte[]> entries = new LinkedHashMap<>();
                String name = path.getFileName().toString();
                entries.put("imsmanifest.xml", QtiSamples.manifest(List.of(name)).getBytes(StandardCharsets.UTF_8));
                entries.put(name, Files.readAllBytes(path));
                entries.putAll(filesUnder(path.getParent(), path.getParent().resolve("images")));
                yield importer.importBytes(name.replace(".xml", ".zip"), QtiSamples.zip(entries), DEFAULTS);
            }
            case "package" -> importer.importBytes(path.getFileName() + ".zip",
                    QtiSamples.zip(filesUnder(path, path)), DEFAULTS);
            default -> throw new IllegalArgumentException("via " + row.via());
        };
    }

    /** The files under a folder, named relative to base, in a stable order. */
    private static Map<String, byte[]> filesUnder(Path base, Path folder) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).sorted().forEach(found::add);
        }
        for (Path file : found) {
            files.put(base.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
        return files;
    }

    private static PaperItem onPaper(Item item) {
        return new PaperItem(1, item.id(), item.type(), item.stem(), item.options(),
                item.options().stream().map(Choice::id).toList(), item.correctOptions(), item.correctTrueFalse(),
                item.blanks(), item.score(), item.multipleRule(), item.rubric(), item.operation(),
                item.choiceMapping(), item.score());
    }
}
