package cn.examcore.server.conduct.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * 禁考核查: refuses an application while a ban runs for the applicant (evaluation-rules.md: a barred candidate may
 * not apply while the ban runs). Bans bind the person, so the occupation and level applied for do not matter.
 * The bans come from the durable registry (a store); this class only judges them.
 */
public final class EligibilityCheck {

    /**
     * The answer for one application.
     *
     * @param application the application checked
     * @param blocking    the bans that refuse it; empty when it may go ahead
     */
    public record Result(Application application, List<Ban> blocking) {

        public Result {
            blocking = List.copyOf(blocking);
        }

        public boolean eligible() {
            return blocking.isEmpty();
        }

        /** Why the application is refused, naming every blocking ban; empty when eligible. */
        public String reason() {
            if (eligible()) {
                return "";
            }
            return "application on " + application.applicationDate() + " for " + application.occupation()
                    + " level " + application.level() + " is refused: the applicant is "
                    + blocking.stream().map(Ban::describe).collect(Collectors.joining("; and "));
        }
    }

    private EligibilityCheck() {
    }

    /**
     * Checks an application against bans on record: those of the applicant that are not lifted and run on the
     * application date refuse it, soonest-ending first. Other people's bans may be passed and are ignored.
     */
    public static Result check(Application application, Collection<BanOnRecord> onRecord) {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(onRecord, "onRecord");
        return new Result(application, onRecord.stream()
                .filter(b -> b.ban().idNumber().equals(application.idNumber()))
                .filter(b -> b.refusesOn(application.applicationDate()))
                .map(BanOnRecord::ban)
                .sorted(Comparator.comparing(Ban::until).thenComparing(Ban::decisionId))
                .toList());
    }
}
