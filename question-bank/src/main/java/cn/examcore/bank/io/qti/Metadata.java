package cn.examcore.bank.io.qti;

import cn.examcore.bank.report.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;

/**
 * Item metadata by the examcore convention (docs/qti.md), which QTI has no standard place for: attributes in the
 * {@code urn:examcore:qti} namespace on the item's root element, or plain attributes of an {@code ec:item} element in
 * the manifest resource's metadata, or of the package-wide {@code ec:bank} element. Each value remembers where it was
 * written so a bad value is reported there.
 *
 * @param values by attribute name
 */
record Metadata(Map<String, Value> values) {

    /**
     * The attributes the convention defines for items; {@code itemType} and {@code explanation} carry what QTI has
     * no place for (简答 as opposed to 论述, 解析), so that our own export comes back unchanged.
     */
    static final List<String> ITEM_ATTRIBUTES = List.of("occupation", "level", "subject", "knowledgePoint",
            "difficulty", "multipleRule", "itemType", "explanation");

    /** A value and where it was written. */
    record Value(String text, Location where) {
    }

    Metadata {
        values = Map.copyOf(values);
    }

    static Metadata none() {
        return new Metadata(Map.of());
    }

    /** Attributes in our namespace on an item's root element ({@code ec:level="4"}). */
    static Metadata ofItemRoot(Element root, String file) {
        Map<String, Value> values = new HashMap<>();
        for (String name : ITEM_ATTRIBUTES) {
            Attr attr = root.getAttributeNodeNS(Qti.EXAMCORE_NS, name);
            if (attr != null && !attr.getValue().isBlank()) {
                values.put(name, new Value(attr.getValue().strip(),
                        new Location(file, Qti.path(root) + "/@" + attr.getName())));
            }
        }
        return new Metadata(values);
    }

    /** Plain attributes of a manifest element such as {@code <ec:item level="4"/>}. */
    static Metadata ofElement(Element element, String file, List<String> names) {
        Map<String, Value> values = new HashMap<>();
        for (String name : names) {
            String value = element.getAttribute(name);
            if (!value.isBlank()) {
                values.put(name, new Value(value.strip(), new Location(file, Qti.path(element) + "/@" + name)));
            }
        }
        return new Metadata(values);
    }

    /** These values, falling back to {@code base} for the ones not given here. */
    Metadata over(Metadata base) {
        Map<String, Value> merged = new HashMap<>(base.values);
        merged.putAll(values);
        return new Metadata(merged);
    }

    /** The value, or null. */
    Value get(String name) {
        return values.get(name);
    }
}
