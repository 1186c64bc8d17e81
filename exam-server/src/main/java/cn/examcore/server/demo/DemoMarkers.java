package cn.examcore.server.demo;

import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.node.ExamNode;
import cn.examcore.server.wiring.Services;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * 演示评卷账号: two markers and a chief marker for the demo, so a newcomer can mark the short answers of the demo
 * sitting on the marking page ({@code /marking/}). Each start of a demo node gives them fresh random passwords,
 * which the demo prints, as it does the administrator's.
 */
public final class DemoMarkers {

    /** The demo's marker accounts, in order. */
    public static final List<String> MARKERS = List.of("demo-marker-1", "demo-marker-2");
    /** The demo's chief marker account. */
    public static final String CHIEF = "demo-chief";

    private DemoMarkers() {
    }

    /**
     * A demo marking account and its password.
     *
     * @param username the user name
     * @param role     MARKER or CHIEF_MARKER
     * @param password the password set now
     */
    public record Account(String username, Role role, String password) {
    }

    /** Creates (or resets) the demo's marker and chief marker accounts; answers them with their passwords. */
    public static Future<List<Account>> ensure(ExamNode node) {
        Services s = node.services();
        List<Account> accounts = new ArrayList<>();
        MARKERS.forEach(m -> accounts.add(new Account(m, Role.MARKER, password())));
        accounts.add(new Account(CHIEF, Role.CHIEF_MARKER, password()));
        Future<Void> done = Future.succeededFuture();
        for (Account a : accounts) {
            done = done.compose(v -> s.passwords().hash(a.password()))
                    .compose(hash -> s.staff().save(new StaffAccount(a.username(), hash, a.role(), Set.of())));
        }
        return done.map(List.copyOf(accounts));
    }

    private static String password() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
