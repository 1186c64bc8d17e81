package cn.examcore.server.sitting.roster;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The columns of a roster file, with the headers each may carry (Chinese first, as the template writes it). */
public enum RosterColumn {
    /** 准考证号. */
    TICKET("ticket", true, "准考证号", "准考证", "ticket"),
    /** 身份证号. */
    ID_NUMBER("idNumber", true, "身份证号", "身份证号码", "证件号码", "idNumber", "id"),
    /** 姓名. */
    NAME("name", true, "姓名", "name"),
    /** 考场. */
    ROOM("room", true, "考场", "考场号", "room"),
    /** 座位号. */
    SEAT("seat", true, "座位号", "座位", "seat"),
    /** 科目. */
    SUBJECTS("subjects", true, "科目", "subjects", "subject"),
    /** 照片. */
    PHOTO("photoRef", false, "照片", "photo", "photoRef"),
    /** 评价编号: the evaluation the row belongs to, shared by the rows of its theory and operation sittings. */
    EVALUATION("evaluation", false, "评价编号", "evaluation", "evaluationId"),
    /** 申报类型: 首次, 补考 or 竞赛. */
    APPLICATION("application", false, "申报类型", "application"),
    /** 评价机构: the evaluation body whose rules apply. */
    BODY("body", false, "评价机构", "body"),
    /** 延时百分比: extra time in percent of the paper's time (照顾延时). */
    EXTRA_PERCENT("extraTimePercent", false, "延时百分比", "extraTimePercent", "extraPercent"),
    /** 延时分钟: extra time in whole minutes. */
    EXTRA_MINUTES("extraTimeMinutes", false, "延时分钟", "extraTimeMinutes", "extraMinutes"),
    /** 延时批准人: who approved the extra time; required when a row grants some. */
    APPROVED_BY("approvedBy", false, "延时批准人", "approvedBy");

    /** Headers accepted and ignored: a running number and free remarks are common in hand-made sheets. */
    static final List<String> IGNORED_HEADERS = List.of("序号", "no", "no.", "#", "备注", "remarks", "remark", "note");

    private final String field;
    private final boolean required;
    private final List<String> headers;

    RosterColumn(String field, boolean required, String... headers) {
        this.field = field;
        this.required = required;
        this.headers = List.of(headers);
    }

    /** The field name errors report ({@code ticket}, {@code idNumber}, …). */
    public String field() {
        return field;
    }

    /** True when the column must be present and every row must fill it. */
    public boolean required() {
        return required;
    }

    /** The header the template writes. */
    public String chineseHeader() {
        return headers.get(0);
    }

    /** The English header documented for this column. */
    public String englishHeader() {
        return headers.stream().filter(h -> h.chars().allMatch(ch -> ch < 128)).findFirst().orElseThrow();
    }

    /** Every header this column is recognised by (English ones case-insensitively). */
    public List<String> headers() {
        return headers;
    }

    /** The column a header names, if any. */
    public static Optional<RosterColumn> byHeader(String header) {
        String h = normaliseHeader(header);
        for (RosterColumn c : values()) {
            for (String candidate : c.headers) {
                if (candidate.toLowerCase(Locale.ROOT).equals(h)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    static boolean isIgnoredHeader(String header) {
        return IGNORED_HEADERS.contains(normaliseHeader(header));
    }

    static String normaliseHeader(String header) {
        // Templates often mark required columns with '*' and people type full-width spaces or NBSPs.
        String h = header == null ? "" : header.replace('\u00a0', ' ').replace("*", "").replace("＊", "");
        return h.strip().toLowerCase(Locale.ROOT);
    }
}
