package cn.examcore.bank.io.qti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.Resource;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Rule;
import cn.examcore.bank.report.Severity;
import cn.examcore.bank.validate.ImportResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IMS content packages (.zip) read the items their manifest lists")
class QtiPackageTest {

    private static final String HR = "企业人力资源管理师";

    private final QtiBankReader reader = new QtiBankReader();

    @Test
    @DisplayName("the sample package yields its items, its image as a resource and a report of what it left out")
    void samplePackage() {
        byte[] png = QtiSamples.png();
        Map<String, byte[]> files = QtiSamples.packageFiles();
        files.put("items/images/chart.png", png);

        ParsedBank bank = reader.read("hr4.zip", QtiSamples.zip(files), ImportLimits.defaults());

        assertThat(bank.id()).isEqualTo("HR4-2026-QTI");
        assertThat(bank.title()).isEqualTo("企业人力资源管理师四级（QTI）");
        assertThat(bank.defaultMultipleRule()).isEqualTo(MultipleChoiceRule.PARTIAL_SUBSET);
        assertThat(bank.items()).containsExactly(
                new Item("HR4-PKG-001", ItemType.SINGLE_CHOICE, "<p>下图所示的薪酬结构属于哪一类型？</p> "
                        + "<p><img src=\"res:items/images/chart.png\" alt=\"薪酬结构图\" width=\"320\" height=\"200\"></p>",
                        List.of(new Choice("A", "高弹性模式"), new Choice("B", "高稳定模式"), new Choice("C", "调和型模式")),
                        Set.of("C"), null, List.of(), BigDecimal.ONE, null, true, "HR4-05-01", 3,
                        new Tags(HR, 4, Subject.THEORY), List.of(), null, ""),
                new Item("HR4-PKG-002", ItemType.TRUE_FALSE, "<p>用人单位安排加班的，应当依法支付加班费。</p>",
                        List.of(), Set.of(), true, List.of(), BigDecimal.ONE, null, false, "", 1,
                        new Tags(HR, 3, Subject.THEORY), List.of(), null, ""));
        assertThat(bank.resources()).containsOnlyKeys("items/images/chart.png");
        Resource chart = bank.resources().get("items/images/chart.png");
        assertThat(chart.mediaType()).isEqualTo("image/png");
        assertThat(chart.bytes()).isEqualTo(png);
        assertThat(bank.readIssues()).extracting(Issue::severity, Issue::rule, i -> i.location().toString())
                .containsExactly(
                        tuple(Severity.ERROR, Rule.UNSUPPORTED_INTERACTION,
                                "hr4.zip!items/q3.xml: /assessmentItem/itemBody/hotspotInteraction[1]"),
                        tuple(Severity.WARNING, Rule.UNUSED_VALUE,
                                "hr4.zip!imsmanifest.xml: /manifest/resources/resource[4]"));
        assertThat(bank.sourceMap().locate(1, ItemField.DIFFICULTY, -1).toString())
                .isEqualTo("hr4.zip!imsmanifest.xml: /manifest/resources/resource[2]/metadata/item[1]/@difficulty");
        assertThat(bank.sourceMap().locate(0, ItemField.OPTION, 0).toString())
                .isEqualTo("hr4.zip!items/q1.xml: /assessmentItem/itemBody/choiceInteraction[1]/simpleChoice[1]");
    }

    @Test
    @DisplayName("the sample package without its unsupported item is accepted by the importer, image included")
    void supportedPackageIsAccepted() {
        Map<String, byte[]> files = QtiSamples.packageFiles();
        String manifest = new String(files.get("imsmanifest.xml"), StandardCharsets.UTF_8)
                .replaceAll("(?s)<resource identifier=\"item3\".*?</resource>", "");
        files.put("imsmanifest.xml", manifest.getBytes(StandardCharsets.UTF_8));

        ImportResult result = new BankImporter().importBytes("hr4.zip", QtiSamples.zip(files));

        assertThat(result.errors()).isEmpty();
        assertThat(result.bank()).hasValueSatisfying(bank -> {
            assertThat(bank.items()).extracting(Item::id).containsExactly("HR4-PKG-001", "HR4-PKG-002");
            assertThat(bank.resources()).containsOnlyKeys("items/images/chart.png");
        });
    }

    @Test
    @DisplayName("a package wrapped in one folder by a zip tool is read from that folder")
    void nestedPackageFolder() {
        Map<String, byte[]> nested = new LinkedHashMap<>();
        QtiSamples.packageFiles().forEach((name, bytes) -> nested.put("hr4/" + name, bytes));

        ParsedBank bank = reader.read("hr4.zip", QtiSamples.zip(nested), ImportLimits.defaults());

        assertThat(bank.items()).extracting(Item::id).containsExactly("HR4-PKG-001", "HR4-PKG-002");
        assertThat(bank.resources()).containsOnlyKeys("hr4/items/images/chart.png");
        assertThat(bank.readIssues()).extracting(i -> i.location().file())
                .containsExactly("hr4.zip!hr4/items/q3.xml", "hr4.zip!hr4/imsmanifest.xml");
    }

