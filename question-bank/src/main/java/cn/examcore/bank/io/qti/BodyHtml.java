package cn.examcore.bank.io.qti;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Turns QTI item-body content into the model's HTML subset (see {@code SafeHtml}): the subset's own elements pass
 * with their content attributes; presentational wrappers the subset lacks (div, headings, links …) are reduced to
 * paragraphs or unwrapped; feedback and template content is left out; images get {@code res:NAME} sources. Anything
 * else — script, iframe, MathML … — is written as found, so that validation reports it as unsafe HTML instead of it
 * disappearing unnoticed.
 */
final class BodyHtml {

    /** SafeHtml's subset. */
    private static final Set<String> KEPT = Set.of("p", "br", "b", "strong", "i", "em", "u", "sub", "sup", "ul", "ol",
            "li", "table", "thead", "tbody", "tr", "th", "td", "span", "img", "code", "pre");
    private static final Set<String> VOID = Set.of("br", "img");
    /** Attributes that only style or identify; dropping them changes how content looks at most. */
    private static final Set<String> PRESENTATIONAL = Set.of("class", "id", "style", "lang", "title", "label",
            "base");
    /** Writing direction changes how text reads (Arabic, Hebrew), so it is content and kept where it is given. */
    private static final Set<String> DIRECTIONS = Set.of("ltr", "rtl", "auto");
    private static final String XINCLUDE_NS = "http://www.w3.org/2001/XInclude";
    private static final String MATHML_NS = "http://www.w3.org/1998/Math/MathML";
    /** Block wrappers outside the subset: a paragraph when they hold only inline content, else unwrapped. */
    private static final Set<String> BLOCKS = Set.of("div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
            "address", "dl", "dt", "dd", "caption", "figure", "figcaption", "section", "article", "header", "footer",
            "aside", "nav", "main");
    private static final Set<String> BLOCK_CHILDREN = Set.of("p", "div", "ul", "ol", "table", "pre", "blockquote",
            "h1", "h2", "h3", "h4", "h5", "h6", "dl", "figure", "section", "article");
    /** Inline wrappers outside the subset: unwrapped, their text kept. */
    private static final Set<String> INLINE = Set.of("a", "abbr", "acronym", "big", "small", "tt", "kbd", "samp",
            "var", "cite", "q", "dfn", "label", "tfoot", "mark", "s", "strike", "del", "ins", "time");
    private static final Set<String> DROPPED = Set.of("hr", "col", "colgroup", "param");
    /** QTI content that is not part of the question as candidates see it before answering. */
    private static final Set<String> QTI_SKIPPED = Set.of("feedbackBlock", "feedbackInline", "modalFeedback",
            "templateBlock", "templateInline", "printedVariable", "stylesheet");
    /** QTI containers whose content is ordinary body content (a rubric block here is one candidates see). */
    private static final Set<String> QTI_UNWRAPPED = Set.of("contentBody", "infoControl", "rubricBlock", "prompt");

    private final Map<Element, String> replacements = new IdentityHashMap<>();
    private final BiFunction<Element, String, String> images;
    private final BiConsumer<Element, String> unsupported;

    /** A converter that writes content it cannot hold as found, for validation to report as unsafe HTML. */
    BodyHtml(BiFunction<Element, String, String> images) {
        this(images, null);
    }

    /**
     * @param images given an img (or image object) element and its source as written, returns the model's source
     *               ({@code res:NAME}), or null after it reported why the image cannot be taken
     * @param unsupported told of content the bank cannot hold (XInclude, MathML, non-image objects) with the reason,
     *                    so the refusal names that cause instead of "unsafe HTML"; the content is left out
     */
    BodyHtml(BiFunction<Element, String, String> images, BiConsumer<Element, String> unsupported) {
        this.images = images;
        this.unsupported = unsupported;
    }

    /** Writes {@code html} in place of the element (an interaction, a scorer rubric) wherever it occurs. */
    void replace(Element element, String html) {
        replacements.put(element, html);
    }

    /** The HTML of the element's content (not the element itself), white space collapsed and trimmed. */
    String content(Element element) {
        StringBuilder out = new StringBuilder();
        children(element, out, false);
        return out.toString().strip();
    }

    /** Like {@link #content}, wrapped in a paragraph unless the content has block elements of its own. */
    String block(Element element) {
        String html = content(element);
        return html.isEmpty() || hasBlocks(element) ? html : "<p>" + html + "</p>";
    }

    /**
     * Whether the element's content holds blocks, counting what an interaction or rubric is replaced by and what
     * QTI containers (prompt, rubricBlock …) hold, so that a div around an interaction with a prompt does not
     * become a paragraph holding a paragraph.
     */
    private boolean hasBlocks(Element element) {
        for (Element c : Qti.elements(element)) {
            String replacement = replacements.get(c);
            if (replacement != null) {
                if (startsWithBlock(replacement)) {
                    return true;
                }
            } else if (BLOCK_CHILDREN.contains(Qti.localName(c).toLowerCase(Locale.ROOT))
                    || ((QTI_UNWRAPPED.contains(Qti.name(c)) || Qti.localName(c).startsWith("qti-")) && hasBlocks(c))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithBlock(String html) {
        String h = html.stripLeading();
        for (String tag : BLOCK_CHILDREN) {
            if (h.startsWith("<" + tag + ">") || h.startsWith("<" + tag + " ")) {
                return true;
            }
        }
        return false;
    }

    private void children(Element parent, StringBuilder out, boolean pre) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text(n.getNodeValue(), out, pre);
                case Node.ELEMENT_NODE -> element((Element) n, out, pre);
                default -> {
                    // comments and processing instructions are not content
                }
            }
        }
    }

