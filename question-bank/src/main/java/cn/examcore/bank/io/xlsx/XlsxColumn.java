package cn.examcore.bank.io.xlsx;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The columns of the 题库 sheet, in template order. The template writes these headers and the reader finds
 * columns by them, so the two cannot drift apart.
 */
enum XlsxColumn {
    ID("题号", true, 14, "Item id, unique in the bank. Text or a number."),
    TYPE("题型", true, 8, "单选, 多选, 判断, 填空, 简答, 论述 or 操作."),
    STEM("题干", true, 50, "The question as plain text; line breaks are kept."),
    OPTION_A("选项A", false, 18, "Choice items: option A. Options run from A without gaps."),
    OPTION_B("选项B", false, 18, "Option B."),
    OPTION_C("选项C", false, 18, "Option C."),
    OPTION_D("选项D", false, 18, "Option D."),
    OPTION_E("选项E", false, 18, "Option E."),
    OPTION_F("选项F", false, 18, "Option F."),
    OPTION_G("选项G", false, 18, "Option G."),
    OPTION_H("选项H", false, 18, "Option H."),
    ANSWER("答案", false, 16, "单选: B. 多选: ACD or A,C,D. 判断: 对/错 (正确/错误, T/F, √/×). "
            + "填空: blanks separated by ||, alternatives within a blank by |, e.g. 劳动合同|劳动协议||30."),
    TOLERANCE("数值容差", false, 10, "填空, optional: tolerance of numeric blanks, e.g. 0.5. One value applies to "
            + "every blank whose answers are all numbers; or one per blank separated by ||."),
    SCORE("分值", true, 8, "Points of the item, e.g. 1 or 2.5."),
    MULTIPLE_RULE("多选规则", false, 12, "多选, optional: 全对得分, 按比例 or 少选得分; empty means the bank default."),
    KNOWLEDGE_POINT("知识点", false, 14, "Knowledge point (鉴定要素) code, e.g. HR4-02-03."),
    DIFFICULTY("难度", true, 8, "1 (easiest) to 5 (hardest), or 易/较易/中/较难/难."),
    OCCUPATION("职业", true, 20, "Occupation as the notices write it, e.g. 企业人力资源管理师."),
    LEVEL("等级", true, 8, "1 to 5, or 五级/初级工, 四级/中级工, 三级/高级工, 二级/技师, 一级/高级技师."),
    SUBJECT("科目", true, 10, "理论知识 or 操作技能."),
    RUBRIC("评分要点", false, 36, "简答, 论述, 操作: one point per line (or separated by ;) as description=points."),
    DELIVERABLES("交付文件类型", false, 14, "操作: accepted file types of the deliverable, e.g. docx,xlsx."),
    ATTACHMENTS("附件", false, 18, "操作, optional: names of bank resources handed to the candidate, separated by "
            + "commas. An Excel bank carries no files: use the native JSON format for tasks with attachments."),
    EXPLANATION("解析", false, 30, "Optional explanation for markers and reports; never shown to candidates."),
    SHUFFLE("选项乱序", false, 10, "单选, 多选: 是 or 否 (default 是): whether options may be shuffled.");

    static final List<XlsxColumn> OPTIONS = List.of(OPTION_A, OPTION_B, OPTION_C, OPTION_D, OPTION_E, OPTION_F,
            OPTION_G, OPTION_H);

    private final String header;
    private final boolean required;
    private final int width;
    private final String description;

    XlsxColumn(String header, boolean required, int width, String description) {
        this.header = header;
        this.required = required;
        this.width = width;
        this.description = description;
    }

    /** The Chinese header the template writes. */
    String header() {
        return header;
    }

    /** Whether the sheet must have this column (every item needs it, whatever its type). */
    boolean required() {
        return required;
    }

    /** Column width in characters. */
    int width() {
        return width;
    }

    String description() {
        return description;
    }

    /** Header text as typed, compared after folding full-width letters (选项Ａ) and white space. */
    static Optional<XlsxColumn> byHeader(String text) {
        String folded = Vocabulary.fold(text);
        return Arrays.stream(values()).filter(c -> c.header.equals(folded)).findFirst();
    }
}
