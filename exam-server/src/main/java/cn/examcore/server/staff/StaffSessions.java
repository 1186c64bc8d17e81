package cn.examcore.server.staff;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.PasswordChecks;
import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.auth.StaffRefreshClaims;
import cn.examcore.server.auth.Throttles;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.common.ExamException;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * 工作人员登录: staff sign-ins. A sign-in yields a short-lived access token, which every staff route takes, and a
 * refresh token, which only renews it. The access token is short so that what a revocation does not reach at once
 * ends soon: a live stream opened with a token, a token copied from a page. The account's token generation
 * retires both kinds together: a password, role or room change and a logout end the sign-in on every node, and the
 * next renewal is refused.
 */
public final class StaffSessions {

    /**
     * What a sign-in or a renewal hands the page.
     *
     * @param accessToken     the bearer token of every staff route
     * @param accessExpiresAt when it stops working (epoch ms): renew before
     * @param refreshToken    renews the access token ({@code POST /api/staff/refresh}); null on a renewal, where the
     *                        page keeps the one it has
     * @param sessionEndsAt   when the sign-in ends (epoch ms): no access token outlives it
     */
    public record Session(String username, String role, String accessToken, long accessExpiresAt,
                          String refreshToken, long sessionEndsAt) {
    }

    private final StaffAccounts accounts;
    private final TokenService tokens;
    private final PasswordChecks passwords;
    private final Throttles throttles;
    private final LongSupplier clock;
    private final Duration accessTtl;
    private final Duration sessionTtl;

    public StaffSessions(StaffAccounts accounts, TokenService tokens, PasswordChecks passwords, Throttles throttles,
                         LongSupplier clock, Duration accessTtl, Duration sessionTtl) {
        if (accessTtl.compareTo(sessionTtl) > 0) {
            throw new IllegalArgumentException("an access token (" + accessTtl + ") cannot outlive its session ("
                    + sessionTtl + ")");
        }
        this.accounts = accounts;
        this.tokens = tokens;
        this.passwords = passwords;
        this.throttles = throttles;
        this.clock = clock;
        this.accessTtl = accessTtl;
        this.sessionTtl = sessionTtl;
    }

    /**
     * Signs in. Wrong passwords are throttled per account and client address, and per address: someone guessing
     * elsewhere never locks the real user out, and the right password costs no try.
     */
    public Future<Session> login(String username, String password, String clientAddress) {
        return throttles.attempt(List.of(
                        new Throttles.Key(Throttles.Kind.STAFF_ACCOUNT_ADDRESS, username, clientAddress),
                        new Throttles.Key(Throttles.Kind.STAFF_ADDRESS, clientAddress)))
                .compose(attempt -> accounts.account(username).compose(account -> (account.isPresent()
                        ? passwords.verify(password, account.get().passwordHash())
                        : passwords.verifyUnknownUser(password))
                        .compose(ok -> {
                            if (!ok) {
                                attempt.failed();
                                return Future.failedFuture(new ExamException(ErrorType.BAD_CREDENTIALS,
                                        "user name or password is wrong"));
                            }
                            StaffAccount a = account.get();
                            TokenService.Issued refresh = tokens.issueStaffRefresh(a.username(),
                                    a.tokenGeneration(), sessionTtl);
                            return access(a, refresh.expiresAt(), refresh.token());
                        })));
    }

    /**
     * A new access token for the sign-in behind {@code refreshToken}, with the account's role and rooms as they are
     * now. Refused (401) when the token is not a refresh token, has expired, or the account changed, logged out or
     * was removed since the sign-in.
     */
    public Future<Session> refresh(String refreshToken) {
        return tokens.verify(refreshToken, StaffRefreshClaims.class, accounts::current)
                .compose(claims -> accounts.account(claims.username()).compose(account -> {
                    if (account.isEmpty()) {
                        return Future.failedFuture(new ExamException(ErrorType.UNAUTHORIZED,
                                "the account of this sign-in no longer exists; log in again"));
                    }
                    return access(account.get(), claims.expiresAt(), null);
                }));
    }

    /** Logs the user out everywhere: every access and refresh token of the account stops working. */
    public Future<Boolean> logout(String username) {
        return accounts.logout(username);
    }

    private Future<Session> access(StaffAccount a, Instant sessionEnds, String refresh) {
        // Whole seconds, as tokens count them; never beyond the session.
        long seconds = Math.min(accessTtl.toSeconds(), (sessionEnds.toEpochMilli() - clock.getAsLong()) / 1000);
        if (seconds < 1) {
            return Future.failedFuture(new ExamException(ErrorType.UNAUTHORIZED,
                    "the sign-in has ended; log in again"));
        }
        TokenService.Issued token = tokens.issueStaffAccess(a.username(), a.role(), a.roomIds(),
                a.tokenGeneration(), Duration.ofSeconds(seconds));
        return Future.succeededFuture(new Session(a.username(), a.role().name(), token.token(),
                token.expiresAt().toEpochMilli(), refresh, sessionEnds.toEpochMilli()));
    }
}
