package cn.examcore.server.auth;

/** What a staff member may do: administrators set sittings up, proctors (监考员) watch their rooms. */
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
    OBSERVER;

    /** True when this role sees every room whatever its token's room list says. */
    public boolean seesEveryRoom() {
        return this == ADMIN || this == OBSERVER;
    }

    /** False for a role that may only read: the action endpoints refuse it. */
    public boolean mayAct() {
        return this != OBSERVER;
    }
}
