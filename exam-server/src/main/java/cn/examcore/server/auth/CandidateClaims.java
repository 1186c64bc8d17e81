package cn.examcore.server.auth;

import java.time.Instant;

/**
 * A candidate's (考生) token, bound to one attempt and the seat the candidate logged in at.
 *
 * @param attemptId  the attempt the holder may read and answer
 * @param seatCode   the seat the token was issued for; a socket from another seat is refused
 * @param ticket     the admission-ticket number (准考证号), for logs and audit
 * @param generation the attempt's token generation at issue time; a proctor's seat change bumps the stored
 *                   generation so older tokens fail as {@link AuthException.Reason#STALE_TOKEN}
 */
public record CandidateClaims(String attemptId, String seatCode, String ticket, long generation,
                              String tokenId, Instant issuedAt, Instant expiresAt) implements Claims {
}
