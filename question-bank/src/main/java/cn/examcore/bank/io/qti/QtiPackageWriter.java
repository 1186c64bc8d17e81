package cn.examcore.bank.io.qti;

import cn.examcore.bank.io.format.Vocabulary;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.Resource;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.ScoreMapping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.TextNode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes a bank as an IMS content package of QTI 2.1 or 3.0 items (docs/qti.md, "QTI export"): imsmanifest.xml,
 * one item file per item and the images the items show. Scoring is written as QTI response processing that
 * {@link QtiBankReader} reads back to the same item, and our tags as {@code ec:} attributes, so that export then
 * import gives the same model. Operation tasks (操作题) have no QTI form and are left out, each one reported.
 */
public final class QtiPackageWriter {

    /** The QTI version written. */
    public enum Version {
        /** QTI 2.1: camel-case names, imscp_v1p1 manifest, resource type imsqti_item_xmlv2p1. */
        QTI_2_1("2.1"),
        /** QTI 3.0: qti- kebab-case names, resource type imsqti_item_xmlv3p0. */
        QTI_3_0("3.0");

        private final String label;

        Version(String label) {
            this.label = label;
        }

        /** "2.1" or "3.0". */
        public String label() {
            return label;
        }

        /** "2.1", "2", "3.0" or "3". */
        public static Optional<Version> parse(String text) {
            return switch (text == null ? "" : text.strip()) {
                case "2.1", "2" -> Optional.of(QTI_2_1);
                case "3.0", "3" -> Optional.of(QTI_3_0);
                default -> Optional.empty();
            };
        }
    }

    /**
     * An item the package does not carry, and why.
     *
     * @param itemId the item's id
     * @param reason what QTI (or our reading of it) cannot hold
     */
    public record Skipped(String itemId, String reason) {
    }

    /**
     * What an export wrote.
     *
     * @param items   how many items the package holds
     * @param skipped the items left out, in bank order
     */
    public record Export(int items, List<Skipped> skipped) {

        public Export {
            skipped = List.copyOf(skipped);
        }
    }

    private static final String NS_21 = "http://www.imsglobal.org/xsd/imsqti_v2p1";
    private static final String NS_30 = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0";
    private static final String CP_21 = "http://www.imsglobal.org/xsd/imscp_v1p1";
    private static final String CP_30 = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1";
    private static final String TEMPLATES_21 = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/";
    private static final String TEMPLATES_30 = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/";
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    /** How a blank is written in our stems: a run of underscores, replaced by the text entry in order. */
    private static final Pattern BLANK = Pattern.compile("_{3,}");
    private static final Pattern UNSAFE_NAME = Pattern.compile("[^A-Za-z0-9._-]");
    private static final String RES = "res:";

    private final Version version;

    public QtiPackageWriter(Version version) {
        this.version = version;
    }

