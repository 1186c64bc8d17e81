package cn.examcore.bank.assembly;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a paper cannot be assembled: the blueprint is invalid, or the bank cannot satisfy it. Carries
 * every problem found, not only the first, so an administrator can fix a blueprint or bank in one round.
 */
public class AssemblyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<AssemblyProblem> problems;

    /** @param problems at least one; the message lists them one per line */
    public AssemblyException(List<AssemblyProblem> problems) {
        super(problems.stream().map(AssemblyProblem::line).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an AssemblyException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in blueprint order. */
    public List<AssemblyProblem> problems() {
        return problems;
    }
}
