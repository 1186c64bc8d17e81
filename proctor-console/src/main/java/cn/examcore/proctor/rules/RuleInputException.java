package cn.examcore.proctor.rules;

/**
 * An input the engine refuses, naming the input and the field at fault. The engine's state is unchanged when
 * this is thrown, so a live caller can log it and carry on with the next input.
 */
public final class RuleInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String location;

    public RuleInputException(String location, String problem) {
        super(location + ": " + problem);
        this.location = location;
    }

    /** Which input and field, e.g. {@code event e-17 (LEAVE_PERMITTED at seat R101-03) detail.until}. */
    public String location() {
        return location;
    }

    RuleInputException at(int index) {
        return new RuleInputException("inputs[" + index + "] " + location, getMessage().substring(
                location.length() + 2));
    }
}
