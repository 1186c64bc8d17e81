package cn.examcore.server.staff.store;

import cn.examcore.server.auth.StaffAccount;
import io.vertx.core.Future;
import java.util.Optional;

/** Staff accounts (工作人员): administrators, proctors and observers, with their password hashes and rooms. */
public interface StaffStore {

    /**
     * Stores the account, replacing one of the same user name; a replaced account's token generation goes up by one
     * (its tokens stop working), a new one starts at 0.
     */
    Future<Void> saveStaff(StaffAccount account);

    /** Bumps the account's token generation (a logout everywhere); false when there is no such account. */
    Future<Boolean> revokeTokens(String username);

    Future<Optional<StaffAccount>> staff(String username);
}
