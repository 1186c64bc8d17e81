package cn.examcore.bank.validate;

/** Errors reject the whole bank; warnings are reported and kept apart. */
public enum Severity {
    ERROR,
    WARNING
}
