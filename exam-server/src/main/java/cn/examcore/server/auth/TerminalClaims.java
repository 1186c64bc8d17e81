package cn.examcore.server.auth;

import java.time.Instant;

/**
 * An exam terminal's enrolment token: proves that staff enrolled this machine to a seat of a sitting.
 *
 * @param seatCode  the seat (考位) the terminal stands at, e.g. {@code R101-07}
 * @param sittingId the sitting (场次) the enrolment is for
 */
public record TerminalClaims(String seatCode, String sittingId,
                             String tokenId, Instant issuedAt, Instant expiresAt) implements Claims {
}
