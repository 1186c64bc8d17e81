package cn.examcore.bank.io.xlsx;

import cn.examcore.bank.io.format.Vocabulary;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The columns of the 题库 sheet, in template order. The template writes these headers and the reader finds
 * columns by them, so the two cannot drift apart.
 */
enum XlsxColumn {
    ID("题号", true, 14, "试题编号，在题库内唯一；文字或数字均可。"),
    TYPE("题型", true, 8, "单选、多选、判断、填空、简答、论述或操作。"),
    STEM("题干", true, 50, "题目正文（纯文本），保留换行。"),
    OPTION_A("选项A", false, 18, "选择题的选项A；选项须从A起连续填写，不可跳空。"),
    OPTION_B("选项B", false, 18, "选项B。"),
    OPTION_C("选项C", false, 18, "选项C。"),
    OPTION_D("选项D", false, 18, "选项D。"),
    OPTION_E("选项E", false, 18, "选项E。"),
    OPTION_F("选项F", false, 18, "选项F。"),
    OPTION_G("选项G", false, 18, "选项G。"),
    OPTION_H("选项H", false, 18, "选项H。"),
    ANSWER("答案", false, 16, "单选：如 B；多选：如 ACD 或 A,C,D；判断：对/错（也可写正确/错误、T/F、√/×）；"
            + "填空：各空之间用 || 分隔，同一空的多个可接受答案用 | 分隔，如 劳动合同|劳动协议||30。"),
    TOLERANCE("数值容差", false, 10, "填空题可选：数值型空的允许误差，如 0.5。填一个值时适用于答案全为数字的每个空；"
            + "也可按空分别填写，用 || 分隔。"),
    SCORE("分值", true, 8, "本题分值，如 1 或 2.5。"),
    MULTIPLE_RULE("多选规则", false, 12, "多选题可选：全对得分、按比例或少选得分；留空则用题库默认规则。"),
    KNOWLEDGE_POINT("知识点", false, 14, "知识点（鉴定要素）编码，如 HR4-02-03。"),
    DIFFICULTY("难度", true, 8, "1（最易）至 5（最难），或 易/较易/中/较难/难。"),
    OCCUPATION("职业", true, 20, "职业（工种）名称，与通知写法一致，如 企业人力资源管理师。"),
    LEVEL("等级", true, 8, "1 至 5，或 五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师。"),
    SUBJECT("科目", true, 10, "理论知识 或 操作技能。"),
    RUBRIC("评分要点", false, 36, "简答、论述、操作题：每个评分要点一行（或用 ; 分隔），格式为 要点描述=分值；各要点分值之和须等于本题分值。"),
    DELIVERABLES("交付文件类型", false, 14, "操作题：可提交的成果文件类型，如 docx,xlsx。"),
    ATTACHMENTS("附件", false, 18, "操作题可选：发给考生的题库资源名称，用逗号分隔。Excel 题库无法携带文件，"
            + "带附件的操作题请使用原生 JSON 格式。"),
    EXPLANATION("解析", false, 30, "可选：供评卷和报表使用的解析，不会向考生显示。"),
    SHUFFLE("选项乱序", false, 10, "单选、多选：是 或 否（默认 是），是否允许按考生打乱选项顺序。");

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
