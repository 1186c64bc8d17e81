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
     * Stores those of {@code certificates} whose evaluation holds no standing (ISSUED) certificate and no decision on
     * record cancels a subject of, each under the evaluation's next number ({@link Certificate#numberOf(String,
     * int)}: a revoked certificate keeps its own) and with the hash of its code, never the code. The cancellations are checked again inside the transaction, under the
     * same sitting lock a decision takes, so a decision recorded concurrently either is seen here (no certificate)
     * or runs afterwards and revokes the certificate: never a valid certificate for a cancelled result.
     *
     * @param codes the verification code of each certificate, by evaluation id
     * @return the certificates stored by this call, as stored; never a second standing one, nor one for a cancelled
     *         result
     */
    Future<List<Certificate>> issue(List<Certificate> certificates, Map<String, String> codes);

    /** The certificates of this person (when {@code idNumber} is not null) and/or this sitting, oldest first. */
    Future<List<Certificate>> certificates(String idNumber, String sittingId);

    /** The certificate of this number, if any. */
    Future<java.util.Optional<Certificate>> certificate(String number);

    /**
     * The certificate of this number when {@code code} is its verification code ({@code VerificationCode#matches},
     * compared off the event loop: PBKDF2 takes about a millisecond); empty for an unknown number or a wrong code.
     */
    Future<java.util.Optional<Certificate>> verified(String number, String code);

    /** For each decision of the sitting that revoked certificates, their numbers. */
    Future<Map<String, List<String>>> revokedBy(String sittingId);
}
