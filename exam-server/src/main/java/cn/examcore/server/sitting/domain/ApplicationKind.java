package cn.examcore.server.sitting.domain;

import java.util.Locale;
import java.util.Optional;

/** 申报类型: how a roster row's evaluation was applied for, which decides what earlier results it may reuse. */
public enum ApplicationKind {
    /** 首次 (or a new full application): every subject of the level; earlier passes are forfeited. */
    FIRST("首次"),
    /** 补考: only the subjects failed in the previous evaluation, within the validity of its passes. */
    MAKEUP("补考"),
    /** 竞赛: a city skills competition's result, which cannot be made up. */
    COMPETITION("竞赛");

    private final String chineseName;

    ApplicationKind(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /** The kind a roster cell names, in Chinese or English (any case); empty for anything else. */
    public static Optional<ApplicationKind> parse(String text) {
        String t = text == null ? "" : text.strip();
        for (ApplicationKind k : values()) {
            if (k.chineseName.equals(t) || k.name().equals(t.toUpperCase(Locale.ROOT))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