    @Test
    @DisplayName("a manifest reference that climbs out of the package is refused as an unsafe path")
    void manifestZipSlip() {
        byte[] zip = QtiSamples.zip(Map.of("imsmanifest.xml",
                QtiSamples.manifest(List.of("../../etc/passwd")).getBytes(StandardCharsets.UTF_8)));

        ParsedBank bank = reader.read("p.zip", zip, ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.UNSAFE_PATH);
            assertThat(issue.location().toString()).isEqualTo("p.zip!imsmanifest.xml: /manifest/resources/resource[1]");
        });
    }

    @Test
    @DisplayName("an image path that climbs out, points elsewhere, is missing or is not an image is refused at the img")
    void badImages() {
        Map<String, byte[]> svg = Map.of("items/logo.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                        .getBytes(StandardCharsets.UTF_8));
        String[][] cases = {
            {"../../../etc/passwd", "UNSAFE_PATH"},
            {"https://example.com/a.png", "BROKEN_RESOURCE"},
            {"data:image/png;base64,iVBORw0KGgo=", "BROKEN_RESOURCE"},
            {"missing.png", "BROKEN_RESOURCE"},
            {"logo.svg", "BROKEN_RESOURCE"},
        };
        for (String[] c : cases) {
            byte[] zip = QtiSamples.onePackage(QtiSamples.item("<p><img src=\"" + c[0] + "\"/></p>"), svg);

            ParsedBank bank = reader.read("p.zip", zip, ImportLimits.defaults());

            assertThat(bank.items()).as(c[0]).isEmpty();
            assertThat(bank.resources()).as(c[0]).isEmpty();
            assertThat(bank.readIssues()).as(c[0]).singleElement().satisfies(issue -> {
                assertThat(issue.rule()).isEqualTo(Rule.valueOf(c[1]));
                assertThat(issue.location().toString())
                        .isEqualTo("p.zip!items/q1.xml: /assessmentItem/itemBody/p[1]/img[1]");
            });
        }
    }

    @Test
    @DisplayName("an image reference with a percent-encoded name and ./ or ../ inside the package resolves")
    void imagePathsResolveInsidePackage() {
        byte[] zip = QtiSamples.onePackage(QtiSamples.item("<p><img src=\"./../media/%E5%9B%BE%201.png\"/></p>"),
                Map.of("media/图 1.png", QtiSamples.png()));

        ParsedBank bank = reader.read("p.zip", zip, ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        assertThat(bank.items().get(0).stem()).contains("<img src=\"res:media/图 1.png\">");
        assertThat(bank.resources()).containsOnlyKeys("media/图 1.png");
    }

    @Test
    @DisplayName("a package without imsmanifest.xml, or whose manifest lists no item, is reported")
    void missingManifestOrItems() {
        ParsedBank noManifest = reader.read("p.zip",
                QtiSamples.zip(Map.of("items/q1.xml", QtiSamples.item("").getBytes(StandardCharsets.UTF_8))),
                ImportLimits.defaults());
        ParsedBank noItems = reader.read("p.zip",
                QtiSamples.zip(Map.of("imsmanifest.xml",
                        QtiSamples.manifest(List.of()).getBytes(StandardCharsets.UTF_8))),
                ImportLimits.defaults());

        assertThat(noManifest.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.MISSING_FIELD);
            assertThat(issue.message()).contains("imsmanifest.xml");
        });
        assertThat(noItems.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.MISSING_FIELD);
            assertThat(issue.location().toString()).isEqualTo("p.zip!imsmanifest.xml: /manifest");
        });
    }

    @Test
    @DisplayName("an item file the manifest names but the package lacks is a broken resource at the manifest entry")
    void missingItemFile() {
        byte[] zip = QtiSamples.zip(Map.of("imsmanifest.xml",
                QtiSamples.manifest(List.of("items/q9.xml")).getBytes(StandardCharsets.UTF_8)));

        ParsedBank bank = reader.read("p.zip", zip, ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.BROKEN_RESOURCE);
            assertThat(issue.message()).contains("items/q9.xml");
        });
    }

    @Test
    @DisplayName("a zip bomb generated in the test is refused before any entry is parsed")
    void zipBomb() {
        byte[] bomb = QtiSamples.onePackage(QtiSamples.item(""), Map.of("items/padding.xml", new byte[16 << 20]));

        ParsedBank bank = reader.read("bomb.zip", bomb, ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.ARCHIVE_TOO_LARGE);
            assertThat(issue.location().toString()).isEqualTo("bomb.zip: entry items/padding.xml");
        });
    }

    @Test
    @DisplayName("more item resources than the item limit stop the read with TOO_MANY_ITEMS")
    void tooManyItems() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("imsmanifest.xml", QtiSamples.manifest(List.of("q.xml", "q.xml", "q.xml"))
                .getBytes(StandardCharsets.UTF_8));
        entries.put("q.xml", QtiSamples.item("").getBytes(StandardCharsets.UTF_8));
        ImportLimits limits = new ImportLimits(64L << 20, 512L << 20, 20_000, 200, 2, 20_000);

        ParsedBank bank = reader.read("p.zip", QtiSamples.zip(entries), limits);

        assertThat(bank.items()).hasSize(2);
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.TOO_MANY_ITEMS);
            assertThat(issue.location().place()).isEqualTo("/manifest/resources/resource[3]");
        });
    }
}
