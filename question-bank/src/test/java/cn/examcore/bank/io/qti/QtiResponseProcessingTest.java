package cn.examcore.bank.io.qti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.io.ImportContext;
import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.io.json.JsonBankWriter;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Rule;
import cn.examcore.bank.scoring.Response;
import cn.examcore.bank.scoring.Scorer;
import cn.examcore.bank.validate.ImportResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our own small fixtures, written after the shapes of the IMS QTI examples (no example file is copied). */
@DisplayName("QTI response processing is read and scored as QTI scores it")
class QtiResponseProcessingTest {

    private static final String RP21 = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/";

    private static ParsedBank read(String declarations, String body, String processing) {
        String xml = """
                <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="I1" title="t"
                                adaptive="false" timeDependent="false">
                %s
                <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
                <itemBody>%s</itemBody>
                %s
                </assessmentItem>""".formatted(declarations, body, processing);
        return new QtiBankReader().read("i.xml", xml.getBytes(StandardCharsets.UTF_8), ImportLimits.defaults());
    }

    private static Item only(ParsedBank bank) {
        assertThat(bank.readIssues()).filteredOn(i -> i.severity() == cn.examcore.bank.report.Severity.ERROR)
                .isEmpty();
        assertThat(bank.items()).hasSize(1);
        return bank.items().get(0);
    }

    private static PaperItem onPaper(Item item) {
        return new PaperItem(1, item.id(), item.type(), item.stem(), item.options(),
                item.options().stream().map(c -> c.id()).toList(), item.correctOptions(), item.correctTrueFalse(),
                item.blanks(), item.score(), item.multipleRule(), item.rubric(), item.operation(),
                item.choiceMapping(), item.score());
    }

    private static BigDecimal choose(Item item, String... ids) {
        return Scorer.score(onPaper(item), new Response.Choices(Set.of(ids))).points();
    }

    private static BigDecimal type(Item item, String... values) {
        return Scorer.score(onPaper(item), new Response.Blanks(List.of(values))).points();
    }

    private static final String ELEMENTS = """
            <responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="identifier">
              <correctResponse><value>H</value><value>O</value></correctResponse>
              <mapping lowerBound="0" upperBound="2" defaultValue="-2">
                <mapEntry mapKey="H" mappedValue="1"/>
                <mapEntry mapKey="O" mappedValue="1"/>
                <mapEntry mapKey="Cl" mappedValue="-1"/>
              </mapping>
            </responseDeclaration>""";
    private static final String ELEMENT_CHOICES = """
            <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="0">
              <prompt>Which of these elements are gases?</prompt>
              <simpleChoice identifier="H">Hydrogen</simpleChoice>
              <simpleChoice identifier="He">Helium</simpleChoice>
              <simpleChoice identifier="O">Oxygen</simpleChoice>
              <simpleChoice identifier="Cl">Chlorine</simpleChoice>
              <simpleChoice identifier="N" fixed="true">None of these</simpleChoice>
            </choiceInteraction>""";

    @Test
    @DisplayName("map_response on a multiple response: {H} scores 1, {H, O} 2, {H, Cl} 0, and the bounds hold")
    void multipleResponseMapping() {
        Item item = only(read(ELEMENTS, ELEMENT_CHOICES,
                "<responseProcessing template=\"" + RP21 + "map_response\"/>"));
        assertThat(item.type()).isEqualTo(ItemType.MULTIPLE_CHOICE);
        assertThat(item.score()).isEqualByComparingTo("2");
        assertThat(item.choiceMapping()).isNotNull();
        assertThat(choose(item, "H")).isEqualByComparingTo("1");
        assertThat(choose(item, "H", "O")).isEqualByComparingTo("2");
        assertThat(choose(item, "H", "Cl")).isEqualByComparingTo("0");
        assertThat(choose(item, "H", "O", "He")).isEqualByComparingTo("0");
        assertThat(choose(item, "He")).isEqualByComparingTo("0");
        assertThat(item.options()).filteredOn(c -> c.fixed()).extracting(c -> c.id()).containsExactly("N");
    }

    @Test
    @DisplayName("the map_response template written out as rules (isNull, else mapResponse) reads the same")
    void customRulesReduceToMapResponse() {
        Item item = only(read(ELEMENTS, ELEMENT_CHOICES, """
                <responseProcessing>
                  <responseCondition>
                    <responseIf><isNull><variable identifier="RESPONSE"/></isNull>
                      <setOutcomeValue identifier="SCORE"><baseValue baseType="float">0</baseValue></setOutcomeValue>
                    </responseIf>
                    <responseElse>
                      <setOutcomeValue identifier="SCORE"><mapResponse identifier="RESPONSE"/></setOutcomeValue>
                    </responseElse>
                  </responseCondition>
                </responseProcessing>"""));
        assertThat(choose(item, "H")).isEqualByComparingTo("1");
        assertThat(choose(item, "H", "O", "Cl")).isEqualByComparingTo("1");
    }

