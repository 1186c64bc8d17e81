package cn.examcore.server.results;

import java.time.LocalDate;

/**
 * 成绩有效期: how long a passed subject stays valid for a makeup (补考), from the sitting date: 2 years for levels
 * 5 to 3, 3 years for levels 2 and 1 (evaluation-rules.md, from both 2026 notices). The export and the candidate's
 * lookup show the last valid day.
 */
public final class ResultValidity {

    private ResultValidity() {
    }

    /** Years a passed subject of {@code level} (1 highest … 5 lowest) stays valid. */
    public static int years(int level) {
        if (level < 1 || level > 5) {
            throw new IllegalArgumentException("level must be 1…5, was " + level);
        }
        return level <= 2 ? 3 : 2;
    }

    /** The last day a subject passed on {@code sittingDate} at {@code level} is valid. */
    public static LocalDate lastValidDay(int level, LocalDate sittingDate) {
        return sittingDate.plusYears(years(level)).minusDays(1);
    }
}
