package cn.examcore.bank.io.xlsx;

import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.Vocabulary;
import cn.examcore.bank.io.sheet.SheetCell;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.OperationSpec;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns one row of the 题库 sheet into an {@link Item}. Only what stops an item from being built is an error
 * here (a formula, an unknown type, a number that is not a number, a word the template does not know); empty
 * required values are left empty for the validator, which reports them at the cell through the source map.
 */
final class ItemRow {

    /** What one row produced: the item (absent when the row had errors) and where its tag findings point. */
    record Result(Optional<Item> item, XlsxColumn tagsColumn) {
    }

    private static final Pattern KEY_SEPARATORS = Pattern.compile("[,，、;；/\\s]+");
    private static final Pattern RUBRIC_LINES = Pattern.compile("\\R|[;；]");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[,，、;；\\s]+");
    private static final Pattern NAME_SEPARATORS = Pattern.compile("[,，、;；]|\\R");

    /** Columns each type uses beyond the common ones; a value elsewhere is ignored with a warning. */
    private static final Map<ItemType, Set<XlsxColumn>> TYPE_COLUMNS = Map.of(
            ItemType.SINGLE_CHOICE, choiceColumns(false),
            ItemType.MULTIPLE_CHOICE, choiceColumns(true),
            ItemType.TRUE_FALSE, EnumSet.of(XlsxColumn.ANSWER),
            ItemType.FILL_IN, EnumSet.of(XlsxColumn.ANSWER, XlsxColumn.TOLERANCE),
            ItemType.SHORT_ANSWER, EnumSet.of(XlsxColumn.RUBRIC),
            ItemType.ESSAY, EnumSet.of(XlsxColumn.RUBRIC),
            ItemType.OPERATION, EnumSet.of(XlsxColumn.RUBRIC, XlsxColumn.DELIVERABLES, XlsxColumn.ATTACHMENTS));

    private static final Set<XlsxColumn> TYPE_SPECIFIC = EnumSet.copyOf(TYPE_COLUMNS.values().stream()
            .flatMap(Set::stream).collect(Collectors.toSet()));

    private final String file;
    private final int row;
    private final Map<XlsxColumn, SheetCell> cells;
    private final Map<XlsxColumn, Integer> columns;
    private final List<Issue> issues;
    private boolean failed;

    private ItemRow(String file, int row, Map<XlsxColumn, SheetCell> cells, Map<XlsxColumn, Integer> columns,
                    List<Issue> issues) {
        this.file = file;
        this.row = row;
        this.cells = cells;
        this.columns = columns;
        this.issues = issues;
    }

    /**
     * @param cells   the row's non-empty cells in known columns
     * @param columns where each known column is, for locations
     * @param issues  receives the row's errors and warnings
     */
    static Result parse(String file, int row, Map<XlsxColumn, SheetCell> cells,
                        Map<XlsxColumn, Integer> columns, ImportLimits limits, List<Issue> issues) {
        return new ItemRow(file, row, cells, columns, issues).parse(limits);
    }

    private Result parse(ImportLimits limits) {
        XlsxColumn tagsColumn = tagsColumn();
        for (Map.Entry<XlsxColumn, SheetCell> e : cells.entrySet()) {
            checkCell(e.getKey(), e.getValue(), limits);
        }
        if (failed) {
            return new Result(Optional.empty(), tagsColumn);
        }
        String id = text(XlsxColumn.ID);
        ItemType type = type();
        if (failed) {
            return new Result(Optional.empty(), tagsColumn);
        }
        warnUnused(type);

        List<Choice> options = type.hasOptions() ? options() : List.of();
        Set<String> correctOptions = type.hasOptions() ? choiceKey() : Set.of();
        Boolean correctTrueFalse = type == ItemType.TRUE_FALSE ? trueFalseKey() : null;
        List<Blank> blanks = type == ItemType.FILL_IN ? blanks() : List.of();
        MultipleChoiceRule rule = type == ItemType.MULTIPLE_CHOICE ? multipleRule() : null;
        boolean shuffle = type.hasOptions() && shuffle();
        List<RubricPoint> rubric = type.machineScored() ? List.of() : rubric();
        OperationSpec operation = type == ItemType.OPERATION ? operation() : null;
        BigDecimal score = decimal(XlsxColumn.SCORE);
        int difficulty = difficulty();
        Tags tags = tags();
        if (failed) {
            return new Result(Optional.empty(), tagsColumn);
        }
        Item item = new Item(id, type, html(text(XlsxColumn.STEM)), options, correctOptions, correctTrueFalse,
                blanks, score, rule, shuffle, text(XlsxColumn.KNOWLEDGE_POINT), difficulty, tags, rubric, operation,
                text(XlsxColumn.EXPLANATION));
        return new Result(Optional.of(item), tagsColumn);
    }

