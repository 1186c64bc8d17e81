package cn.examcore.bank.validate;

import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.io.format.SourceMap;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.OperationSpec;
import cn.examcore.bank.model.Resource;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Test banks built in code: a clean item of every type, and a builder to break exactly one thing in one of them.
 */
public final class BankFixtures {

    public static final String FILE = "bank.test";
    public static final Tags THEORY_4 = new Tags("企业人力资源管理师", 4, Subject.THEORY);
    public static final Tags OPERATION_4 = new Tags("企业人力资源管理师", 4, Subject.OPERATION);

    private BankFixtures() {
    }

    /** Resources the clean items refer to: an image in a stem and an operation attachment. */
    public static Map<String, Resource> resources() {
        Map<String, Resource> resources = new LinkedHashMap<>();
        resources.put("chart.png", new Resource("chart.png", "image/png",
                new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xFF}));
        resources.put("员工花名册.xlsx", new Resource("员工花名册.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "PK fake workbook".getBytes(StandardCharsets.UTF_8)));
        return resources;
    }

    /** One clean item of each type, in {@link ItemType} order; indexes 0..6. */
    public static List<Item> oneOfEachType() {
        return List.of(
                singleChoice("HR4-T-0001").build(),
                multipleChoice("HR4-T-0002").build(),
                trueFalse("HR4-T-0003").build(),
                fillIn("HR4-T-0004").build(),
                shortAnswer("HR4-O-0005").build(),
                essay("HR4-O-0006").build(),
                operation("HR4-O-0007").build());
    }

    /** {@code count} clean single-choice items with distinct ids and stems. */
    public static List<Item> manySingleChoice(int count) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(singleChoice("HR4-T-%04d".formatted(1000 + i)).build());
        }
        return items;
    }

    public static ItemBuilder singleChoice(String id) {
        return new ItemBuilder(id, ItemType.SINGLE_CHOICE)
                .stem("<p>Item " + id + ": which document records a labour contract's probation period?</p>"
                        + "<p><img src=\"res:chart.png\" alt=\"chart\"></p>")
                .options(fourOptions())
                .key("B")
                .score("1");
    }

    public static ItemBuilder multipleChoice(String id) {
        return new ItemBuilder(id, ItemType.MULTIPLE_CHOICE)
                .stem("<p>Item " + id + ": which of these are social insurances (社会保险)?</p>")
                .options(fourOptions())
                .key("A", "C")
                .rule(MultipleChoiceRule.PARTIAL_SUBSET)
                .score("2.50");
    }

    public static ItemBuilder trueFalse(String id) {
        return new ItemBuilder(id, ItemType.TRUE_FALSE)
                .stem("<p>Item " + id + ": a probation period may exceed six months.</p>")
                .keyTrueFalse(false)
                .score("1");
    }

    public static ItemBuilder fillIn(String id) {
        return new ItemBuilder(id, ItemType.FILL_IN)
                .stem("<p>Item " + id + ": the employer's pension rate is ____ %, set by ____.</p>")
                .blanks(new Blank(List.of("16"), new BigDecimal("0.5")),
                        new Blank(List.of("人力资源和社会保障部", "人社部"), null))
                .score("2");
    }

    public static ItemBuilder shortAnswer(String id) {
        return new ItemBuilder(id, ItemType.SHORT_ANSWER)
                .stem("<p>Item " + id + ": name the steps of a job analysis.</p>")
                .tags(OPERATION_4)
                .rubric(new RubricPoint("names preparation", new BigDecimal("2")),
                        new RubricPoint("names investigation and analysis", new BigDecimal("3")))
                .score("5");
    }

    public static ItemBuilder essay(String id) {
        return new ItemBuilder(id, ItemType.ESSAY)
                .stem("<p>Item " + id + ": discuss how a training needs analysis shapes a training plan.</p>")
                .tags(OPERATION_4)
                .rubric(new RubricPoint("organisation level", new BigDecimal("5")),
                        new RubricPoint("task and person level", new BigDecimal("5")),
                        new RubricPoint("links to the plan", new BigDecimal("10")))
                .score("20");
    }

    public static ItemBuilder operation(String id) {
        return new ItemBuilder(id, ItemType.OPERATION)
                .stem("<p>Item " + id + ": from the roster, build the quarterly headcount report.</p>")
                .tags(OPERATION_4)
                .rubric(new RubricPoint("correct totals", new BigDecimal("15")),
                        new RubricPoint("clear layout", new BigDecimal("5")))
                .operation(new OperationSpec(List.of("员工花名册.xlsx"), List.of("xlsx", "docx"), 30))
                .score("20");
    }

    private static List<Choice> fourOptions() {
        return List.of(new Choice("A", "<p>Pension insurance</p>"), new Choice("B", "<p>The labour contract</p>"),
                new Choice("C", "<p>Medical insurance</p>"), new Choice("D", "<p>A training record</p>"));
    }

    /** A parsed bank with the clean resources, default rule ALL_OR_NOTHING and no reader issues. */
    public static ParsedBank parsed(List<Item> items) {
        return parsed(items, List.of());
    }

    public static ParsedBank parsed(List<Item> items, List<Issue> readIssues) {
        return new ParsedBank("hr4", "企业人力资源管理师 四级", MultipleChoiceRule.ALL_OR_NOTHING, items, resources(),
                readIssues, new TestSourceMap());
    }

    /** The clean items with item {@code index} replaced by {@code change} applied to it. */
    public static List<Item> withChange(int index, UnaryOperator<ItemBuilder> change) {
        List<Item> items = new ArrayList<>(oneOfEachType());
        items.set(index, change.apply(ItemBuilder.from(items.get(index))).build());
        return items;
    }

    public static Bank bank(List<Item> items) {
        return new Bank("hr4", "企业人力资源管理师 四级", MultipleChoiceRule.ALL_OR_NOTHING, items, resources());
    }

    /** The place {@link TestSourceMap} gives: "#3 KEY", "#0 OPTION 2". */
    public static String place(int item, ItemField field, int sub) {
        return "#" + item + (field == ItemField.ITEM ? "" : " " + field) + (sub >= 0 ? " " + sub : "");
    }

    public static Location at(int item, ItemField field) {
        return new Location(FILE, place(item, field, -1));
    }

    public static Location at(int item, ItemField field, int sub) {
        return new Location(FILE, place(item, field, sub));
    }

    /** Names places by item index and field, so a test can tell exactly which place the validator asked for. */
    public static final class TestSourceMap implements SourceMap {
        @Override
        public Location locate(int itemIndex, ItemField field, int subIndex) {
            return new Location(FILE, place(itemIndex, field, subIndex));
        }

        @Override
        public Location file() {
            return Location.file(FILE);
        }
    }

    /** Mutable copy of an {@link Item}'s fields. */
    public static final class ItemBuilder {
        private String id;
        private ItemType type;
        private String stem;
        private List<Choice> options = List.of();
        private Set<String> key = Set.of();
        private Boolean keyTrueFalse;
        private List<Blank> blanks = List.of();
        private BigDecimal score;
        private MultipleChoiceRule rule;
        private boolean shuffle;
        private String knowledgePoint = "HR4-01-02";
        private int difficulty = 2;
        private Tags tags = THEORY_4;
        private List<RubricPoint> rubric = List.of();
        private OperationSpec operation;
        private String explanation = "";

        ItemBuilder(String id, ItemType type) {
            this.id = id;
            this.type = type;
            this.shuffle = type.hasOptions();
        }

        public static ItemBuilder from(Item item) {
            ItemBuilder b = new ItemBuilder(item.id(), item.type());
            b.stem = item.stem();
            b.options = item.options();
            b.key = item.correctOptions();
            b.keyTrueFalse = item.correctTrueFalse();
            b.blanks = item.blanks();
            b.score = item.score();
            b.rule = item.multipleRule();
            b.shuffle = item.shuffleOptions();
            b.knowledgePoint = item.knowledgePoint();
            b.difficulty = item.difficulty();
            b.tags = item.tags();
            b.rubric = item.rubric();
            b.operation = item.operation();
            b.explanation = item.explanation();
            return b;
        }

        public ItemBuilder id(String value) {
            id = value;
            return this;
        }

        public ItemBuilder type(ItemType value) {
            type = value;
            return this;
        }

        public ItemBuilder stem(String value) {
            stem = value;
            return this;
        }

        public ItemBuilder options(List<Choice> value) {
            options = value;
            return this;
        }

        public ItemBuilder options(Choice... value) {
            return options(List.of(value));
        }

        /** Replaces option {@code index}'s HTML. */
        public ItemBuilder optionHtml(int index, String html) {
            List<Choice> changed = new ArrayList<>(options);
            changed.set(index, new Choice(changed.get(index).id(), html));
            options = changed;
            return this;
        }

        public ItemBuilder key(String... ids) {
            key = new LinkedHashSet<>(Arrays.asList(ids));
            return this;
        }

        public ItemBuilder keyTrueFalse(Boolean value) {
            keyTrueFalse = value;
            return this;
        }

        private cn.examcore.bank.model.ScoreMapping choiceMapping;

        public ItemBuilder blanks(Blank... value) {
            blanks = List.of(value);
            return this;
        }

        public ItemBuilder score(String value) {
            score = value == null ? null : new BigDecimal(value);
            return this;
        }

        public ItemBuilder rule(MultipleChoiceRule value) {
            rule = value;
            return this;
        }

        public ItemBuilder shuffle(boolean value) {
            shuffle = value;
            return this;
        }

        public ItemBuilder knowledgePoint(String value) {
            knowledgePoint = value;
            return this;
        }

        public ItemBuilder difficulty(int value) {
            difficulty = value;
            return this;
        }

        public ItemBuilder tags(Tags value) {
            tags = value;
            return this;
        }

        public ItemBuilder rubric(RubricPoint... value) {
            rubric = List.of(value);
            return this;
        }

        public ItemBuilder operation(OperationSpec value) {
            operation = value;
            return this;
        }

        public ItemBuilder explanation(String value) {
            explanation = value;
            return this;
        }

        public ItemBuilder choiceMapping(cn.examcore.bank.model.ScoreMapping value) {
            choiceMapping = value;
            return this;
        }

        public Item build() {
            return new Item(id, type, stem, options, key, keyTrueFalse, blanks, score, rule, shuffle, knowledgePoint,
                    difficulty, tags, rubric, operation, explanation, choiceMapping);
        }
    }
}
