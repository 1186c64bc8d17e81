package cn.examcore.bank.io.qti;

import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.Vocabulary;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.ScoreMapping;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads one QTI assessmentItem (2.x or 3.0) into an {@link Item}: a choiceInteraction becomes a single or multiple
 * choice (or true/false, when its two choices are true and false), textEntryInteractions become the blanks of a
 * fill-in item, an extendedTextInteraction an essay. Any other interaction is reported by name and place, and the
 * item is left out.
 */
final class ItemParser {

    /** Where a parsed item's images come from; reports and returns null when an image cannot be taken. */
    interface Images {
        String resolve(String src, Location at);
    }

    /** A parsed item and where its parts are. */
    record Parsed(Item item, QtiSourceMap.Places places) {
    }

    private static final Set<String> SUPPORTED = Set.of("choiceInteraction", "textEntryInteraction",
            "extendedTextInteraction");
    private static final String DEFAULT_RUBRIC = "按评分标准评分";

    private final List<Issue> issues;

    private String file;
    private boolean failed;
    private ResponseRules rules;
    private Map<ItemField, Location> fields;

    ItemParser(List<Issue> issues) {
        this.issues = issues;
    }

    /**
     * @param root     the document element
     * @param file     the file as locations name it ("pkg.zip!items/q1.xml")
     * @param defaults metadata from the manifest, overridden by the item's own attributes
     */
    Optional<Parsed> parse(Element root, String file, Metadata defaults, Images images) {
        this.file = file;
        this.failed = false;
        this.fields = new EnumMap<>(ItemField.class);
        if (!Qti.name(root).equals("assessmentItem")) {
            error(root, Rule.MALFORMED, "the root element is <" + Qti.localName(root) + ">; a QTI item's root is "
                    + "assessmentItem (QTI 2.x) or qti-assessment-item (QTI 3.0)");
            return Optional.empty();
        }
        fields.put(ItemField.ITEM, at(root));
        String id = Qti.attr(root, "identifier");
        fields.put(ItemField.ID, at(root, "identifier"));
        Map<String, Response> responses = responses(root);
        Element body = Qti.child(root, "itemBody");
        if (body == null) {
            error(root, Rule.MALFORMED, "the item has no itemBody");
            return Optional.empty();
        }
        fields.put(ItemField.STEM, at(body));
        List<Element> interactions = new ArrayList<>();
        findInteractions(body, interactions);
        checkInteractions(root, interactions);
        checkTemplates(root);
        if (failed) {
            return Optional.empty();
        }
        rules = ResponseRules.read(Qti.child(root, "responseProcessing"),
                !interactions.isEmpty() && Qti.name(interactions.get(0)).equals("extendedTextInteraction"),
                this::error);
        if (rules == null) {
            return Optional.empty();
        }

        BodyHtml html = new BodyHtml((element, src) -> {
            String resolved = images.resolve(src, at(element));
            failed |= resolved == null;
            return resolved;
        }, (element, reason) -> error(element, Rule.UNSUPPORTED_CONTENT, reason));
        List<Element> scorerRubrics = new ArrayList<>();
        for (Element rubric : descendants(body, "rubricBlock")) {
            if ((" " + Qti.attr(rubric, "view") + " ").contains(" scorer ")) {
                scorerRubrics.add(rubric);
                html.replace(rubric, "");
            }
        }
        Metadata metadata = Metadata.ofItemRoot(root, file).over(defaults);
        Builder item = new Builder();
        item.id = id == null ? "" : id.strip();
        List<Location> options = new ArrayList<>();
        List<Location> blanks = new ArrayList<>();
        String kind = Qti.name(interactions.get(0));
        List<Response> used = new ArrayList<>();
        switch (kind) {
            case "choiceInteraction" -> choice(interactions.get(0), responses, html, item, options, used);
            case "textEntryInteraction" -> fillIn(interactions, responses, html, item, blanks, used);
            default -> essay(interactions.get(0), scorerRubrics, html, item);
        }
        item.stem = html.content(body);
        item.score = score(root, used);
        if (item.type == ItemType.FILL_IN && rules.kind == ResponseRules.Kind.MAP_RESPONSE && item.score != null) {
            item.blanks = plainWhereSame(item.blanks, item.score);
        }
        applyMetadata(metadata, root, item);
        settleRule(metadata, item);
        settleType(metadata, item);
        if (failed) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(item.build(), new QtiSourceMap.Places(at(root), fields, options, blanks)));
    }

    private void findInteractions(Element parent, List<Element> found) {
        for (Element e : Qti.elements(parent)) {
            if (Qti.name(e).endsWith("Interaction")) {
                found.add(e);
            } else {
                findInteractions(e, found);
            }
        }
    }

    private void checkInteractions(Element root, List<Element> interactions) {
        for (Element interaction : interactions) {
            if (!SUPPORTED.contains(Qti.name(interaction))) {
                error(interaction, Rule.UNSUPPORTED_INTERACTION, Qti.localName(interaction) + " is not supported; "
                        + "supported are choice, text entry and extended text interactions");
            }
        }
        if (failed) {
            return;
        }
        if (interactions.isEmpty()) {
            error(root, Rule.MALFORMED, "the item has no interaction, so there is nothing to answer");
            return;
        }
        String first = Qti.name(interactions.get(0));
        for (Element other : interactions.subList(1, interactions.size())) {
            if (!first.equals("textEntryInteraction") || !Qti.name(other).equals(first)) {
                error(other, Rule.UNSUPPORTED_INTERACTION, "a second interaction (" + Qti.localName(other)
                        + ") in one item is supported only for text entries; split the item in two");
                return;
            }
        }
    }

    /**
     * A template item generates its values (numbers in the stem, the key) per delivery; a bank item is fixed, so
     * reading it would keep the placeholders and lose the key. Refused by that cause, not by what it breaks later.
     */
    private void checkTemplates(Element root) {
        for (String name : List.of("templateDeclaration", "templateProcessing")) {
            Element template = Qti.child(root, name);
            if (template != null) {
                error(template, Rule.UNSUPPORTED_TEMPLATE, "the item is a template item (" + Qti.localName(template)
                        + "): its values are generated at each delivery, which a bank item cannot do; export "
                        + "the generated instances instead");
                return;
            }
        }
    }

    /**
     * The multiple-choice rule as the response processing decides it: match_correct is all or nothing, a mapping
     * replaces the rule. An ec:multipleRule that says otherwise is reported and not used, never silently.
     */
    private void settleRule(Metadata metadata, Builder item) {
        if (item.type != ItemType.MULTIPLE_CHOICE || rules.kind == ResponseRules.Kind.TYPE_RULE) {
            return;
        }
        Metadata.Value written = metadata.get("multipleRule");
        MultipleChoiceRule wanted = rules.kind == ResponseRules.Kind.MATCH_CORRECT ? MultipleChoiceRule.ALL_OR_NOTHING
                : null;
        if (written != null && item.multipleRule != wanted) {
            issues.add(Issue.warning(written.where(), Rule.UNUSED_VALUE, "multipleRule \"" + written.text()
                    + "\" is not used: the item's responseProcessing scores it "
                    + (wanted == null ? "by its mapping" : "all or nothing (match_correct)")));
        }
        item.multipleRule = wanted;
    }

    /**
     * An extended text is 论述 unless ec:itemType says 简答; a type the interaction cannot be is reported and not
     * used, never silently.
     */
    private void settleType(Metadata metadata, Builder item) {
        Metadata.Value written = metadata.get("itemType");
        if (written == null) {
            return;
        }
        Optional<ItemType> wanted = ItemType.parse(written.text());
        if (wanted.isPresent() && wanted.get() == item.type) {
            return;
        }
        if (wanted.isPresent() && item.type == ItemType.ESSAY && wanted.get() == ItemType.SHORT_ANSWER) {
            item.type = ItemType.SHORT_ANSWER;
            return;
        }
        issues.add(Issue.warning(written.where(), Rule.UNUSED_VALUE, "itemType \"" + written.text()
                + "\" is not used: the item's interaction makes it " + item.type.chineseName()));
    }

    /** Whether the response processing scores this response; reports it when not. */
    private boolean scored(Element interaction, Response response) {
        if (rules.kind == ResponseRules.Kind.TYPE_RULE || rules.responses.containsKey(response.id)) {
            return true;
        }
        error(interaction, Rule.UNSUPPORTED_RESPONSE_PROCESSING, "responseProcessing does not score response \""
                + response.id + "\" of this " + Qti.localName(interaction) + " (it scores "
                + String.join(", ", rules.responses.keySet()) + ")");
        return false;
    }

    private void choice(Element interaction, Map<String, Response> responses, BodyHtml html, Builder item,
                        List<Location> optionPlaces, List<Response> used) {
        Response response = response(interaction, responses);
        if (response == null) {
            return;
        }
        used.add(response);
        if (!scored(interaction, response)) {
            return;
        }
        if (rules.kind == ResponseRules.Kind.MATCH_EACH) {
            error(interaction, Rule.UNSUPPORTED_RESPONSE_PROCESSING, "responseProcessing adds a share per response "
                    + "for several responses, which only the blanks of text entries can reproduce");
            return;
        }
        fields.put(ItemField.OPTIONS, at(interaction));
        fields.put(ItemField.TYPE, at(interaction));
        String maxChoices = Qti.attr(interaction, "maxChoices");
        boolean multiple = "multiple".equals(response.cardinality);
        int limit = 0;
        if (maxChoices != null) {
            OptionalInt max = integer(maxChoices);
            if (max.isEmpty()) {
                error(interaction, Rule.INVALID_VALUE, "maxChoices \"" + maxChoices + "\" is not a whole number");
                return;
            }
            multiple = max.getAsInt() != 1;
            limit = max.getAsInt();
        }
        List<Choice> options = new ArrayList<>();
        List<Element> choices = Qti.children(interaction, "simpleChoice");
        for (Element choice : choices) {
            String id = Qti.attr(choice, "identifier");
            if (id == null || id.isBlank()) {
                error(choice, Rule.MISSING_FIELD, "the choice has no identifier");
                continue;
            }
            // A fixed choice ("none of the above") stays where it was written when the others are shuffled.
            options.add(new Choice(id.strip(), html.content(choice), "true".equals(Qti.attr(choice, "fixed"))));
            optionPlaces.add(at(choice));
        }
        Element prompt = Qti.child(interaction, "prompt");
        html.replace(interaction, prompt == null ? "" : html.block(prompt));
        Set<String> key = new LinkedHashSet<>(response.correct);
        if (key.isEmpty() && rules.kind != ResponseRules.Kind.MATCH_CORRECT) {
            response.mapping.forEach((k, v) -> {
                if (v.signum() > 0) {
                    key.add(k);
                }
            });
        }
        ScoreMapping mapping = null;
        if (rules.kind == ResponseRules.Kind.MAP_RESPONSE) {
            mapping = requireMapping(response);
            if (mapping == null) {
                return;
            }
            List<String> ids = options.stream().map(Choice::id).toList();
            if (multiple && limit > 1 && limit < ids.size()) {
                // "Choose three": QTI delivery takes at most maxChoices options, so the mapping can never sum
                // more of them; the limit changes both the item's score and what an over-full answer earns.
                mapping = new ScoreMapping(mapping.entries(), mapping.defaultValue(), mapping.lowerBound(),
                        mapping.upperBound(), limit);
                response.scoreMapping = mapping;
            }
            // A single choice whose mapping gives one option the whole score and every other nothing is exactly
            // the type's rule; keeping it plain keeps true/false detection and the native format simple.
            String only = multiple ? null : allOrNothing(mapping, ids);
            if (only != null) {
                key.clear();
                key.add(only);
                mapping = null;
            }
        }
        Optional<Map<String, Boolean>> truth = multiple || mapping != null ? Optional.empty() : trueFalse(choices);
        if (truth.isPresent()) {
            item.type = ItemType.TRUE_FALSE;
            item.correctTrueFalse = key.size() == 1 ? truth.get().get(key.iterator().next()) : null;
            optionPlaces.clear();
            return;
        }
        item.type = multiple ? ItemType.MULTIPLE_CHOICE : ItemType.SINGLE_CHOICE;
        item.options = options;
        item.correctOptions = key;
        item.choiceMapping = mapping;
        item.shuffle = "true".equals(Qti.attr(interaction, "shuffle"));
    }

    /** The one option a single-choice mapping awards its maximum to when every other option earns 0, else null. */
    private static String allOrNothing(ScoreMapping mapping, List<String> optionIds) {
        BigDecimal max = mapping.maximum(false);
        if (max.signum() <= 0) {
            return null;
        }
        String full = null;
        for (String id : optionIds) {
            BigDecimal points = mapping.clamp(mapping.entries().stream().filter(e -> e.key().equals(id)).findFirst()
                    .map(ScoreMapping.Entry::points).orElse(mapping.defaultValue()));
            if (points.compareTo(max) == 0 && full == null) {
                full = id;
            } else if (points.signum() != 0) {
                return null;
            }
        }
        return full;
    }

    private ScoreMapping requireMapping(Response response) {
        if (response.scoreMapping == null) {
            error(response.declaration, Rule.MISSING_FIELD, "responseProcessing scores response \"" + response.id
                    + "\" by its mapping (mapResponse), but the response declares no mapping");
        } else if (rules.unguardedMappings.contains(response.id)) {
            ScoreMapping m = response.scoreMapping;
            BigDecimal unanswered = m.defaultValue() == null ? BigDecimal.ZERO : m.defaultValue();
            if (m.lowerBound() != null && unanswered.compareTo(m.lowerBound()) < 0) {
                unanswered = m.lowerBound();
            }
            if (m.upperBound() != null && unanswered.compareTo(m.upperBound()) > 0) {
                unanswered = m.upperBound();
            }
            if (unanswered.signum() != 0) {
                issues.add(Issue.warning(at(response.mappingElement), Rule.APPROXIMATED_SCORING, "no isNull test "
                        + "guards mapResponse of \"" + response.id + "\", so QTI gives an unanswered response the "
                        + "default value within the bounds, " + Vocabulary.canonical(unanswered).toPlainString()
                        + "; here an empty answer scores 0"));
            }
        }
        return response.scoreMapping;
    }

    /**
     * Two choices whose texts say true and false (正确/错误, 对/错, True/False …): choice id → truth. Digits do not
     * count here, because options "1" and "0" are more likely numbers than a true/false question.
     */
    private static Optional<Map<String, Boolean>> trueFalse(List<Element> choices) {
        if (choices.size() != 2) {
            return Optional.empty();
        }
        Map<String, Boolean> truth = new LinkedHashMap<>();
        for (Element choice : choices) {
            String id = Qti.attr(choice, "identifier");
            String text = BodyHtml.shownText(choice);
            Optional<Boolean> value = text.matches("[01]") ? Optional.empty() : Vocabulary.truth(text);
            if (id == null || value.isEmpty()) {
                return Optional.empty();
            }
            truth.put(id.strip(), value.get());
        }
        return truth.containsValue(true) && truth.containsValue(false) ? Optional.of(truth) : Optional.empty();
    }

    private void fillIn(List<Element> interactions, Map<String, Response> responses, BodyHtml html, Builder item,
                        List<Location> blankPlaces, List<Response> used) {
        item.type = ItemType.FILL_IN;
        fields.put(ItemField.TYPE, at(interactions.get(0)));
        List<Blank> blanks = new ArrayList<>();
        List<Boolean> caseFolded = new ArrayList<>();
        boolean exactText = false;
        for (Element interaction : interactions) {
            Response response = response(interaction, responses);
            if (response == null) {
                continue;
            }
            used.add(response);
            if (!scored(interaction, response)) {
                continue;
            }
            if (rules.kind == ResponseRules.Kind.MATCH_CORRECT && interactions.size() > 1) {
                error(interaction, Rule.UNSUPPORTED_RESPONSE_PROCESSING, "match_correct gives one score for one "
                        + "response; an item of " + interactions.size() + " text entries needs a mapping per entry "
                        + "(map_response) or one item per entry");
                continue;
            }
            Set<String> accepted = new LinkedHashSet<>(response.correct);
            // A match compares with the correct response alone; only a mapping (used or not) lists more answers.
            if (rules.kind == ResponseRules.Kind.TYPE_RULE || rules.kind == ResponseRules.Kind.MAP_RESPONSE) {
                response.mapping.forEach((k, v) -> {
                    if (v.signum() > 0) {
                        accepted.add(k);
                    }
                });
            }
            ScoreMapping mapping = null;
            if (rules.kind == ResponseRules.Kind.MAP_RESPONSE) {
                mapping = requireMapping(response);
                if (mapping == null) {
                    continue;
                }
            }
            // A numeric base type means "30" and "30.0" are the same answer: a numeric blank with no tolerance.
            boolean numeric = "integer".equals(response.baseType) || "float".equals(response.baseType);
            BigDecimal tolerance = numeric ? tolerance(interaction, response) : null;
            ResponseRules.Tolerance compared = rules.responses.get(response.id);
            if (!numeric && compared != null && (compared.value().signum() > 0 || compared.rounding() != null)) {
                error(interaction, Rule.UNSUPPORTED_RESPONSE_PROCESSING, "a tolerance compares numbers, but response \""
                        + response.id + "\" has baseType " + response.baseType);
                continue;
            }
            blanks.add(new Blank(List.copyOf(accepted), tolerance, mapping));
            blankPlaces.add(at(interaction));
            html.replace(interaction, "<u>\u00a0\u00a0(" + blanks.size() + ")\u00a0\u00a0</u>");
            boolean folded = compared != null && compared.ignoresCase();
            caseFolded.add(folded);
            exactText |= !numeric && !folded;
        }
        item.blanks = matchesExactly(exactText) ? exactly(blanks, caseFolded) : blanks;
    }

    /**
     * Whether a match rule compares some text blank exactly. QTI's {@code match} (and a case-sensitive
     * {@code stringMatch}) tells {@code Paris} from {@code paris}, while a plain blank folds case, as the
     * examcore fill-in rule always has; only a mapping entry can keep case.
     */
    private boolean matchesExactly(boolean exactText) {
        return exactText && rules.matchScore != null
                && (rules.kind == ResponseRules.Kind.MATCH_CORRECT || rules.kind == ResponseRules.Kind.MATCH_EACH);
    }

    /**
     * The blanks of a match rule as mappings that award each blank's points to its correct value alone, compared
     * with case for text (unless {@code stringMatch caseSensitive="false"} said otherwise) and within the tolerance
     * for numbers: the same points as QTI's match. Every blank is mapped, since mapped and shared blanks cannot be
     * mixed in one item.
     */
    private List<Blank> exactly(List<Blank> blanks, List<Boolean> caseFolded) {
        BigDecimal points = rules.kind == ResponseRules.Kind.MATCH_EACH
                ? Vocabulary.canonical(rules.matchScore.divide(BigDecimal.valueOf(blanks.size()),
                        java.math.MathContext.DECIMAL64))
                : rules.matchScore;
        List<Blank> mapped = new ArrayList<>(blanks.size());
        for (int i = 0; i < blanks.size(); i++) {
            Blank blank = blanks.get(i);
            if (blank.accepted().isEmpty()) {
                mapped.add(blank); // no correct value: validation reports the missing key
                continue;
            }
            boolean withCase = !caseFolded.get(i);
            mapped.add(new Blank(blank.accepted(), blank.tolerance(), new ScoreMapping(blank.accepted().stream()
                    .map(a -> new ScoreMapping.Entry(a, points, withCase)).toList(), BigDecimal.ZERO, null, null)));
        }
        return mapped;
    }

    /**
     * Mapped blanks that score exactly as the fill-in rule does are the plain blanks they describe: every entry of
     * every blank worth the same share, text ignoring case, nothing for any other answer, bounds that never bite,
     * every accepted answer an entry, and the shares adding up to the score. QTI export writes a blank of several
     * accepted answers so; kept as mappings they would score the same but no longer read as the bank's blanks.
     */
    private static List<Blank> plainWhereSame(List<Blank> blanks, BigDecimal score) {
        BigDecimal share = null;
        for (Blank blank : blanks) {
            ScoreMapping m = blank.mapping();
            if (m == null || m.entries().isEmpty() || m.defaultValue().signum() != 0 || m.maxChoices() != null
                    || m.lowerBound() != null && m.lowerBound().signum() > 0) {
                return blanks;
            }
            Set<String> keys = new HashSet<>();
            for (ScoreMapping.Entry e : m.entries()) {
                share = share == null ? e.points() : share;
                if (e.caseSensitive() && !blank.numeric() || e.points().compareTo(share) != 0) {
                    return blanks;
                }
                keys.add(e.key());
            }
            if (m.upperBound() != null && m.upperBound().compareTo(share) < 0 || !keys.containsAll(blank.accepted())) {
                return blanks;
            }
        }
        if (share == null || share.signum() <= 0
                || share.multiply(BigDecimal.valueOf(blanks.size())).compareTo(score) != 0) {
            return blanks;
        }
        return blanks.stream().map(b -> new Blank(b.accepted(), b.tolerance())).toList();
    }

    /**
     * The numeric blank's tolerance: the response processing's, made absolute. A relative tolerance (percent of the
     * correct value) is exact only against one correct value, so several correct values with one are refused.
     */
    private BigDecimal tolerance(Element interaction, Response response) {
        ResponseRules.Tolerance t = rules.responses.get(response.id);
        if (t != null && t.rounding() != null) {
            return rounded(interaction, response, t.rounding());
        }
        if (t == null || t.value().signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (!t.percent()) {
            return t.value();
        }
        Optional<BigDecimal> correct = response.correct.size() == 1
                ? Vocabulary.decimal(response.correct.get(0)) : Optional.empty();
        if (correct.isEmpty()) {
            error(interaction, Rule.UNSUPPORTED_RESPONSE_PROCESSING, "a relative tolerance needs exactly one numeric "
                    + "correct value for response \"" + response.id + "\"");
            return null;
        }
        return Vocabulary.canonical(correct.get().abs().multiply(t.value()).movePointLeft(2));
    }

    /**
     * equalRounded as a ± tolerance around the one correct value: a response rounding to the correct value lies
     * within half a unit of the last figure kept. The model's tolerance includes both edges while rounding sends the
     * upper halfway value away, so that one value scores differently: imported with a warning saying so. A correct
     * value with more figures than are compared is refused (the accepted range is then not around it).
     */
    private BigDecimal rounded(Element interaction, Response response, ResponseRules.Rounding rounding) {
        Optional<BigDecimal> correct = response.correct.size() == 1
                ? Vocabulary.decimal(response.correct.get(0)) : Optional.empty();
        if (correct.isEmpty()) {
            error(rounding.at(), Rule.UNSUPPORTED_RESPONSE_PROCESSING, "equalRounded needs exactly one numeric "
                    + "correct value for response \"" + response.id + "\"");
            return null;
        }
        BigDecimal c = correct.get();
        // The place of the last figure kept: decimal places directly, significant figures from c's magnitude.
        int scale = rounding.significant()
                ? rounding.figures() - (c.signum() == 0 ? 1 : c.precision() - c.scale())
                : rounding.figures();
        if (c.setScale(scale, java.math.RoundingMode.HALF_UP).compareTo(c) != 0) {
            error(rounding.at(), Rule.UNSUPPORTED_RESPONSE_PROCESSING, "the correct value " + c.toPlainString()
                    + " has more figures than equalRounded compares, so the answers it accepts are not centred on it");
            return null;
        }
        BigDecimal tolerance = Vocabulary.canonical(new BigDecimal("0.5").movePointLeft(scale));
        issues.add(Issue.warning(at(rounding.at()), Rule.APPROXIMATED_SCORING, "equalRounded to "
                + rounding.figures() + (rounding.significant() ? " significant figures" : " decimal places")
                + " is read as " + c.toPlainString() + " ± " + tolerance.toPlainString() + ", which also accepts "
                + c.add(tolerance).toPlainString() + " (QTI rounds it up and away)"));
        return tolerance;
    }

    private void essay(Element interaction, List<Element> scorerRubrics, BodyHtml html, Builder item) {
        item.type = ItemType.ESSAY;
        fields.put(ItemField.TYPE, at(interaction));
        Element prompt = Qti.child(interaction, "prompt");
        html.replace(interaction, prompt == null ? "" : html.block(prompt));
        List<RubricPoint> rubric = new ArrayList<>();
        for (Element block : scorerRubrics) {
            fields.putIfAbsent(ItemField.RUBRIC, at(block));
            rubric.addAll(rubric(block));
        }
        if (scorerRubrics.isEmpty()) {
            fields.put(ItemField.RUBRIC, at(interaction));
            rubric.add(new RubricPoint(DEFAULT_RUBRIC, null));
        }
        item.rubric = rubric;
    }

    /**
     * A scorer rubric block's points: its list items (else paragraphs, else lines), each "description=points". When
     * no line has points, the whole block is one point whose points are the item's score (see {@link Builder#build}).
     */
    private List<RubricPoint> rubric(Element block) {
        List<Element> lines = descendants(block, "li");
        if (lines.isEmpty()) {
            lines = descendants(block, "p");
        }
        List<String> texts = lines.isEmpty()
                ? List.of(block.getTextContent().split("\\R"))
                : lines.stream().map(Qti::text).toList();
        List<RubricPoint> points = new ArrayList<>();
        List<String> withoutPoints = new ArrayList<>();
        for (String raw : texts) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = Math.max(line.lastIndexOf('='), line.lastIndexOf('＝'));
            Optional<BigDecimal> value = eq > 0 ? Vocabulary.decimal(line.substring(eq + 1)) : Optional.empty();
            if (value.isPresent()) {
                points.add(new RubricPoint(line.substring(0, eq).strip(), value.get()));
            } else {
                withoutPoints.add(line);
            }
        }
        if (!points.isEmpty() && !withoutPoints.isEmpty()) {
            error(block, Rule.INVALID_VALUE, "rubric line \"" + withoutPoints.get(0) + "\" has no points; write every "
                    + "line as description=points, or none of them");
        }
        if (points.isEmpty() && !withoutPoints.isEmpty()) {
            points.add(new RubricPoint(String.join(" ", withoutPoints), null));
        }
        return points;
    }

    private Response response(Element interaction, Map<String, Response> responses) {
        String id = Qti.attr(interaction, "responseIdentifier");
        Response response = id == null ? null : responses.get(id);
        if (response == null) {
            error(interaction, Rule.MALFORMED, Qti.localName(interaction) + " refers to response \"" + id
                    + "\", which has no responseDeclaration");
            return null;
        }
        fields.putIfAbsent(ItemField.KEY, at(response.correctElement != null ? response.correctElement
                : response.declaration));
        return response;
    }

    /** responseDeclaration: its correct values and its mapping. */
    private static final class Response {
        String id;
        ScoreMapping scoreMapping;
        Element declaration;
        Element correctElement;
        Element mappingElement;
        String cardinality;
        String baseType;
        List<String> correct = new ArrayList<>();
        Map<String, BigDecimal> mapping = new LinkedHashMap<>();
        BigDecimal upperBound;
    }

    private Map<String, Response> responses(Element root) {
        Map<String, Response> responses = new LinkedHashMap<>();
        for (Element declaration : Qti.children(root, "responseDeclaration")) {
            Response r = new Response();
            r.declaration = declaration;
            r.cardinality = Qti.attr(declaration, "cardinality");
            r.baseType = Qti.attr(declaration, "baseType");
            r.correctElement = Qti.child(declaration, "correctResponse");
            if (r.correctElement != null) {
                for (Element value : Qti.children(r.correctElement, "value")) {
                    r.correct.add(value.getTextContent().strip());
                }
            }
            r.mappingElement = Qti.child(declaration, "mapping");
            if (r.mappingElement != null) {
                String upper = Qti.attr(r.mappingElement, "upperBound");
                r.upperBound = upper == null ? null : number(r.mappingElement, "upperBound", upper);
                String lower = Qti.attr(r.mappingElement, "lowerBound");
                String fallback = Qti.attr(r.mappingElement, "defaultValue");
                List<ScoreMapping.Entry> entries = new ArrayList<>();
                for (Element entry : Qti.children(r.mappingElement, "mapEntry")) {
                    String key = Qti.attr(entry, "mapKey");
                    String mapped = Qti.attr(entry, "mappedValue");
                    BigDecimal value = mapped == null ? null : number(entry, "mappedValue", mapped);
                    if (key != null && value != null && !r.mapping.containsKey(key.strip())) {
                        r.mapping.put(key.strip(), value);
                        // QTI 3 defaults caseSensitive to true, and QTI 2.1 requires it; absent reads as true.
                        entries.add(new ScoreMapping.Entry(key.strip(), value,
                                !"false".equals(Qti.attr(entry, "caseSensitive"))));
                    }
                }
                r.scoreMapping = new ScoreMapping(entries,
                        fallback == null ? BigDecimal.ZERO : number(r.mappingElement, "defaultValue", fallback),
                        lower == null ? null : number(r.mappingElement, "lowerBound", lower), r.upperBound);
            }
            String id = Qti.attr(declaration, "identifier");
            r.id = id;
            if (id != null) {
                responses.put(id, r);
            }
        }
        return responses;
    }

    /**
     * The item's points: MAXSCORE's default value, else SCORE's normalMaximum, else a positive SCORE default, else
     * what the mappings of the answered responses can award. Null when none says (validation reports it).
     */
    private BigDecimal score(Element root, List<Response> used) {
        Map<String, Element> outcomes = new LinkedHashMap<>();
        for (Element outcome : Qti.children(root, "outcomeDeclaration")) {
            String id = Qti.attr(outcome, "identifier");
            if (id != null) {
                outcomes.put(id, outcome);
            }
        }
        Element max = outcomes.get("MAXSCORE");
        BigDecimal value = max == null ? null : defaultValue(max);
        if (value != null) {
            fields.put(ItemField.SCORE, at(max));
            return value;
        }
        Element score = outcomes.get("SCORE");
        if (score != null) {
            String normalMaximum = Qti.attr(score, "normalMaximum");
            value = normalMaximum == null ? defaultValue(score) : number(score, "normalMaximum", normalMaximum);
            fields.put(ItemField.SCORE, at(score));
            if (value != null && value.signum() > 0) {
                return value;
            }
        }
        if (rules.kind == ResponseRules.Kind.MATCH_CORRECT || rules.kind == ResponseRules.Kind.MATCH_EACH) {
            fields.put(ItemField.SCORE, at(rules.scoreElement));
            return Vocabulary.canonical(rules.matchScore);
        }
        if (used.isEmpty() || used.stream().anyMatch(r -> r.mappingElement == null)) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (Response r : used) {
            total = total.add(r.scoreMapping.maximum("multiple".equals(r.cardinality)));
        }
        fields.put(ItemField.SCORE, at(used.get(0).mappingElement));
        return Vocabulary.canonical(total);
    }

    private BigDecimal defaultValue(Element outcome) {
        Element defaultValue = Qti.child(outcome, "defaultValue");
        if (defaultValue != null) {
            Element value = Qti.child(defaultValue, "value");
            String text = (value != null ? value : defaultValue).getTextContent().strip();
            return text.isEmpty() ? null : number(defaultValue, "the default value", text);
        }
        String attribute = Qti.attr(outcome, "defaultValue");
        return attribute == null ? null : number(outcome, "defaultValue", attribute);
    }

    private void applyMetadata(Metadata metadata, Element root, Builder item) {
        Metadata.Value knowledgePoint = metadata.get("knowledgePoint");
        item.knowledgePoint = knowledgePoint == null ? "" : knowledgePoint.text();
        fields.put(ItemField.KNOWLEDGE_POINT, where(knowledgePoint, root));
        Metadata.Value difficulty = metadata.get("difficulty");
        fields.put(ItemField.DIFFICULTY, where(difficulty, root));
        if (difficulty != null) {
            OptionalInt value = Vocabulary.difficulty(difficulty.text());
            if (value.isPresent()) {
                item.difficulty = value.getAsInt();
            } else {
                error(difficulty.where(), Rule.INVALID_VALUE, "difficulty \"" + difficulty.text()
                        + "\" must be 1 to 5 or one of 易/较易/中/较难/难");
            }
        }
        Metadata.Value rule = metadata.get("multipleRule");
        fields.put(ItemField.MULTIPLE_RULE, where(rule, root));
        if (rule != null && item.type == ItemType.MULTIPLE_CHOICE) {
            Optional<MultipleChoiceRule> value = Vocabulary.multipleRule(rule.text());
            if (value.isPresent()) {
                item.multipleRule = value.get();
            } else {
                error(rule.where(), Rule.INVALID_VALUE, "multipleRule \"" + rule.text()
                        + "\" is not one of 全对得分, 按比例, 少选得分");
            }
        }
        item.tags = tags(metadata, root);
        Metadata.Value explanation = metadata.get("explanation");
        item.explanation = explanation == null ? "" : explanation.text();
    }

    private Tags tags(Metadata metadata, Element root) {
        Metadata.Value occupation = metadata.get("occupation");
        Metadata.Value level = metadata.get("level");
        Metadata.Value subject = metadata.get("subject");
        OptionalInt levelValue = OptionalInt.empty();
        if (level != null) {
            levelValue = Vocabulary.level(level.text());
            if (levelValue.isEmpty()) {
                error(level.where(), Rule.INVALID_VALUE, "level \"" + level.text() + "\" must be 1 to 5 or a level "
                        + "name such as 四级 or 中级工");
            }
        }
        Optional<Subject> subjectValue = Optional.empty();
        if (subject != null) {
            subjectValue = Subject.parse(Vocabulary.fold(subject.text()));
            if (subjectValue.isEmpty()) {
                error(subject.where(), Rule.INVALID_VALUE, "subject \"" + subject.text()
                        + "\" must be 理论知识 or 操作技能");
            }
        }
        fields.put(ItemField.TAGS, occupation != null && level != null && subject != null ? occupation.where()
                : at(root));
        if (occupation == null && level == null && subject == null) {
            return null;
        }
        // Partial tags let validation name exactly what is missing.
        return new Tags(occupation == null ? "" : occupation.text(), levelValue.orElse(0), subjectValue.orElse(null));
    }

    private Location where(Metadata.Value value, Element root) {
        return value != null ? value.where() : at(root);
    }

    private BigDecimal number(Element element, String what, String text) {
        Optional<BigDecimal> value = Vocabulary.decimal(text);
        if (value.isEmpty()) {
            error(element, Rule.INVALID_VALUE, what + " \"" + text.strip() + "\" is not a number");
        }
        return value.orElse(null);
    }

    private static OptionalInt integer(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static List<Element> descendants(Element parent, String canonical) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (Qti.name(e).equals(canonical)) {
                    found.add(e);
                }
                found.addAll(descendants(e, canonical));
            }
        }
        return found;
    }

    private Location at(Element element) {
        return new Location(file, Qti.path(element));
    }

    private Location at(Element element, String attribute) {
        return new Location(file, Qti.path(element) + "/@" + attribute);
    }

    private void error(Element element, Rule rule, String message) {
        error(at(element), rule, message);
    }

    private void error(Location location, Rule rule, String message) {
        failed = true;
        issues.add(Issue.error(location, rule, message));
    }

    /** The item's fields as they are found; {@link #build} settles what depends on others. */
    private static final class Builder {
        String id;
        ItemType type;
        String stem;
        List<Choice> options = List.of();
        Set<String> correctOptions = Set.of();
        Boolean correctTrueFalse;
        List<Blank> blanks = List.of();
        BigDecimal score;
        MultipleChoiceRule multipleRule;
        boolean shuffle;
        String knowledgePoint = "";
        int difficulty;
        Tags tags;
        List<RubricPoint> rubric = List.of();
        ScoreMapping choiceMapping;
        String explanation = "";

        Item build() {
            // A single point without points (the default one, or a rubric block without any) is worth the whole
            // score; the score is read after the body, hence settled here. No score, no point: validation reports
            // the missing score and rubric.
            List<RubricPoint> points = rubric.size() == 1 && rubric.get(0).points() == null
                    ? (score == null ? List.of() : List.of(new RubricPoint(rubric.get(0).description(), score)))
                    : rubric;
            return new Item(id, type, stem, options, correctOptions, correctTrueFalse, blanks, score, multipleRule,
                    shuffle, knowledgePoint, difficulty, tags, points, null, explanation, choiceMapping);
        }
    }
}
