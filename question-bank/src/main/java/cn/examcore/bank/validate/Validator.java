package cn.examcore.bank.validate;

import cn.examcore.bank.html.SafeHtml;
import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.io.format.SourceMap;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.OperationSpec;
import cn.examcore.bank.model.Resource;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.ScoreMapping;
import cn.examcore.bank.model.Tags;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import cn.examcore.bank.report.Severity;
import cn.examcore.bank.scoring.TextNormalizer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * 题库校验: checks a parsed bank against every rule of {@link Rule} and decides whether it is accepted. A bank with
 * any error — the reader's included — is rejected whole; warnings are reported and do not block.
 *
 * <p>Findings are in file order: the reader's own findings and the validator's are merged by their place in the
 * file (numbers in places compare as numbers, so item 10 comes after item 9), and an item's findings follow the
 * order of {@link ItemField}. Every location comes from the bank's {@link SourceMap}.
 */
public final class Validator {

    /** Largest score of one item or rubric point; a whole paper is worth 100. */
    public static final BigDecimal MAX_SCORE = BigDecimal.valueOf(1000);
    /** Scores are kept to this many decimals, the precision objective scoring rounds to. */
    public static final int SCORE_DECIMALS = 2;
    /** Numeric blanks compare to this many decimals at most. */
    public static final int TOLERANCE_DECIMALS = 6;
    private static final BigDecimal MAX_TOLERANCE = BigDecimal.valueOf(1_000_000_000);

    private static final Pattern DELIVERABLE_TYPE = Pattern.compile("[a-z0-9]{1,10}");

    private final ImportLimits limits;

    public Validator(ImportLimits limits) {
        this.limits = limits;
    }

    /** Validates {@code parsed}; the result holds the bank only when no error was found. */
    public ImportResult validate(ParsedBank parsed) {
        Run run = new Run(parsed);
        run.checkBank();
        for (int i = 0; i < run.items.size(); i++) {
            run.checkItem(i, run.items.get(i));
        }
        List<Issue> issues = mergeInFileOrder(parsed.readIssues() == null ? List.of() : parsed.readIssues(),
                run.sortedFindings(), parsed.sourceMap());
        boolean rejected = issues.stream().anyMatch(issue -> issue.severity() == Severity.ERROR);
        Optional<Bank> bank = rejected ? Optional.empty() : Optional.of(new Bank(parsed.id(), parsed.title(),
                parsed.defaultMultipleRule(), run.items, run.resources));
        return new ImportResult(bank, issues);
    }

    /** One finding with the item position it sorts by; item -1 is the bank as a whole. */
    private record Finding(int item, ItemField field, int sub, Issue issue) {
    }

    /** The state of one validation. */
    private final class Run {

        private final ParsedBank parsed;
        private final SourceMap map;
        private final List<Item> items;
        private final Map<String, Resource> resources;
        private final List<Finding> findings = new ArrayList<>();
        private final Map<String, Integer> firstItemWithId = new HashMap<>();
        private final Map<String, Integer> firstItemWithStem = new HashMap<>();

        Run(ParsedBank parsed) {
            this.parsed = parsed;
            this.map = parsed.sourceMap();
            this.items = parsed.items() == null ? List.of() : parsed.items();
            this.resources = parsed.resources() == null ? Map.of() : parsed.resources();
        }

        void checkBank() {
            Location file = map.file();
            if (isBlank(parsed.id())) {
                findings.add(new Finding(-1, ItemField.ITEM, -1,
                        Issue.error(file, Rule.MISSING_FIELD, "the bank has no id")));
            }
            if (items.isEmpty()) {
                findings.add(new Finding(-1, ItemField.ITEM, -1,
                        Issue.error(file, Rule.MISSING_FIELD, "the bank has no items")));
            }
            if (items.size() > limits.maxItems()) {
                findings.add(new Finding(-1, ItemField.ITEM, -1, Issue.error(file, Rule.TOO_MANY_ITEMS,
                        "the bank holds " + items.size() + " items; at most " + limits.maxItems() + " are accepted")));
            }
        }

