package cn.examcore.server.sitting.roster;

import java.util.List;

/**
 * The outcome of reading a roster file. All-or-nothing: when {@code errors} is not empty, {@code entries} is
 * empty, so a caller cannot half-apply a file by mistake.
 *
 * @param entries the candidates, in file order (only when there are no errors)
 * @param errors  every problem found, ordered by row then column
 */
public record RosterImport(List<RosterEntry> entries, List<RosterError> errors) {

    public RosterImport {
        entries = List.copyOf(entries);
        errors = List.copyOf(errors);
        if (!errors.isEmpty() && !entries.isEmpty()) {
            throw new IllegalArgumentException("a roster import with errors must not carry entries");
        }
    }

    /** True when the file was read without any problem and may be applied. */
    public boolean ok() {
        return errors.isEmpty();
    }
}
