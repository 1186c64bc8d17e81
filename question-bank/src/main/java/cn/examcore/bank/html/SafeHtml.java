package cn.examcore.bank.html;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The safe HTML subset of stems, options and explanations: text formatting, lists, tables and images that come
 * from the bank itself ({@code <img src="res:NAME">}). Everything else — scripts, event-handler attributes,
 * {@code style}, links, frames, external images — is outside the subset, because item HTML is shown inside the
 * candidate page and must not be able to run code or fetch anything from elsewhere.
 *
 * <p>A walk over jsoup's parse tests every element and attribute against the {@link Safelist}, naming what is
 * wrong so an administrator can fix the source; jsoup's {@link Cleaner} confirms the verdict.
 */
public final class SafeHtml {

    /** The scheme of a bank resource reference in an {@code img src}. */
    public static final String RESOURCE_SCHEME = "res:";

    /** More than this many distinct findings adds nothing for the author, and a hostile stem could hold millions. */
    private static final int MAX_PROBLEMS = 10;

    private static final Safelist SAFELIST = new Safelist()
            .addTags("p", "br", "b", "strong", "i", "em", "u", "sub", "sup", "ul", "ol", "li",
                    "table", "thead", "tbody", "tr", "th", "td", "span", "img", "code", "pre")
            // Writing direction (rtl for Arabic or Hebrew text) is content, and carries no code or address.
            .addAttributes(":all", "dir")
            .addAttributes("img", "src", "alt", "width", "height")
            .addAttributes("td", "colspan", "rowspan")
            .addAttributes("th", "colspan", "rowspan")
            .addProtocols("img", "src", "res");

