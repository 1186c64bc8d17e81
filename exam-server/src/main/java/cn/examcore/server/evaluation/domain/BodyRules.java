package cn.examcore.server.evaluation.domain;

import cn.examcore.bank.model.Subject;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 评价机构规则: one evaluation body's rules on results, held as data because the notices say they change (see
 * {@code evaluation-bodies.json}).
 *
 * @param body                      the body's name, e.g. 上海市技师协会
 * @param validityYearsLevels5to3   how long a passed subject stays valid at levels 5, 4 and 3
 * @param validityYearsLevels2to1   the same at levels 2 and 1
 * @param allFailedMeansFullAttempt when every subject failed, the next attempt is a full first attempt, not a
 *                                  makeup (上海市健康促进协会)
 * @param competitionMakeupAllowed  whether a failed competition (竞赛) result may be made up (never, so far)
 * @param offerings                 the occupations and levels the body evaluates, with their subjects
 */
public record BodyRules(String body, int validityYearsLevels5to3, int validityYearsLevels2to1,
                        boolean allFailedMeansFullAttempt, boolean competitionMakeupAllowed,
                        List<Offering> offerings) {

    /**
     * An occupation (职业) the body evaluates.
     *
     * @param occupation the occupation as the notices write it
     * @param levels     the levels offered
     * @param subjects   the subjects every level of it needs
     */
    public record Offering(String occupation, List<Integer> levels, List<Subject> subjects) {

        public Offering {
            levels = List.copyOf(levels);
            subjects = List.copyOf(subjects);
        }
    }

    public BodyRules {
        Objects.requireNonNull(body, "body");
        if (validityYearsLevels5to3 < 1 || validityYearsLevels2to1 < 1) {
            throw new IllegalArgumentException("validity of body " + body + " must be at least one year");
        }
        offerings = List.copyOf(offerings);
    }

    /** How many years a pass at this level stays valid. */
    public int validityYears(int level) {
        return level >= 3 ? validityYearsLevels5to3 : validityYearsLevels2to1;
    }

    /** The last day a subject passed on {@code passedOn} at this level still counts. */
    public LocalDate validUntil(int level, LocalDate passedOn) {
        return passedOn.plusYears(validityYears(level)).minusDays(1);
    }

    /** The subjects of an occupation and level the body offers; empty when it offers no such thing. */
    public Optional<List<Subject>> subjects(String occupation, int level) {
        return offerings.stream().filter(o -> o.occupation().equals(occupation) && o.levels().contains(level))
                .findFirst().map(Offering::subjects);
    }
}
