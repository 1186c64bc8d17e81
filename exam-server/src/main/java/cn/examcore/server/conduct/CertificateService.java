package cn.examcore.server.conduct;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.domain.Certificate;
import cn.examcore.server.conduct.domain.ResultAdjustment.Cancellation;
import cn.examcore.server.conduct.domain.SanctionPolicy;
import cn.examcore.server.conduct.store.CertificateStore;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.results.ResultLine;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.roster.IdentityNumbers;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * 证书: issues certificates from a finished sitting's results as they count ({@link ResultAdjustments}), lists them,
 * and says which decision revoked which. Revocation itself happens in the decision's own transaction
 * ({@link CertificateStore}).
 */
public final class CertificateService {

    private final ResultAdjustments results;
    private final CertificateStore store;
    private final AuditLog audit;
    private final LongSupplier clock;

    public CertificateService(ResultAdjustments results, CertificateStore store, AuditLog audit, LongSupplier clock) {
        this.results = results;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * 颁发证书: issues a certificate to every candidate of the finished sitting whose result passed and is not
     * cancelled, except those who already hold one from it. Audited {@code certificates.issue} with the numbers
     * issued and, as {@code withheld}, each passed but cancelled result's ticket with the decisions cancelling it.
     *
     * @return the certificates issued by this call (none twice); a failed future naming {@code sittingId}: 404 for
     *         an unknown sitting, 409 with the open tickets when the sitting is not finished; nothing is issued then
     */
    public Future<List<Certificate>> issue(String sittingId, String by) {
        return results.of(sittingId).compose(adjusted -> issue(adjusted, by));
    }

    private Future<List<Certificate>> issue(AdjustedResults adjusted, String by) {
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
        LocalDate day = SanctionPolicy.dateOf(Instant.ofEpochMilli(sitting.t0()));
        List<Certificate> due = new ArrayList<>();
        Map<String, List<String>> withheld = new LinkedHashMap<>();
        for (AdjustedLine a : adjusted.lines()) {
            ResultLine l = a.line();
            if (a.earnsCertificate()) {
                due.add(new Certificate(Certificate.numberOf(sitting.id(), l.candidate().ticket()), sitting.id(),
                        l.candidate().ticket(), IdentityNumbers.normalise(l.candidate().idNumber()),
                        l.candidate().name(), sitting.occupation(), sitting.level(), sitting.subject().name(), day, by,
                        now, Certificate.Status.ISSUED, null, null));
            } else if (a.passedAsScored() && a.cancelled()) {
                withheld.put(l.candidate().ticket(), a.cancellations().stream().map(Cancellation::decisionId).toList());
            }
        }
        return store.issue(due).compose(issued -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("issued", issued.stream().map(Certificate::number).toList());
            detail.put("alreadyIssued", due.size() - issued.size());
            detail.put("withheld", withheld);
            return audit.record(by, "certificates.issue", sitting.id(), null, detail).map(issued);
        });
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
