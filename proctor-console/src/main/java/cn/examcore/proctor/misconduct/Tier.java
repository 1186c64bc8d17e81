package cn.examcore.proctor.misconduct;

/** The three sanction tiers of 附件4 (参评人员须知), sections 二, 三 and 四. */
public enum Tier {
    /** 二: this subject's score of this sitting is cancelled; only after a reminder was refused (经提醒拒不改正). */
    A,
    /** 三: all subjects of this sitting cancelled; no evaluation for the rest of that year. */
    B,
    /** 四: all subjects of this sitting cancelled; barred 2 years (minor) or 5 years and referred (serious). */
    C
}
