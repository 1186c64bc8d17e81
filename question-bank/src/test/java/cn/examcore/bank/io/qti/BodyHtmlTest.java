package cn.examcore.bank.io.qti;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

@DisplayName("QTI body content becomes the model's HTML subset")
class BodyHtmlTest {

    private static String html(String body) throws Exception {
        String xml = "<itemBody xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\">" + body + "</itemBody>";
        Element root = new SafeXml().parse(xml.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        return new BodyHtml((img, src) -> "res:" + src).content(root);
    }

    @Test
    @DisplayName("subset elements pass; class, id and style are dropped; text is escaped")
    void subsetPasses() throws Exception {
        assertThat(html("<p class=\"x\" id=\"p1\" style=\"color:red\">a &lt; b <strong>c</strong></p>"))
                .isEqualTo("<p>a &lt; b <strong>c</strong></p>");
    }

    @Test
    @DisplayName("a div or heading with inline content becomes a paragraph; with blocks inside it is unwrapped")
    void wrappersBecomeParagraphs() throws Exception {
        assertThat(html("<h2>标题</h2><div><p>一</p><p>二</p></div>")).isEqualTo("<p>标题</p><p>一</p><p>二</p>");
    }

    @Test
    @DisplayName("links are unwrapped to their text and feedback is left out")
    void linksAndFeedback() throws Exception {
        assertThat(html("<p>见<a href=\"http://x\">附录</a><feedbackInline outcomeIdentifier=\"F\" identifier=\"A\" "
                + "showHide=\"show\">答对了</feedbackInline></p>")).isEqualTo("<p>见附录</p>");
    }

    @Test
    @DisplayName("script, event handlers and MathML are kept as found, so validation reports them as unsafe")
    void unsafeContentIsNotHidden() throws Exception {
        assertThat(html("<p onclick=\"steal()\">x</p><script>alert(1)</script>"))
                .isEqualTo("<p onclick=\"steal()\">x</p><script>alert(1)</script>");
        assertThat(html("<m:math xmlns:m=\"http://www.w3.org/1998/Math/MathML\"><m:mi>x</m:mi></m:math>"))
                .isEqualTo("<math><mi>x</mi></math>");
    }

    @Test
    @DisplayName("images and image objects get the resolved source with alt and size")
    void images() throws Exception {
        assertThat(html("<p><img src=\"a.png\" alt=\"图\" width=\"10\" class=\"c\"/>"
                + "<object type=\"image/jpeg\" data=\"b.jpg\" height=\"5\">照片</object></p>"))
                .isEqualTo("<p><img src=\"res:a.png\" alt=\"图\" width=\"10\"><img src=\"res:b.jpg\" alt=\"照片\" "
                        + "height=\"5\"></p>");
    }

    @Test
    @DisplayName("white space collapses except inside pre")
    void whitespace() throws Exception {
        assertThat(html("\n  <p>a\n   b</p>\n  <pre>x\n  y</pre>\n")).isEqualTo("<p>a b</p> <pre>x\n  y</pre>");
    }
}
