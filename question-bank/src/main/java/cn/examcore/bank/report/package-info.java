/**
 * What an import reports: each {@code Issue} names a {@code Location} in the administrator's file, the
 * {@code Rule} broken and its {@code Severity}. Format readers and the validator both speak this vocabulary, so it
 * sits below both and depends on nothing else in the bank.
 */
package cn.examcore.bank.report;
