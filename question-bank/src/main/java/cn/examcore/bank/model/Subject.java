package cn.examcore.bank.model;

import java.util.Arrays;
import java.util.Optional;

/** 科目: a separately passed part of an evaluation. */
public enum Subject {
    /** 理论知识. */
    THEORY("理论知识"),
    /** 操作技能. */
    OPERATION("操作技能");

    private final String chineseName;

    Subject(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    public static Optional<Subject> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values())
                .filter(v -> v.name().equalsIgnoreCase(t) || v.chineseName.equals(t))
                .findFirst();
    }
}
