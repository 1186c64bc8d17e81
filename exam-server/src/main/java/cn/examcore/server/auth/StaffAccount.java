package cn.examcore.server.auth;

import java.util.Set;

/**
 * A staff login.
 *
 * @param username     login name
 * @param passwordHash Argon2id PHC string
 * @param role         administrator or proctor
 * @param roomIds      rooms a proctor may act on
 * @param tokenGeneration bumped by every change of the account and every logout: a token of an older generation is
 *                        refused
 */
public record StaffAccount(String username, String passwordHash, Role role, Set<String> roomIds,
                           long tokenGeneration) {

    public StaffAccount {
        roomIds = Set.copyOf(roomIds);
    }

    /** An account as an administrator sets it; the store decides its generation. */
    public StaffAccount(String username, String passwordHash, Role role, Set<String> roomIds) {
        this(username, passwordHash, role, roomIds, 0);
    }
}
