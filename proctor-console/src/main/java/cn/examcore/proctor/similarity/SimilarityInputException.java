package cn.examcore.proctor.similarity;

import java.util.List;

/**
 * Input the detector cannot analyse. Carries every problem found, each naming where it is (which candidate,
 * which item, which option); nothing is analysed when one is thrown.
 */
public final class SimilarityInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public SimilarityInputException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each starting with its location. */
    public List<String> problems() {
        return problems;
    }
}
