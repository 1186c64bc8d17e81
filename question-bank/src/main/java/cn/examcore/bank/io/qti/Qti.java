package cn.examcore.bank.io.qti;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One code path for QTI 2.x and 3.0: QTI 3 spells {@code choiceInteraction} as {@code qti-choice-interaction} and
 * {@code responseIdentifier} as {@code response-identifier}; both are looked up by the 2.x (canonical) name, and
 * namespaces are ignored for QTI's own elements.
 */
final class Qti {

    /** Our namespace for item metadata attributes and manifest elements (see docs/qti.md). */
    static final String EXAMCORE_NS = "urn:examcore:qti";

    /** Elements a schema allows once in their parent: their paths carry no [n]. */
    private static final Set<String> SINGLETONS = Set.of("assessmentItem", "itemBody", "correctResponse", "mapping",
            "defaultValue", "prompt", "responseProcessing", "manifest", "resources", "metadata", "organizations",
            "contentBody");

    private Qti() {
    }

    /** The canonical (QTI 2.x) name: {@code qti-choice-interaction} → {@code choiceInteraction}. */
    static String name(Element element) {
        String local = localName(element);
        return local.startsWith("qti-") ? camel(local.substring(4)) : local;
    }

    static String localName(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }

    /** An un-namespaced attribute by its canonical name, in either spelling; null when absent. */
    static String attr(Element element, String canonical) {
        if (element.hasAttributeNS(null, canonical)) {
            return element.getAttributeNS(null, canonical);
        }
        String kebab = kebab(canonical);
        return element.hasAttributeNS(null, kebab) ? element.getAttributeNS(null, kebab) : null;
    }

    /** Child elements with the canonical name, in order. */
    static List<Element> children(Element parent, String canonical) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name(e).equals(canonical)) {
                found.add(e);
            }
        }
        return found;
    }

    /** The first child element with the canonical name, or null. */
    static Element child(Element parent, String canonical) {
        List<Element> found = children(parent, canonical);
        return found.isEmpty() ? null : found.get(0);
    }

    /** All element children. */
    static List<Element> elements(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                found.add(e);
            }
        }
        return found;
    }

    /** The text of an element with white space collapsed. */
    static String text(Element element) {
        return element.getTextContent().replaceAll("\\s+", " ").strip();
    }

    /**
     * An XPath-like path as the file spells its elements, e.g. "/assessmentItem/responseDeclaration[1]/
     * correctResponse" or "/qti-assessment-item/qti-item-body/qti-order-interaction[1]". Elements a schema allows
     * once carry no index.
     */
    static String path(Element element) {
        List<String> steps = new ArrayList<>();
        for (Node n = element; n instanceof Element e; n = n.getParentNode()) {
            String step = localName(e);
            if (e.getParentNode() instanceof Element && !SINGLETONS.contains(name(e))) {
                int index = 1;
                for (Node s = e.getPreviousSibling(); s != null; s = s.getPreviousSibling()) {
                    if (s instanceof Element sibling && localName(sibling).equals(step)) {
                        index++;
                    }
                }
                step += "[" + index + "]";
            }
            steps.add(0, step);
        }
        return "/" + String.join("/", steps);
    }

    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder(kebab.length());
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String kebab(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
