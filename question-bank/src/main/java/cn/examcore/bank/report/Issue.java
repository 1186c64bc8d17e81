package cn.examcore.bank.report;

/**
 * One validation finding: where, how bad, which rule, and a message an administrator can act on.
 *
 * @param severity error or warning
 * @param location file and place
 * @param rule     the rule broken
 * @param message  what is wrong, naming the offending value where that helps
 */
public record Issue(Severity severity, Location location, Rule rule, String message) {

    public static Issue error(Location location, Rule rule, String message) {
        return new Issue(Severity.ERROR, location, rule, message);
    }

    public static Issue warning(Location location, Rule rule, String message) {
        return new Issue(Severity.WARNING, location, rule, message);
    }

    /** The CLI's one-line form: location first. */
    public String line() {
        return location + ": " + severity.name().toLowerCase() + " " + rule.code() + ": " + message;
    }
}