        void checkItem(int i, Item item) {
            checkId(i, item);
            if (item.type() == null) {
                error(i, ItemField.TYPE, -1, Rule.UNKNOWN_TYPE, "the item has no known type");
            }
            checkStem(i, item);
            if (item.type() != null && item.type().hasOptions()) {
                checkOptions(i, item);
                checkChoiceKey(i, item);
            }
            if (item.type() == ItemType.TRUE_FALSE && item.correctTrueFalse() == null) {
                error(i, ItemField.KEY, -1, Rule.MISSING_KEY, "the true/false item has no key (true or false)");
            }
            if (item.type() == ItemType.FILL_IN) {
                checkBlanks(i, item);
            }
            checkMappings(i, item);
            checkScore(i, item.score(), ItemField.SCORE, "score");
            if (item.type() == ItemType.MULTIPLE_CHOICE && item.multipleRule() == null
                    && parsed.defaultMultipleRule() == null) {
                error(i, ItemField.MULTIPLE_RULE, -1, Rule.MISSING_FIELD,
                        "no scoring rule: the item has none and the bank declares no default");
            }
            if (isBlank(item.knowledgePoint())) {
                warning(i, ItemField.KNOWLEDGE_POINT, -1, Rule.MISSING_KNOWLEDGE_POINT,
                        "the item has no knowledge point (知识点), so blueprints cannot balance it");
            } else {
                checkLength(i, ItemField.KNOWLEDGE_POINT, -1, "knowledge point", item.knowledgePoint());
            }
            if (item.difficulty() < 1 || item.difficulty() > 5) {
                error(i, ItemField.DIFFICULTY, -1, Rule.INVALID_DIFFICULTY, item.difficulty() == 0
                        ? "the item has no difficulty (1 easiest to 5 hardest)"
                        : "difficulty " + item.difficulty() + " is outside 1 (easiest) to 5 (hardest)");
            }
            checkTags(i, item.tags());
            if (item.type() != null && !item.type().machineScored()) {
                checkRubric(i, item);
            }
            if (item.type() == ItemType.OPERATION) {
                checkOperation(i, item.operation());
            }
            if (!item.explanation().isEmpty()) {
                checkHtml(i, ItemField.EXPLANATION, -1, "explanation", item.explanation());
            }
        }

        private void checkId(int i, Item item) {
            if (isBlank(item.id())) {
                error(i, ItemField.ID, -1, Rule.MISSING_FIELD, "the item has no id");
                return;
            }
            checkLength(i, ItemField.ID, -1, "id", item.id());
            Integer first = firstItemWithId.putIfAbsent(item.id(), i);
            if (first != null) {
                error(i, ItemField.ID, -1, Rule.DUPLICATE_ID, "id \"" + item.id() + "\" is already used by the item at "
                        + map.locate(first, ItemField.ID, -1));
            }
        }

        private void checkStem(int i, Item item) {
            SafeHtml.Check stem = checkHtml(i, ItemField.STEM, -1, "stem", item.stem());
            if (stem.blank()) {
                error(i, ItemField.STEM, -1, Rule.EMPTY_STEM, "the stem is empty");
                return;
            }
            Integer first = firstItemWithStem.putIfAbsent(contentKey(stem), i);
            if (first != null) {
                warning(i, ItemField.STEM, -1, Rule.DUPLICATE_STEM, "the same stem as the item at "
                        + map.locate(first, ItemField.STEM, -1) + " (after normalising case, width and spaces)");
            }
        }

        private void checkOptions(int i, Item item) {
            List<Choice> options = item.options();
            if (options.size() < 2) {
                error(i, ItemField.OPTIONS, -1, Rule.TOO_FEW_OPTIONS, "a choice item needs at least 2 options; it has "
                        + options.size());
            }
            Map<String, Integer> ids = new HashMap<>();
            Map<String, String> texts = new HashMap<>();
            for (int j = 0; j < options.size(); j++) {
                Choice option = options.get(j);
                if (isBlank(option.id())) {
                    error(i, ItemField.OPTION, j, Rule.MISSING_FIELD, "option " + (j + 1) + " has no id");
                } else if (ids.putIfAbsent(option.id(), j) != null) {
                    error(i, ItemField.OPTION, j, Rule.DUPLICATE_OPTION_ID, "option id \"" + option.id()
                            + "\" is used by option " + (ids.get(option.id()) + 1) + " too");
                }
                SafeHtml.Check html = checkHtml(i, ItemField.OPTION, j, "option " + label(option, j), option.html());
                if (html.blank()) {
                    error(i, ItemField.OPTION, j, Rule.EMPTY_OPTION, "option " + label(option, j) + " is empty");
                    continue;
                }
                String earlier = texts.putIfAbsent(contentKey(html), label(option, j));
                if (earlier != null) {
                    warning(i, ItemField.OPTION, j, Rule.DUPLICATE_OPTION_TEXT, "option " + label(option, j)
                            + " reads the same as option " + earlier);
                }
            }
        }

