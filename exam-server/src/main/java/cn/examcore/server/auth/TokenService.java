package cn.examcore.server.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Issues and verifies the kinds of bearer token (JWT, HS256 through vertx-auth-jwt): staff access tokens
 * (administrators, proctors, observers; minutes long), staff refresh tokens (the sign-in that renews them),
 * candidates (bound to an attempt and a seat) and terminals (a machine enrolled to a seat).
 *
 * <p>The signature is checked by the library; times are checked here against the injected {@link Clock}, so
 * tests can expire a token without waiting and every node judges expiry by the same rule. Every token carries
 * a {@code kind} claim, and verification with an expected kind refuses the others: a terminal token never opens
 * a staff API even though both are signed with the same key.
 *
 * <p>All failures are {@link AuthException}s: {@code BAD_TOKEN} (malformed, forged, not ours),
 * {@code STALE_TOKEN} (expired or superseded), {@code WRONG_KIND}.
 */
public final class TokenService {

    /** Smallest accepted HS256 secret: the key must be at least as long as the hash output. */
    public static final int MIN_SECRET_BYTES = 32;
    /** Default lifetime of a terminal enrolment: enrol the day before, still valid through a long sitting day. */
    public static final Duration DEFAULT_TERMINAL_TTL = Duration.ofHours(48);
    /** Clock difference between nodes tolerated on {@code iat}. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    static final String ISSUER = "examcore";

    private final JWTAuth jwt;
    private final Clock clock;

    /**
     * @param vertx  the Vert.x instance (vertx-auth-jwt needs it)
     * @param secret the shared HS256 secret from config, at least {@value #MIN_SECRET_BYTES} bytes in UTF-8;
     *               every node of a cluster must use the same one
     * @param clock  the time source for issuing and expiry
     * @throws IllegalArgumentException when the secret is missing or too short
     */
    public TokenService(Vertx vertx, String secret, Clock clock) {
        Objects.requireNonNull(vertx, "vertx");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("token secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (UTF-8); generate one with e.g. `openssl rand -base64 48`");
        }
        if (secret.chars().distinct().count() < 8) {
            throw new IllegalArgumentException("token secret is too repetitive to be a random key");
        }
        // Expiry is ours (injected clock); the library still checks signature, algorithm and issuer.
        JWTOptions verifyOptions = new JWTOptions().setIgnoreExpiration(true).setIssuer(ISSUER);
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
                .setJWTOptions(verifyOptions));
    }

    /** A service on the system clock. */
    public TokenService(Vertx vertx, String secret) {
        this(vertx, secret, Clock.systemUTC());
    }

    /** A staff token of generation 0 (tests; {@link #issueStaff(String, Role, Set, long, Duration)} for logins). */
    public String issueStaff(String username, Role role, Set<String> roomIds, Duration ttl) {
        return issueStaff(username, role, roomIds, 0, ttl);
    }

    /**
     * A staff token.
     *
     * @param generation the account's token generation now: the token stops working when it moves on (a change of
     *                   the account, a logout)
     */
    public String issueStaff(String username, Role role, Set<String> roomIds, long generation, Duration ttl) {
        return issueStaffAccess(username, role, roomIds, generation, ttl).token();
    }

    /** As {@link #issueStaff(String, Role, Set, long, Duration)}, with the instant the token expires. */
    public Issued issueStaffAccess(String username, Role role, Set<String> roomIds, long generation, Duration ttl) {
        requireText(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(roomIds, "roomIds");
        JsonArray rooms = new JsonArray();
        for (String room : new LinkedHashSet<>(roomIds)) {
            rooms.add(requireText(room, "roomIds element"));
        }
        return signed(Kind.STAFF, username, ttl, new JsonObject().put("role", role.name()).put("rooms", rooms)
                .put("gen", generation));
    }

    /**
     * A staff refresh token: renews access tokens until {@code ttl} ends (the session), while the account stays at
     * {@code generation}. It opens no API itself.
     */
    public Issued issueStaffRefresh(String username, long generation, Duration ttl) {
        requireText(username, "username");
        return signed(Kind.STAFF_REFRESH, username, ttl, new JsonObject().put("gen", generation));
    }

    /** A token with the instant its {@code exp} names (whole seconds, as a verifier reads it). */
    public record Issued(String token, Instant expiresAt) {
    }

    /** A candidate token of generation 0 (see {@link #issueCandidate(String, String, String, long, Duration)}). */
    public String issueCandidate(String attemptId, String seatCode, String ticket, Duration ttl) {
        return issueCandidate(attemptId, seatCode, ticket, 0, ttl);
    }

    /**
     * A candidate token bound to an attempt and a seat.
     *
     * @param generation the attempt's current token generation; bump the stored value when a proctor moves the
     *                   candidate, and pass a check to {@link #verify(String, Class, Function)} that compares it
     */
    public String issueCandidate(String attemptId, String seatCode, String ticket, long generation, Duration ttl) {
        requireText(attemptId, "attemptId");
        requireText(seatCode, "seatCode");
        requireText(ticket, "ticket");
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative, was " + generation);
        }
        return sign(Kind.CANDIDATE, attemptId, ttl,
                new JsonObject().put("seat", seatCode).put("ticket", ticket).put("gen", generation));
    }

    /** A terminal enrolment token valid for {@link #DEFAULT_TERMINAL_TTL}. */
    public String issueTerminal(String seatCode, String sittingId) {
        return issueTerminal(seatCode, sittingId, DEFAULT_TERMINAL_TTL);
    }

    /** A terminal enrolment token: proves staff enrolled this machine to {@code seatCode} for the sitting. */
    public String issueTerminal(String seatCode, String sittingId, Duration ttl) {
        requireText(seatCode, "seatCode");
        requireText(sittingId, "sittingId");
        return sign(Kind.TERMINAL, seatCode, ttl, new JsonObject().put("sitting", sittingId));
    }

    /** Verifies signature, issuer and time, and decodes the claims of whatever kind the token is. */
    public Future<Claims> verify(String token) {
        if (token == null || token.isBlank()) {
            return Future.failedFuture(new AuthException(AuthException.Reason.BAD_TOKEN, "no token"));
        }
        Future<io.vertx.ext.auth.User> user;
        try {
            user = jwt.authenticate(new TokenCredentials(token));
        } catch (RuntimeException e) {
            // The library reads some claims itself and may throw instead of failing (e.g. an exp that is text):
            // whatever it cannot read is a token refused, never an internal error.
            user = Future.failedFuture(e);
        }
        return user
                .recover(e -> Future.failedFuture(
                        new AuthException(AuthException.Reason.BAD_TOKEN, "token refused: " + e.getMessage())))
                .compose(u -> {
                    try {
                        JsonObject payload = u.attributes().getJsonObject("accessToken", u.principal());
                        return Future.succeededFuture(decode(payload));
                    } catch (AuthException e) {
                        return Future.failedFuture(e);
                    } catch (RuntimeException e) {
                        return Future.failedFuture(bad("token refused: a claim has the wrong type"));
                    }
                });
    }

    /** As {@link #verify(String)}, and fails with {@code WRONG_KIND} unless the token is of {@code kind}. */
    public <T extends Claims> Future<T> verify(String token, Class<T> kind) {
        Objects.requireNonNull(kind, "kind");
        return verify(token).compose(claims -> kind.isInstance(claims)
                ? Future.succeededFuture(kind.cast(claims))
                : Future.failedFuture(new AuthException(AuthException.Reason.WRONG_KIND,
                        "expected a " + Kind.of(kind).claim + " token, got a " + Kind.of(claims.getClass()).claim
                                + " token")));
    }

    /**
     * As {@link #verify(String, Class)}, then asks {@code isCurrent} (e.g. "is the claimed generation still the
     * attempt's generation?") and fails with {@code STALE_TOKEN} when it answers false.
     */
    public <T extends Claims> Future<T> verify(String token, Class<T> kind,
                                               Function<? super T, Future<Boolean>> isCurrent) {
        Objects.requireNonNull(isCurrent, "isCurrent");
        return verify(token, kind).compose(claims -> isCurrent.apply(claims).compose(current ->
                Boolean.TRUE.equals(current)
                        ? Future.succeededFuture(claims)
                        : Future.failedFuture(new AuthException(AuthException.Reason.STALE_TOKEN,
                                "token has been superseded (" + claims.tokenId() + ")"))));
    }

    private String sign(Kind kind, String subject, Duration ttl, JsonObject claims) {
        return signed(kind, subject, ttl, claims).token();
    }

    private Issued signed(Kind kind, String subject, Duration ttl, JsonObject claims) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero() || ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("ttl must be at least one second, was " + ttl);
        }
        long now = clock.instant().getEpochSecond();
        JsonObject payload = claims.copy()
                .put("kind", kind.claim)
                .put("sub", subject)
                .put("iss", ISSUER)
                .put("jti", UUID.randomUUID().toString())
                .put("iat", now)
                .put("exp", Math.addExact(now, ttl.toSeconds()));
        // iat/exp come from our clock, not the library's.
        return new Issued(jwt.generateToken(payload, new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true)),
                Instant.ofEpochSecond(payload.getLong("exp")));
    }

    private Claims decode(JsonObject p) {
        Kind kind = Kind.ofClaim(p.getValue("kind"));
        String subject = text(p, "sub");
        String tokenId = text(p, "jti");
        Instant issuedAt = Instant.ofEpochSecond(number(p, "iat"));
        Instant expiresAt = Instant.ofEpochSecond(number(p, "exp"));
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt)) {
            throw new AuthException(AuthException.Reason.STALE_TOKEN, "token expired at " + expiresAt);
        }
        if (issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new AuthException(AuthException.Reason.STALE_TOKEN, "token issued in the future (" + issuedAt + ")");
        }
        return switch (kind) {
            case STAFF -> new StaffClaims(subject, role(p), rooms(p), tokenId, issuedAt, expiresAt, number(p, "gen"));
            case STAFF_REFRESH -> new StaffRefreshClaims(subject, number(p, "gen"), tokenId, issuedAt, expiresAt);
            case CANDIDATE -> new CandidateClaims(subject, text(p, "seat"), text(p, "ticket"), number(p, "gen"),
                    tokenId, issuedAt, expiresAt);
            case TERMINAL -> new TerminalClaims(subject, text(p, "sitting"), tokenId, issuedAt, expiresAt);
        };
    }

    private static Role role(JsonObject p) {
        String role = text(p, "role");
        try {
            return Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            throw bad("unknown role '" + role + "'");
        }
    }

    private static Set<String> rooms(JsonObject p) {
        if (!(p.getValue("rooms") instanceof JsonArray rooms)) {
            throw bad("claim 'rooms' missing");
        }
        Set<String> result = new LinkedHashSet<>();
        for (Object room : rooms) {
            if (!(room instanceof String s)) {
                throw bad("claim 'rooms' holds a non-text element");
            }
            result.add(s);
        }
        return result;
    }

    private static String text(JsonObject p, String claim) {
        if (!(p.getValue(claim) instanceof String s) || s.isBlank()) {
            throw bad("claim '" + claim + "' missing");
        }
        return s;
    }

    private static long number(JsonObject p, String claim) {
        Object value = p.getValue(claim);
        if (value == null) {
            throw bad("claim '" + claim + "' missing");
        }
        if (!(value instanceof Number n)) {
            throw bad("claim '" + claim + "' must be a number of seconds, not " + value.getClass().getSimpleName());
        }
        return n.longValue();
    }

    private static AuthException bad(String message) {
        return new AuthException(AuthException.Reason.BAD_TOKEN, message);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    private enum Kind {
        STAFF("staff", StaffClaims.class),
        STAFF_REFRESH("staff-refresh", StaffRefreshClaims.class),
        CANDIDATE("candidate", CandidateClaims.class),
        TERMINAL("terminal", TerminalClaims.class);

        final String claim;
        final Class<? extends Claims> type;

        Kind(String claim, Class<? extends Claims> type) {
            this.claim = claim;
            this.type = type;
        }

        static Kind ofClaim(Object claim) {
            for (Kind k : values()) {
                if (k.claim.equals(claim)) {
                    return k;
                }
            }
            throw bad("unknown token kind '" + claim + "'");
        }

        static Kind of(Class<?> type) {
            for (Kind k : values()) {
                if (k.type.isAssignableFrom(type)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("not a token kind: " + type.getName());
        }
    }
}