    /**
     * Writes the package to {@code out} (not closed).
     *
     * @throws IOException when {@code out} cannot be written
     */
    public Export write(Bank bank, OutputStream out) throws IOException {
        List<Skipped> skipped = new ArrayList<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, List<String>> itemFiles = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        bank.resources().keySet().forEach(r -> names.add(r.toLowerCase(Locale.ROOT)));
        for (Item item : bank.items()) {
            Optional<String> refusal = refusal(item);
            if (refusal.isPresent()) {
                skipped.add(new Skipped(item.id(), refusal.get()));
                continue;
            }
            String file = fileName(item.id(), names);
            List<String> images = new ArrayList<>();
            files.put(file, serialize(new ItemWriter(item, images).document()));
            itemFiles.put(file, images);
        }
        try (ZipOutputStream zip = new ZipOutputStream(new NonClosing(out), StandardCharsets.UTF_8)) {
            put(zip, "imsmanifest.xml", serialize(manifest(bank, itemFiles)));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                put(zip, f.getKey(), f.getValue());
            }
            Set<String> written = new HashSet<>();
            for (List<String> images : itemFiles.values()) {
                for (String name : images) {
                    Resource resource = bank.resources().get(name);
                    if (resource != null && written.add(name)) {
                        put(zip, name, resource.bytes());
                    }
                }
            }
        }
        return new Export(files.size(), skipped);
    }

    /** Why an item cannot leave as QTI that reads back the same, or empty when it can. */
    static Optional<String> refusal(Item item) {
        if (item.type() == ItemType.OPERATION) {
            return Optional.of("an operation task (操作题) has attachments and a deliverable, which QTI items do not "
                    + "describe; keep it in the native format");
        }
        if (item.type() != ItemType.FILL_IN) {
            return Optional.empty();
        }
        List<Blank> blanks = item.blanks();
        long mapped = blanks.stream().filter(b -> b.mapping() != null).count();
        if (mapped != 0 && mapped != blanks.size()) {
            return Optional.of("some blanks are scored by a mapping and some by the fill-in rule; QTI response "
                    + "processing scores an item one way");
        }
        if (mapped > 1 && blanks.stream().anyMatch(b -> b.mapping().clamp(b.mapping().defaultValue()).signum() != 0)) {
            // SCORE = sum(mapResponse …) has no isNull guard per blank, so QTI would give an empty blank its
            // mapping's default value, where we score it 0.
            return Optional.of("a blank's mapping gives answers it does not list a value other than 0, which QTI's "
                    + "sum of mapResponse would also give an empty blank, where this bank scores 0");
        }
        boolean tolerant = blanks.stream().anyMatch(b -> b.tolerance() != null && b.tolerance().signum() != 0);
        if (tolerant && blanks.stream().anyMatch(b -> b.mapping() != null || b.accepted().size() != 1)) {
            return Optional.of("a numeric tolerance is written as a match of the one correct value per blank, so "
                    + "every blank needs a single accepted answer and no mapping");
        }
        if (tolerant && blanks.size() > 1 && share(item) == null) {
            return Optional.of("the score " + item.score() + " does not divide into " + blanks.size() + " equal "
                    + "shares written exactly, which the per-blank processing of a tolerance needs");
        }
        return Optional.empty();
    }

    /** Each blank's equal share of the item's score, or null when it is no exact decimal (10 / 3). */
    private static BigDecimal share(Item item) {
        if (item.score() == null || item.blanks().isEmpty()) {
            return null;
        }
        try {
            return item.score().divide(BigDecimal.valueOf(item.blanks().size()));
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private Document manifest(Bank bank, Map<String, List<String>> itemFiles) {
        boolean v3 = version == Version.QTI_3_0;
        Document doc = newDocument();
        String ns = v3 ? CP_30 : CP_21;
        Element manifest = doc.createElementNS(ns, "manifest");
        doc.appendChild(manifest);
        manifest.setAttributeNS(XMLNS, "xmlns:ec", Qti.EXAMCORE_NS);
        manifest.setAttribute("identifier", "MANIFEST-" + UNSAFE_NAME.matcher(bank.id()).replaceAll("_"));
        Element metadata = append(manifest, ns, "metadata");
        append(metadata, ns, "schema").setTextContent(v3 ? "QTI Package" : "QTIv2.1 Package");
        append(metadata, ns, "schemaversion").setTextContent(v3 ? "3.0.0" : "2.1");
        Element ecBank = doc.createElementNS(Qti.EXAMCORE_NS, "ec:bank");
        metadata.appendChild(ecBank);
        ecBank.setAttribute("id", bank.id());
        ecBank.setAttribute("title", bank.title());
        if (bank.defaultMultipleRule() != null) {
            ecBank.setAttribute("multipleRule", Vocabulary.chineseName(bank.defaultMultipleRule()));
        }
        append(manifest, ns, "organizations");
        Element resources = append(manifest, ns, "resources");
        int n = 0;
        for (Map.Entry<String, List<String>> item : itemFiles.entrySet()) {
            Element resource = append(resources, ns, "resource");
            resource.setAttribute("identifier", "RES-" + ++n);
            resource.setAttribute("type", v3 ? "imsqti_item_xmlv3p0" : "imsqti_item_xmlv2p1");
            resource.setAttribute("href", item.getKey());
            append(resource, ns, "file").setAttribute("href", item.getKey());
            for (String image : item.getValue()) {
                append(resource, ns, "file").setAttribute("href", image);
            }
        }
        return doc;
    }

    /**
     * A file name for an item, unique in the package and never one of the resources' names, ignoring case (ids
     * differing in case only would overwrite each other when unpacked on Windows or macOS).
     */
    private static String fileName(String id, Set<String> takenLowerCase) {
        String base = UNSAFE_NAME.matcher(id).replaceAll("_");
        String name = base + ".xml";
        for (int i = 2; !takenLowerCase.add(name.toLowerCase(Locale.ROOT)); i++) {
            name = base + "-" + i + ".xml";
        }
        return name;
    }

    /** One item file. */
    private final class ItemWriter {
        private final Item item;
        private final List<String> images;
        private final Document doc = newDocument();
        private final String ns = version == Version.QTI_3_0 ? NS_30 : NS_21;

        ItemWriter(Item item, List<String> images) {
            this.item = item;
            this.images = images;
        }

        Document document() {
            Element root = qti(doc, "assessmentItem");
            root.setAttributeNS(XMLNS, "xmlns:ec", Qti.EXAMCORE_NS);
            attr(root, "identifier", item.id());
            attr(root, "title", item.id());
            attr(root, "adaptive", "false");
            attr(root, "timeDependent", "false");
            tags(root);
            switch (item.type()) {
                case SINGLE_CHOICE, MULTIPLE_CHOICE -> choice(root);
                case TRUE_FALSE -> trueFalse(root);
                case FILL_IN -> fillIn(root);
                default -> extendedText(root);
            }
            return doc;
        }

        private void tags(Element root) {
            ec(root, "knowledgePoint", item.knowledgePoint());
            if (item.difficulty() > 0) {
                ec(root, "difficulty", Integer.toString(item.difficulty()));
            }
            if (item.tags() != null) {
                ec(root, "occupation", item.tags().occupation());
                ec(root, "level", Integer.toString(item.tags().level()));
                ec(root, "subject", item.tags().subject() == null ? null : item.tags().subject().chineseName());
            }
            if (item.type() == ItemType.MULTIPLE_CHOICE && item.multipleRule() != null) {
                ec(root, "multipleRule", Vocabulary.chineseName(item.multipleRule()));
            }
            if (item.type() == ItemType.SHORT_ANSWER) {
                // QTI's extended text is one interaction for both; the type says which of ours it was.
                ec(root, "itemType", ItemType.SHORT_ANSWER.chineseName());
            }
            ec(root, "explanation", item.explanation());
        }

        private void choice(Element root) {
            boolean multiple = item.type() == ItemType.MULTIPLE_CHOICE;
            List<String> key = item.options().stream().map(Choice::id).filter(item.correctOptions()::contains)
                    .toList();
            response(root, "RESPONSE", multiple ? "multiple" : "single", "identifier", key, item.choiceMapping());
            outcomes(root);
            Element body = qti(root, "itemBody");
            html(body, item.stem(), null);
            Element interaction = qti(body, "choiceInteraction");
            attr(interaction, "responseIdentifier", "RESPONSE");
            attr(interaction, "shuffle", Boolean.toString(item.shuffleOptions()));
            ScoreMapping mapping = item.choiceMapping();
            int max = !multiple ? 1 : mapping != null && mapping.maxChoices() != null ? mapping.maxChoices()
                    : item.options().size();
            attr(interaction, "maxChoices", Integer.toString(max));
            for (Choice option : item.options()) {
                Element choice = qti(interaction, "simpleChoice");
                attr(choice, "identifier", option.id());
                if (option.fixed()) {
                    attr(choice, "fixed", "true");
                }
                html(choice, option.html(), null);
            }
            if (item.choiceMapping() != null) {
                template(root, "map_response");
            } else if (!multiple || item.multipleRule() == MultipleChoiceRule.ALL_OR_NOTHING) {
                matchCorrect(root, "RESPONSE", null, false);
            }
            // A multiple choice following 按比例/少选得分 or the bank's default rule has no QTI template: it is
            // left to the examcore convention (no responseProcessing), which the ec: rule and ec:bank decide.
        }

        private void trueFalse(Element root) {
            response(root, "RESPONSE", "single", "identifier",
                    item.correctTrueFalse() == null ? List.of() : List.of(item.correctTrueFalse() ? "T" : "F"), null);
            outcomes(root);
            Element body = qti(root, "itemBody");
            html(body, item.stem(), null);
            Element interaction = qti(body, "choiceInteraction");
            attr(interaction, "responseIdentifier", "RESPONSE");
            attr(interaction, "shuffle", "false");
            attr(interaction, "maxChoices", "1");
            for (String[] choice : new String[][] {{"T", "正确"}, {"F", "错误"}}) {
                Element c = qti(interaction, "simpleChoice");
                attr(c, "identifier", choice[0]);
                c.setTextContent(choice[1]);
            }
            matchCorrect(root, "RESPONSE", null, false);
        }

        private void fillIn(Element root) {
            List<Blank> blanks = item.blanks();
            List<String> ids = new ArrayList<>();
            // A blank accepting several answers earns its share for any of them: a mapping giving each answer the
            // share, ignoring case, says exactly that in QTI (no tolerance, which a mapping cannot hold).
            BigDecimal share = share(item);
            boolean listed = share != null && blanks.stream().allMatch(b -> b.mapping() == null && tolerance(b) == null)
                    && blanks.stream().anyMatch(b -> b.accepted().size() > 1);
            for (int i = 0; i < blanks.size(); i++) {
                // match_correct and map_response score the response called RESPONSE, so a single blank takes it.
                String id = blanks.size() == 1 ? "RESPONSE" : "RESPONSE_" + (i + 1);
                ids.add(id);
                Blank blank = blanks.get(i);
                ScoreMapping mapping = blank.mapping();
                if (listed) {
                    mapping = new ScoreMapping(blank.accepted().stream()
                            .map(a -> new ScoreMapping.Entry(a, share, false)).toList(), null, null, null);
                } else if (mapping == null && blank.accepted().size() > 1) {
                    // Without response processing a mapping only lists the other accepted answers.
                    mapping = new ScoreMapping(blank.accepted().stream()
                            .map(a -> new ScoreMapping.Entry(a, BigDecimal.ONE, false)).toList(), null, null, null);
                }
                response(root, id, "single", blank.numeric() ? "float" : "string",
                        blank.accepted().isEmpty() ? List.of() : List.of(blank.accepted().get(0)), mapping);
            }
            outcomes(root);
            Element body = qti(root, "itemBody");
            int used = html(body, item.stem(), ids);
            if (used < ids.size()) {
                Element p = html(body, "p");
                for (String id : ids.subList(used, ids.size())) {
                    textEntry(p, id);
                }
            }
            boolean mapped = listed || blanks.stream().allMatch(b -> b.mapping() != null);
            Blank first = blanks.isEmpty() ? null : blanks.get(0);
            if (mapped && blanks.size() == 1) {
                template(root, "map_response");
            } else if (mapped) {
                Element set = setScore(qti(root, "responseProcessing"));
                Element sum = qti(set, "sum");
                ids.forEach(id -> attr(qti(sum, "mapResponse"), "identifier", id));
            } else if (blanks.size() == 1 && first.accepted().size() == 1) {
                matchCorrect(root, "RESPONSE", tolerance(first), !first.numeric());
            } else if (blanks.stream().allMatch(b -> b.accepted().size() == 1) && share(item) != null) {
                matchEach(root, ids, share(item));
            }
            // Left without responseProcessing (the examcore convention): several accepted answers where the score
            // does not divide into exact shares.
        }

        /** The fill-in rule as QTI: per blank, SCORE = SCORE + share when it equals its correct value. */
        private void matchEach(Element root, List<String> ids, BigDecimal share) {
            Element processing = qti(root, "responseProcessing");
            for (int i = 0; i < ids.size(); i++) {
                Element responseIf = qti(qti(processing, "responseCondition"), "responseIf");
                compare(responseIf, ids.get(i), tolerance(item.blanks().get(i)), !item.blanks().get(i).numeric());
                Element sum = qti(setScore(responseIf), "sum");
                attr(qti(sum, "variable"), "identifier", "SCORE");
                baseValue(sum, share);
            }
        }

        private BigDecimal tolerance(Blank blank) {
            return blank.tolerance() != null && blank.tolerance().signum() != 0 ? blank.tolerance() : null;
        }

        /**
         * match of a response with its correct value, equal within an absolute tolerance, or for a text blank
         * stringMatch ignoring case: a blank folds case, where QTI's match compares text exactly.
         */
        private void compare(Element parent, String id, BigDecimal tolerance, boolean text) {
            Element test = qti(parent, text ? "stringMatch" : tolerance == null ? "match" : "equal");
            if (text) {
                attr(test, "caseSensitive", "false");
            } else if (tolerance != null) {
                attr(test, "toleranceMode", "absolute");
                attr(test, "tolerance", number(tolerance));
            }
            attr(qti(test, "variable"), "identifier", id);
            attr(qti(test, "correct"), "identifier", id);
        }

        private void textEntry(Element parent, String id) {
            attr(qti(parent, "textEntryInteraction"), "responseIdentifier", id);
        }

        private void extendedText(Element root) {
            response(root, "RESPONSE", "single", "string", List.of(), null);
            outcomes(root);
            Element body = qti(root, "itemBody");
            html(body, item.stem(), null);
            attr(qti(body, "extendedTextInteraction"), "responseIdentifier", "RESPONSE");
            if (!item.rubric().isEmpty()) {
                Element rubric = qti(body, "rubricBlock");
                attr(rubric, "view", "scorer");
                Element content = rubric;
                if (version == Version.QTI_3_0) {
                    attr(rubric, "use", "scoring");
                    content = qti(rubric, "contentBody");
                }
                Element list = html(content, "ul");
                for (RubricPoint point : item.rubric()) {
                    html(list, "li").setTextContent(point.description() + "=" + number(point.points()));
                }
            }
        }

        private void response(Element root, String id, String cardinality, String baseType, List<String> correct,
                              ScoreMapping mapping) {
            Element declaration = qti(root, "responseDeclaration");
            attr(declaration, "identifier", id);
            attr(declaration, "cardinality", cardinality);
            attr(declaration, "baseType", baseType);
            if (!correct.isEmpty()) {
                Element values = qti(declaration, "correctResponse");
                correct.forEach(v -> qti(values, "value").setTextContent(v));
            }
            if (mapping != null) {
                Element map = qti(declaration, "mapping");
                attr(map, "defaultValue", number(mapping.defaultValue()));
                if (mapping.lowerBound() != null) {
                    attr(map, "lowerBound", number(mapping.lowerBound()));
                }
                if (mapping.upperBound() != null) {
                    attr(map, "upperBound", number(mapping.upperBound()));
                }
                for (ScoreMapping.Entry entry : mapping.entries()) {
                    Element e = qti(map, "mapEntry");
                    attr(e, "mapKey", entry.key());
                    attr(e, "mappedValue", number(entry.points()));
                    attr(e, "caseSensitive", Boolean.toString(entry.caseSensitive()));
                }
            }
        }

        /** SCORE, and MAXSCORE holding the item's score, which the reader takes first. */
        private void outcomes(Element root) {
            Element score = qti(root, "outcomeDeclaration");
            attr(score, "identifier", "SCORE");
            attr(score, "cardinality", "single");
            attr(score, "baseType", "float");
            qti(qti(score, "defaultValue"), "value").setTextContent("0");
            if (item.score() != null) {
                Element max = qti(root, "outcomeDeclaration");
                attr(max, "identifier", "MAXSCORE");
                attr(max, "cardinality", "single");
                attr(max, "baseType", "float");
                qti(qti(max, "defaultValue"), "value").setTextContent(number(item.score()));
            }
        }

        /**
         * The match_correct template when it gives the item's score (it awards 1), else the same rule written out
         * with the item's score, so a tool that runs it awards what we do. A tolerance makes it an {@code equal}, a
         * text blank a {@code stringMatch} ignoring case (the template's match would not).
         */
        private void matchCorrect(Element root, String id, BigDecimal tolerance, boolean text) {
            if (!text && tolerance == null && item.score() != null && item.score().compareTo(BigDecimal.ONE) == 0) {
                template(root, "match_correct");
                return;
            }
            Element processing = qti(root, "responseProcessing");
            Element condition = qti(processing, "responseCondition");
            Element responseIf = qti(condition, "responseIf");
            compare(responseIf, id, tolerance, text);
            baseValue(setScore(responseIf), item.score() == null ? BigDecimal.ONE : item.score());
            baseValue(setScore(qti(condition, "responseElse")), BigDecimal.ZERO);
        }

        private void template(Element root, String name) {
            attr(qti(root, "responseProcessing"), "template", version == Version.QTI_3_0
                    ? TEMPLATES_30 + name + ".xml" : TEMPLATES_21 + name);
        }

        private Element setScore(Element parent) {
            Element set = qti(parent, "setOutcomeValue");
            attr(set, "identifier", "SCORE");
            return set;
        }

        private void baseValue(Element parent, BigDecimal value) {
            Element base = qti(parent, "baseValue");
            attr(base, "baseType", "float");
            base.setTextContent(number(value));
        }

        /**
         * Appends our safe HTML to {@code parent}, images pointing at their package files. With blank ids, each run
         * of underscores becomes the next text entry; returns how many were placed.
         */
        private int html(Element parent, String html, List<String> blankIds) {
            int[] placed = {0};
            for (org.jsoup.nodes.Node node : Jsoup.parseBodyFragment(html == null ? "" : html).body().childNodes()) {
                copy(node, parent, blankIds, placed);
            }
            return placed[0];
        }

        private void copy(org.jsoup.nodes.Node node, Element parent, List<String> blankIds, int[] placed) {
            if (node instanceof TextNode text) {
                String s = text.getWholeText();
                Matcher m = BLANK.matcher(s);
                int from = 0;
                while (blankIds != null && placed[0] < blankIds.size() && m.find()) {
                    parent.appendChild(doc.createTextNode(s.substring(from, m.start())));
                    textEntry(parent, blankIds.get(placed[0]++));
                    from = m.end();
                }
                parent.appendChild(doc.createTextNode(s.substring(from)));
            } else if (node instanceof org.jsoup.nodes.Element e) {
                Element copy = html(parent, e.normalName());
                for (Attribute a : e.attributes()) {
                    String value = a.getValue();
                    if (e.normalName().equals("img") && a.getKey().equals("src") && value.startsWith(RES)) {
                        value = value.substring(RES.length());
                        if (!images.contains(value)) {
                            images.add(value);
                        }
                    }
                    copy.setAttribute(a.getKey(), value);
                }
                for (org.jsoup.nodes.Node child : e.childNodes()) {
                    copy(child, copy, blankIds, placed);
                }
            }
        }

        /** An HTML element: in QTI it lives in the item's own namespace under its HTML name. */
        private Element html(Element parent, String name) {
            Element e = doc.createElementNS(ns, name);
            parent.appendChild(e);
            return e;
        }

        private Element qti(Node parent, String camel) {
            Element e = doc.createElementNS(ns, version == Version.QTI_3_0 ? "qti-" + kebab(camel) : camel);
            parent.appendChild(e);
            return e;
        }

        private void attr(Element e, String camel, String value) {
            e.setAttribute(version == Version.QTI_3_0 ? kebab(camel) : camel, value);
        }

        private void ec(Element root, String name, String value) {
            if (value != null && !value.isBlank()) {
                root.setAttributeNS(Qti.EXAMCORE_NS, "ec:" + name, value);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String number(BigDecimal value) {
        BigDecimal v = Vocabulary.canonical(value);
        return v.scale() > 12 ? v.setScale(12, RoundingMode.HALF_EVEN).toPlainString() : v.toPlainString();
    }

    private static Element append(Element parent, String ns, String name) {
        Element e = parent.getOwnerDocument().createElementNS(ns, name);
        parent.appendChild(e);
        return e;
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML support is missing", e);
        }
    }

    private static byte[] serialize(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            // No indentation: whitespace inside the item body would become part of stems and options.
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(doc), new StreamResult(bytes));
            return bytes.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Lets the zip be finished (its central directory written) without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