        private void checkChoiceKey(int i, Item item) {
            if (item.correctOptions().isEmpty()) {
                error(i, ItemField.KEY, -1, Rule.MISSING_KEY, "the choice item has no key");
                return;
            }
            List<String> optionIds = item.options().stream().map(Choice::id).toList();
            item.correctOptions().stream().sorted()
                    .filter(id -> !optionIds.contains(id))
                    .forEach(id -> error(i, ItemField.KEY, -1, Rule.KEY_NOT_AN_OPTION, "the key names \"" + id
                            + "\", which is not an option id (options: " + String.join(", ", nonNull(optionIds)) + ")"));
            int correct = item.correctOptions().size();
            if (item.type() == ItemType.SINGLE_CHOICE && correct != 1) {
                error(i, ItemField.KEY, -1, Rule.SINGLE_CHOICE_KEY_COUNT, "a single-choice item has exactly one"
                        + " correct option; the key names " + correct);
            }
            if (item.type() == ItemType.MULTIPLE_CHOICE && correct < 2) {
                error(i, ItemField.KEY, -1, Rule.TOO_FEW_CORRECT, "a multiple-choice item has at least two correct"
                        + " options; the key names " + correct);
            }
        }

        private void checkBlanks(int i, Item item) {
            if (item.blanks().isEmpty()) {
                error(i, ItemField.BLANK, -1, Rule.EMPTY_BLANK, "the fill-in item has no blanks");
            }
            for (int j = 0; j < item.blanks().size(); j++) {
                Blank blank = item.blanks().get(j);
                String which = "blank " + (j + 1);
                if (blank.accepted().isEmpty()) {
                    error(i, ItemField.BLANK, j, Rule.EMPTY_BLANK, which + " has no accepted answer");
                }
                for (int k = 0; k < blank.accepted().size(); k++) {
                    String accepted = blank.accepted().get(k);
                    if (TextNormalizer.normalize(accepted).isEmpty()) {
                        error(i, ItemField.BLANK, j, Rule.EMPTY_BLANK, which + ": accepted answer " + (k + 1)
                                + " is empty");
                    } else {
                        checkLength(i, ItemField.BLANK, j, which + " accepted answer " + (k + 1), accepted);
                    }
                }
                checkTolerance(i, j, blank);
            }
        }

        private void checkTolerance(int i, int j, Blank blank) {
            BigDecimal tolerance = blank.tolerance();
            if (tolerance == null) {
                return;
            }
            String which = "blank " + (j + 1);
            if (tolerance.signum() < 0) {
                error(i, ItemField.BLANK, j, Rule.INVALID_TOLERANCE, which + ": tolerance " + tolerance
                        + " is negative");
            } else if (tolerance.scale() > TOLERANCE_DECIMALS || tolerance.compareTo(MAX_TOLERANCE) > 0) {
                error(i, ItemField.BLANK, j, Rule.INVALID_TOLERANCE, which + ": tolerance " + tolerance
                        + " has more than " + TOLERANCE_DECIMALS + " decimals or is implausibly large");
            }
            blank.accepted().stream()
                    .filter(accepted -> !TextNormalizer.normalize(accepted).isEmpty())
                    .filter(accepted -> TextNormalizer.parseNumber(accepted).isEmpty())
                    .forEach(accepted -> error(i, ItemField.BLANK, j, Rule.INVALID_TOLERANCE, which
                            + " has a tolerance, so it is numeric, but accepted answer \"" + shorten(accepted)
                            + "\" is not a number"));
        }

        /** @return whether the value is usable for arithmetic (present, positive, bounded) */
        private boolean checkScore(int i, BigDecimal score, ItemField field, String what) {
            if (score == null) {
                error(i, field, -1, field == ItemField.SCORE ? Rule.MISSING_SCORE : Rule.MISSING_FIELD,
                        "the " + what + " is missing");
                return false;
            }
            if (score.signum() <= 0) {
                error(i, field, -1, field == ItemField.SCORE ? Rule.NON_POSITIVE_SCORE : Rule.INVALID_VALUE,
                        "the " + what + " " + score.toString() + " is not positive");
                return false;
            }
            if (score.compareTo(MAX_SCORE) > 0 || score.stripTrailingZeros().scale() > SCORE_DECIMALS) {
                error(i, field, -1, Rule.INVALID_VALUE, "the " + what + " " + score.toString()
                        + " must be at most " + MAX_SCORE + " with at most " + SCORE_DECIMALS + " decimals");
                return false;
            }
            return true;
        }

