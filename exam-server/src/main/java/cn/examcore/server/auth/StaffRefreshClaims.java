package cn.examcore.server.auth;

import java.time.Instant;

/**
 * A staff member's refresh token: it proves a sign-in and is good for one thing only, asking for a new access token
 * ({@code POST /api/staff/refresh}). Every staff route refuses it (a token of the wrong kind), so the long-lived token
 * never opens an API, and the short-lived access token a page holds ends within minutes of a revocation.
 *
 * @param username   the login name
 * @param generation the account's token generation at sign-in; a later change or logout of the account retires it
 * @param expiresAt  the end of the session: no access token outlives it
 */
public record StaffRefreshClaims(String username, long generation, String tokenId, Instant issuedAt,
                                 Instant expiresAt) implements Claims {
}
