package cn.examcore.bank.validate;

import cn.examcore.bank.model.Bank;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Severity;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of importing a bank file: the bank only when there is no error (a bank with any error is
 * rejected whole), and every finding, errors and warnings, in file order.
 */
public record ImportResult(Optional<Bank> bank, List<Issue> issues) {

    public ImportResult {
        issues = List.copyOf(issues);
    }

    public List<Issue> errors() {
        return issues.stream().filter(i -> i.severity() == Severity.ERROR).toList();
    }

    public List<Issue> warnings() {
        return issues.stream().filter(i -> i.severity() == Severity.WARNING).toList();
    }

    public boolean accepted() {
        return bank.isPresent();
    }
}