    private void checkCell(XlsxColumn column, SheetCell cell, ImportLimits limits) {
        switch (cell.kind()) {
            case FORMULA -> error(column, Rule.FORMULA_IN_CELL, column.header() + " holds a formula; formulas are "
                    + "not evaluated, so paste the value instead (Paste Special → Values)");
            case ERROR -> error(column, Rule.INVALID_VALUE, column.header() + " holds the error value "
                    + cell.text());
            default -> {
                if (cell.tooLong() || cell.text().length() > limits.maxTextChars()) {
                    error(column, Rule.TEXT_TOO_LONG, column.header() + " holds more than " + limits.maxTextChars()
                            + " characters");
                }
            }
        }
    }

    private ItemType type() {
        String text = text(XlsxColumn.TYPE);
        if (text.isEmpty()) {
            error(XlsxColumn.TYPE, Rule.MISSING_FIELD, "题型 is empty; use one of " + typeNames());
            return null;
        }
        Optional<ItemType> type = ItemType.parse(Vocabulary.fold(text));
        if (type.isEmpty()) {
            error(XlsxColumn.TYPE, Rule.UNKNOWN_TYPE, "题型 \"" + text + "\" is not a known type; use one of "
                    + typeNames());
            return null;
        }
        return type.get();
    }

    private void warnUnused(ItemType type) {
        Set<XlsxColumn> used = TYPE_COLUMNS.get(type);
        for (XlsxColumn column : cells.keySet()) {
            if (TYPE_SPECIFIC.contains(column) && !used.contains(column)) {
                issues.add(Issue.warning(location(column), Rule.UNUSED_VALUE, column.header() + " is not used by "
                        + type.chineseName() + " items; its value is ignored"));
            }
        }
    }

