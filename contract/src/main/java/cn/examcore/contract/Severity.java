package cn.examcore.contract;

/** 情节: for tier C only, which decides a 2-year (minor) or a 5-year ban with referral (serious). */
public enum Severity {
    MINOR("情节较轻"),
    SERIOUS("情节严重");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The wording on paper records such as the room report. */
    public String label() {
        return label;
    }
}
