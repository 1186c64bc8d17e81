package cn.examcore.server.conduct;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.domain.Certificate;
import cn.examcore.server.conduct.domain.ResultAdjustment.Cancellation;
import cn.examcore.server.conduct.domain.VerificationCode;
import cn.examcore.server.conduct.store.CertificateStore;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.results.ResultLine;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.roster.IdentityNumbers;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * 证书: issues certificates to the candidates of a finished sitting whose evaluation's level result passed
 * ({@link LevelResults}: every subject of the level passed within its validity, none cancelled), lists them, verifies
 * them by number and code, and says which decision revoked which. Revocation itself happens in the decision's own
 * transaction ({@link CertificateStore}).
 */
public final class CertificateService {

    private final ResultAdjustments results;
    private final CertificateStore store;
    private final AuditLog audit;
    private final LongSupplier clock;
    private final LevelResults levels;

    /**
     * A certificate just issued, with its verification code: the only moment the code is known, since only its hash
     * is stored ({@link VerificationCode}).
     *
     * @param certificate the certificate as stored
     * @param code        its verification code, to print on the PDF
     */
    public record Issued(Certificate certificate, String code) {
    }

    public CertificateService(ResultAdjustments results, LevelResults levels, CertificateStore store, AuditLog audit,
                              LongSupplier clock) {
        this.results = results;
        this.levels = levels;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * 颁发证书: issues a certificate to every candidate of the finished sitting whose evaluation's level result
     * passed, except those whose evaluation already holds one. Audited {@code certificates.issue} with the numbers
     * issued, as {@code withheld} each passed but cancelled result's ticket with the decisions cancelling it, and as
     * {@code levelNotPassed} the tickets whose own subject passed but whose level did not (yet).
     *
     * @return the certificates issued by this call (none twice); a failed future naming {@code sittingId}: 404 for
     *         an unknown sitting, 409 with the open tickets when the sitting is not finished; nothing is issued then
     */
    public Future<List<Issued>> issue(String sittingId, String by) {
        return results.of(sittingId).compose(adjusted -> levels.bySitting(sittingId)
                .compose(verdicts -> issue(adjusted, verdicts, by)));
    }

    private Future<List<Issued>> issue(AdjustedResults adjusted, Map<String, LevelResults.LevelVerdict> verdicts,
                                            String by) {
        Sitting sitting = adjusted.sitting();
        long now = clock.getAsLong();
        boolean scheduledEndPassed = now >= sitting.startAt() + sitting.durationSeconds() * 1000L;
        // An open attempt may still change its result; a candidate with no attempt yet may still log in until
        // the scheduled end.
        List<String> open = adjusted.lines().stream().map(AdjustedLine::line)
                .filter(l -> l.state() != null ? l.state().open() : !scheduledEndPassed)
                .map(l -> l.candidate().ticket()).toList();
        if (!open.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("field", "sittingId");
            details.put("openTickets", open);
            return Future.failedFuture(new ExamException(ErrorType.CONFLICT, "sitting " + sitting.id()
                    + " is not finished: " + open.size() + " attempt(s) still open (e.g. ticket " + open.get(0)
                    + "); certificates are issued only from frozen results", details));
        }
        List<Certificate> due = new ArrayList<>();
        Map<String, String> codes = new LinkedHashMap<>();
        Map<String, List<String>> withheld = new LinkedHashMap<>();
        List<String> levelNotPassed = new ArrayList<>();
        for (AdjustedLine a : adjusted.lines()) {
            ResultLine l = a.line();
            LevelResults.LevelVerdict level = verdicts.get(l.candidate().ticket());
            if (a.earnsCertificate() && level != null && level.passed()) {
                due.add(new Certificate(Certificate.numberOf(level.evaluationId()), sitting.id(),
                        l.candidate().ticket(), IdentityNumbers.normalise(l.candidate().idNumber()),
                        l.candidate().name(), sitting.occupation(), sitting.level(), level.subjects(),
                        level.passedOn(), by, now, Certificate.Status.ISSUED, null, null, level.evaluationId(),
                        level.body(), null));
                codes.put(level.evaluationId(), VerificationCode.generate());
            } else if (a.passedAsScored() && a.cancelled()) {
                withheld.put(l.candidate().ticket(), a.cancellations().stream().map(Cancellation::decisionId).toList());
            } else if (a.earnsCertificate()) {
                levelNotPassed.add(l.candidate().ticket());
            }
        }
        return store.issue(due, codes).compose(issued -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("issued", issued.stream().map(Certificate::number).toList());
            detail.put("alreadyIssued", due.size() - issued.size());
            detail.put("withheld", withheld);
            detail.put("levelNotPassed", levelNotPassed);
            return audit.record(by, "certificates.issue", sitting.id(), null, detail).map(issued.stream()
                    .map(c -> new Issued(c, codes.get(c.evaluationId()))).toList());
        });
    }

    /**
     * 证书查验: the certificate of this number when the code matches (case and spaces ignored).
     *
     * @return empty for an unknown number or a wrong code alike, so a verifier learns nothing without both
     */
    public Future<Optional<Certificate>> verify(String number, String code) {
        return store.verified(number, code);
    }

    /** The certificate of this number, for its holder's PDF; a failed future naming {@code number} (404) if none. */
    public Future<Certificate> certificate(String number) {
        return store.certificate(number).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "number",
                        "no certificate " + number))));
    }

    /** Certificates of a person and/or a sitting, each with its status. */
    public Future<List<Certificate>> certificates(String idNumber, String sittingId) {
        return store.certificates(idNumber, sittingId);
    }

    /** For each decision of the sitting that revoked certificates, the certificate numbers it revoked. */
    public Future<Map<String, List<String>>> revokedCertificates(String sittingId) {
        return store.revokedBy(sittingId);
    }
}
