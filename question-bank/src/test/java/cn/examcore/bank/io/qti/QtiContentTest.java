package cn.examcore.bank.io.qti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.html.SafeHtml;
import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Rule;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("QTI item bodies keep their structure and direction, and refusals name their cause")
class QtiContentTest {

    private static ParsedBank read(String body) {
        String xml = """
                <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="I1" title="t"
                                xmlns:xi="http://www.w3.org/2001/XInclude"
                                xmlns:m="http://www.w3.org/1998/Math/MathML">
                  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
                    <correctResponse><value>A</value></correctResponse>
                  </responseDeclaration>
                  <itemBody>%s</itemBody>
                </assessmentItem>""".formatted(body);
        return new QtiBankReader().read("i.xml", xml.getBytes(StandardCharsets.UTF_8), ImportLimits.defaults());
    }

    private static final String CHOICES = """
            <choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
              <prompt>Pick one.</prompt>
              <simpleChoice identifier="A">a</simpleChoice><simpleChoice identifier="B">b</simpleChoice>
            </choiceInteraction>""";

    @Test
    @DisplayName("a div around an interaction gives sibling paragraphs, never a paragraph inside a paragraph")
    void divAroundInteraction() {
        ParsedBank bank = read("<div>Question text <b>here</b>" + CHOICES + "</div>");
        String stem = bank.items().get(0).stem();
        assertThat(stem).doesNotContain("<p><p>").contains("<p>Pick one.</p>");
        assertThat(SafeHtml.check(stem).safe()).isTrue();
    }

    @Test
    @DisplayName("dir=\"rtl\" is kept on paragraphs and bdo, and passes the safe HTML check")
    void rightToLeft() {
        ParsedBank bank = read("<p dir=\"rtl\">ما هو <bdo dir=\"rtl\">الجواب</bdo>؟</p><div dir=\"rtl\">نص</div>"
                + CHOICES);
        String stem = bank.items().get(0).stem();
        assertThat(stem).contains("<p dir=\"rtl\">ما هو <span dir=\"rtl\">الجواب</span>؟</p>")
                .contains("<p dir=\"rtl\">نص</p>");
        assertThat(SafeHtml.check(stem).safe()).isTrue();
    }

    private static Issue onlyError(ParsedBank bank) {
        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).hasSize(1);
        return bank.readIssues().get(0);
    }

    @Test
    @DisplayName("XInclude is refused as XInclude, not as unsafe HTML, and nothing is fetched")
    void xinclude() {
        Issue issue = onlyError(read("<xi:include href=\"file:///etc/passwd\" parse=\"text\"/>" + CHOICES));
        assertThat(issue.rule()).isEqualTo(Rule.UNSUPPORTED_CONTENT);
        assertThat(issue.message()).contains("XInclude");
        assertThat(issue.location().toString()).contains("include");
    }

    @Test
    @DisplayName("True and False options with inline feedback still make a true/false item")
    void trueFalseWithInlineFeedback() {
        ParsedBank bank = read("""
                <choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
                  <simpleChoice identifier="A">True <feedbackInline outcomeIdentifier="FEEDBACK" identifier="A"
                    showHide="show">That's correct</feedbackInline></simpleChoice>
                  <simpleChoice identifier="B">False <feedbackInline outcomeIdentifier="FEEDBACK" identifier="B"
                    showHide="show">That's not correct</feedbackInline></simpleChoice>
                </choiceInteraction>""");
        assertThat(bank.items().get(0).type()).isEqualTo(ItemType.TRUE_FALSE);
        assertThat(bank.items().get(0).correctTrueFalse()).isTrue();
    }

    @Test
    @DisplayName("MathML and non-image objects are refused naming what they are")
    void mathAndObjects() {
        assertThat(onlyError(read("<p><m:math><m:mi>x</m:mi></m:math></p>" + CHOICES)).message())
                .contains("MathML");
        Issue otherNamespace = onlyError(read("<p><n:math xmlns:n=\"http://www.w3.org/2010/Math/MathML\">"
                + "<n:mi>E</n:mi></n:math></p>" + CHOICES));
        assertThat(otherNamespace.rule()).isEqualTo(Rule.UNSUPPORTED_CONTENT);
        assertThat(otherNamespace.message()).contains("MathML");
        assertThat(otherNamespace.location().place()).isEqualTo("/assessmentItem/itemBody/p[1]/math[1]");
        Issue object = onlyError(read("<object type=\"application/x-shockwave-flash\" data=\"a.swf\"/>" + CHOICES));
        assertThat(object.rule()).isEqualTo(Rule.UNSUPPORTED_CONTENT);
        assertThat(object.message()).contains("application/x-shockwave-flash");
    }
}
