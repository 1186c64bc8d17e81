package cn.examcore.bank.io.qti;

import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.io.format.Vocabulary;
import cn.examcore.bank.io.format.ZipGuard;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.Resource;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * An IMS content package: imsmanifest.xml lists resources; those of an item type (imsqti_item_xmlv2p1,
 * imsqti_item_xmlv2p2, imsqti_item_xmlv3p0) are read as items. Images the items show become bank resources named
 * by their path in the package ({@code res:items/img/a.png}).
 */
final class ContentPackage {

    private static final String MANIFEST = "imsmanifest.xml";
    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final List<String> BANK_TAGS = List.of("occupation", "level", "subject", "knowledgePoint",
            "difficulty");

    private final String fileName;
    private final String baseName;
    private final ImportLimits limits;
    private final List<Issue> issues = new ArrayList<>();
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final SafeXml xml = new SafeXml();
    private Map<String, byte[]> entries;

    ContentPackage(String fileName, String baseName, ImportLimits limits) {
        this.fileName = fileName;
        this.baseName = baseName;
        this.limits = limits;
    }

    ParsedBank read(byte[] content) {
        try {
            entries = ZipGuard.extract(fileName, content, limits);
        } catch (ZipGuard.Refused refused) {
            issues.add(refused.issue());
            return QtiBankReader.empty(fileName, baseName, issues);
        }
        String manifestPath = manifestPath();
        if (manifestPath == null) {
            issues.add(Issue.error(Location.file(fileName), Rule.MISSING_FIELD, "the package has no " + MANIFEST
                    + " at its top level, so it is not an IMS content package"));
            return QtiBankReader.empty(fileName, baseName, issues);
        }
        String manifestFile = member(manifestPath);
        Element manifest = parse(manifestFile, entries.get(manifestPath));
        if (manifest == null) {
            return QtiBankReader.empty(fileName, baseName, issues);
        }
        if (!Qti.name(manifest).equals("manifest")) {
            issues.add(Issue.error(new Location(manifestFile, Qti.path(manifest)), Rule.MALFORMED,
                    "the root element is <" + Qti.localName(manifest) + ">, not manifest"));
            return QtiBankReader.empty(fileName, baseName, issues);
        }
        Element bank = examcoreElement(Qti.child(manifest, "metadata"), "bank");
        Metadata bankTags = bank == null ? Metadata.none() : Metadata.ofElement(bank, manifestFile, BANK_TAGS);

        String root = manifestPath.substring(0, manifestPath.length() - MANIFEST.length());
        List<Item> items = new ArrayList<>();
        List<QtiSourceMap.Places> places = new ArrayList<>();
        ItemParser parser = new ItemParser(issues);
        int itemResources = 0;
        Element resourcesElement = Qti.child(manifest, "resources");
        for (Element resource : resourcesElement == null ? List.<Element>of()
                : Qti.children(resourcesElement, "resource")) {
            String type = String.valueOf(Qti.attr(resource, "type"));
            Location at = new Location(manifestFile, Qti.path(resource));
            if (type.startsWith("imsqti_test_xmlv") || type.startsWith("imsqti_section_xmlv")) {
                issues.add(Issue.warning(at, Rule.UNUSED_VALUE, "assessment tests and sections are not imported; "
                        + "the items the manifest lists as item resources are"));
                continue;
            }
            if (!type.startsWith("imsqti_item_xmlv")) {
                continue;
            }
            if (++itemResources > limits.maxItems()) {
                issues.add(Issue.error(at, Rule.TOO_MANY_ITEMS, "the package holds more than " + limits.maxItems()
                        + " items"));
                break;
            }
            String itemPath = itemPath(resource, root, at);
            if (itemPath == null) {
                continue;
            }
            String itemFile = member(itemPath);
            Element itemRoot = parse(itemFile, entries.get(itemPath));
            if (itemRoot == null) {
                continue;
            }
            Element itemMetadata = examcoreElement(Qti.child(resource, "metadata"), "item");
            Metadata defaults = itemMetadata == null ? bankTags
                    : Metadata.ofElement(itemMetadata, manifestFile, Metadata.ITEM_ATTRIBUTES).over(bankTags);
            String directory = itemPath.substring(0, itemPath.lastIndexOf('/') + 1);
            parser.parse(itemRoot, itemFile, defaults, (src, where) -> image(directory, src, where))
                    .ifPresent(parsed -> {
                        items.add(parsed.item());
                        places.add(parsed.places());
                    });
        }
        if (itemResources == 0) {
            issues.add(Issue.error(new Location(manifestFile, Qti.path(manifest)), Rule.MISSING_FIELD,
                    "the manifest lists no item resource (type imsqti_item_xmlv2p1 or imsqti_item_xmlv3p0)"));
        }
        return new ParsedBank(bankValue(bank, "id", Qti.attr(manifest, "identifier")), bankValue(bank, "title", null),
                defaultRule(bank, manifestFile), items, resources, issues,
                new QtiSourceMap(Location.file(fileName), places));
    }

    /** imsmanifest.xml at the top, or in the one folder a zip tool wrapped the package in. */
    private String manifestPath() {
        if (entries.containsKey(MANIFEST)) {
            return MANIFEST;
        }
        List<String> nested = entries.keySet().stream()
                .filter(name -> name.endsWith("/" + MANIFEST)
                        && name.indexOf('/') == name.length() - MANIFEST.length() - 1)
                .toList();
        return nested.size() == 1 ? nested.get(0) : null;
    }

