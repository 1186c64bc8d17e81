package cn.examcore.proctor.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rules configuration that cannot be used; every problem names its key. */
public final class RulesConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    public RulesConfigException(String source, List<Problem> problems) {
        super((source == null ? "" : source + ": ") + problems.stream().map(Problem::toString)
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The keys at fault, in the order found. */
    public List<String> keys() {
        return problems.stream().map(Problem::key).toList();
    }

    /**
     * One bad key.
     *
     * @param key     the configuration key, or {@code (file)} when the file itself is at fault
     * @param message what is wrong with it
     */
    public record Problem(String key, String message) {
        @Override
        public String toString() {
            return "'" + key + "' " + message;
        }
    }
}
