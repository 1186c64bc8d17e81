package cn.examcore.server.auth;

import java.time.Instant;

/**
 * What a verified token says. One record per token kind, so a handler switches over the kind instead of
 * reading loosely typed JSON.
 */
public sealed interface Claims permits StaffClaims, StaffRefreshClaims, CandidateClaims, TerminalClaims {

    /** Unique id of this token ({@code jti}), for audit records and revocation lists. */
    String tokenId();

    /** When the token was issued. */
    Instant issuedAt();

    /** When the token stops being accepted. */
    Instant expiresAt();
}
