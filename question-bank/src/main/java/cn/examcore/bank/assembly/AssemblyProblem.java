package cn.examcore.bank.assembly;

/**
 * One reason a paper cannot be assembled: a fault in the blueprint, or a shortfall of the bank against it.
 *
 * @param kind      what went wrong
 * @param place     where in the blueprint, as a JSON pointer ("/sections/1/constraints/0/min"), prefixed with
 *                  the file name when the blueprint came from a file; empty when the message names the section
 * @param sectionId the section concerned (several joined with ", " when sections share a pool), or null
 * @param constraint the constraint concerned, or null
 * @param required  how many items were needed (0 for blueprint faults)
 * @param available how many the bank could offer (0 for blueprint faults)
 * @param message   a sentence an administrator can act on, naming section, constraint and missing count
 */
public record AssemblyProblem(Kind kind, String place, String sectionId, Constraint constraint, int required,
                              int available, String message) {

    /** The categories of failure. */
    public enum Kind {
        /** The blueprint itself is wrong (missing field, count below 1, min above max …). */
        INVALID_BLUEPRINT,
        /** The bank holds fewer eligible items than a section or one of its constraints needs. */
        SHORTAGE,
        /** Each constraint can be met on its own, but the draw could not meet them all together. */
        CONFLICT,
        /** The bank cannot supply the requested number of item-disjoint parallel forms. */
        FORMS
    }

    public AssemblyProblem {
        place = place == null ? "" : place;
    }

    static AssemblyProblem invalid(String place, String sectionId, String message) {
        return new AssemblyProblem(Kind.INVALID_BLUEPRINT, place, sectionId, null, 0, 0, message);
    }

    /** How many items are missing; 0 for blueprint faults. */
    public int missing() {
        return Math.max(0, required - available);
    }

    /** The one-line form, location first as the CLI prints it. */
    public String line() {
        return place.isEmpty() ? message : place + ": " + message;
    }

    AssemblyProblem withPlacePrefix(String prefix) {
        String p = place.isEmpty() ? prefix : prefix + ": " + place;
        return new AssemblyProblem(kind, p, sectionId, constraint, required, available, message);
    }
}