        /**
         * A choice mapping names options (a key that is none would never match, or match another option after
         * relabelling), and a fill-in's blanks are all mapped or none is: mapped points and equal shares of the
         * score do not add up to one total.
         */
        private void checkMappings(int i, Item item) {
            if (item.choiceMapping() != null) {
                Set<String> ids = new HashSet<>();
                item.options().forEach(o -> ids.add(o.id()));
                for (ScoreMapping.Entry entry : item.choiceMapping().entries()) {
                    if (!ids.contains(entry.key())) {
                        error(i, ItemField.KEY, -1, Rule.INVALID_MAPPING, "the mapping names \"" + entry.key()
                                + "\", which is not an option id");
                    }
                }
                Integer max = item.choiceMapping().maxChoices();
                if (max != null && item.type() != ItemType.MULTIPLE_CHOICE) {
                    error(i, ItemField.KEY, -1, Rule.INVALID_MAPPING, "maxChoices limits a multiple choice only; a "
                            + item.type().chineseName() + " takes one answer");
                } else if (max != null && (max < 2 || max > item.options().size())) {
                    error(i, ItemField.KEY, -1, Rule.INVALID_MAPPING, "maxChoices " + max + " is not between 2 and "
                            + "the " + item.options().size() + " options (a multiple choice of one option is a "
                            + "single choice)");
                }
            }
            for (Blank blank : item.blanks()) {
                if (blank.mapping() != null && blank.mapping().maxChoices() != null) {
                    error(i, ItemField.KEY, -1, Rule.INVALID_MAPPING, "a blank takes one answer; its mapping cannot "
                            + "have maxChoices");
                }
            }
            if (item.type() == ItemType.FILL_IN) {
                long mapped = item.blanks().stream().filter(b -> b.mapping() != null).count();
                if (mapped > 0 && mapped < item.blanks().size()) {
                    error(i, ItemField.KEY, -1, Rule.INVALID_MAPPING, mapped + " of " + item.blanks().size()
                            + " blanks have a mapping; give every blank a mapping or none");
                }
            }
        }

        private void checkTags(int i, Tags tags) {
            if (tags == null) {
                error(i, ItemField.TAGS, -1, Rule.INVALID_TAGS,
                        "the item has no tags (occupation, level, subject)");
                return;
            }
            List<String> problems = new ArrayList<>();
            if (isBlank(tags.occupation())) {
                problems.add("the occupation (职业) is missing");
            } else if (tags.occupation().length() > limits.maxTextChars()) {
                problems.add("the occupation is longer than " + limits.maxTextChars() + " characters");
            }
            if (tags.level() < 1 || tags.level() > 5) {
                problems.add(tags.level() == 0 ? "the level (等级) is missing"
                        : "level " + tags.level() + " is outside 1 (一级/高级技师) to 5 (五级/初级工)");
            }
            if (tags.subject() == null) {
                problems.add("the subject (科目) is missing");
            }
            if (!problems.isEmpty()) {
                error(i, ItemField.TAGS, -1, Rule.INVALID_TAGS, String.join("; ", problems));
            }
        }

        private void checkRubric(int i, Item item) {
            List<RubricPoint> rubric = item.rubric();
            if (rubric.isEmpty()) {
                error(i, ItemField.RUBRIC, -1, Rule.MISSING_RUBRIC, "a " + item.type().chineseName()
                        + " item is marked by people and needs rubric points (评分要点)");
                return;
            }
            boolean summable = true;
            for (int k = 0; k < rubric.size(); k++) {
                RubricPoint point = rubric.get(k);
                String which = "rubric point " + (k + 1);
                if (isBlank(point.description())) {
                    error(i, ItemField.RUBRIC, -1, Rule.MISSING_FIELD, which + " has no description");
                } else {
                    checkLength(i, ItemField.RUBRIC, -1, which, point.description());
                }
                summable &= checkScore(i, point.points(), ItemField.RUBRIC, which + "'s points");
            }
            if (summable && item.score() != null) {
                BigDecimal sum = rubric.stream().map(RubricPoint::points).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (sum.compareTo(item.score()) != 0) {
                    error(i, ItemField.RUBRIC, -1, Rule.RUBRIC_SCORE_MISMATCH, "the rubric points add up to "
                            + sum.toPlainString() + " but the item's score is " + item.score().toPlainString());
                }
            }
        }

