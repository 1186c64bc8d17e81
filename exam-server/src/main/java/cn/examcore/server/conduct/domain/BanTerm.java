package cn.examcore.server.conduct.domain;

import java.time.LocalDate;
import java.time.Month;
import java.util.Optional;

/**
 * How long a tier's ban runs, counted from the sitting date. Held as data because the notices change from year
 * to year.
 *
 * @param kind  the rule
 * @param years for {@link Kind#YEARS}: the number of years (≥ 1); 0 otherwise
 */
public record BanTerm(Kind kind, int years) {

    /** The ways a ban's last day is found. */
    public enum Kind {
        /** No ban. */
        NONE,
        /** 当年不得参加评价: up to and including 31 December of the sitting's year. */
        REST_OF_YEAR,
        /**
         * N years: the ban ends the day before the same calendar date N years later, so the anniversary itself is
         * free. A 29 February sitting date maps to 28 February (so the ban ends on 27 February).
         */
        YEARS
    }

    public static final BanTerm NONE = new BanTerm(Kind.NONE, 0);
    public static final BanTerm REST_OF_YEAR = new BanTerm(Kind.REST_OF_YEAR, 0);

    public static BanTerm years(int years) {
        return new BanTerm(Kind.YEARS, years);
    }

    public BanTerm {
        DecisionException.require("banTerm.kind", kind);
        if (kind == Kind.YEARS && years < 1) {
            throw new DecisionException("banTerm.years", "a ban in years needs at least 1 year, got " + years);
        }
        if (kind != Kind.YEARS && years != 0) {
            throw new DecisionException("banTerm.years", "years apply to kind YEARS only, got " + years
                    + " for " + kind);
        }
    }

    /** The last banned day (inclusive) for a ban starting on {@code from}, or empty for {@link Kind#NONE}. */
    public Optional<LocalDate> lastDay(LocalDate from) {
        return switch (kind) {
            case NONE -> Optional.empty();
            case REST_OF_YEAR -> Optional.of(LocalDate.of(from.getYear(), Month.DECEMBER, 31));
            case YEARS -> Optional.of(from.plusYears(years).minusDays(1));
        };
    }
}
