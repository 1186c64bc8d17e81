package cn.examcore.server.results;

/** How a candidate's attempt at one subject ended, with the label the export shows. */
public enum ResultStatus {
    /** 已交卷: the candidate submitted. */
    SUBMITTED("已交卷"),
    /** 到时自动交卷: the server submitted at the deadline. */
    AUTO_SUBMITTED("到时自动交卷"),
    /** 缺考: the candidate never started. */
    ABSENT("缺考"),
    /** 成绩取消: the score was cancelled by a misconduct decision. */
    CANCELLED("成绩取消");

    private final String chineseLabel;

    ResultStatus(String chineseLabel) {
        this.chineseLabel = chineseLabel;
    }

    /** The label written to exports. */
    public String chineseLabel() {
        return chineseLabel;
    }
}
