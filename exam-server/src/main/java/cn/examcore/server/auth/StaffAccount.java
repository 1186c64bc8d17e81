package cn.examcore.server.auth;

import java.util.Set;

/**
 * A staff login.
 *
 * @param username     login name
 * @param passwordHash Argon2id PHC string
 * @param role         administrator or proctor
 * @param roomIds      rooms a proctor may act on
 */
public record StaffAccount(String username, String passwordHash, Role role, Set<String> roomIds) {

    public StaffAccount {
        roomIds = Set.copyOf(roomIds);
    }
}
