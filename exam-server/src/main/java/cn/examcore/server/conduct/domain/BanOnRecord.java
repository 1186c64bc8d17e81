package cn.examcore.server.conduct.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A ban of the ban registry (禁考名册) as it stands: the ban and, once lifted (解除禁考), its lift. Both stay on
 * record; a lifted ban refuses nobody.
 *
 * @param ban  the ban as decided
 * @param lift null while the ban runs its course
 */
public record BanOnRecord(Ban ban, BanLift lift) {

    public BanOnRecord {
        Objects.requireNonNull(ban, "ban");
        if (lift != null && !lift.decisionId().equals(ban.decisionId())) {
            throw new DecisionException("lift.decisionId", "lift of decision " + lift.decisionId()
                    + " does not belong to the ban of decision " + ban.decisionId());
        }
    }

    public boolean lifted() {
        return lift != null;
    }

    /** Whether the ban refuses an application on {@code day}: not lifted, and {@code day} within its term. */
    public boolean refusesOn(LocalDate day) {
        return !lifted() && ban.activeOn(day);
    }
}
