package cn.examcore.proctor.misconduct;

/** 情节: for tier C only, which decides a 2-year (minor) or a 5-year ban with referral (serious). */
public enum Severity {
    MINOR,
    SERIOUS
}
