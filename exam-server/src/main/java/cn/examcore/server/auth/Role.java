package cn.examcore.server.auth;

/**
 * What a staff member may do: administrators set sittings up, proctors (监考员) watch their rooms, markers and the
 * chief marker mark the essay and operation answers.
 */
public enum Role {
    /** 管理员: sittings, banks, rosters, results, every room. */
    ADMIN,
    /** 监考员: only the rooms named in the token. */
    PROCTOR,
    /**
     * 观察账号: a read-only service account, e.g. the proctor console's own: may read every room (the live stream,
     * rooms, attempts, events, objective answers) and may not act. It exists so that a deployable outside the
     * cluster can feed its rules engine without holding an administrator's powers or the token secret.
     */
    OBSERVER,
    /**
     * 评卷员: marks the scripts (阅卷) allocated to them, anonymised, and sees no one else's marks; no room, no
     * sitting set-up, no results.
     */
    MARKER,
    /**
     * 主评/仲裁: the chief marker opens a sitting's marking (markers, tolerances, the arbitration rule), sees every
     * script, mark and the progress, arbitrates scripts whose two marks differ beyond the tolerance and reopens a
     * marked script with a reason. A role of its own rather than a power of ADMIN: who sets a sitting up and who
     * judges its answers are kept apart, and a chief marker never marks as one of the two markers of a script.
     */
    CHIEF_MARKER;

    /** True when this role sees every room whatever its token's room list says. */
    public boolean seesEveryRoom() {
        return this == ADMIN || this == OBSERVER;
    }

    /** False for a role that may only read: the action endpoints refuse it. */
    public boolean mayAct() {
        return this != OBSERVER;
    }
}
