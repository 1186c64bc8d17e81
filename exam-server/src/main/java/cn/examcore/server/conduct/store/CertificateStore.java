package cn.examcore.server.conduct.store;

import cn.examcore.server.conduct.domain.Certificate;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Certificates (证书), durable. Revocation is not here: it happens inside {@link DecisionStore#record}, in the
 * decision's own transaction, so a decision is never stored without its revocations or the other way round.
 */
public interface CertificateStore {

    /**
     * Stores those of {@code certificates} that are not already on record for their number or evaluation and whose
     * evaluation no decision on record cancels a subject of. The cancellations are checked again inside the transaction, under the
     * same sitting lock a decision takes, so a decision recorded concurrently either is seen here (no certificate)
     * or runs afterwards and revokes the certificate: never a valid certificate for a cancelled result.
     *
     * @return the certificates stored by this call; never one issued before, nor one for a cancelled result
     */
    Future<List<Certificate>> issue(List<Certificate> certificates);

    /** The certificates of this person (when {@code idNumber} is not null) and/or this sitting, oldest first. */
    Future<List<Certificate>> certificates(String idNumber, String sittingId);

    /** The certificate of this number, if any. */
    Future<java.util.Optional<Certificate>> certificate(String number);

    /** For each decision of the sitting that revoked certificates, their numbers. */
    Future<Map<String, List<String>>> revokedBy(String sittingId);
}
