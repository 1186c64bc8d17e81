package cn.examcore.bank.assembly;

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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generated banks for assembly tests and benchmarks: every item type, knowledge points HRk-0a-0b, difficulties
 * 1..5 and option texts that name their item, so a test can follow an option through shuffling.
 */
public final class TestBanks {

    public static final Tags HR4 = new Tags("企业人力资源管理师", 4, Subject.THEORY);
    public static final Tags HR3 = new Tags("企业人力资源管理师", 3, Subject.THEORY);

    /** The attachment every generated operation item hands out. */
    public static final Resource ATTACHMENT = new Resource("template.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "not really a document".getBytes(StandardCharsets.UTF_8));

    private TestBanks() {
    }

    /** A bank with {@code perType} items of each type tagged HR4, plus decoys of every type tagged HR3. */
    public static Bank bank(long seed, int perType) {
        Map<ItemType, Integer> counts = new EnumMap<>(ItemType.class);
        for (ItemType t : ItemType.values()) {
            counts.put(t, perType);
        }
        return bank(seed, counts, 5);
    }

    /** A bank with the given HR4 count per type, plus {@code decoysPerType} HR3 items of every type. */
    public static Bank bank(long seed, Map<ItemType, Integer> counts, int decoysPerType) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Item> items = new ArrayList<>();
        for (ItemType type : ItemType.values()) {
            for (int i = 0; i < counts.getOrDefault(type, 0); i++) {
                items.add(item(type.name().toLowerCase() + "-" + i, type, HR4, rnd));
            }
            for (int i = 0; i < decoysPerType; i++) {
                items.add(item("decoy-" + type.name().toLowerCase() + "-" + i, type, HR3, rnd));
            }
        }
        return new Bank("generated-" + seed, "generated bank", MultipleChoiceRule.PARTIAL_SUBSET, items,
                Map.of(ATTACHMENT.name(), ATTACHMENT));
    }

    /** One item with a random knowledge point HR{level}-0[1-5]-0[1-3] and a random difficulty 1..5. */
    public static Item item(String id, ItemType type, Tags tags, SplittableRandom rnd) {
        String kp = "HR" + tags.level() + "-0" + (1 + rnd.nextInt(5)) + "-0" + (1 + rnd.nextInt(3));
        return item(id, type, tags, kp, 1 + rnd.nextInt(5), rnd);
    }

    public static Item item(String id, ItemType type, Tags tags, String kp, int difficulty, SplittableRandom rnd) {
        String stem = "<p>Question " + id + "</p>";
        List<Choice> options = List.of();
        Set<String> key = Set.of();
        Boolean tf = null;
        List<Blank> blanks = List.of();
        List<RubricPoint> rubric = List.of();
        OperationSpec op = null;
        BigDecimal score = BigDecimal.ONE;
        MultipleChoiceRule rule = null;
        switch (type) {
            case SINGLE_CHOICE -> {
                options = options(id, 4);
                key = Set.of(options.get(rnd.nextInt(4)).id());
            }
            case MULTIPLE_CHOICE -> {
                options = options(id, 5);
                Set<String> k = new LinkedHashSet<>();
                int want = 2 + rnd.nextInt(3);
                while (k.size() < want) {
                    k.add(options.get(rnd.nextInt(5)).id());
                }
                key = k;
                score = BigDecimal.valueOf(2);
                rule = rnd.nextBoolean() ? MultipleChoiceRule.ALL_OR_NOTHING : null;
            }
            case TRUE_FALSE -> tf = rnd.nextBoolean();
            case FILL_IN -> blanks = List.of(new Blank(List.of("answer " + id), null),
                    new Blank(List.of("3.14"), new BigDecimal("0.01")));
            case SHORT_ANSWER, ESSAY, OPERATION -> {
                score = BigDecimal.valueOf(10);
                rubric = List.of(new RubricPoint("point one of " + id, BigDecimal.valueOf(3)),
                        new RubricPoint("point two of " + id, BigDecimal.valueOf(3)),
                        new RubricPoint("point three of " + id, BigDecimal.valueOf(4)));
                if (type == ItemType.OPERATION) {
                    op = new OperationSpec(List.of(ATTACHMENT.name()), List.of("docx"), 30);
                }
            }
            default -> throw new IllegalArgumentException(type.name());
        }
        // Most items allow shuffling; some do not, so both paths are exercised.
        boolean shuffle = type.hasOptions() && rnd.nextInt(4) != 0;
        return new Item(id, type, stem, options, key, tf, blanks, score, rule, shuffle, kp, difficulty, tags,
                rubric, op, "");
    }

    /** Options whose ids are authored as "o1", "o2" … (not letters) and whose text names item and option. */
    static List<Choice> options(String id, int n) {
        List<Choice> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new Choice("o" + i, "<p>" + id + " option " + i + "</p>"));
        }
        return out;
    }

    /** A section without constraints. */
    public static Section section(String id, ItemType type, int count, String score) {
        return new Section(id, id + " " + type.chineseName() + "题", type, count, new BigDecimal(score), null,
                List.of());
    }

    public static Blueprint blueprint(Section... sections) {
        return new Blueprint("bp", "企业人力资源管理师 四级 理论知识", HR4, 90, List.of(sections));
    }

    /** The 100-item theory blueprint the benchmark and the performance claims refer to. */
    public static Blueprint hundredItemBlueprint() {
        return blueprint(
                new Section("s1", "一、单项选择题", ItemType.SINGLE_CHOICE, 60, BigDecimal.ONE, null, List.of(
                        new Constraint(Constraint.Kind.DIFFICULTY, "1", 5, 20),
                        new Constraint(Constraint.Kind.DIFFICULTY, "5", 2, 10),
                        new Constraint(Constraint.Kind.KNOWLEDGE_POINT, "HR4-01", 8, null),
                        new Constraint(Constraint.Kind.KNOWLEDGE_POINT, "HR4-02", 8, 20))),
                new Section("s2", "二、多项选择题", ItemType.MULTIPLE_CHOICE, 20, BigDecimal.ONE,
                        MultipleChoiceRule.PROPORTIONAL, List.of(
                        new Constraint(Constraint.Kind.KNOWLEDGE_POINT, "HR4-03", 3, null))),
                new Section("s3", "三、判断题", ItemType.TRUE_FALSE, 20, BigDecimal.ONE, null, List.of()));
    }
}
