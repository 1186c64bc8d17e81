package cn.examcore.bank.report;

/** Errors reject the whole bank; warnings are reported and kept apart. */
public enum Severity {
    ERROR,
    WARNING
}