    /** Options run from 选项A to the last filled option column; a gap stays as an empty option for the validator. */
    private List<Choice> options() {
        int last = -1;
        for (int i = 0; i < XlsxColumn.OPTIONS.size(); i++) {
            if (!text(XlsxColumn.OPTIONS.get(i)).isEmpty()) {
                last = i;
            }
        }
        List<Choice> options = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            options.add(new Choice(String.valueOf((char) ('A' + i)), html(text(XlsxColumn.OPTIONS.get(i)))));
        }
        return options;
    }

    private Set<String> choiceKey() {
        String folded = KEY_SEPARATORS.matcher(Vocabulary.fold(text(XlsxColumn.ANSWER)))
                .replaceAll("").toUpperCase(Locale.ROOT);
        Set<String> key = new LinkedHashSet<>();
        folded.codePoints().forEach(cp -> key.add(Character.toString(cp)));
        return key;
    }

    private Boolean trueFalseKey() {
        String text = text(XlsxColumn.ANSWER);
        if (text.isEmpty()) {
            return null;
        }
        Optional<Boolean> value = Vocabulary.truth(text);
        if (value.isEmpty()) {
            error(XlsxColumn.ANSWER, Rule.INVALID_VALUE, "答案 \"" + text + "\" of a 判断 item must be 对 or 错 "
                    + "(also 正确/错误, T/F, √/×)");
            return null;
        }
        return value.get();
    }

    private List<Blank> blanks() {
        String answer = text(XlsxColumn.ANSWER).replace('｜', '|');
        if (answer.isEmpty()) {
            return List.of();
        }
        List<List<String>> alternatives = new ArrayList<>();
        for (String blank : answer.split("\\|\\|", -1)) {
            alternatives.add(Arrays.stream(blank.split("\\|")).map(String::strip).filter(s -> !s.isEmpty())
                    .toList());
        }
        List<BigDecimal> tolerances = tolerances(alternatives);
        List<Blank> blanks = new ArrayList<>();
        for (int i = 0; i < alternatives.size(); i++) {
            blanks.add(new Blank(alternatives.get(i), tolerances.get(i)));
        }
        return blanks;
    }

    /** One tolerance for every numeric blank, or one per blank separated by "||" (empty: not numeric). */
    private List<BigDecimal> tolerances(List<List<String>> blanks) {
        List<BigDecimal> result = new ArrayList<>();
        blanks.forEach(b -> result.add(null));
        String text = text(XlsxColumn.TOLERANCE).replace('｜', '|');
        if (text.isEmpty()) {
            return result;
        }
        String[] parts = text.split("\\|\\|", -1);
        if (parts.length == 1) {
            BigDecimal tolerance = number(XlsxColumn.TOLERANCE, text);
            boolean applied = false;
            for (int i = 0; i < blanks.size(); i++) {
                if (!blanks.get(i).isEmpty() && blanks.get(i).stream().allMatch(ItemRow::isNumber)) {
                    result.set(i, tolerance);
                    applied = true;
                }
            }
            if (!applied && tolerance != null) {
                issues.add(Issue.warning(location(XlsxColumn.TOLERANCE), Rule.UNUSED_VALUE,
                        "数值容差 is ignored: no blank's answers are all numbers"));
            }
            return result;
        }
        if (parts.length != blanks.size()) {
            error(XlsxColumn.TOLERANCE, Rule.INVALID_VALUE, "数值容差 has " + parts.length
                    + " parts separated by || but 答案 has " + blanks.size() + " blanks");
            return result;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isBlank()) {
                result.set(i, number(XlsxColumn.TOLERANCE, parts[i]));
            }
        }
        return result;
    }

    private MultipleChoiceRule multipleRule() {
        String text = text(XlsxColumn.MULTIPLE_RULE);
        if (text.isEmpty()) {
            return null;
        }
        Optional<MultipleChoiceRule> rule = Vocabulary.multipleRule(text);
        if (rule.isEmpty()) {
            error(XlsxColumn.MULTIPLE_RULE, Rule.INVALID_VALUE, "多选规则 \"" + text + "\" is not one of 全对得分, "
                    + "按比例, 少选得分");
            return null;
        }
        return rule.get();
    }

    private boolean shuffle() {
        String text = text(XlsxColumn.SHUFFLE);
        if (text.isEmpty()) {
            return true;
        }
        Optional<Boolean> value = Vocabulary.truth(text);
        if (value.isEmpty()) {
            error(XlsxColumn.SHUFFLE, Rule.INVALID_VALUE, "选项乱序 \"" + text + "\" must be 是 or 否");
            return true;
        }
        return value.get();
    }

    private List<RubricPoint> rubric() {
        List<RubricPoint> points = new ArrayList<>();
        int line = 0;
        for (String part : RUBRIC_LINES.split(text(XlsxColumn.RUBRIC))) {
            if (part.isBlank()) {
                continue;
            }
            line++;
            int eq = Math.max(part.lastIndexOf('='), part.lastIndexOf('＝'));
            String description = eq < 0 ? "" : part.substring(0, eq).strip();
            if (eq < 0 || description.isEmpty()) {
                error(XlsxColumn.RUBRIC, Rule.INVALID_VALUE, "评分要点 point " + line + " \"" + part.strip()
                        + "\" must be written as description=points");
                continue;
            }
            BigDecimal value = number(XlsxColumn.RUBRIC, part.substring(eq + 1));
            if (value != null) {
                points.add(new RubricPoint(description, value));
            }
        }
        return points;
    }

    private OperationSpec operation() {
        List<String> deliverables = LIST_SEPARATORS.splitAsStream(text(XlsxColumn.DELIVERABLES))
                .map(s -> s.strip().toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
                .filter(s -> !s.isEmpty()).distinct().toList();
        List<String> attachments = NAME_SEPARATORS.splitAsStream(text(XlsxColumn.ATTACHMENTS))
                .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        return new OperationSpec(attachments, deliverables, 0);
    }

    private int difficulty() {
        String text = text(XlsxColumn.DIFFICULTY);
        if (text.isEmpty()) {
            return 0;
        }
        OptionalInt value = Vocabulary.difficulty(text);
        if (value.isEmpty()) {
            error(XlsxColumn.DIFFICULTY, Rule.INVALID_VALUE, "难度 \"" + text + "\" must be 1 to 5 or one of "
                    + String.join("/", Vocabulary.DIFFICULTY_WORDS));
            return 0;
        }
        return value.getAsInt();
    }

    /**
     * Tags as far as given (partial tags let the validator name what is missing, at {@link #tagsColumn}); null when
     * none of the three is.
     */
    private Tags tags() {
        String occupation = text(XlsxColumn.OCCUPATION);
        String levelText = text(XlsxColumn.LEVEL);
        String subjectText = text(XlsxColumn.SUBJECT);
        OptionalInt level = OptionalInt.empty();
        if (!levelText.isEmpty()) {
            level = Vocabulary.level(levelText);
            if (level.isEmpty()) {
                error(XlsxColumn.LEVEL, Rule.INVALID_VALUE, "等级 \"" + levelText + "\" must be 1 to 5 or a level "
                        + "name such as 四级 or 中级工");
            }
        }
        Optional<Subject> subject = Optional.empty();
        if (!subjectText.isEmpty()) {
            subject = Subject.parse(Vocabulary.fold(subjectText));
            if (subject.isEmpty()) {
                error(XlsxColumn.SUBJECT, Rule.INVALID_VALUE, "科目 \"" + subjectText + "\" must be 理论知识 or 操作技能");
            }
        }
        if (occupation.isEmpty() && levelText.isEmpty() && subjectText.isEmpty()) {
            return null;
        }
        return new Tags(occupation, level.orElse(0), subject.orElse(null));
    }

    private XlsxColumn tagsColumn() {
        for (XlsxColumn column : List.of(XlsxColumn.OCCUPATION, XlsxColumn.LEVEL, XlsxColumn.SUBJECT)) {
            if (text(column).isEmpty()) {
                return column;
            }
        }
        return XlsxColumn.OCCUPATION;
    }

    /** A number cell's stored value, or typed text read as a number; null when empty or not a number. */
    private BigDecimal decimal(XlsxColumn column) {
        SheetCell cell = cells.get(column);
        if (cell != null && cell.number() != null) {
            return cell.number();
        }
        String text = text(column);
        return text.isEmpty() ? null : number(column, text);
    }

    private BigDecimal number(XlsxColumn column, String text) {
        Optional<BigDecimal> value = Vocabulary.decimal(text);
        if (value.isEmpty()) {
            error(column, Rule.INVALID_VALUE, column.header() + " \"" + text.strip() + "\" is not a number");
        }
        return value.orElse(null);
    }

    private static boolean isNumber(String text) {
        return Vocabulary.decimal(text).isPresent();
    }

    private String text(XlsxColumn column) {
        SheetCell cell = cells.get(column);
        return cell == null ? "" : cell.text().replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    /** Cells hold plain text; the model holds HTML, so markup characters are escaped and line breaks kept. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\n' -> out.append("<br>");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private void error(XlsxColumn column, Rule rule, String message) {
        failed = true;
        issues.add(Issue.error(location(column), rule, message));
    }

    private Location location(XlsxColumn column) {
        return new Location(file, XlsxSourceMap.cell(row, column, columns.get(column)));
    }

    private static Set<XlsxColumn> choiceColumns(boolean multiple) {
        Set<XlsxColumn> columns = EnumSet.copyOf(XlsxColumn.OPTIONS);
        columns.add(XlsxColumn.ANSWER);
        columns.add(XlsxColumn.SHUFFLE);
        if (multiple) {
            columns.add(XlsxColumn.MULTIPLE_RULE);
        }
        return columns;
    }

    private static String typeNames() {
        return Arrays.stream(ItemType.values()).map(ItemType::chineseName).collect(Collectors.joining(", "));
    }
}