    @Test
    @DisplayName("match_correct on a multiple response is all or nothing, worth 1, whatever the bank's default rule")
    void matchCorrect() {
        Item item = only(read(ELEMENTS, ELEMENT_CHOICES,
                "<responseProcessing template=\"" + RP21 + "match_correct\"/>"));
        assertThat(item.multipleRule()).isEqualTo(MultipleChoiceRule.ALL_OR_NOTHING);
        assertThat(item.choiceMapping()).isNull();
        assertThat(item.score()).isEqualByComparingTo("1");
        assertThat(choose(item, "H", "O")).isEqualByComparingTo("1");
        assertThat(choose(item, "H")).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("custom processing matching the correct response for 3 points reads as match_correct worth 3")
    void customMatch() {
        Item item = only(read(ELEMENTS, ELEMENT_CHOICES, """
                <responseProcessing>
                  <responseCondition>
                    <responseIf><match><variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></match>
                      <setOutcomeValue identifier="SCORE"><baseValue baseType="float">3</baseValue></setOutcomeValue>
                    </responseIf>
                    <responseElse>
                      <setOutcomeValue identifier="SCORE"><baseValue baseType="float">0</baseValue></setOutcomeValue>
                    </responseElse>
                  </responseCondition>
                </responseProcessing>"""));
        assertThat(item.score()).isEqualByComparingTo("3");
        assertThat(choose(item, "O", "H")).isEqualByComparingTo("3");
    }

    private static String scoreFromMaxScore(String moreRules) {
        return """
                <responseProcessing>
                  %s
                  <responseCondition>
                    <responseIf><match><variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></match>
                      <setOutcomeValue identifier="SCORE"><variable identifier="MAXSCORE"/></setOutcomeValue>
                    </responseIf>
                  </responseCondition>
                </responseProcessing>""".formatted(moreRules);
    }

    private static final String MAXSCORE_10 = """
            <outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float">
              <defaultValue><value>10.0</value></defaultValue>
            </outcomeDeclaration>""";

    @Test
    @DisplayName("SCORE set to MAXSCORE on a match, as the IMS examples write it, scores MAXSCORE's default")
    void scoreFromAnUnchangedOutcome() {
        Item item = only(read(ELEMENTS + MAXSCORE_10, ELEMENT_CHOICES, scoreFromMaxScore("")));
        assertThat(item.score()).isEqualByComparingTo("10");
        assertThat(choose(item, "H", "O")).isEqualByComparingTo("10");
        assertThat(choose(item, "H")).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("SCORE set to an outcome that a rule changes is refused at the variable")
    void scoreFromAChangedOutcome() {
        Issue error = onlyError(read(ELEMENTS + MAXSCORE_10, ELEMENT_CHOICES, scoreFromMaxScore("""
                <setOutcomeValue identifier="MAXSCORE"><baseValue baseType="float">5</baseValue></setOutcomeValue>""")));
        assertThat(error.rule()).isEqualTo(Rule.UNSUPPORTED_RESPONSE_PROCESSING);
        assertThat(error.location().place()).endsWith("/setOutcomeValue[1]/variable[1]");
        assertThat(error.message()).contains("MAXSCORE");
    }

    private static final String SCORE_IS_MAPPED = """
            <responseProcessing>
              <setOutcomeValue identifier="SCORE"><mapResponse identifier="RESPONSE"/></setOutcomeValue>
            </responseProcessing>""";

    @Test
    @DisplayName("SCORE = mapResponse with no isNull guard warns when QTI would give an empty answer points")
    void unguardedMapResponse() {
        ParsedBank bank = read(ELEMENTS.replace("defaultValue=\"-2\"", "defaultValue=\"0.5\""), ELEMENT_CHOICES,
                SCORE_IS_MAPPED);
        Item item = only(bank);
        assertThat(choose(item, "H")).isEqualByComparingTo("1");
        assertThat(bank.readIssues()).filteredOn(i -> i.rule() == Rule.APPROXIMATED_SCORING)
                .singleElement().satisfies(i -> {
                    assertThat(i.location().place()).isEqualTo("/assessmentItem/responseDeclaration[1]/mapping");
                    assertThat(i.message()).contains("0.5");
                });
    }

    @Test
    @DisplayName("SCORE = mapResponse with no isNull guard is exact when the default within the bounds is 0")
    void unguardedMapResponseOfZero() {
        ParsedBank bank = read(ELEMENTS, ELEMENT_CHOICES, SCORE_IS_MAPPED);
        only(bank);
        assertThat(bank.readIssues()).noneMatch(i -> i.rule() == Rule.APPROXIMATED_SCORING);
    }

    @Test
    @DisplayName("an essay whose processing only sets SCORE to 0 is marked by people, not refused")
    void essayScoredZeroByProcessing() {
        Item item = only(read("""
                <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string"/>
                <outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float">
                  <defaultValue><value>10</value></defaultValue>
                </outcomeDeclaration>""",
                "<extendedTextInteraction responseIdentifier=\"RESPONSE\"><prompt>Discuss.</prompt>"
                        + "</extendedTextInteraction>", """
                <responseProcessing>
                  <responseCondition>
                    <responseIf><not><isNull><variable identifier="RESPONSE"/></isNull></not>
                      <setOutcomeValue identifier="SCORE"><baseValue baseType="float">0</baseValue></setOutcomeValue>
                    </responseIf>
                  </responseCondition>
                </responseProcessing>"""));
        assertThat(item.type()).isEqualTo(ItemType.ESSAY);
        assertThat(item.score()).isEqualByComparingTo("10");
    }

    @Test
    @DisplayName("a choice item whose processing only sets SCORE to 0 is still refused: QTI gives it nothing")
    void choiceScoredZeroByProcessing() {
        Issue error = onlyError(read(ELEMENTS, ELEMENT_CHOICES, """
                <responseProcessing>
                  <setOutcomeValue identifier="SCORE"><baseValue baseType="float">0</baseValue></setOutcomeValue>
                </responseProcessing>"""));
        assertThat(error.rule()).isEqualTo(Rule.UNSUPPORTED_RESPONSE_PROCESSING);
    }

    private static final String YORK = """
            <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string">
              <correctResponse><value>York</value></correctResponse>
              <mapping defaultValue="0">
                <mapEntry mapKey="York" mappedValue="1" caseSensitive="true"/>
                <mapEntry mapKey="york" mappedValue="0.5" caseSensitive="true"/>
              </mapping>
            </responseDeclaration>""";

    @Test
    @DisplayName("a text entry mapped York 1, york 0.5 gives york 0.5, York 1, anything else 0")
    void textEntryMapping() {
        Item item = only(read(YORK, "<p>Capital of Yorkshire: <textEntryInteraction responseIdentifier=\"RESPONSE\""
                + " expectedLength=\"10\"/></p>", "<responseProcessing template=\"" + RP21 + "map_response\"/>"));
        assertThat(item.type()).isEqualTo(ItemType.FILL_IN);
        assertThat(item.score()).isEqualByComparingTo("1");
        assertThat(type(item, "york")).isEqualByComparingTo("0.5");
        assertThat(type(item, "York")).isEqualByComparingTo("1");
        assertThat(type(item, "Leeds")).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("a numeric entry with ±5 % relative tolerance accepts 95 to 105 for 100, and nothing outside")
    void relativeTolerance() {
        Item item = only(read("""
                <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="float">
                  <correctResponse><value>100</value></correctResponse>
                </responseDeclaration>""",
                "<p>Boiling point: <textEntryInteraction responseIdentifier=\"RESPONSE\"/></p>", """
                <responseProcessing>
                  <responseCondition>
                    <responseIf>
                      <equal toleranceMode="relative" tolerance="5 5">
                        <variable identifier="RESPONSE"/><correct identifier="RESPONSE"/>
                      </equal>
                      <setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue>
                    </responseIf>
                  </responseCondition>
                </responseProcessing>"""));
        assertThat(item.blanks().get(0).tolerance()).isEqualByComparingTo("5");
        assertThat(type(item, "104.5")).isEqualByComparingTo("1");
        assertThat(type(item, "95")).isEqualByComparingTo("1");
        assertThat(type(item, "105.1")).isEqualByComparingTo("0");
    }

    private static Issue onlyError(ParsedBank bank) {
        List<Issue> errors = bank.readIssues().stream()
                .filter(i -> i.severity() == cn.examcore.bank.report.Severity.ERROR).toList();
        assertThat(errors).hasSize(1);
        assertThat(bank.items()).isEmpty();
        return errors.get(0);
    }

    @Test
    @DisplayName("an asymmetric tolerance is refused as response processing, not silently made symmetric")
    void asymmetricTolerance() {
        Issue issue = onlyError(read("""
                <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="float">
                  <correctResponse><value>100</value></correctResponse>
                </responseDeclaration>""", "<p><textEntryInteraction responseIdentifier=\"RESPONSE\"/></p>", """
                <responseProcessing><responseCondition><responseIf>
                  <equal toleranceMode="absolute" tolerance="1 3">
                    <variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></equal>
                  <setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue>
                </responseIf></responseCondition></responseProcessing>"""));
        assertThat(issue.rule()).isEqualTo(Rule.UNSUPPORTED_RESPONSE_PROCESSING);
        assertThat(issue.location().toString()).contains("equal");
    }

    @Test
    @DisplayName("map_response_point and unknown templates are refused naming the template")
    void unsupportedTemplates() {
        Issue point = onlyError(read(ELEMENTS, ELEMENT_CHOICES,
                "<responseProcessing template=\"" + RP21 + "map_response_point\"/>"));
        assertThat(point.rule()).isEqualTo(Rule.UNSUPPORTED_RESPONSE_PROCESSING);
        assertThat(point.message()).contains("map_response_point");
        Issue other = onlyError(read(ELEMENTS, ELEMENT_CHOICES,
                "<responseProcessing template=\"https://example.org/rp/cc2_match_basic\"/>"));
        assertThat(other.message()).contains("cc2_match_basic");
    }

    @Test
    @DisplayName("a mapResponse without a mapping is refused at the response declaration")
    void mapResponseWithoutMapping() {
        Issue issue = onlyError(read("""
                <responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="identifier">
                  <correctResponse><value>H</value></correctResponse>
                </responseDeclaration>""", ELEMENT_CHOICES,
                "<responseProcessing template=\"" + RP21 + "map_response\"/>"));
        assertThat(issue.rule()).isEqualTo(Rule.MISSING_FIELD);
        assertThat(issue.message()).contains("mapping");
    }

    @Test
    @DisplayName("a template item is refused as such, not as a blank without an answer")
    void templateItem() {
        Issue issue = onlyError(read("""
                <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="integer">
                  <correctResponse><value>0</value></correctResponse>
                </responseDeclaration>
                <templateDeclaration identifier="A" cardinality="single" baseType="integer"/>""",
                "<p><printedVariable identifier=\"A\"/> + 1 = <textEntryInteraction responseIdentifier=\"RESPONSE\"/></p>",
                "<responseProcessing template=\"" + RP21 + "match_correct\"/>"));
        assertThat(issue.rule()).isEqualTo(Rule.UNSUPPORTED_TEMPLATE);
    }

    @Test
    @DisplayName("a map_response single choice that is all or nothing reads as a plain single choice")
    void singleChoiceMappingThatIsAllOrNothing() {
        Item item = only(read("""
                <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
                  <mapping defaultValue="0"><mapEntry mapKey="B" mappedValue="2"/></mapping>
                </responseDeclaration>""", """
                <choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
                  <simpleChoice identifier="A">a</simpleChoice><simpleChoice identifier="B">b</simpleChoice>
                  <simpleChoice identifier="C">c</simpleChoice>
                </choiceInteraction>""", "<responseProcessing template=\"" + RP21 + "map_response\"/>"));
        assertThat(item.choiceMapping()).isNull();
        assertThat(item.correctOptions()).containsExactly("B");
        assertThat(item.score()).isEqualByComparingTo("2");
    }

    @Test
    @DisplayName("mappings, case sensitivity and fixed options survive conversion to the native format and back")
    void nativeRoundTrip() {
        String xml = """
                <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="I1" title="t">
                %s
                <itemBody>%s</itemBody>
                <responseProcessing template="%smap_response"/>
                </assessmentItem>""".formatted(ELEMENTS, ELEMENT_CHOICES, RP21);
        ImportContext context = ImportContext.parse("企业人力资源管理师", "4", "理论知识", "3");
        ImportResult imported = new BankImporter().importBytes("i.xml", xml.getBytes(StandardCharsets.UTF_8),
                context);
        assertThat(imported.errors()).isEmpty();
        Bank bank = imported.bank().orElseThrow();
        ImportResult back = new BankImporter().importBytes("b.json", new JsonBankWriter().toBytes(bank));
        assertThat(back.errors()).isEmpty();
        assertThat(back.bank().orElseThrow().items()).isEqualTo(bank.items());
        assertThat(back.bank().orElseThrow().items().get(0).choiceMapping().entries()).hasSize(3);
    }

    /** "Name three primary colours": any three of the four listed colours earn a point each. */
    private static final String COLOURS = """
            <responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="identifier">
              <mapping defaultValue="0">
                <mapEntry mapKey="R" mappedValue="1"/>
                <mapEntry mapKey="Y" mappedValue="1"/>
                <mapEntry mapKey="B" mappedValue="1"/>
                <mapEntry mapKey="M" mappedValue="1"/>
              </mapping>
            </responseDeclaration>""";
    private static final String COLOUR_CHOICES = """
            <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="3" minChoices="3">
              <prompt>Choose three primary colours.</prompt>
              <simpleChoice identifier="R">red</simpleChoice>
              <simpleChoice identifier="Y">yellow</simpleChoice>
              <simpleChoice identifier="B">blue</simpleChoice>
              <simpleChoice identifier="M">magenta</simpleChoice>
              <simpleChoice identifier="G">green</simpleChoice>
            </choiceInteraction>""";

    @Test
    @DisplayName("maxChoices limits a mapped answer: worth the three best entries, an answer of four earns nothing")
    void maxChoicesLimitsTheMappedAnswer() {
        Item item = only(read(COLOURS, COLOUR_CHOICES, "<responseProcessing template=\"" + RP21
                + "map_response\"/>"));
        assertThat(item.type()).isEqualTo(ItemType.MULTIPLE_CHOICE);
        assertThat(item.choiceMapping().maxChoices()).isEqualTo(3);
        // QTI's maximum is what three choices can earn, not the four positive entries.
        assertThat(item.score()).isEqualByComparingTo("3");
        assertThat(choose(item, "R", "Y", "B")).isEqualByComparingTo("3");
        assertThat(choose(item, "R", "Y", "G")).isEqualByComparingTo("2");
        assertThat(choose(item, "M")).isEqualByComparingTo("1");
        // QTI delivery never takes a fourth choice; taking one here must not buy a fourth point.
        assertThat(choose(item, "R", "Y", "B", "M")).isEqualByComparingTo("0");
        assertThat(choose(item, "R", "Y", "B", "G")).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("maxChoices of 0 or of every option sets no limit")
    void maxChoicesOfEveryOptionIsNoLimit() {
        for (String max : List.of("0", "5")) {
            Item item = only(read(COLOURS, COLOUR_CHOICES.replace("maxChoices=\"3\" minChoices=\"3\"",
                    "maxChoices=\"" + max + "\""), "<responseProcessing template=\"" + RP21 + "map_response\"/>"));
            assertThat(item.choiceMapping().maxChoices()).as("maxChoices=%s", max).isNull();
            assertThat(item.score()).isEqualByComparingTo("4");
            assertThat(choose(item, "R", "Y", "B", "M")).isEqualByComparingTo("4");
        }
    }

    @Test
    @DisplayName("maxChoices survives conversion to the native format and back")
    void maxChoicesTravels() {
        String xml = """
                <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="I1" title="t">
                %s
                <itemBody>%s</itemBody>
                <responseProcessing template="%smap_response"/>
                </assessmentItem>""".formatted(COLOURS, COLOUR_CHOICES.replace("shuffle=\"false\"",
                "shuffle=\"true\""), RP21);
        ImportResult imported = new BankImporter().importBytes("i.xml", xml.getBytes(StandardCharsets.UTF_8),
                ImportContext.parse("企业人力资源管理师", "4", "理论知识", "3"));
        assertThat(imported.errors()).isEmpty();
        Bank bank = imported.bank().orElseThrow();
        String json = new String(new JsonBankWriter().toBytes(bank), StandardCharsets.UTF_8);
        assertThat(json).contains("\"maxChoices\" : 3");
        Item back = new BankImporter().importBytes("b.json", json.getBytes(StandardCharsets.UTF_8)).bank()
                .orElseThrow().items().get(0);
        assertThat(back).isEqualTo(bank.items().get(0));

    }

    @ParameterizedTest(name = "maxChoices {0}")
    @ValueSource(strings = {"1", "6", "2.5", "0"})
    @DisplayName("a native maxChoices that no multiple choice of these options can have is rejected, naming it")
    void nativeMaxChoicesOutOfRange(String max) {
        String xml = """
                <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="I1" title="t">
                %s
                <itemBody>%s</itemBody>
                <responseProcessing template="%smap_response"/>
                </assessmentItem>""".formatted(COLOURS, COLOUR_CHOICES, RP21);
        Bank bank = new BankImporter().importBytes("i.xml", xml.getBytes(StandardCharsets.UTF_8),
                ImportContext.parse("企业人力资源管理师", "4", "理论知识", "3")).bank().orElseThrow();
        String json = new String(new JsonBankWriter().toBytes(bank), StandardCharsets.UTF_8)
                .replace("\"maxChoices\" : 3", "\"maxChoices\" : " + max);
        ImportResult back = new BankImporter().importBytes("b.json", json.getBytes(StandardCharsets.UTF_8));
        assertThat(back.bank()).isEmpty();
        // A value that is no whole number stops the reader at the item (the bank then also has no items).
        assertThat(back.errors()).filteredOn(i -> i.rule() == Rule.INVALID_MAPPING).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("maxChoices").contains(max));
    }

    @Test
    @DisplayName("a native bank whose mapping names no option is rejected at the key")
    void mappingKeyMustBeAnOption() {
        String xml = """
                <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="I1" title="t">
                %s
                <itemBody>%s</itemBody>
                <responseProcessing template="%smap_response"/>
                </assessmentItem>""".formatted(ELEMENTS.replace("mapKey=\"Cl\"", "mapKey=\"Xe\""),
                ELEMENT_CHOICES, RP21);
        ImportResult imported = new BankImporter().importBytes("i.xml", xml.getBytes(StandardCharsets.UTF_8),
                ImportContext.parse("企业人力资源管理师", "4", "理论知识", "3"));
        assertThat(imported.errors()).extracting(Issue::rule).containsExactly(Rule.INVALID_MAPPING);
        assertThat(imported.errors().get(0).message()).contains("\"Xe\"");
    }

    private static final String TWO_NUMBERS = """
            <responseDeclaration identifier="R1" cardinality="single" baseType="float">
              <correctResponse><value>4</value></correctResponse>
            </responseDeclaration>
            <responseDeclaration identifier="R2" cardinality="single" baseType="float">
              <correctResponse><value>80</value></correctResponse>
            </responseDeclaration>""";
    private static final String TWO_ENTRIES = "<p>Ratio <textEntryInteraction responseIdentifier=\"R1\"/> %, "
            + "completion <textEntryInteraction responseIdentifier=\"R2\"/> %</p>";

    private static String addShare(String response, String share, String tolerance) {
        return """
                <responseCondition><responseIf>
                  <equal toleranceMode="absolute" tolerance="%s"><variable identifier="%s"/><correct identifier="%s"/></equal>
                  <setOutcomeValue identifier="SCORE"><sum><variable identifier="SCORE"/>
                    <baseValue baseType="float">%s</baseValue></sum></setOutcomeValue>
                </responseIf></responseCondition>""".formatted(tolerance, response, response, share);
    }

    @Test
    @DisplayName("SCORE = SCORE + share per matching blank is the fill-in rule: equal shares, tolerances kept")
    void summedSharesPerBlank() {
        Item item = only(read(TWO_NUMBERS, TWO_ENTRIES, "<responseProcessing>" + addShare("R1", "1.5", "0.1")
                + addShare("R2", "1.5", "0.5") + "</responseProcessing>"));

        assertThat(item.type()).isEqualTo(ItemType.FILL_IN);
        assertThat(item.score()).isEqualByComparingTo("3");
        assertThat(item.blanks()).extracting(b -> b.tolerance().toPlainString()).containsExactly("0.1", "0.5");
        assertThat(item.blanks()).allSatisfy(b -> assertThat(b.mapping()).isNull());
        assertThat(type(item, "4.1", "80.5")).isEqualByComparingTo("3");
        assertThat(type(item, "4.2", "79.5")).isEqualByComparingTo("1.5");
        assertThat(type(item, "5", "0")).isEqualByComparingTo("0");
    }

    private static final String CAPITAL = """
            <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string">
              <correctResponse><value>Paris</value></correctResponse>
            </responseDeclaration>""";
    private static final String CAPITAL_ENTRY = "<p>The capital of France is "
            + "<textEntryInteraction responseIdentifier=\"RESPONSE\"/>.</p>";

    private static String ifThenScore(String test, String score) {
        return """
                <responseProcessing><responseCondition><responseIf>%s
                  <setOutcomeValue identifier="SCORE"><baseValue baseType="float">%s</baseValue></setOutcomeValue>
                </responseIf></responseCondition></responseProcessing>""".formatted(test, score);
    }

    @Test
    @DisplayName("match_correct on a text entry compares exactly as QTI's match does: Paris earns, paris does not")
    void matchOfTextKeepsCase() {
        Item item = only(read(CAPITAL, CAPITAL_ENTRY, "<responseProcessing template=\"" + RP21
                + "match_correct\"/>"));
        assertThat(item.score()).isEqualByComparingTo("1");
        assertThat(item.blanks()).singleElement().satisfies(b -> {
            assertThat(b.accepted()).containsExactly("Paris");
            assertThat(b.mapping().entries()).singleElement().satisfies(e -> assertThat(e.caseSensitive()).isTrue());
        });
        assertThat(type(item, "Paris")).isEqualByComparingTo("1");
        assertThat(type(item, " Paris ")).isEqualByComparingTo("1");
        assertThat(type(item, "paris")).isEqualByComparingTo("0");
        assertThat(type(item, "PARIS")).isEqualByComparingTo("0");
        assertThat(type(item, "")).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("stringMatch ignoring case is the plain blank; stringMatch with case is QTI's match; both worth 2")
    void stringMatchCaseSensitivity() {
        String compare = "<stringMatch caseSensitive=\"%s\"><variable identifier=\"RESPONSE\"/>"
                + "<correct identifier=\"RESPONSE\"/></stringMatch>";
        Item folded = only(read(CAPITAL, CAPITAL_ENTRY, ifThenScore(compare.formatted("false"), "2")));
        assertThat(folded.score()).isEqualByComparingTo("2");
        assertThat(folded.blanks()).singleElement().satisfies(b -> assertThat(b.mapping()).isNull());
        assertThat(type(folded, "paris")).isEqualByComparingTo("2");
        assertThat(type(folded, "Lyon")).isEqualByComparingTo("0");

        Item exact = only(read(CAPITAL, CAPITAL_ENTRY, ifThenScore(compare.formatted("true"), "2")));
        assertThat(type(exact, "Paris")).isEqualByComparingTo("2");
        assertThat(type(exact, "paris")).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("a mapping that scores as the fill-in rule does is a plain blank; one that differs stays a mapping")
    void mappingOfEqualSharesIsAPlainBlank() {
        String declaration = """
                <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string">
                  <correctResponse><value>Paris</value></correctResponse>
                  <mapping defaultValue="%s"><mapEntry mapKey="Paris" mappedValue="2" caseSensitive="false"/>
                    <mapEntry mapKey="Lutetia" mappedValue="2" caseSensitive="%s"/></mapping>
                </responseDeclaration>""";
        String template = "<responseProcessing template=\"" + RP21 + "map_response\"/>";
        Item plain = only(read(declaration.formatted("0", "false"), CAPITAL_ENTRY, template));
        assertThat(plain.score()).isEqualByComparingTo("2");
        assertThat(plain.blanks()).singleElement().satisfies(b -> {
            assertThat(b.mapping()).isNull();
            assertThat(b.accepted()).containsExactly("Paris", "Lutetia");
        });
        assertThat(type(plain, "lutetia")).isEqualByComparingTo("2");

        Item exact = only(read(declaration.formatted("0", "true"), CAPITAL_ENTRY, template));
        assertThat(exact.blanks().get(0).mapping()).isNotNull();
        assertThat(type(exact, "lutetia")).isEqualByComparingTo("0");
        Item penalised = only(read(declaration.formatted("-1", "false"), CAPITAL_ENTRY, template));
        assertThat(penalised.blanks().get(0).mapping()).isNotNull();
        assertThat(type(penalised, "Lyon")).isEqualByComparingTo("-1");
    }

    @Test
    @DisplayName("stringMatch of a substring is refused at the stringMatch: a blank compares whole answers")
    void substringMatchRefused() {
        Issue error = onlyError(read(CAPITAL, CAPITAL_ENTRY, ifThenScore("<stringMatch caseSensitive=\"false\" "
                + "substring=\"true\"><variable identifier=\"RESPONSE\"/><correct identifier=\"RESPONSE\"/>"
                + "</stringMatch>", "1")));
        assertThat(error.rule()).isEqualTo(Rule.UNSUPPORTED_RESPONSE_PROCESSING);
        assertThat(error.location().place()).contains("/stringMatch");
        assertThat(error.message()).contains("substring");
    }

    @Test
    @DisplayName("a share per blank on a match keeps case for text and tolerance for numbers, blank by blank")
    void sharesOnExactTextAndNumbers() {
        String declarations = """
                <responseDeclaration identifier="R1" cardinality="single" baseType="string">
                  <correctResponse><value>WBS</value></correctResponse>
                </responseDeclaration>
                <responseDeclaration identifier="R2" cardinality="single" baseType="float">
                  <correctResponse><value>80</value></correctResponse>
                </responseDeclaration>""";
        String match = """
                <responseCondition><responseIf>
                  <match><variable identifier="R1"/><correct identifier="R1"/></match>
                  <setOutcomeValue identifier="SCORE"><sum><variable identifier="SCORE"/>
                    <baseValue baseType="float">1.5</baseValue></sum></setOutcomeValue>
                </responseIf></responseCondition>""";
        Item item = only(read(declarations, TWO_ENTRIES, "<responseProcessing>" + match
                + addShare("R2", "1.5", "0.5") + "</responseProcessing>"));
        assertThat(item.score()).isEqualByComparingTo("3");
        assertThat(item.blanks()).allSatisfy(b -> assertThat(b.mapping()).isNotNull());
        assertThat(type(item, "WBS", "80.5")).isEqualByComparingTo("3");
        assertThat(type(item, "wbs", "79.5")).isEqualByComparingTo("1.5");
        assertThat(type(item, "WBS", "81")).isEqualByComparingTo("1.5");
        assertThat(type(item, "wbs", "81")).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("Different shares per blank are refused: the fill-in rule cannot weigh blanks differently")
    void unequalSharesRefused() {
        Issue error = onlyError(read(TWO_NUMBERS, TWO_ENTRIES, "<responseProcessing>" + addShare("R1", "1", "0")
                + addShare("R2", "2", "0") + "</responseProcessing>"));

        assertThat(error.rule()).isEqualTo(Rule.UNSUPPORTED_RESPONSE_PROCESSING);
        assertThat(error.message()).contains("different shares");
    }

    @Test
    @DisplayName("SCORE = SCORE + mapResponse per blank scores each blank by its mapping")
    void summedMapResponsePerBlank() {
        String declarations = """
                <responseDeclaration identifier="R1" cardinality="single" baseType="string">
                  <mapping defaultValue="0"><mapEntry mapKey="York" mappedValue="1" caseSensitive="true"/>
                    <mapEntry mapKey="york" mappedValue="0.5" caseSensitive="true"/></mapping>
                </responseDeclaration>
                <responseDeclaration identifier="R2" cardinality="single" baseType="string">
                  <mapping defaultValue="0"><mapEntry mapKey="Leeds" mappedValue="1" caseSensitive="false"/></mapping>
                </responseDeclaration>""";
        String add = """
                <setOutcomeValue identifier="SCORE"><sum><variable identifier="SCORE"/>
                  <mapResponse identifier="%s"/></sum></setOutcomeValue>""";
        Item item = only(read(declarations, TWO_ENTRIES, "<responseProcessing>" + add.formatted("R1")
                + add.formatted("R2") + "</responseProcessing>"));

        assertThat(item.score()).isEqualByComparingTo("2");
        assertThat(item.blanks()).allSatisfy(b -> assertThat(b.mapping()).isNotNull());
        assertThat(type(item, "york", "LEEDS")).isEqualByComparingTo("1.5");
    }

    @Test
    @DisplayName("A share added for a choice is refused by name: only text entries have several blanks")
    void sharesOnAChoiceRefused() {
        String declarations = """
                <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
                  <correctResponse><value>A</value></correctResponse>
                </responseDeclaration>
                <responseDeclaration identifier="OTHER" cardinality="single" baseType="identifier">
                  <correctResponse><value>A</value></correctResponse>
                </responseDeclaration>""";
        String body = "<choiceInteraction responseIdentifier=\"RESPONSE\" maxChoices=\"1\">"
                + "<simpleChoice identifier=\"A\">a</simpleChoice><simpleChoice identifier=\"B\">b</simpleChoice>"
                + "</choiceInteraction>";
        Issue error = onlyError(read(declarations, body, "<responseProcessing>" + addShare("RESPONSE", "1", "0")
                + addShare("OTHER", "1", "0") + "</responseProcessing>"));

        assertThat(error.message()).contains("share per response");
    }

    private static ParsedBank rounded(String correct, String mode, String figures) {
        return read("""
                <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="float">
                  <correctResponse><value>%s</value></correctResponse>
                </responseDeclaration>""".formatted(correct),
                "<p>Pi is <textEntryInteraction responseIdentifier=\"RESPONSE\"/></p>", """
                <responseProcessing><responseCondition><responseIf>
                  <equalRounded roundingMode="%s" figures="%s"><variable identifier="RESPONSE"/>
                    <correct identifier="RESPONSE"/></equalRounded>
                  <setOutcomeValue identifier="SCORE"><baseValue baseType="float">2</baseValue></setOutcomeValue>
                </responseIf></responseCondition></responseProcessing>""".formatted(mode, figures));
    }

    @Test
    @DisplayName("equalRounded to decimal places is a tolerance of half the last place, with a warning at the edge")
    void equalRoundedDecimalPlaces() {
        ParsedBank bank = rounded("3.14", "decimalPlaces", "2");
        Item item = only(bank);

        assertThat(item.blanks().get(0).tolerance()).isEqualByComparingTo("0.005");
        assertThat(type(item, "3.1449")).isEqualByComparingTo("2");
        assertThat(type(item, "3.135")).isEqualByComparingTo("2");
        assertThat(type(item, "3.146")).isEqualByComparingTo("0");
        assertThat(bank.readIssues()).singleElement().satisfies(w -> {
            assertThat(w.rule()).isEqualTo(Rule.APPROXIMATED_SCORING);
            assertThat(w.location().toString()).contains("equalRounded");
            assertThat(w.message()).contains("3.14 ± 0.005").contains("3.145");
        });
    }

    @Test
    @DisplayName("equalRounded to significant figures takes the place from the correct value's magnitude")
    void equalRoundedSignificantFigures() {
        Item item = only(rounded("1200", "significantFigures", "2"));

        assertThat(item.blanks().get(0).tolerance()).isEqualByComparingTo("50");
        assertThat(type(item, "1160")).isEqualByComparingTo("2");
        assertThat(type(item, "1260")).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("equalRounded is refused when the correct value has more figures than are compared")
    void equalRoundedFinerThanItsFigures() {
        Issue error = onlyError(rounded("3.14159", "decimalPlaces", "2"));

        assertThat(error.rule()).isEqualTo(Rule.UNSUPPORTED_RESPONSE_PROCESSING);
        assertThat(error.message()).contains("more figures");
    }
}
