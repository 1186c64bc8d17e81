package cn.examcore.server.conduct.domain;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * 禁考核查: refuses an application while a ban runs for the applicant (evaluation-rules.md: a barred candidate may
 * not apply while the ban runs). Bans bind the person, so the occupation and level applied for do not matter.
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

    private final BanRegistry registry;

    public EligibilityCheck(BanRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public Result check(Application application) {
        Objects.requireNonNull(application, "application");
        return new Result(application, registry.activeBans(application.idNumber(), application.applicationDate()));
    }
}