    private String itemPath(Element resource, String root, Location at) {
        String href = Qti.attr(resource, "href");
        if (href == null || href.isBlank()) {
            Element firstFile = Qti.child(resource, "file");
            href = firstFile == null ? null : Qti.attr(firstFile, "href");
        }
        if (href == null || href.isBlank()) {
            issues.add(Issue.error(at, Rule.MISSING_FIELD, "the item resource names no file (href)"));
            return null;
        }
        Optional<String> path = resolve(root, href, at);
        if (path.isEmpty()) {
            return null;
        }
        if (!entries.containsKey(path.get())) {
            issues.add(Issue.error(at, Rule.BROKEN_RESOURCE, "the item file " + path.get()
                    + " the manifest names is not in the package"));
            return null;
        }
        return path.get();
    }

    /** An image an item shows: a file of the package, taken as a bank resource. */
    private String image(String directory, String src, Location at) {
        if (src == null || src.isBlank()) {
            issues.add(Issue.error(at, Rule.BROKEN_RESOURCE, "the image has no source"));
            return null;
        }
        Optional<String> path = resolve(directory, src, at);
        if (path.isEmpty()) {
            return null;
        }
        byte[] bytes = entries.get(path.get());
        if (bytes == null) {
            issues.add(Issue.error(at, Rule.BROKEN_RESOURCE, "the image " + path.get() + " is not in the package"));
            return null;
        }
        String mediaType = imageType(bytes);
        if (mediaType == null) {
            issues.add(Issue.error(at, Rule.BROKEN_RESOURCE, "the file " + path.get() + " is not a PNG, JPEG, GIF, "
                    + "WebP or BMP image (SVG is not accepted: it can carry scripts)"));
            return null;
        }
        resources.computeIfAbsent(path.get(), name -> new Resource(name, mediaType, bytes));
        return "res:" + path.get();
    }

    /**
     * A reference (href, src) resolved against a folder of the package. Refused when it is a URL (external or
     * data:), absolute, or climbs above the package root.
     */
    private Optional<String> resolve(String directory, String reference, Location at) {
        String ref = reference.strip();
        if (URI_SCHEME.matcher(ref).matches()) {
            issues.add(Issue.error(at, Rule.BROKEN_RESOURCE, "\"" + shorten(ref) + "\" is not a file of the package; "
                    + "external and inline (data:) files are not imported, put the file in the package"));
            return Optional.empty();
        }
        int cut = indexOfAny(ref, '#', '?');
        if (cut >= 0) {
            ref = ref.substring(0, cut);
        }
        if (ref.contains("%")) {
            ref = URLDecoder.decode(ref.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        ref = ref.replace('\\', '/');
        Deque<String> segments = new ArrayDeque<>();
        boolean escapes = ref.startsWith("/");
        for (String segment : (directory + ref).split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                escapes |= segments.pollLast() == null;
            } else {
                segments.addLast(segment);
            }
        }
        if (escapes) {
            issues.add(Issue.error(at, Rule.UNSAFE_PATH, "\"" + shorten(reference) + "\" points outside the package"));
            return Optional.empty();
        }
        return Optional.of(String.join("/", segments));
    }

    private Element parse(String file, byte[] content) {
        try {
            return xml.parse(content).getDocumentElement();
        } catch (SafeXml.Rejected rejected) {
            issues.add(Issue.error(Location.file(file), rejected.rule, rejected.getMessage()));
            return null;
        }
    }

    private String bankValue(Element bank, String attribute, String fallback) {
        String value = bank == null ? "" : bank.getAttribute(attribute).strip();
        if (!value.isEmpty()) {
            return value;
        }
        return fallback == null || fallback.isBlank() ? baseName : fallback.strip();
    }

    private MultipleChoiceRule defaultRule(Element bank, String manifestFile) {
        String text = bank == null ? "" : bank.getAttribute("multipleRule").strip();
        if (text.isEmpty()) {
            return MultipleChoiceRule.ALL_OR_NOTHING;
        }
        Optional<MultipleChoiceRule> rule = Vocabulary.multipleRule(text);
        if (rule.isEmpty()) {
            issues.add(Issue.error(new Location(manifestFile, Qti.path(bank) + "/@multipleRule"), Rule.INVALID_VALUE,
                    "multipleRule \"" + text + "\" is not one of 全对得分, 按比例, 少选得分"));
            return MultipleChoiceRule.ALL_OR_NOTHING;
        }
        return rule.get();
    }

    /** Our element ({@code ec:bank}, {@code ec:item}) inside a metadata element, or null. */
    private static Element examcoreElement(Element metadata, String localName) {
        if (metadata == null) {
            return null;
        }
        return Qti.elements(metadata).stream()
                .filter(e -> Qti.EXAMCORE_NS.equals(e.getNamespaceURI()) && Qti.localName(e).equals(localName))
                .findFirst().orElse(null);
    }

    private String member(String path) {
        return fileName + "!" + path;
    }

    /** Sniffs the content, never trusting the file extension. */
    static String imageType(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return "image/webp";
        }
        if (starts(b, 'B', 'M')) {
            return "image/bmp";
        }
        return null;
    }

    private static boolean starts(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