    private void element(Element e, StringBuilder out, boolean pre) {
        String replacement = replacements.get(e);
        if (replacement != null) {
            out.append(replacement);
            return;
        }
        String qti = Qti.name(e);
        if (QTI_SKIPPED.contains(qti)) {
            return;
        }
        if (QTI_UNWRAPPED.contains(qti) || Qti.localName(e).startsWith("qti-")) {
            children(e, out, pre);
            return;
        }
        boolean foreign = e.getNamespaceURI() != null && !isQtiNamespace(e.getNamespaceURI());
        String tag = Qti.localName(e).toLowerCase(Locale.ROOT);
        if (unsupported != null && refused(e, tag)) {
            return;
        }
        if (!foreign && tag.equals("object") && e.getAttribute("type").startsWith("image/")) {
            image(e, e.getAttribute("data"), Qti.text(e), out);
        } else if (!foreign && tag.equals("img")) {
            image(e, e.getAttribute("src"), e.getAttribute("alt"), out);
        } else if (!foreign && KEPT.contains(tag)) {
            out.append('<').append(tag);
            attributes(e, out);
            out.append('>');
            if (!VOID.contains(tag)) {
                children(e, out, pre || tag.equals("pre"));
                out.append("</").append(tag).append('>');
            }
        } else if (!foreign && (tag.equals("bdo") || tag.equals("bdi"))) {
            out.append("<span");
            direction(e, out);
            out.append('>');
            children(e, out, pre);
            out.append("</span>");
        } else if (!foreign && BLOCKS.contains(tag)) {
            boolean hasBlocks = hasBlocks(e);
            if (!hasBlocks) {
                out.append("<p");
                direction(e, out);
                out.append('>');
            }
            children(e, out, pre);
            if (!hasBlocks) {
                out.append("</p>");
            }
        } else if (!foreign && INLINE.contains(tag)) {
            children(e, out, pre);
        } else if (!foreign && DROPPED.contains(tag)) {
            return;
        } else {
            out.append('<').append(Qti.localName(e));
            attributes(e, out);
            out.append('>');
            children(e, out, pre);
            out.append("</").append(Qti.localName(e)).append('>');
        }
    }

    /**
     * The text a candidate sees in an element before answering, spaces collapsed: feedback and template content
     * are left out, as they are from the HTML, so that "True" with an inline "That's correct" still reads as True.
     */
    static String shownText(Element element) {
        StringBuilder text = new StringBuilder();
        shownText(element, text);
        return text.toString().replaceAll("\\s+", " ").strip();
    }

    private static void shownText(Node node, StringBuilder text) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            } else if (child instanceof Element e && !QTI_SKIPPED.contains(Qti.name(e))) {
                shownText(e, text);
            }
        }
    }

    /** Reports content the bank cannot hold by its real cause; true when it was refused (and is left out). */
    private boolean refused(Element e, String tag) {
        String ns = e.getNamespaceURI();
        String reason = null;
        if (XINCLUDE_NS.equals(ns)) {
            reason = "XInclude (" + e.getNodeName() + ") is not followed: nothing outside the item is read; "
                    + "put the included content into the item";
        } else if (MATHML_NS.equals(ns) || tag.equals("math")) {
            // a math root is MathML whatever namespace it claims: the IMS QTI 2.2 examples write
            // http://www.w3.org/2010/Math/MathML, and naming it unsafe HTML would hide the real cause
            reason = "MathML is not supported in bank items; write the formula as text with sub/sup, or as an "
                    + "image of the package";
        } else if ((ns == null || isQtiNamespace(ns)) && tag.equals("object")
                && !e.getAttribute("type").startsWith("image/")) {
            reason = "an object of type \"" + e.getAttribute("type") + "\" is not supported; only images of the "
                    + "package can be shown";
        }
        if (reason == null) {
            return false;
        }
        unsupported.accept(e, reason);
        return true;
    }

    private static void direction(Element e, StringBuilder out) {
        String dir = e.getAttribute("dir").strip().toLowerCase(Locale.ROOT);
        if (DIRECTIONS.contains(dir)) {
            out.append(" dir=\"").append(dir).append('"');
        }
    }

    private void image(Element e, String src, String alt, StringBuilder out) {
        String resolved = images.apply(e, src);
        if (resolved == null) {
            return;
        }
        out.append("<img src=\"").append(escape(resolved)).append('"');
        if (alt != null && !alt.isBlank()) {
            out.append(" alt=\"").append(escape(alt.strip())).append('"');
        }
        for (String size : new String[] {"width", "height"}) {
            if (e.hasAttribute(size)) {
                out.append(' ').append(size).append("=\"").append(escape(e.getAttribute(size))).append('"');
            }
        }
        out.append('>');
    }

    private static void attributes(Element e, StringBuilder out) {
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            // Namespaced attributes (xml:lang, xmlns, our metadata) are not content.
            if (a.getNamespaceURI() != null || PRESENTATIONAL.contains(a.getName())) {
                continue;
            }
            out.append(' ').append(a.getName()).append("=\"").append(escape(a.getValue())).append('"');
        }
    }

    private static void text(String text, StringBuilder out, boolean pre) {
        String t = pre ? text : text.replaceAll("\\s+", " ");
        if (!pre && t.equals(" ") && (out.isEmpty() || out.charAt(out.length() - 1) == ' ')) {
            return;
        }
        out.append(escape(t));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isQtiNamespace(String uri) {
        return uri.startsWith("http://www.imsglobal.org/xsd/imsqti")
                || uri.startsWith("http://www.imsglobal.org/xsd/qti") || uri.equals("http://www.w3.org/1999/xhtml");
    }
}
