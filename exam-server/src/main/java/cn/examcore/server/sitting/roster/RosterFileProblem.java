package cn.examcore.server.sitting.roster;

/** A problem with a roster file as a whole; it ends reading and becomes the import's only error. */
final class RosterFileProblem extends Exception {

    private static final long serialVersionUID = 1L;

    RosterFileProblem(String message) {
        super(message, null, false, false);
    }

    static RosterFileProblem tooManyRows(RosterLimits limits) {
        return new RosterFileProblem("the roster has more than " + limits.maxRows() + " candidate rows; split it");
    }
}
