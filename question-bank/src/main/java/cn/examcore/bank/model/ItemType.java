package cn.examcore.bank.model;

import java.util.Arrays;
import java.util.Optional;

/** 题型: the kind of an item, which decides its shape, its key and whether a machine can score it. */
public enum ItemType {
    /** 单选: one correct option. */
    SINGLE_CHOICE("单选", true),
    /** 多选: two or more correct options, scored by a {@link MultipleChoiceRule}. */
    MULTIPLE_CHOICE("多选", true),
    /** 判断: true or false. */
    TRUE_FALSE("判断", true),
    /** 填空: one or more blanks, each with normalised accepted alternatives. */
    FILL_IN("填空", true),
    /** 简答: short answer, marked by people against rubric points. */
    SHORT_ANSWER("简答", false),
    /** 论述: essay, marked by people against rubric points. */
    ESSAY("论述", false),
    /** 操作题: operation task with instructions, attachments and an expected deliverable; marked by people. */
    OPERATION("操作", false);

    private final String chineseName;
    private final boolean machineScored;

    ItemType(String chineseName, boolean machineScored) {
        this.chineseName = chineseName;
        this.machineScored = machineScored;
    }

    /** The Chinese name used in the Excel template and on candidate pages (单选, 多选 …). */
    public String chineseName() {
        return chineseName;
    }

    /** True when a submission can be scored at once; false when the answer goes to human marking. */
    public boolean machineScored() {
        return machineScored;
    }

    public boolean hasOptions() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }

    /** Looks a type up by its enum name (any case) or its Chinese name, with or without the 题 suffix. */
    public static Optional<ItemType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.endsWith("题")) {
            t = t.substring(0, t.length() - 1);
        }
        String candidate = t;
        return Arrays.stream(values())
                .filter(v -> v.name().equalsIgnoreCase(candidate) || v.chineseName.equals(candidate)
                        || (v == OPERATION && candidate.equals("操作技能")))
                .findFirst();
    }
}
