package cn.examcore.bank.io.qti;

import cn.examcore.bank.report.Rule;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * What an item's responseProcessing does to SCORE, reduced to the two forms the item model can reproduce: QTI's
 * {@code match_correct} (a response equal to its correct response earns a fixed score, optionally within a
 * numeric tolerance) and {@code map_response} (SCORE is the response's mapResponse, or the sum of several). The
 * standard templates are recognised by name, never fetched; custom processing is read rule by rule and accepted
 * only when every rule that sets SCORE is one of those forms. Anything else is refused by name and place rather
 * than scored some other way.
 */
final class ResponseRules {

    /** How the item is scored. */
    enum Kind {
        /** No responseProcessing: the examcore convention, scored by the item type's own rule. */
        TYPE_RULE,
        /** A response equal to its correct response (within tolerance) earns {@link #matchScore}. */
        MATCH_CORRECT,
        /** SCORE is the mapResponse of each listed response, summed. */
        MAP_RESPONSE,
        /**
         * Each listed response adds the same share to SCORE when it equals its correct response (within tolerance):
         * the fill-in rule of several blanks, written {@code SCORE = SCORE + share} per blank; {@link #matchScore}
         * is the sum of the shares.
         */
        MATCH_EACH
    }

    /**
     * A numeric tolerance from {@code equal}: symmetric and inclusive, as the model's numeric blank is.
     *
     * @param value         the tolerance, absolute or in percent
     * @param percent       whether {@code value} is a percentage of the correct value (toleranceMode relative)
     * @param ignoresCase   whether text is compared ignoring case ({@code stringMatch caseSensitive="false"}); a
     *                      {@code match} compares strings exactly
     */
    record Tolerance(BigDecimal value, boolean percent, Rounding rounding, boolean ignoresCase) {

        Tolerance(BigDecimal value, boolean percent) {
            this(value, percent, null, false);
        }

        Tolerance(BigDecimal value, boolean percent, Rounding rounding) {
            this(value, percent, rounding, false);
        }
    }

    /**
     * An {@code equalRounded} comparison: both values rounded to {@code figures} decimal places or significant
     * figures. The item settles it into a ± tolerance around its one correct value.
     *
     * @param significant whether figures are significant figures (QTI's default) rather than decimal places
     * @param figures     how many
     * @param at          the equalRounded element, where an approximation is reported
     */
    record Rounding(boolean significant, int figures, Element at) {
    }

    /** Reports a refusal at an element; the caller marks the item failed. */
    interface Problems {
        void error(Element at, Rule rule, String message);
    }

    final Kind kind;
    /** The responses whose values are scored, in the order found; empty for the type rule. */
    final Map<String, Tolerance> responses;
    final BigDecimal matchScore;
    /** Where the score came from when the template or a baseValue gives it. */
    final Element scoreElement;

    /**
     * Responses scored by a mapResponse that no isNull test guards: QTI maps an unanswered (NULL) response to the
     * mapping's default value within its bounds, where the model gives an empty answer 0.
     */
    final Set<String> unguardedMappings;

    private ResponseRules(Kind kind, Map<String, Tolerance> responses, BigDecimal matchScore, Element scoreElement) {
        this(kind, responses, matchScore, scoreElement, Set.of());
    }

    private ResponseRules(Kind kind, Map<String, Tolerance> responses, BigDecimal matchScore, Element scoreElement,
                          Set<String> unguardedMappings) {
        this.kind = kind;
        this.responses = responses;
        this.matchScore = matchScore;
        this.scoreElement = scoreElement;
        this.unguardedMappings = unguardedMappings;
    }

    /**
     * Null after reporting why the processing cannot be reproduced.
     *
     * @param markedByPeople the item is an essay: processing that only ever sets SCORE to 0 (to be marked by
     *                       people, as QTI 3 essay examples write) is then the type rule rather than a refusal
     */
    static ResponseRules read(Element processing, boolean markedByPeople, Problems problems) {
        if (processing == null) {
            return new ResponseRules(Kind.TYPE_RULE, Map.of(), null, null);
        }
        List<Element> rules = Qti.elements(processing);
        String template = Qti.attr(processing, "template");
        if (template == null) {
            template = Qti.attr(processing, "templateLocation");
        }
        if (rules.isEmpty() && template != null) {
            return template(processing, template, problems);
        }
        if (rules.isEmpty()) {
            problems.error(processing, Rule.UNSUPPORTED_RESPONSE_PROCESSING,
                    "responseProcessing names no template and holds no rules, so nothing sets SCORE");
            return null;
        }
        return new Custom(problems, markedByPeople).read(processing);
    }

    private static ResponseRules template(Element processing, String template, Problems problems) {
        String name = template.strip();
        name = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".xml")) {
            name = name.substring(0, name.length() - 4);
        }
        switch (name) {
            case "match_correct":
                return new ResponseRules(Kind.MATCH_CORRECT, Map.of("RESPONSE", none()), BigDecimal.ONE, processing);
            case "map_response":
                return new ResponseRules(Kind.MAP_RESPONSE, Map.of("RESPONSE", none()), null, processing);
            case "map_response_point":
                problems.error(processing, Rule.UNSUPPORTED_RESPONSE_PROCESSING, "the template map_response_point "
                        + "scores a point on an image by an areaMapping; no supported interaction gives points");
                return null;
            default:
                problems.error(processing, Rule.UNSUPPORTED_RESPONSE_PROCESSING, "the response-processing template \""
                        + template.strip() + "\" is not one of match_correct, map_response, map_response_point");
                return null;
        }
    }

    private static Tolerance none() {
        return new Tolerance(BigDecimal.ZERO, false);
    }

    /** Reads custom rules: every setOutcomeValue of SCORE must be 0, a mapResponse (sum) or a matched baseValue. */
    private static final class Custom {
        private final Problems problems;
        private final boolean markedByPeople;
        private final Map<String, Tolerance> mapped = new LinkedHashMap<>();
        private final Map<String, Tolerance> matched = new LinkedHashMap<>();
        /** Per response, what matching it adds to SCORE ({@code SCORE = SCORE + share}). */
        private final Map<String, BigDecimal> shares = new LinkedHashMap<>();
        private BigDecimal matchScore;
        private Element scoreElement;
        private boolean failed;

        Custom(Problems problems, boolean markedByPeople) {
            this.problems = problems;
            this.markedByPeople = markedByPeople;
        }

        ResponseRules read(Element processing) {
            rules(processing, null);
            if (failed) {
                return null;
            }
            if (!mapped.isEmpty() && !matched.isEmpty()) {
                refuse(processing, "SCORE is set both from a mapping and from matching the correct response; "
                        + "only one of the two can be reproduced per item");
                return null;
            }
            if (!mapped.isEmpty()) {
                Set<String> unguarded = new LinkedHashSet<>();
                for (String id : mapped.keySet()) {
                    if (!testsNull(processing, id)) {
                        unguarded.add(id);
                    }
                }
                return new ResponseRules(Kind.MAP_RESPONSE, Map.copyOf(mapped), null, scoreElement,
                        Set.copyOf(unguarded));
            }
            if (!shares.isEmpty()) {
                return shared(processing);
            }
            if (!matched.isEmpty()) {
                return new ResponseRules(Kind.MATCH_CORRECT, Map.copyOf(matched), matchScore, scoreElement);
            }
            if (markedByPeople) {
                return new ResponseRules(Kind.TYPE_RULE, Map.of(), null, null);
            }
            refuse(processing, "no rule sets SCORE to a mapResponse or to a score for the correct response");
            return null;
        }

        /**
         * Shares added per matching response. The item model's fill-in rule gives every blank the same share, so
         * different shares, or a response both added to and set outright, are refused rather than re-weighted.
         */
        private ResponseRules shared(Element processing) {
            if (matchScore != null) {
                refuse(processing, "SCORE is both set for a correct response and added to per response; only one of "
                        + "the two can be reproduced per item");
                return null;
            }
            BigDecimal share = shares.values().iterator().next();
            if (shares.values().stream().anyMatch(v -> v.compareTo(share) != 0)) {
                refuse(processing, "the responses add different shares to SCORE (" + shares.values().stream()
                        .map(BigDecimal::toPlainString).toList() + "); the fill-in rule gives every blank the same "
                        + "share");
                return null;
            }
            BigDecimal total = share.multiply(BigDecimal.valueOf(shares.size()));
            Map<String, Tolerance> each = new LinkedHashMap<>();
            shares.keySet().forEach(id -> each.put(id, matched.get(id)));
            // One response adding its share is match_correct written another way.
            return new ResponseRules(shares.size() == 1 ? Kind.MATCH_CORRECT : Kind.MATCH_EACH, Map.copyOf(each),
                    total, scoreElement);
        }

        /** @param condition the responseIf/responseElseIf test that guards these rules, or null */
        private void rules(Element parent, Element condition) {
            for (Element rule : Qti.elements(parent)) {
                rule(rule, condition);
            }
        }

        private void rule(Element rule, Element condition) {
            switch (Qti.name(rule)) {
                case "responseCondition" -> condition(rule);
                case "setOutcomeValue" -> setOutcome(rule, condition);
                default -> refuse(rule, Qti.localName(rule) + " is not a rule the item model can reproduce");
            }
        }

        /** A nested condition's own test is the one that decides its branches (the usual templates nest none). */
        private void condition(Element responseCondition) {
            for (Element branch : Qti.elements(responseCondition)) {
                String name = Qti.name(branch);
                List<Element> parts = Qti.elements(branch);
                if (name.equals("responseElse")) {
                    rules(branch, null);
                } else if ((name.equals("responseIf") || name.equals("responseElseIf")) && !parts.isEmpty()) {
                    for (Element inner : parts.subList(1, parts.size())) {
                        rule(inner, parts.get(0));
                    }
                } else {
                    refuse(branch, "unexpected " + Qti.localName(branch) + " in a response condition");
                }
            }
        }

        private void setOutcome(Element rule, Element condition) {
            if (!"SCORE".equals(Qti.attr(rule, "identifier"))) {
                return; // feedback and other outcomes do not change the score
            }
            List<Element> expression = Qti.elements(rule);
            if (expression.size() != 1) {
                refuse(rule, "setOutcomeValue of SCORE needs exactly one expression");
                return;
            }
            Element e = expression.get(0);
            switch (Qti.name(e)) {
                case "mapResponse" -> mapResponse(e);
                case "sum" -> sum(e, condition);
                case "baseValue" -> baseValue(e, condition);
                case "variable" -> constant(e, condition);
                default -> refuse(e, "SCORE set from " + Qti.localName(e) + " cannot be reproduced; supported are "
                        + "mapResponse, a sum of them, and a score for matching the correct response");
            }
        }

        /**
         * A sum for SCORE: mapResponse values, or SCORE itself plus one term ({@code SCORE = SCORE + mapResponse}
         * or {@code SCORE = SCORE + share} under a match of one response), which adds up over the rules.
         */
        private void sum(Element sum, Element condition) {
            List<Element> terms = Qti.elements(sum);
            boolean accumulates = terms.stream().anyMatch(t -> Qti.name(t).equals("variable")
                    && "SCORE".equals(Qti.attr(t, "identifier")));
            for (Element term : terms) {
                switch (Qti.name(term)) {
                    case "mapResponse" -> mapResponse(term);
                    case "variable" -> {
                        if (!"SCORE".equals(Qti.attr(term, "identifier"))) {
                            refuse(term, "a sum for SCORE may add SCORE itself, not the variable "
                                    + Qti.attr(term, "identifier"));
                        }
                    }
                    case "baseValue" -> {
                        if (!accumulates || terms.size() != 2) {
                            refuse(term, "a number in a sum for SCORE is only read as SCORE = SCORE + share");
                        } else {
                            share(term, condition);
                        }
                    }
                    default -> refuse(term, "a sum for SCORE may only add mapResponse values or a share to SCORE, "
                            + "not " + Qti.localName(term));
                }
            }
        }

        /** SCORE = SCORE + share, guarded by a match of one response with its correct value. */
        private void share(Element e, Element condition) {
            BigDecimal value;
            try {
                value = new BigDecimal(e.getTextContent().strip());
            } catch (NumberFormatException ex) {
                refuse(e, "the value \"" + e.getTextContent().strip() + "\" added to SCORE is not a number");
                return;
            }
            if (value.signum() == 0) {
                return;
            }
            if (condition == null) {
                refuse(e, "SCORE is raised by " + value.toPlainString() + " whatever the response");
                return;
            }
            String response = matchedResponse(condition);
            if (response == null) {
                return;
            }
            if (shares.put(response, value) != null) {
                refuse(e, "response \"" + response + "\" adds to SCORE twice");
                return;
            }
            scoreElement = scoreElement == null ? e : scoreElement;
        }

        private void mapResponse(Element e) {
            String id = Qti.attr(e, "identifier");
            if (id == null) {
                refuse(e, "mapResponse names no response");
                return;
            }
            mapped.put(id, none());
            scoreElement = scoreElement == null ? e : scoreElement;
        }

        private void baseValue(Element e, Element condition) {
            BigDecimal value;
            try {
                value = new BigDecimal(e.getTextContent().strip());
            } catch (NumberFormatException ex) {
                refuse(e, "the value \"" + e.getTextContent().strip() + "\" set for SCORE is not a number");
                return;
            }
            score(value, e, condition);
        }

        /**
         * SCORE set to another outcome's value, as the IMS examples write {@code SCORE = MAXSCORE}: an outcome whose
         * default is one number and which no rule sets is that number throughout processing.
         */
        private void constant(Element e, Element condition) {
            String id = Qti.attr(e, "identifier");
            BigDecimal value = id == null || id.equals("SCORE") ? null : unchangedDefault(e, id);
            if (value == null) {
                refuse(e, "SCORE set from the variable " + id + " cannot be reproduced; only an outcome whose "
                        + "default is a number and that no rule sets is read, as that number");
                return;
            }
            score(value, e, condition);
        }

        /** The numeric default of outcome {@code id} when no setOutcomeValue changes it; else null. */
        private static BigDecimal unchangedDefault(Element at, String id) {
            Element root = at.getOwnerDocument().getDocumentElement();
            if (setsOutcome(Qti.child(root, "responseProcessing"), id)) {
                return null;
            }
            for (Element outcome : Qti.children(root, "outcomeDeclaration")) {
                if (id.equals(Qti.attr(outcome, "identifier"))) {
                    Element defaultValue = Qti.child(outcome, "defaultValue");
                    List<Element> values = defaultValue == null ? List.of() : Qti.children(defaultValue, "value");
                    if (values.size() != 1) {
                        return null;
                    }
                    try {
                        return new BigDecimal(Qti.text(values.get(0)));
                    } catch (NumberFormatException ex) {
                        return null;
                    }
                }
            }
            return null;
        }

        /** Whether an isNull test of response {@code id} appears anywhere in the rules. */
        private static boolean testsNull(Element parent, String id) {
            for (Element e : Qti.elements(parent)) {
                if (Qti.name(e).equals("isNull") && Qti.elements(e).stream()
                        .anyMatch(v -> Qti.name(v).equals("variable") && id.equals(Qti.attr(v, "identifier")))
                        || testsNull(e, id)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean setsOutcome(Element parent, String id) {
            if (parent == null) {
                return false;
            }
            for (Element e : Qti.elements(parent)) {
                if (Qti.name(e).equals("setOutcomeValue") && id.equals(Qti.attr(e, "identifier"))
                        || setsOutcome(e, id)) {
                    return true;
                }
            }
            return false;
        }

        private void score(BigDecimal value, Element e, Element condition) {
            if (value.signum() == 0) {
                return; // the "else 0" and "NULL response" branches
            }
            if (condition == null) {
                refuse(e, "SCORE is set to " + value.toPlainString() + " whatever the response");
                return;
            }
            String response = matchedResponse(condition);
            if (response == null) {
                return;
            }
            if (matchScore != null && matchScore.compareTo(value) != 0) {
                refuse(e, "two different scores (" + matchScore.toPlainString() + ", " + value.toPlainString()
                        + ") for a correct response");
                return;
            }
            matchScore = value;
            scoreElement = e;
        }

        /** The response a match or equal test compares with its correct value; null after a refusal. */
        private String matchedResponse(Element test) {
            String name = Qti.name(test);
            if (!name.equals("match") && !name.equals("equal") && !name.equals("equalRounded")
                    && !name.equals("stringMatch")) {
                refuse(test, "the condition " + Qti.localName(test) + " cannot be reproduced; supported are match, "
                        + "stringMatch, equal and equalRounded of a response with its correct response");
                return null;
            }
            List<Element> operands = Qti.elements(test);
            String variable = null;
            boolean correct = false;
            for (Element operand : operands) {
                if (Qti.name(operand).equals("variable")) {
                    variable = Qti.attr(operand, "identifier");
                } else if (Qti.name(operand).equals("correct")) {
                    correct = true;
                }
            }
            if (operands.size() != 2 || variable == null || !correct) {
                refuse(test, Qti.localName(test) + " must compare a response variable with its correct value");
                return null;
            }
            Tolerance tolerance = switch (name) {
                case "equal" -> tolerance(test);
                case "equalRounded" -> rounding(test);
                case "stringMatch" -> stringMatch(test);
                default -> none();
            };
            if (tolerance == null) {
                return null;
            }
            matched.put(variable, tolerance);
            return variable;
        }

        /**
         * stringMatch of the whole answer, with or without case (QTI requires caseSensitive; absent reads as
         * true, like a match). A substring match accepts any answer containing the value, which no blank does.
         */
        private Tolerance stringMatch(Element test) {
            if ("true".equals(Qti.attr(test, "substring"))) {
                refuse(test, "stringMatch with substring=\"true\" accepts any answer containing the correct value; "
                        + "a blank compares whole answers");
                return null;
            }
            return new Tolerance(BigDecimal.ZERO, false, null, "false".equals(Qti.attr(test, "caseSensitive")));
        }

        private Tolerance rounding(Element equalRounded) {
            String mode = Qti.attr(equalRounded, "roundingMode");
            String figures = Qti.attr(equalRounded, "figures");
            if (mode != null && !mode.equals("significantFigures") && !mode.equals("decimalPlaces")) {
                refuse(equalRounded, "roundingMode \"" + mode + "\" is not significantFigures or decimalPlaces");
                return null;
            }
            boolean significant = mode == null || mode.equals("significantFigures");
            try {
                int n = Integer.parseInt(figures == null ? "" : figures.strip());
                if (n < (significant ? 1 : 0) || n > 30) {
                    throw new NumberFormatException();
                }
                return new Tolerance(BigDecimal.ZERO, false, new Rounding(significant, n, equalRounded));
            } catch (NumberFormatException e) {
                refuse(equalRounded, "figures \"" + figures + "\" is not a number of figures the item can use (a "
                        + "template variable cannot be read)");
                return null;
            }
        }

        private Tolerance tolerance(Element equal) {
            String mode = Qti.attr(equal, "toleranceMode");
            if (mode == null || mode.equals("exact")) {
                return none();
            }
            if ("false".equals(Qti.attr(equal, "includeLowerBound"))
                    || "false".equals(Qti.attr(equal, "includeUpperBound"))) {
                refuse(equal, "a tolerance that excludes its bounds cannot be reproduced; numeric blanks include them");
                return null;
            }
            String text = Qti.attr(equal, "tolerance");
            String[] parts = text == null ? new String[0] : text.strip().split("\\s+");
            try {
                BigDecimal lower = new BigDecimal(parts[0]);
                BigDecimal upper = parts.length > 1 ? new BigDecimal(parts[1]) : lower;
                if (lower.compareTo(upper) != 0 || lower.signum() < 0) {
                    refuse(equal, "the tolerance \"" + text + "\" is not the same on both sides; numeric blanks "
                            + "accept ± one tolerance");
                    return null;
                }
                return new Tolerance(lower, mode.equals("relative"));
            } catch (RuntimeException e) {
                refuse(equal, "the tolerance \"" + text + "\" is not one or two numbers");
                return null;
            }
        }

        private void refuse(Element at, String message) {
            failed = true;
            problems.error(at, Rule.UNSUPPORTED_RESPONSE_PROCESSING, message);
        }
    }
}
