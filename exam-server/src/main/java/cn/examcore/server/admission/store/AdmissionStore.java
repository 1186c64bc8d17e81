package cn.examcore.server.admission.store;

import cn.examcore.server.admission.domain.AdmissionSettings;
import cn.examcore.server.admission.domain.IdentityCheck;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** A sitting's admission settings and the identity confirmations at its seats. */
public interface AdmissionStore {

    /** The settings an administrator saved, or empty (the defaults apply). */
    Future<Optional<AdmissionSettings>> settings(String sittingId);

    Future<Void> saveSettings(AdmissionSettings settings, String actor, long at);

    /**
     * Records these confirmations in one transaction; a candidate already confirmed keeps the first confirmation.
     *
     * @return the confirmations that were new
     */
    Future<List<IdentityCheck>> confirm(List<IdentityCheck> checks);

    /** Every confirmation of the sitting, by ticket. */
    Future<List<IdentityCheck>> checks(String sittingId);

    Future<Optional<IdentityCheck>> check(String sittingId, String ticket);
}