    private static final Cleaner CLEANER = new Cleaner(SAFELIST);
    private static final Pattern OUTER_TAG = Pattern.compile("<(html|head|body)[\\s/>]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML_WHITESPACE = Pattern.compile("[ \t\n\f\r]+");

    private SafeHtml() {
    }

    /**
     * What one parse of an HTML fragment tells: whether it stays in the subset, which resources it shows, and
     * its visible text.
     *
     * @param problems   one entry per kind of unsafe content, e.g. "&lt;script&gt; element", "onclick attribute on
     *                   &lt;p&gt;"; empty when the fragment is safe
     * @param references names of the bank resources its images show ({@code res:NAME}), in document order, once each
     * @param text       the visible text, whitespace collapsed
     * @param hasImage   whether it shows at least one image (an image alone is content, e.g. a picture option)
     */
    public record Check(List<String> problems, List<String> references, String text, boolean hasImage) {

        public Check {
            problems = List.copyOf(problems);
            references = List.copyOf(references);
        }

        public boolean safe() {
            return problems.isEmpty();
        }

        /** True when nothing would be seen: no text other than white space and no image. */
        public boolean blank() {
            return !hasImage && text.codePoints().allMatch(SafeHtml::isBlankCodePoint);
        }
    }

    /** Parses (at most once) and reports everything {@link Check} holds. A null fragment is treated as empty. */
    public static Check check(String html) {
        if (html == null || isPlainText(html)) {
            return new Check(List.of(), List.of(), collapseWhitespace(html == null ? "" : html), false);
        }
        Document document = Jsoup.parseBodyFragment(html);
        Element body = document.body();
        Set<String> problems = new LinkedHashSet<>();
        Set<String> references = new LinkedHashSet<>();
        boolean hasImage = false;
        outerAttributes(html, problems);
        for (Element element : body.getAllElements()) {
            if (element.childNodes().stream().anyMatch(Comment.class::isInstance)) {
                problems.add("HTML comment");
            }
            if (element != body) {
                inspectElement(element, problems, references);
                hasImage |= element.nameIs("img");
            }
        }
        // The walk mirrors the safelist; should jsoup ever judge stricter, its verdict wins. Checked last because
        // the cleaner may rewrite attribute values of the document it inspects.
        if (problems.isEmpty() && !CLEANER.isValid(document)) {
            problems.add("markup outside the safe subset");
        }
        return new Check(cap(problems), new ArrayList<>(references), body.text(), hasImage);
    }

    /** True when the fragment stays in the safe subset. */
    public static boolean isSafe(String html) {
        return check(html).safe();
    }

    /** What is unsafe in the fragment, one entry per kind; empty when safe. */
    public static List<String> problems(String html) {
        return check(html).problems();
    }

    /** The bank resources the fragment's images show ({@code res:NAME} → NAME), in order, once each. */
    public static List<String> references(String html) {
        return check(html).references();
    }

    /**
     * The fragment reduced to the safe subset (unsafe elements and attributes dropped, text kept), for rendering
     * content whose source is not already known to be safe.
     */
    public static String clean(String html) {
        return CLEANER.clean(Jsoup.parseBodyFragment(html == null ? "" : html)).body().html();
    }

    /**
     * A fragment parse drops the fragment's own {@code <html>}, {@code <head>} and {@code <body>} tags with their
     * attributes, but a browser that parses the text as a document (a preview, a print view, a future renderer)
     * keeps them: {@code <body onload>} would run there. So when such a tag is present, the text is also parsed as a
     * document and every attribute of those elements, and anything in its head, is reported. Plain wrapping tags
     * without attributes (as pasted from a word processor) stay allowed.
     */
    private static void outerAttributes(String html, Set<String> problems) {
        if (!OUTER_TAG.matcher(html).find()) {
            return;
        }
        Document whole = Jsoup.parse(html);
        for (Element outer : List.of(whole.child(0), whole.body())) {
            for (Attribute attribute : outer.attributes().asList()) {
                problems.add(attribute.getKey().toLowerCase(Locale.ROOT) + " attribute on <" + outer.normalName()
                        + ">");
            }
        }
        for (Element element : whole.head().getAllElements()) {
            if (element != whole.head()) {
                problems.add("<" + element.normalName() + "> element");
            }
        }
    }

    private static void inspectElement(Element element, Set<String> problems, Set<String> references) {
        String tag = element.normalName();
        if (!SAFELIST.isSafeTag(tag)) {
            problems.add("<" + tag + "> element");
            return;
        }
        for (Attribute attribute : element.attributes().asList()) {
            String key = attribute.getKey().toLowerCase(Locale.ROOT);
            boolean isSrc = tag.equals("img") && key.equals("src");
            // isSafeAttribute may rewrite the value while testing it, so test a copy.
            if (SAFELIST.isSafeAttribute(tag, element, attribute.clone())) {
                if (isSrc) {
                    references.add(attribute.getValue().substring(RESOURCE_SCHEME.length()));
                }
            } else if (isSrc) {
                problems.add("image source \"" + shorten(attribute.getValue())
                        + "\" (images must be src=\"res:NAME\", a resource of the bank)");
            } else {
                problems.add(key + " attribute on <" + tag + ">");
            }
        }
    }

    /**
     * Text without markup, character references, and the characters jsoup's {@code text()} treats specially
     * (controls, no-break space, zero-width space, soft hyphen) parses to itself, so the parse can be skipped: most
     * options, and most stems imported from Excel, are like this, and a 200,000-item bank has a million of them.
     */
    private static boolean isPlainText(String html) {
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            boolean control = c < ' ' && c != '\t' && c != '\n' && c != '\f' && c != '\r';
            if (control || c == '<' || c == '&' || c == '\u00A0' || c == '\u200B' || c == '\u00AD') {
                return false;
            }
        }
        return true;
    }

    /** What jsoup's {@code text()} does to plain text: runs of HTML white space become one space, ends trimmed. */
    private static String collapseWhitespace(String text) {
        String collapsed = HTML_WHITESPACE.matcher(text).replaceAll(" ");
        int start = collapsed.startsWith(" ") ? 1 : 0;
        int end = collapsed.endsWith(" ") ? collapsed.length() - 1 : collapsed.length();
        return start >= end ? "" : collapsed.substring(start, end);
    }

    private static List<String> cap(Set<String> problems) {
        List<String> list = new ArrayList<>(problems);
        if (list.size() <= MAX_PROBLEMS) {
            return list;
        }
        List<String> capped = new ArrayList<>(list.subList(0, MAX_PROBLEMS));
        capped.add("and " + (list.size() - MAX_PROBLEMS) + " more");
        return capped;
    }

    private static String shorten(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }

    static boolean isBlankCodePoint(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }
}
