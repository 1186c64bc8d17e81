package cn.examcore.server.staff;

import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.auth.StaffRefreshClaims;
import cn.examcore.server.staff.store.StaffStore;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * 工作人员账号: the staff accounts administrators create and staff log in with, and whether a staff token is still
 * current. Every change of an account and every logout bumps its token generation in the database, so a token
 * issued before is refused on every node: at once on the node that made the change, and within
 * {@link #GENERATION_TTL_MILLIS} on the others, which keep an account's generation that long rather than read the
 * database on every staff request.
 */
public final class StaffAccounts {

    /** How long a node trusts the generation it read (the longest a revoked token still works on another node). */
    public static final long GENERATION_TTL_MILLIS = 1_000;

    private final StaffStore store;
    private final LongSupplier clock;
    /** User name → {generation, read at}. */
    private final Map<String, long[]> generations = new ConcurrentHashMap<>();

    public StaffAccounts(StaffStore store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The account with this user name, if there is one. */
    public Future<Optional<StaffAccount>> account(String username) {
        return store.staff(username);
    }

    /**
     * Creates the account, or replaces the one of the same user name (password, role and rooms); tokens issued to
     * the replaced account stop working.
     */
    public Future<Void> save(StaffAccount account) {
        return store.saveStaff(account).andThen(ar -> generations.remove(account.username()));
    }

    /** Logs the user out everywhere: every token issued to the account so far stops working. */
    public Future<Boolean> logout(String username) {
        return store.revokeTokens(username).andThen(ar -> generations.remove(username));
    }

    /** True while the token's account exists at the generation the token was issued at. */
    public Future<Boolean> current(StaffClaims claims) {
        return current(claims.username(), claims.generation());
    }

    /** True while the sign-in's account exists at the generation it was signed in at. */
    public Future<Boolean> current(StaffRefreshClaims claims) {
        return current(claims.username(), claims.generation());
    }

    private Future<Boolean> current(String username, long tokenGeneration) {
        long now = clock.getAsLong();
        long[] known = generations.get(username);
        if (known != null && now - known[1] < GENERATION_TTL_MILLIS) {
            return Future.succeededFuture(known[0] == tokenGeneration);
        }
        return store.staff(username).map(account -> {
            long generation = account.map(StaffAccount::tokenGeneration).orElse(-1L);
            generations.put(username, new long[] {generation, now});
            return generation == tokenGeneration;
        });
    }
}