        private void checkOperation(int i, OperationSpec operation) {
            if (operation == null || operation.deliverableTypes().isEmpty()) {
                error(i, ItemField.OPERATION, -1, Rule.MISSING_DELIVERABLE, "the operation task names no"
                        + " deliverable file type (e.g. docx, xlsx)");
                return;
            }
            for (String type : operation.deliverableTypes()) {
                if (!DELIVERABLE_TYPE.matcher(type).matches()) {
                    error(i, ItemField.OPERATION, -1, Rule.INVALID_VALUE, "deliverable type \"" + shorten(type)
                            + "\" must be a lower-case file extension without dot, e.g. docx");
                }
            }
            for (String attachment : operation.attachments()) {
                if (!resources.containsKey(attachment)) {
                    error(i, ItemField.OPERATION, -1, Rule.BROKEN_RESOURCE, "attachment \"" + shorten(attachment)
                            + "\" is not a resource of the bank");
                }
            }
            if (operation.timeLimitMinutes() < 0) {
                error(i, ItemField.OPERATION, -1, Rule.INVALID_VALUE, "time limit " + operation.timeLimitMinutes()
                        + " minutes is negative");
            }
        }

        /** Length, safety and resource references of one HTML text; returns what the parse saw. */
        private SafeHtml.Check checkHtml(int i, ItemField field, int sub, String what, String html) {
            checkLength(i, field, sub, what, html);
            SafeHtml.Check check = SafeHtml.check(html);
            if (!check.safe()) {
                error(i, field, sub, Rule.UNSAFE_HTML, "the " + what + " holds HTML outside the safe subset: "
                        + String.join(", ", check.problems()));
            }
            for (String name : check.references()) {
                Resource resource = resources.get(name);
                if (resource == null) {
                    error(i, field, sub, Rule.BROKEN_RESOURCE, "the " + what + " shows res:" + shorten(name)
                            + ", which is not a resource of the bank");
                } else if (!Resource.rasterImage(resource.mediaType())) {
                    error(i, field, sub, Rule.UNSAFE_RESOURCE, "the " + what + " shows res:" + shorten(name)
                            + ", which is " + shorten(Resource.essence(resource.mediaType()))
                            + "; an image must be PNG, JPEG, GIF, WebP, BMP or AVIF");
                }
            }
            return check;
        }

        private void checkLength(int i, ItemField field, int sub, String what, String text) {
            if (text != null && text.length() > limits.maxTextChars()) {
                error(i, field, sub, Rule.TEXT_TOO_LONG, "the " + what + " has " + text.length()
                        + " characters; at most " + limits.maxTextChars() + " are accepted");
            }
        }

        private void error(int i, ItemField field, int sub, Rule rule, String message) {
            findings.add(new Finding(i, field, sub, Issue.error(locate(i, field, sub), rule, message)));
        }

        private void warning(int i, ItemField field, int sub, Rule rule, String message) {
            findings.add(new Finding(i, field, sub, Issue.warning(locate(i, field, sub), rule, message)));
        }

        private Location locate(int i, ItemField field, int sub) {
            return map.locate(i, field, field == ItemField.OPTION || field == ItemField.BLANK ? sub : -1);
        }

        /** By item, then field, then option / blank; a stable sort keeps the order checks ran in otherwise. */
        List<Finding> sortedFindings() {
            List<Finding> sorted = new ArrayList<>(findings);
            sorted.sort(Comparator.comparingInt(Finding::item)
                    .thenComparing(Finding::field)
                    .thenComparingInt(Finding::sub));
            return sorted;
        }
    }

    /**
     * The reader's findings and the validator's, each already in file order, merged into one: a reader finding
     * goes before the validator findings of any item whose place comes after its own.
     */
    private static List<Issue> mergeInFileOrder(List<Issue> readIssues, List<Finding> findings, SourceMap map) {
        List<Issue> merged = new ArrayList<>(readIssues.size() + findings.size());
        int r = 0;
        for (Finding finding : findings) {
            Location anchor = finding.item() < 0 ? map.file() : map.locate(finding.item(), ItemField.ITEM, -1);
            while (r < readIssues.size() && LocationOrder.compare(readIssues.get(r).location(), anchor) < 0) {
                merged.add(readIssues.get(r++));
            }
            merged.add(finding.issue());
        }
        merged.addAll(readIssues.subList(r, readIssues.size()));
        return merged;
    }

    /** Normalised text plus the images shown: what makes two stems or two options "the same". */
    private static String contentKey(SafeHtml.Check html) {
        return TextNormalizer.normalize(html.text()) + "\u0000" + String.join("\u0000", html.references());
    }

    private static String label(Choice option, int index) {
        return isBlank(option.id()) ? String.valueOf(index + 1) : option.id();
    }

    private static List<String> nonNull(List<String> values) {
        return values.stream().filter(v -> v != null).toList();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
