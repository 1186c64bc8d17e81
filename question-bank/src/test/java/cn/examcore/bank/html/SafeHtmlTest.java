package cn.examcore.bank.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("SafeHtml")
class SafeHtmlTest {

    @Test
    @DisplayName("every element of the subset, with its allowed attributes, is safe")
    void theWholeSubsetIsSafe() {
        String html = "<p>a<br><b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u>H<sub>2</sub>O x<sup>2</sup>"
                + "<span>sp</span><code>c</code></p><pre>pre</pre><ul><li>1</li></ul><ol><li>2</li></ol>"
                + "<table><thead><tr><th colspan=\"2\">h</th></tr></thead><tbody><tr><td rowspan=\"1\">d</td>"
                + "<td>e</td></tr></tbody></table><img src=\"res:chart.png\" alt=\"chart\" width=\"10\" height=\"5\">";

        SafeHtml.Check check = SafeHtml.check(html);

        assertThat(check.problems()).isEmpty();
        assertThat(check.safe()).isTrue();
        assertThat(SafeHtml.isSafe(html)).isTrue();
        assertThat(check.references()).containsExactly("chart.png");
        assertThat(check.hasImage()).isTrue();
    }

    @Test
    @DisplayName("bare <html> and <body> wrapping tags, as a word processor pastes them, stay safe")
    void bareWrappingTagsAreSafe() {
        assertThat(SafeHtml.problems("<html><body><p>x</p></body></html>")).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            <p>x</p><script>alert(1)</script>                 | <script> element
            <p onclick="steal()">x</p>                         | onclick attribute on <p>
            <img src="res:a.png" onerror="x()">                | onerror attribute on <img>
            <img src="javascript:alert(1)">                     | image source "javascript:alert(1)" (images must be src="res:NAME", a resource of the bank)
            <img src="https://evil.example/track.png">          | image source "https://evil.example/track.png" (images must be src="res:NAME", a resource of the bank)
            <img src="chart.png">                               | image source "chart.png" (images must be src="res:NAME", a resource of the bank)
            <img src="data:image/png;base64,AAAA">              | image source "data:image/png;base64,AAAA" (images must be src="res:NAME", a resource of the bank)
            <iframe src="https://x.example"></iframe>           | <iframe> element
            <style>p {color: red}</style><p>x</p>               | <style> element
            <p style="background:url(x)">x</p>                  | style attribute on <p>
            <a href="javascript:alert(1)">x</a>                 | <a> element
            <p>x</p><!-- hidden -->                             | HTML comment
            <svg><circle r="1"></circle></svg>                  | <svg> element
            <object data="x.swf"></object>                      | <object> element
            <form action="https://x"><input name="q"></form>    | <form> element
            <body onload="alert(1)"><p>x</p></body>             | onload attribute on <body>
            <p>x</p><body onpageshow="alert(1)">                | onpageshow attribute on <body>
            <html onclick="alert(1)"><p>x</p></html>            | onclick attribute on <html>
            <html><head><meta http-equiv="refresh"></head></html> | <meta> element
            <BODY\tONLOAD=alert(1)><p>x</p>                    | onload attribute on <body>
            """)
    @DisplayName("unsafe content is reported by name")
    void unsafeContentIsNamed(String html, String problem) {
        assertThat(SafeHtml.problems(html)).contains(problem);
        assertThat(SafeHtml.isSafe(html)).isFalse();
    }

    @Test
    @DisplayName("each kind of problem is reported once, however often it occurs")
    void problemsAreReportedOncePerKind() {
        assertThat(SafeHtml.problems("<p onclick=a>1</p><p onclick=b>2</p><script></script><script></script>"))
                .containsExactly("onclick attribute on <p>", "<script> element");
    }

    @Test
    @DisplayName("a flood of distinct problems is capped so a hostile stem cannot make a huge report")
    void problemsAreCapped() {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            html.append("<p data-x").append(i).append("=\"1\">x</p>");
        }

        assertThat(SafeHtml.problems(html.toString())).hasSize(11).last().isEqualTo("and 40 more");
    }

    @Test
    @DisplayName("text that merely looks like markup is plain text, and escaped markup is text too")
    void textIsText() {
        assertThat(SafeHtml.isSafe("a < b and b > c")).isTrue();
        assertThat(SafeHtml.isSafe("&lt;script&gt;alert(1)&lt;/script&gt;")).isTrue();
        assertThat(SafeHtml.check("&lt;script&gt;").text()).isEqualTo("<script>");
        assertThat(SafeHtml.isSafe(null)).isTrue();
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"Option one", "  spaced \t out \n text  ", "\u3000全角空格\u3000", "a\u00A0b", " ", "",
            "\r\n", "x > y", "emoji \uD83D\uDE00", "tab\tand\fform feed", "\u0001control", "soft\u00ADhyphen",
            "zero\u200Bwidth", " \u00A0edge\u00A0 "})
    @DisplayName("text without markup gives exactly what a full parse gives (it skips the parse)")
    void plainTextMatchesTheParser(String text) {
        SafeHtml.Check check = SafeHtml.check(text);

        assertThat(check.text()).isEqualTo(Jsoup.parseBodyFragment(text).body().text());
        assertThat(check.safe()).isTrue();
        assertThat(check.references()).isEmpty();
        assertThat(check.hasImage()).isFalse();
    }

    @Test
    @DisplayName("resource references are listed in document order, once each, without the scheme")
    void referencesAreListed() {
        String html = "<p><img src=\"res:b.png\"></p><img src=\"res:a.png\"><img src=\"res:b.png\">"
                + "<img src=\"https://x/c.png\">";

        assertThat(SafeHtml.references(html)).containsExactly("b.png", "a.png");
        assertThat(SafeHtml.references("<p>no images</p>")).isEmpty();
    }

    @Test
    @DisplayName("blank means no visible text and no image")
    void blankMeansNothingToSee() {
        assertThat(SafeHtml.check("<p> &nbsp;\u3000<br></p>").blank()).isTrue();
        assertThat(SafeHtml.check("").blank()).isTrue();
        assertThat(SafeHtml.check(null).blank()).isTrue();
        assertThat(SafeHtml.check("<p>x</p>").blank()).isFalse();
        assertThat(SafeHtml.check("<img src=\"res:a.png\">").blank()).isFalse();
    }

    @Test
    @DisplayName("clean keeps the safe subset and drops the rest, keeping the text")
    void cleanDropsUnsafeContent() {
        String cleaned = SafeHtml.clean("<p onclick=\"x()\">Hello <b>there</b></p><script>alert(1)</script>"
                + "<img src=\"https://x/y.png\"><img src=\"res:ok.png\">");

        assertThat(cleaned).doesNotContain("onclick", "script", "https").contains("<b>there</b>", "res:ok.png");
        assertThat(SafeHtml.isSafe(cleaned)).isTrue();
    }
}
