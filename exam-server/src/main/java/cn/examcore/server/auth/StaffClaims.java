package cn.examcore.server.auth;

import java.time.Instant;
import java.util.Set;

/**
 * A staff member's token: an administrator or a proctor scoped to rooms.
 *
 * @param username the login name
 * @param role     what the holder may do
 * @param roomIds  rooms a proctor may watch (administrators may see every room whatever this holds)
 * @param generation the account's token generation when the token was issued ({@code StaffAccounts#current})
 */
public record StaffClaims(String username, Role role, Set<String> roomIds,
                          String tokenId, Instant issuedAt, Instant expiresAt, long generation) implements Claims {

    public StaffClaims {
        roomIds = Set.copyOf(roomIds);
    }

    /**
     * True when this holder may see the given room (an observer sees every room); acting on it needs a role that
     * {@link Role#mayAct() may act} as well, which the route guards check before any action.
     */
    public boolean mayAccessRoom(String roomId) {
        return role.seesEveryRoom() || roomIds.contains(roomId);
    }
}
