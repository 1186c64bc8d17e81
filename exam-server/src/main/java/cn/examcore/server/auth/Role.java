package cn.examcore.server.auth;

/** What a staff member may do: administrators set sittings up, proctors (监考员) watch their rooms. */
public enum Role {
    /** 管理员: sittings, banks, rosters, results, every room. */
    ADMIN,
    /** 监考员: only the rooms named in the token. */
    PROCTOR
}
