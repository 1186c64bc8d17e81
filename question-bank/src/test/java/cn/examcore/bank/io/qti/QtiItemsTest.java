package cn.examcore.bank.io.qti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.ScoreMapping;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import cn.examcore.bank.report.Rule;
import cn.examcore.bank.report.Severity;
import cn.examcore.bank.validate.ImportResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("QTI 2.1 and 3.0 items read into the common model")
class QtiItemsTest {

    private static final String HR = "企业人力资源管理师";
    private static final String TRAINER = "职业培训师";
    private static final String BLANK_1 = "<u>\u00a0\u00a0(1)\u00a0\u00a0</u>";
    private static final String BLANK_2 = "<u>\u00a0\u00a0(2)\u00a0\u00a0</u>";

    private final QtiBankReader reader = new QtiBankReader();

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("qti21/choice-single.xml", new Item("HR4-Q21-001", ItemType.SINGLE_CHOICE,
                        "<p>劳动合同期限三个月以上不满一年的，试用期不得超过<b>多久</b>？</p> <p>请选择一项。</p>",
                        List.of(new Choice("A", "七日"), new Choice("B", "一个月"), new Choice("C", "二个月"),
                                new Choice("D", "六个月")),
                        Set.of("B"), null, List.of(), BigDecimal.ONE, null, true, "HR4-03-01", 2,
                        new Tags(HR, 4, Subject.THEORY), List.of(), null, "")),
                Arguments.of("qti21/choice-multiple.xml", new Item("HR4-Q21-002", ItemType.MULTIPLE_CHOICE,
                        "<p>下列属于劳动合同必备条款的有：</p>",
                        List.of(new Choice("A", "劳动合同期限"), new Choice("B", "工作内容和工作地点"),
                                new Choice("C", "试用期"), new Choice("D", "劳动报酬")),
                        Set.of("A", "B", "D"), null, List.of(), new BigDecimal("2"), null,
                        false, "", 4, new Tags(HR, 4, Subject.THEORY), List.of(), null, "",
                        new ScoreMapping(List.of(new ScoreMapping.Entry("A", BigDecimal.ONE, true),
                                new ScoreMapping.Entry("B", new BigDecimal("0.5"), true),
                                new ScoreMapping.Entry("C", new BigDecimal("-1"), true),
                                new ScoreMapping.Entry("D", new BigDecimal("0.5"), true)),
                                BigDecimal.ZERO, BigDecimal.ZERO, null))),
                Arguments.of("qti21/true-false.xml", new Item("HR4-Q21-003", ItemType.TRUE_FALSE,
                        "<p>劳动合同可以约定由劳动者承担社会保险费。</p>", List.of(), Set.of(), false, List.of(),
                        BigDecimal.ONE, null, false, "", 1, new Tags(HR, 3, Subject.THEORY), List.of(), null, "")),
                Arguments.of("qti21/text-entry.xml", new Item("HR4-Q21-004", ItemType.FILL_IN,
                        "<p>劳动者提前" + BLANK_1 + "日以书面形式通知用人单位，可以解除" + BLANK_2 + "。</p>",
                        List.of(), Set.of(), null,
                        List.of(new Blank(List.of("30"), BigDecimal.ZERO), new Blank(List.of("劳动合同", "劳动协议"), null)),
                        new BigDecimal("2"), null, false, "", 3, new Tags(HR, 4, Subject.THEORY), List.of(), null, "")),
                Arguments.of("qti21/extended-text.xml", new Item("HR4-Q21-005", ItemType.ESSAY,
                        "<p>简述员工招聘的主要渠道。</p>", List.of(), Set.of(), null, List.of(), BigDecimal.TEN, null,
                        false, "HR4-02-01", 3, new Tags(HR, 4, Subject.THEORY),
                        List.of(new RubricPoint("内部招聘及其方式", new BigDecimal("4")),
                                new RubricPoint("外部招聘及其方式", new BigDecimal("4")),
                                new RubricPoint("结合实际举例", new BigDecimal("2"))), null, "")),
                Arguments.of("qti21/extended-text-no-rubric.xml", new Item("HR4-Q21-006", ItemType.ESSAY,
                        "<p>论述绩效考核结果在人力资源管理中的应用。</p>", List.of(), Set.of(), null, List.of(),
                        new BigDecimal("20"), null, false, "", 5, new Tags(HR, 4, Subject.THEORY),
                        List.of(new RubricPoint("按评分标准评分", new BigDecimal("20"))), null, "")),
                Arguments.of("qti30/choice-multiple.xml", new Item("TR3-Q30-001", ItemType.MULTIPLE_CHOICE,
                        "<p>培训需求分析通常包括哪些层面？</p> <p>可多选。</p>",
                        List.of(new Choice("A", "组织分析"), new Choice("B", "薪酬分析"), new Choice("C", "人员分析")),
                        Set.of("A", "C"), null, List.of(), new BigDecimal("2"), MultipleChoiceRule.ALL_OR_NOTHING,
                        true, "TR3-01-02", 3,
                        new Tags(TRAINER, 3, Subject.THEORY), List.of(), null, "")),
                Arguments.of("qti30/text-entry.xml", new Item("TR3-Q30-002", ItemType.FILL_IN,
                        "<p>一节 90 分钟的课程合计 " + BLANK_1 + " 小时。</p>", List.of(), Set.of(), null,
                        List.of(new Blank(List.of("1.5"), BigDecimal.ZERO)), new BigDecimal("2"), null, false, "", 2,
                        new Tags(TRAINER, 3, Subject.THEORY), List.of(), null, "")),
                Arguments.of("qti30/extended-text.xml", new Item("TR3-Q30-003", ItemType.ESSAY,
                        "<p>请结合柯氏四级评估模型作答。</p> <p>设计一份培训效果评估方案。</p>", List.of(), Set.of(),
                        null, List.of(), new BigDecimal("15"), null, false, "", 4,
                        new Tags(TRAINER, 3, Subject.OPERATION),
                        List.of(new RubricPoint("说明反应层与学习层评估", new BigDecimal("5")),
                                new RubricPoint("说明行为层与结果层评估", new BigDecimal("5")),
                                new RubricPoint("举例恰当", new BigDecimal("5"))), null, "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @DisplayName("each supported interaction reads into exactly the expected item, every field included")
    void sampleReadsIntoItem(String sample, Item expected) {
        ParsedBank bank = reader.read(sample.substring(sample.indexOf('/') + 1), QtiSamples.resource(sample),
                ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        assertThat(bank.items()).containsExactly(expected);
        assertThat(bank.resources()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @DisplayName("each supported sample is accepted by the importer, validation and HTML safety included")
    void sampleIsAcceptedByTheImporter(String sample, Item expected) {
        ImportResult result = new BankImporter().importBytes("item.xml", QtiSamples.resource(sample));

        assertThat(result.errors()).isEmpty();
        assertThat(result.bank()).hasValueSatisfying(bank -> assertThat(bank.items()).containsExactly(expected));
    }

    static Stream<Arguments> unsupported() {
        return Stream.of(
                Arguments.of("qti21/order.xml", "/assessmentItem/itemBody/orderInteraction[1]", "orderInteraction"),
                Arguments.of("qti30/match.xml", "/qti-assessment-item/qti-item-body/qti-match-interaction[1]",
                        "qti-match-interaction"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupported")
    @DisplayName("an unsupported interaction is reported by name at its element path and the item is left out")
    void unsupportedInteractionIsReported(String sample, String path, String name) {
        String file = sample.substring(sample.indexOf('/') + 1);

        ParsedBank bank = reader.read(file, QtiSamples.resource(sample), ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.rule()).isEqualTo(Rule.UNSUPPORTED_INTERACTION);
            assertThat(issue.location().file()).isEqualTo(file);
            assertThat(issue.location().place()).isEqualTo(path);
            assertThat(issue.message()).contains(name);
        });
    }

    @Test
    @DisplayName("the source map points at the option, key, blank and metadata elements of the file")
    void sourceMapPointsAtElements() {
        ParsedBank choice = reader.read("c.xml", QtiSamples.resource("qti21/choice-single.xml"),
                ImportLimits.defaults());
        ParsedBank fillIn = reader.read("f.xml", QtiSamples.resource("qti21/text-entry.xml"), ImportLimits.defaults());

        assertThat(choice.sourceMap().locate(0, ItemField.OPTION, 2).toString())
                .isEqualTo("c.xml: /assessmentItem/itemBody/choiceInteraction[1]/simpleChoice[3]");
        assertThat(choice.sourceMap().locate(0, ItemField.KEY, -1).place())
                .isEqualTo("/assessmentItem/responseDeclaration[1]/correctResponse");
        assertThat(choice.sourceMap().locate(0, ItemField.SCORE, -1).place())
                .isEqualTo("/assessmentItem/outcomeDeclaration[2]");
        assertThat(choice.sourceMap().locate(0, ItemField.DIFFICULTY, -1).place())
                .isEqualTo("/assessmentItem/@ec:difficulty");
        assertThat(fillIn.sourceMap().locate(0, ItemField.BLANK, 1).place())
                .isEqualTo("/assessmentItem/itemBody/p[1]/textEntryInteraction[2]");
        assertThat(fillIn.sourceMap().locate(0, ItemField.SCORE, -1).place())
                .isEqualTo("/assessmentItem/responseDeclaration[1]/mapping");
    }

    @Test
    @DisplayName("an item without metadata or score is still built, leaving tags, difficulty and score to validation")
    void missingMetadataAndScoreAreLeftToValidation() {
        ParsedBank bank = reader.read("plain.xml", QtiSamples.item("<p>哪个？</p>").getBytes(StandardCharsets.UTF_8),
                ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        assertThat(bank.items()).singleElement().satisfies(item -> {
            assertThat(item.tags()).isNull();
            assertThat(item.difficulty()).isZero();
            assertThat(item.score()).isNull();
            assertThat(item.knowledgePoint()).isEmpty();
        });
        assertThat(bank.sourceMap().locate(0, ItemField.TAGS, -1).place()).isEqualTo("/assessmentItem");
        assertThat(bank.id()).isEqualTo("plain");
        assertThat(bank.defaultMultipleRule()).isEqualTo(MultipleChoiceRule.ALL_OR_NOTHING);
    }

    @Test
    @DisplayName("a metadata value that is not a level is reported at its attribute")
    void badMetadataIsReportedAtItsAttribute() {
        String xml = QtiSamples.item("<p>哪个？</p>").replace("identifier=\"Q1\"",
                "xmlns:ec=\"urn:examcore:qti\" ec:level=\"七级\" identifier=\"Q1\"");

        ParsedBank bank = reader.read("bad.xml", xml.getBytes(StandardCharsets.UTF_8), ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.INVALID_VALUE);
            assertThat(issue.location().place()).isEqualTo("/assessmentItem/@ec:level");
            assertThat(issue.message()).contains("七级");
        });
    }

    @Test
    @DisplayName("two different interactions in one item are refused at the second, naming it")
    void mixedInteractionsAreRefused() {
        String xml = QtiSamples.item("<extendedTextInteraction responseIdentifier=\"RESPONSE\"/>");

        ParsedBank bank = reader.read("mixed.xml", xml.getBytes(StandardCharsets.UTF_8), ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.UNSUPPORTED_INTERACTION);
            assertThat(issue.location().place()).isEqualTo("/assessmentItem/itemBody/choiceInteraction[1]");
            assertThat(issue.message()).contains("choiceInteraction");
        });
    }

    @Test
    @DisplayName("an interaction whose response is not declared is reported at the interaction")
    void undeclaredResponse() {
        String xml = QtiSamples.item("").replace("responseIdentifier=\"RESPONSE\"", "responseIdentifier=\"NOPE\"");

        ParsedBank bank = reader.read("x.xml", xml.getBytes(StandardCharsets.UTF_8), ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.MALFORMED);
            assertThat(issue.location().place()).isEqualTo("/assessmentItem/itemBody/choiceInteraction[1]");
            assertThat(issue.message()).contains("NOPE");
        });
    }

    @Test
    @DisplayName("an item without any interaction, or a file that is not an item, is malformed")
    void notAnItem() {
        String noInteraction = "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\" identifier=\"Q\">"
                + "<itemBody><p>只有题干</p></itemBody></assessmentItem>";
        String test = "<assessmentTest xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\" identifier=\"T\"/>";

        ParsedBank a = reader.read("a.xml", noInteraction.getBytes(StandardCharsets.UTF_8), ImportLimits.defaults());
        ParsedBank b = reader.read("b.xml", test.getBytes(StandardCharsets.UTF_8), ImportLimits.defaults());

        assertThat(a.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.MALFORMED);
            assertThat(issue.message()).contains("no interaction");
        });
        assertThat(b.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.MALFORMED);
            assertThat(issue.location().place()).isEqualTo("/assessmentTest");
            assertThat(issue.message()).contains("assessmentTest");
        });
    }

    @Test
    @DisplayName("a bare .xml item cannot bring images: the image is reported where it is")
    void bareItemImageIsBroken() {
        String xml = QtiSamples.item("<p><img src=\"chart.png\" alt=\"图\"/></p>");

        ParsedBank bank = reader.read("img.xml", xml.getBytes(StandardCharsets.UTF_8), ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.BROKEN_RESOURCE);
            assertThat(issue.location().place()).isEqualTo("/assessmentItem/itemBody/p[1]/img[1]");
            assertThat(issue.message()).contains("chart.png").contains(".zip");
        });
    }
}
