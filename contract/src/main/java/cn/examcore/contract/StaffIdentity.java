package cn.examcore.contract;

import java.util.List;

/**
 * 工作人员身份: what exam-server's {@code GET /api/staff/me} says about a staff token, so that a deployable without
 * the token secret (the proctor console) can tell who is calling and until when.
 *
 * @param username  the login name
 * @param role      {@code ADMIN}, {@code PROCTOR} or {@code OBSERVER} (a read-only service account)
 * @param roomIds   the rooms named in the token (what a proctor is scoped to)
 * @param everyRoom true when the role sees every room whatever {@code roomIds} holds (ADMIN, OBSERVER)
 * @param mayAct    false for a read-only role: every action endpoint refuses it
 * @param issuedAt  when the token was issued (epoch ms)
 * @param expiresAt when the token stops being accepted (epoch ms)
 */
public record StaffIdentity(String username, String role, List<String> roomIds, boolean everyRoom, boolean mayAct,
                            long issuedAt, long expiresAt) {

    public StaffIdentity {
        roomIds = roomIds == null ? List.of() : List.copyOf(roomIds);
    }
}
