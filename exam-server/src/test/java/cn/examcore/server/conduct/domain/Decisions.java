package cn.examcore.server.conduct.domain;

import cn.examcore.contract.Evaluation;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Test fixtures: valid decisions that a test changes one field of. Public, because the proctor console's review tests
 * use the same fixtures through exam-server's test jar.
 */
public final class Decisions {

    public static final String ID_NUMBER = "31010419900307123X";
    public static final String OTHER_ID_NUMBER = "310115198511224567";
    public static final CandidateIdentity CANDIDATE = new CandidateIdentity(ID_NUMBER, "张三", "T2026110700123");
    public static final FlagRef FLAG = new FlagRef(FlagRef.Source.RULES, "flag-1");
    public static final String THEORY = "理论知识";
    public static final String OPERATION = "操作技能";

    private Decisions() {
    }

    public static Instant shanghai(LocalDate date, int hour) {
        return date.atTime(LocalTime.of(hour, 0)).atZone(Evaluation.ZONE).toInstant();
    }

    public static SittingSubject sitting(LocalDate date) {
        return new SittingSubject("S-2026-11", THEORY, date);
    }

    public static Decision confirmed(String id, MisconductCode category, Severity severity, LocalDate sittingDate) {
        return new Decision(id, "proctor.li", shanghai(sittingDate, 10), FLAG, category, severity, CANDIDATE,
                sitting(sittingDate), List.of("e-1", "e-2"), "seen by the proctor", false, Outcome.CONFIRMED);
    }

    public static Decision confirmedAfterSitting(String id, MisconductCode category, Severity severity,
                                          LocalDate sittingDate, LocalDate foundOn) {
        return new Decision(id, "admin.wang", shanghai(foundOn, 15), null, category, severity, CANDIDATE,
                sitting(sittingDate), List.of(), "found in a post-exam review", true, Outcome.CONFIRMED);
    }

    public static Decision dismissed(String id, MisconductCode category, LocalDate sittingDate, int hour) {
        return new Decision(id, "proctor.li", shanghai(sittingDate, hour), FLAG, category, null, CANDIDATE,
                sitting(sittingDate), List.of("e-1"), "the candidate had permission to leave", false,
                Outcome.DISMISSED);
    }
}
