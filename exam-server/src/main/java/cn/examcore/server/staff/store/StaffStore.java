package cn.examcore.server.staff.store;

import cn.examcore.server.auth.StaffAccount;
import io.vertx.core.Future;
import java.util.Optional;

/** Staff accounts (工作人员): administrators, proctors and observers, with their password hashes and rooms. */
public interface StaffStore {

    /** Stores the account, replacing one of the same user name. */
    Future<Void> saveStaff(StaffAccount account);

    Future<Optional<StaffAccount>> staff(String username);
}
