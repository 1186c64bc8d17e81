package cn.examcore.server.sitting.domain;

import cn.examcore.bank.model.Subject;

/**
 * 考次/场次: one timed sitting of one subject for one occupation and level. A candidate with two subjects sits
 * two sittings (theory and operation are separate sessions).
 *
 * @param id              sitting id
 * @param title           shown on the candidate page
 * @param occupation      职业, as the notices write it
 * @param level           等级 1..5
 * @param subject         科目
 * @param t0              scheduled start (epoch ms)
 * @param durationMinutes the paper's time
 * @param checkInMinutes  how long before T0 candidates may log in and fetch the encrypted paper
 * @param passMark        pass mark out of 100
 * @param enrolmentPin    the PIN staff type when binding a terminal to a seat (secret)
 * @param releasedAt      when an administrator released the key before T0, 0 when not
 * @param bankId          the bank papers are drawn from, null until attached
 * @param blueprintJson   the attached blueprint as given, null until attached
 * @param assembledAt     when papers were assembled, 0 when not yet
 */
public record Sitting(String id, String title, String occupation, int level, Subject subject, long t0,
                      int durationMinutes, int checkInMinutes, int passMark, String enrolmentPin, long releasedAt,
                      String bankId, String blueprintJson, long assembledAt) {

    /** When terminals may start logging candidates in. */
    public long checkInOpensAt() {
        return t0 - checkInMinutes * 60_000L;
    }

    /** When the clock actually starts: T0, or the earlier release. */
    public long startAt() {
        return releasedAt > 0 && releasedAt < t0 ? releasedAt : t0;
    }

    public long durationSeconds() {
        return durationMinutes * 60L;
    }

    /** True once the key may be given to the seats. */
    public boolean started(long now) {
        return now >= startAt();
    }

    public Sitting withRelease(long at) {
        return new Sitting(id, title, occupation, level, subject, t0, durationMinutes, checkInMinutes, passMark,
                enrolmentPin, at, bankId, blueprintJson, assembledAt);
    }

    public Sitting withBlueprint(String bank, String blueprint) {
        return new Sitting(id, title, occupation, level, subject, t0, durationMinutes, checkInMinutes, passMark,
                enrolmentPin, releasedAt, bank, blueprint, assembledAt);
    }

    public Sitting withAssembledAt(long at) {
        return new Sitting(id, title, occupation, level, subject, t0, durationMinutes, checkInMinutes, passMark,
                enrolmentPin, releasedAt, bankId, blueprintJson, at);
    }
}
