package cn.examcore.bank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.BlueprintJson;
import cn.examcore.bank.assembly.TestBanks;
import cn.examcore.bank.bench.XlsxBankFile;
import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.io.json.BankJson;
import cn.examcore.bank.io.json.JsonBankWriter;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.validate.ImportResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("BankCli")
class BankCliTest {

    /** Per test: outputs and broken copies. */
    @TempDir
    Path dir;

    /** Shared read-only inputs, written once because every assemble test needs them. */
    @TempDir
    static Path shared;

    private static Bank bank;
    private static Path bankJson;
    private static Path blueprint;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeAll
    static void files() throws IOException {
        // 130 single-choice items: two disjoint forms of the 60-item section fit, three do not.
        bank = TestBanks.bank(21, 130);
        bankJson = shared.resolve("bank.json");
        Files.write(bankJson, new JsonBankWriter().toBytes(bank));
        blueprint = shared.resolve("hr4.json");
        BlueprintJson.write(TestBanks.hundredItemBlueprint(), blueprint);
    }

    private int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        return new BankCli().run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private String s(Path p) {
        return p.toString();
    }

    /** A copy of the generated bank's JSON with one item's score removed, which validation reports. */
    private Path brokenBank() throws IOException {
        String json = Files.readString(bankJson);
        int at = json.indexOf("\"score\" : 1,");
        assertThat(at).isPositive();
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, json.substring(0, at) + json.substring(at + "\"score\" : 1,".length()));
        return broken;
    }

    @Nested
    @DisplayName("usage")
    class Usage {

        @Test
        @DisplayName("no command exits 2 with the usage text on stderr")
        void noCommand() {
            assertThat(run()).isEqualTo(2);
            assertThat(err()).startsWith("error: no command given\nusage: java -jar question-bank.jar")
                    .contains("validate FILE", "convert IN OUT.json", "template OUT.xlsx", "assemble --bank FILE");
            assertThat(out()).isEmpty();
        }

        @Test
        @DisplayName("an unknown command exits 2 naming it")
        void unknownCommand() {
            assertThat(run("frobnicate", "x")).isEqualTo(2);
            assertThat(err()).startsWith("error: unknown command \"frobnicate\"\nusage:");
        }

        @Test
        @DisplayName("help prints the usage text on stdout and exits 0, listing the importable formats")
        void help() {
            assertThat(run("help")).isZero();
            assertThat(out()).startsWith("usage:").contains(".json", ".xlsx").contains("exit status: 0 success, 1");
            assertThat(err()).isEmpty();
        }

        @Test
        @DisplayName("a file name the file system cannot hold is a usage error")
        void invalidPath() {
            assertThat(run("validate", "bad\u0000name.json")).isEqualTo(2);
            assertThat(err()).startsWith("error: not a usable file name: ");
        }

        @Test
        @DisplayName("a missing or extra argument exits 2")
        void wrongArgumentCounts() {
            assertThat(run("validate")).isEqualTo(2);
            assertThat(err()).startsWith("error: validate takes one FILE, got none\n");
            assertThat(run("validate", "a.json", "b.json")).isEqualTo(2);
            assertThat(err()).startsWith("error: validate takes one FILE, got 2 arguments [a.json, b.json]\n");
            assertThat(run("convert", "a.json")).isEqualTo(2);
            assertThat(err()).startsWith("error: convert takes IN and OUT.json, got 1 argument [a.json]\n");
            assertThat(run("template")).isEqualTo(2);
            assertThat(err()).startsWith("error: template takes one OUT.xlsx, got none\n");
        }
    }

    @Nested
    @DisplayName("validate")
    class Validate {

        @Test
        @DisplayName("a valid bank prints its summary and exits 0")
        void validBank() {
            assertThat(run("validate", s(bankJson))).isZero();
            assertThat(out()).isEqualTo("accepted: " + bank.items().size() + " items, 0 errors, 0 warnings\n");
        }

        @Test
        @DisplayName("an .xlsx bank filled from the template validates too")
        void xlsxBank() throws IOException {
            Path xlsx = dir.resolve("bank.xlsx");
            Files.write(xlsx, XlsxBankFile.bytes(TestBanks.bank(3, 4)));
            assertThat(run("validate", s(xlsx))).isZero();
            assertThat(out()).isEqualTo("accepted: " + TestBanks.bank(3, 4).items().size()
                    + " items, 0 errors, 0 warnings\n");
        }

        @Test
        @DisplayName("warnings are printed location first but do not fail")
        void warningsDoNotFail() throws IOException {
            // Two items with the same stem draw a duplicate-stem warning.
            String json = Files.readString(bankJson).replace("<p>Question single_choice-1</p>",
                    "<p>Question single_choice-0</p>");
            Path warned = dir.resolve("warned.json");
            Files.writeString(warned, json);
            assertThat(run("validate", s(warned))).isZero();
            List<String> lines = out().lines().toList();
            assertThat(lines.get(0)).startsWith("warned.json: /items/").contains(": warning duplicate-stem: ");
            assertThat(lines.get(lines.size() - 1)).matches("accepted: \\d+ items, 0 errors, [1-9]\\d* warnings?");
        }

        @Test
        @DisplayName("errors are printed one per line, location first, and exit 1")
        void errorsFail() throws IOException {
            Path broken = brokenBank();
            ImportResult expected = new BankImporter().importFile(broken);
            assertThat(run("validate", s(broken))).isEqualTo(1);
            List<String> lines = out().lines().toList();
            assertThat(lines).hasSize(expected.issues().size() + 1);
            assertThat(lines.get(0)).startsWith("broken.json: /items/0").contains(": error missing-score: ");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("rejected: 1 error, 0 warnings");
        }

        @Test
        @DisplayName("a file that does not exist is an input error naming the file")
        void missingFile() {
            assertThat(run("validate", s(dir.resolve("nope.json")))).isEqualTo(1);
            assertThat(out()).startsWith("nope.json: error unreadable-file: ").endsWith("rejected: 1 error, 0 warnings\n");
        }
    }

    @Nested
    @DisplayName("convert")
    class Convert {

        @Test
        @DisplayName("an .xlsx bank converts to native JSON that imports to the same items")
        void xlsxToJson() throws IOException {
            Bank source = TestBanks.bank(5, 6);
            Path xlsx = dir.resolve("source.xlsx");
            Files.write(xlsx, XlsxBankFile.bytes(source));
            Path target = dir.resolve("converted.json");
            assertThat(run("convert", s(xlsx), s(target))).isZero();
            assertThat(out()).isEqualTo("converted " + source.items().size() + " items from " + xlsx + " to "
                    + target + "\n");
            ImportResult back = new BankImporter().importFile(target);
            assertThat(back.accepted()).isTrue();
            Bank converted = back.bank().orElseThrow();
            assertThat(converted.items()).extracting(Item::id)
                    .containsExactlyElementsOf(source.items().stream().map(Item::id).toList());
            assertThat(converted.items()).extracting(Item::type)
                    .containsExactlyElementsOf(source.items().stream().map(Item::type).toList());
            JsonNode root = BankJson.mapper().readTree(target.toFile());
            assertThat(root.get("format").asText()).isEqualTo(BankJson.FORMAT);
        }

        @Test
        @DisplayName("an invalid bank exits 1 with its errors on stderr and writes nothing")
        void invalidWritesNothing() throws IOException {
            Path target = dir.resolve("out.json");
            assertThat(run("convert", s(brokenBank()), s(target))).isEqualTo(1);
            assertThat(err()).contains("broken.json: /items/0").contains("error missing-score")
                    .endsWith("rejected: 1 error, 0 warnings; nothing written\n");
            assertThat(target).doesNotExist();
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }

        @Test
        @DisplayName("an existing output is left untouched when the input is invalid")
        void existingOutputKept() throws IOException {
            Path target = dir.resolve("keep.json");
            Files.writeString(target, "previous");
            assertThat(run("convert", s(brokenBank()), s(target))).isEqualTo(1);
            assertThat(Files.readString(target)).isEqualTo("previous");
        }

        @Test
        @DisplayName("an output that is not .json is a usage error")
        void wrongExtension() {
            assertThat(run("convert", s(bankJson), s(dir.resolve("out.xlsx")))).isEqualTo(2);
            assertThat(err()).startsWith("error: convert writes a .json file; ");
            assertThat(dir.resolve("out.xlsx")).doesNotExist();
        }

        @Test
        @DisplayName("an output in a folder that does not exist exits 1 naming it")
        void unwritable() {
            Path target = dir.resolve("no-such-dir").resolve("out.json");
            assertThat(run("convert", s(bankJson), s(target))).isEqualTo(1);
            assertThat(err()).startsWith(target + ": cannot write: ");
        }
    }

    @Nested
    @DisplayName("template")
    class Template {

        @Test
        @DisplayName("writes the blank template with its 题库 sheet and exits 0")
        void writes() throws IOException {
            Path target = dir.resolve("blank.xlsx");
            assertThat(run("template", s(target))).isZero();
            assertThat(out()).isEqualTo("wrote the blank bank template to " + target + "\n");
            try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(target))) {
                assertThat(wb.getSheet("题库")).isNotNull();
                assertThat(wb.getSheet("题库").getRow(0).getCell(0).getStringCellValue()).isEqualTo("题号");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"blank.csv", "blank", ".xlsx"})
        @DisplayName("an output that is not a named .xlsx is a usage error")
        void wrongExtension(String name) {
            assertThat(run("template", s(dir.resolve(name)))).isEqualTo(2);
            assertThat(err()).startsWith("error: template writes a .xlsx file; ");
        }
    }

    @Nested
    @DisplayName("assemble")
    class Assemble {

        private JsonNode papers() throws IOException {
            return BankJson.mapper().readTree(outBytes.toByteArray());
        }

        @Test
        @DisplayName("prints K papers of seeds N, N+1 … as a JSON array with keys, the same every run")
        void papersFromSeeds() throws IOException {
            assertThat(run("assemble", "--bank", s(bankJson), "--blueprint", s(blueprint), "--seed", "41",
                    "--count", "3")).isZero();
            String first = out();
            JsonNode papers = papers();
            assertThat(papers.isArray()).isTrue();
            assertThat(papers).hasSize(3);
            List<Long> seeds = new ArrayList<>();
            papers.forEach(p -> seeds.add(p.get("seed").asLong()));
            assertThat(seeds).containsExactly(41L, 42L, 43L);
            JsonNode paper = papers.get(0);
            assertThat(paper.get("itemCount").asInt()).isEqualTo(100);
            assertThat(paper.get("totalScore").decimalValue()).isEqualByComparingTo("100");
            assertThat(paper.get("bankId").asText()).isEqualTo(bank.id());
            JsonNode item = paper.get("sections").get(0).get("items").get(0);
            assertThat(item.get("number").asInt()).isEqualTo(1);
            assertThat(item.get("options")).hasSize(4);
            assertThat(item.get("key")).hasSize(1);
            assertThat(item.get("sourceOptionIds")).hasSize(4);
            JsonNode trueFalse = paper.get("sections").get(2).get("items").get(0);
            assertThat(trueFalse.get("key").isBoolean()).isTrue();

            assertThat(run("assemble", "--bank=" + s(bankJson), "--blueprint=" + s(blueprint), "--seed=41",
                    "--count=3")).isZero();
            assertThat(out()).isEqualTo(first);
            assertThat(err()).isEmpty();
        }

        @Test
        @DisplayName("the printed key points at the option text the bank marks correct")
        void keyMatchesBank() throws IOException {
            assertThat(run("assemble", "--bank", s(bankJson), "--blueprint", s(blueprint), "--seed", "7")).isZero();
            Map<String, Item> byId = bank.items().stream().collect(Collectors.toMap(Item::id, i -> i));
            int checked = 0;
            for (JsonNode section : papers().get(0).get("sections")) {
                for (JsonNode item : section.get("items")) {
                    if (!item.has("options")) {
                        continue;
                    }
                    Item source = byId.get(item.get("itemId").asText());
                    Set<String> expected = source.options().stream()
                            .filter(o -> source.correctOptions().contains(o.id())).map(o -> o.html())
                            .collect(Collectors.toSet());
                    Set<String> printed = new HashSet<>();
                    for (JsonNode label : item.get("key")) {
                        for (JsonNode option : item.get("options")) {
                            if (option.get("id").asText().equals(label.asText())) {
                                printed.add(option.get("html").asText());
                            }
                        }
                    }
                    assertThat(printed).isEqualTo(expected);
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(80);
        }

        @Test
        @DisplayName("every sample blueprint assembles from its sample bank to the blueprint's total score")
        void samples() throws IOException {
            Path samples = Path.of("src/main/resources/samples");
            List<Path> blueprints;
            try (var files = Files.list(samples)) {
                blueprints = files.filter(f -> f.getFileName().toString().endsWith(".blueprint.json")).sorted().toList();
            }
            assertThat(blueprints).isNotEmpty();
            for (Path bp : blueprints) {
                String name = bp.getFileName().toString();
                Path sampleBank = samples.resolve(name.substring(0, name.lastIndexOf('-')) + ".json");
                assertThat(run("assemble", "--bank", s(sampleBank), "--blueprint", s(bp), "--seed", "3",
                        "--count", "2")).as("%s: %s", name, err()).isZero();
                JsonNode papers = papers();
                assertThat(papers).hasSize(2);
                for (JsonNode paper : papers) {
                    assertThat(paper.get("totalScore").decimalValue()).as(name)
                            .isEqualByComparingTo(BlueprintJson.read(bp).totalScore());
                }
            }
        }

        @Test
        @DisplayName("--forms prints parallel forms of one seed that share no item")
        void forms() throws IOException {
            assertThat(run("assemble", "--bank", s(bankJson), "--blueprint", s(blueprint), "--seed", "5",
                    "--count", "2", "--forms")).isZero();
            JsonNode papers = papers();
            assertThat(papers).hasSize(2);
            Set<String> ids = new HashSet<>();
            int total = 0;
            for (JsonNode paper : papers) {
                assertThat(paper.get("seed").asLong()).isEqualTo(5);
                for (JsonNode section : paper.get("sections")) {
                    for (JsonNode item : section.get("items")) {
                        ids.add(item.get("itemId").asText());
                        total++;
                    }
                }
            }
            assertThat(papers.get(1).get("form").asInt()).isEqualTo(1);
            assertThat(total).isEqualTo(200);
            assertThat(ids).hasSize(200);
        }

        @Test
        @DisplayName("more forms than the bank supports exits 1 with the section and bound")
        void tooManyForms() {
            assertThat(run("assemble", "--bank", s(bankJson), "--blueprint", s(blueprint), "--seed", "5",
                    "--count", "3", "--forms")).isEqualTo(1);
            assertThat(err()).contains("section s1 (一、单项选择题): the bank supports at most 2 disjoint forms, "
                    + "3 requested");
            assertThat(out()).isEmpty();
        }

        @Test
        @DisplayName("a bank short of the blueprint exits 1 naming section and missing count")
        void shortage() throws IOException {
            Path small = dir.resolve("small.json");
            Files.write(small, new JsonBankWriter().toBytes(TestBanks.bank(2, 30)));
            assertThat(run("assemble", "--bank", s(small), "--blueprint", s(blueprint), "--seed", "1")).isEqualTo(1);
            assertThat(err()).isEqualTo("section s1 (一、单项选择题): needs 60 SINGLE_CHOICE items tagged "
                    + "企业人力资源管理师/4/THEORY, bank has 30, 30 missing\n");
            assertThat(out()).isEmpty();
        }

        @Test
        @DisplayName("an invalid blueprint exits 1 with each problem at its JSON pointer")
        void invalidBlueprint() throws IOException {
            String json = Files.readString(blueprint).replace("\"count\" : 60", "\"count\" : 0");
            Path bad = dir.resolve("bad-bp.json");
            Files.writeString(bad, json);
            assertThat(run("assemble", "--bank", s(bankJson), "--blueprint", s(bad), "--seed", "1")).isEqualTo(1);
            assertThat(err()).isEqualTo("bad-bp.json: /sections/0/count: count must be at least 1, got 0\n");
        }

        @Test
        @DisplayName("a missing blueprint file exits 1 naming it")
        void missingBlueprint() {
            Path nope = dir.resolve("nope.json");
            assertThat(run("assemble", "--bank", s(bankJson), "--blueprint", s(nope), "--seed", "1")).isEqualTo(1);
            assertThat(out()).isEmpty();
            assertThat(err()).isEqualTo(nope + ": the file does not exist\n");
        }

        @Test
        @DisplayName("an invalid bank exits 1 with its errors")
        void invalidBank() throws IOException {
            assertThat(run("assemble", "--bank", s(brokenBank()), "--blueprint", s(blueprint), "--seed", "1"))
                    .isEqualTo(1);
            assertThat(err()).contains("error missing-score").endsWith("rejected: 1 error, 0 warnings\n");
            assertThat(out()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "--seed|x1|error: --seed must be a whole number, got \"x1\"",
                "--count|0|error: --count must be 1 to 100000, got 0",
                "--count|2.5|error: --count must be a whole number, got \"2.5\"",
                "--colour|red|error: assemble: unknown option \"--colour\"",
                "--bank|b.json|error: assemble: --bank given twice"})
        @DisplayName("a bad option exits 2 naming it")
        void badOption(String spec) {
            String[] parts = spec.split("\\|");
            List<String> args = new ArrayList<>(List.of("assemble", "--bank", s(bankJson), "--blueprint",
                    s(blueprint)));
            if (!parts[0].equals("--seed")) {
                args.addAll(List.of("--seed", "1"));
            }
            args.addAll(List.of(parts[0], parts[1]));
            assertThat(run(args.toArray(String[]::new))).isEqualTo(2);
            assertThat(err()).startsWith(parts[2] + "\nusage:");
            assertThat(out()).isEmpty();
        }

        @Test
        @DisplayName("a missing required option or value exits 2")
        void missingOption() {
            assertThat(run("assemble", "--bank", s(bankJson), "--seed", "1")).isEqualTo(2);
            assertThat(err()).startsWith("error: assemble needs --blueprint\n");
            assertThat(run("assemble", "--bank", s(bankJson), "--blueprint", s(blueprint), "--seed")).isEqualTo(2);
            assertThat(err()).startsWith("error: --seed needs a value\n");
            assertThat(run("assemble", "--bank", "--blueprint", s(blueprint), "--seed", "1")).isEqualTo(2);
            assertThat(err()).startsWith("error: --bank needs a value\n");
            assertThat(run("assemble", "stray")).isEqualTo(2);
            assertThat(err()).startsWith("error: assemble: unexpected argument \"stray\"\n");
        }

        @Test
        @DisplayName("seeds that would run past the largest long are a usage error")
        void seedOverflow() {
            assertThat(run("assemble", "--bank", s(bankJson), "--blueprint", s(blueprint), "--seed",
                    String.valueOf(Long.MAX_VALUE), "--count", "2")).isEqualTo(2);
            assertThat(err()).startsWith("error: --seed 9223372036854775807 with --count 2 runs past the largest seed");
        }
    }

    /** An item as another tool writes it: no examcore tags, no difficulty, match_correct scoring. */
    private Path foreignItem() throws IOException {
        Path item = dir.resolve("foreign.xml");
        Files.writeString(item, """
                <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="F1" title="f"
                                adaptive="false" timeDependent="false">
                  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
                    <correctResponse><value>B</value></correctResponse>
                  </responseDeclaration>
                  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
                  <itemBody>
                    <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
                      <prompt>Which is a noble gas?</prompt>
                      <simpleChoice identifier="A">Oxygen</simpleChoice>
                      <simpleChoice identifier="B">Neon</simpleChoice>
                    </choiceInteraction>
                  </itemBody>
                  <responseProcessing
                      template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
                </assessmentItem>""", StandardCharsets.UTF_8);
        return item;
    }

    @Nested
    @DisplayName("import defaults")
    class ImportDefaults {

        @Test
        @DisplayName("an item without tags is rejected without defaults and accepted with them, each reported")
        void defaultsMakeForeignContentImport() throws IOException {
            Path item = foreignItem();
            assertThat(run("validate", s(item))).isEqualTo(BankCli.INVALID);
            assertThat(out()).contains("invalid-tags", "invalid-difficulty");

            assertThat(run("validate", "--occupation", "企业人力资源管理师", "--level=四级", "--subject", "理论知识",
                    "--difficulty", "中", s(item))).isEqualTo(BankCli.OK);
            assertThat(out()).contains("warning defaulted-value: the item gives no occupation (企业人力资源管理师), "
                    + "level (4), subject (理论知识), difficulty (3); taken from the import's defaults")
                    .contains("accepted: 1 item, 0 errors");
        }

        @Test
        @DisplayName("convert writes the defaulted values into the native bank")
        void convertKeepsDefaults() throws IOException {
            Path target = dir.resolve("out.json");
            assertThat(run("convert", s(foreignItem()), s(target), "--occupation", "企业人力资源管理师", "--level", "4",
                    "--subject", "理论知识", "--difficulty", "2")).isEqualTo(BankCli.OK);
            assertThat(Files.readString(target)).contains("企业人力资源管理师").contains("\"difficulty\" : 2");
        }

        @Test
        @DisplayName("a default the vocabulary does not know is a usage error naming it")
        void badDefault() throws IOException {
            assertThat(run("validate", "--level", "七级", s(foreignItem()))).isEqualTo(BankCli.USAGE);
            assertThat(err()).startsWith("error: validate: level \"七级\" must be 1 to 5");
            assertThat(run("validate", "--colour", "red", s(foreignItem()))).isEqualTo(BankCli.USAGE);
            assertThat(err()).contains("unknown option \"--colour\"");
        }
    }

    @Nested
    @DisplayName("export")
    class Export {

        @Test
        @DisplayName("exports a bank as a QTI package that validate then accepts with the same items")
        void exportsAndReimports() throws IOException {
            for (String version : List.of("2.1", "3.0")) {
                Path zip = dir.resolve("bank-" + version + ".zip");

                assertThat(run("export", "--qti", version, s(bankJson), s(zip))).isEqualTo(BankCli.OK);
                // The generated bank has operation tasks (and fill-ins QTI cannot carry unchanged): each item left
                // out is named on stderr, and the package holds all the others.
                List<String> leftOut = err().lines().filter(l -> l.contains("warning not-exported")).toList();
                long exported = bank.items().size() - leftOut.size();
                assertThat(leftOut).hasSizeGreaterThanOrEqualTo((int) bank.items().stream()
                        .filter(i -> i.type() == ItemType.OPERATION).count()).isNotEmpty();
                assertThat(out()).contains("exported " + exported + " items").contains("QTI " + version)
                        .contains(leftOut.size() + " left out");
                assertThat(run("validate", s(zip))).isEqualTo(BankCli.OK);
                assertThat(out()).contains("accepted: " + exported + " items");
            }
        }

        @Test
        @DisplayName("export takes import defaults, so a foreign item leaves as QTI carrying the defaulted tags")
        void exportWithImportDefaults() throws IOException {
            Path zip = dir.resolve("foreign.zip");
            assertThat(run("export", "--qti", "3.0", s(foreignItem()), s(zip))).isEqualTo(BankCli.INVALID);
            assertThat(zip).doesNotExist();

            assertThat(run("export", "--occupation", "企业人力资源管理师", "--qti", "3.0", "--level", "四级",
                    "--subject=理论知识", "--difficulty", "中", s(foreignItem()), s(zip))).isEqualTo(BankCli.OK);
            assertThat(err()).contains("warning defaulted-value");
            assertThat(out()).contains("exported 1 items");
            // The tags now travel in the package: it validates without any defaults.
            assertThat(run("validate", s(zip))).isEqualTo(BankCli.OK);
            assertThat(out()).doesNotContain("defaulted-value").contains("accepted: 1 item");
            assertThat(run("export", "--qti", "2.1", "--level", "七级", s(foreignItem()), s(zip)))
                    .isEqualTo(BankCli.USAGE);
            assertThat(err()).contains("export: level \"七级\"");
        }

        @Test
        @DisplayName("a missing or unknown --qti version, or an output that is no .zip, is a usage error")
        void usageErrors() {
            assertThat(run("export", s(bankJson), s(dir.resolve("a.zip")))).isEqualTo(BankCli.USAGE);
            assertThat(err()).contains("needs --qti");
            assertThat(run("export", "--qti", "1.2", s(bankJson), s(dir.resolve("a.zip")))).isEqualTo(BankCli.USAGE);
            assertThat(err()).contains("\"1.2\" is not 2.1 or 3.0");
            assertThat(run("export", "--qti=3.0", s(bankJson), s(dir.resolve("a.json")))).isEqualTo(BankCli.USAGE);
        }

        @Test
        @DisplayName("a bank with errors is not exported and nothing is written")
        void invalidBankWritesNothing() throws IOException {
            Path zip = dir.resolve("out.zip");

            assertThat(run("export", "--qti", "2.1", s(brokenBank()), s(zip))).isEqualTo(BankCli.INVALID);
            assertThat(err()).contains("nothing written");
            assertThat(zip).doesNotExist();
        }
    }
}
