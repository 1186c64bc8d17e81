package cn.examcore.server.staff;

import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.staff.store.StaffStore;
import io.vertx.core.Future;
import java.util.Optional;

/** 工作人员账号: the staff accounts administrators create and staff log in with. */
public final class StaffAccounts {

    private final StaffStore store;

    public StaffAccounts(StaffStore store) {
        this.store = store;
    }

    /** The account with this user name, if there is one. */
    public Future<Optional<StaffAccount>> account(String username) {
        return store.staff(username);
    }

    /** Creates the account, or replaces the one of the same user name (password, role and rooms). */
    public Future<Void> save(StaffAccount account) {
        return store.saveStaff(account);
    }
}
