package cn.examcore.server.publication;

import cn.examcore.contract.AuditRecord;
import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.AdjustedLine;
import cn.examcore.server.conduct.CertificateService;
import cn.examcore.server.conduct.LevelResults;
import cn.examcore.server.conduct.ResultAdjustments;
import cn.examcore.server.conduct.domain.Certificate;
import cn.examcore.server.conduct.domain.SanctionPolicy;
import cn.examcore.server.publication.domain.Enrolment;
import cn.examcore.server.publication.domain.Release;
import cn.examcore.server.publication.store.ReleaseStore;
import cn.examcore.server.results.ResultRow;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.roster.IdentityNumbers;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * 成绩发布: releases a finished, fully marked sitting's results, and answers a candidate's own lookup by name and ID
 * number from the released sittings only, with the results as they count (sanctions applied), the validity of a
 * pass and the standing certificate. The publication export reads the same rows.
 */
public final class ReleaseService {

    /** The audit action of a release. */
    public static final String AUDIT_ACTION = "results.release";

    private final ResultAdjustments results;
    private final CertificateService certificates;
    private final LevelResults levels;
    private final ReleaseStore store;
    private final LongSupplier clock;

    public ReleaseService(ResultAdjustments results, CertificateService certificates, LevelResults levels,
                          ReleaseStore store, LongSupplier clock) {
        this.levels = levels;
        this.results = results;
        this.certificates = certificates;
        this.store = store;
        this.clock = clock;
    }

    /**
     * One subject's result as a candidate sees it.
     *
     * @param sittingId   the sitting
     * @param title       the sitting's title
     * @param sittingDate the sitting's day in Shanghai
     * @param level       the level (1…5) the sitting evaluates, which the page names in its own language
     * @param row         the result as it counts, with ID number, validity and certificate number
     */
    public record Published(String sittingId, String title, LocalDate sittingDate, int level, ResultRow row) {
    }

    /**
     * Releases the sitting's results. Refused with nothing stored: 404 for an unknown sitting; 409 while an
     * attempt is open or a candidate may still log in, while a result awaits marking, or when it was released
     * already.
     */
    public Future<Release> release(String sittingId, String by) {
        return results.of(sittingId).compose(adjusted -> {
            Sitting sitting = adjusted.sitting();
            long now = clock.getAsLong();
            boolean endPassed = now >= sitting.startAt() + sitting.durationSeconds() * 1000L;
            List<String> open = adjusted.lines().stream().map(AdjustedLine::line)
                    .filter(l -> l.state() != null ? l.state().open() : !endPassed)
                    .map(l -> l.candidate().ticket()).toList();
            if (!open.isEmpty()) {
                return Future.failedFuture(refusal("sitting " + sittingId + " is not finished: " + open.size()
                        + " attempt(s) still open (e.g. ticket " + open.get(0) + ")", "openTickets", open));
            }
            List<String> pending = adjusted.lines().stream().filter(a -> a.result().map(r -> r.pendingMarking())
                    .orElse(false)).map(a -> a.line().candidate().ticket()).toList();
            if (!pending.isEmpty()) {
                return Future.failedFuture(refusal(pending.size() + " result(s) of sitting " + sittingId
                        + " still await marking (e.g. ticket " + pending.get(0) + ")", "pendingTickets", pending));
            }
            Release release = new Release(sittingId, by, now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("results", adjusted.lines().size());
            AuditRecord audit = new AuditRecord(UUID.randomUUID().toString(), now, by, AUDIT_ACTION, sittingId,
                    null, Json.encode(detail));
            return store.release(release, audit).compose(stored -> stored ? Future.succeededFuture(release)
                    : store.release(sittingId).compose(earlier -> Future.failedFuture(ExamException.field(
                            ErrorType.CONFLICT, "sittingId", "the results of sitting " + sittingId
                                    + " were released already" + earlier.map(e -> " by " + e.by()).orElse("")))));
        });
    }

    private static ExamException refusal(String message, String listName, List<String> tickets) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", "sittingId");
        details.put(listName, tickets);
        return new ExamException(ErrorType.CONFLICT, message, details);
    }

    /** The sitting's release, if any; 404 for an unknown sitting. */
    public Future<Optional<Release>> released(String sittingId) {
        return results.of(sittingId).compose(a -> store.release(sittingId));
    }

    /**
     * The publication rows of a sitting: every export row with its evaluation's level result (等级结果), the
     * validity of a pass under the rules of the evaluation's body, and the certificate standing for it.
     */
    public Future<AdjustedRows> rows(String sittingId) {
        return results.of(sittingId).compose(adjusted -> Future.all(certificates.certificates(null, sittingId),
                levels.bySitting(sittingId)).map(both -> {
                    List<Certificate> certs = both.resultAt(0);
                    Map<String, LevelResults.LevelVerdict> verdicts = both.resultAt(1);
                    return new AdjustedRows(adjusted.sitting(), publicationRows(adjusted.exportRows(), certs,
                            verdicts));
                }));
    }

    /**
     * The export rows with what the evaluation adds: each row's level result and, for a pass that counts (passed
     * and not cancelled), its last valid day from the verdict, so the body's validity rule applies and never a
     * constant; and the certificate standing for the row's ticket. A row without a verdict keeps neither.
     */
    static List<ResultRow> publicationRows(List<ResultRow> rows, List<Certificate> certificates,
                                           Map<String, LevelResults.LevelVerdict> verdicts) {
        Map<String, String> byTicket = new LinkedHashMap<>();
        certificates.stream().filter(c -> c.status() == Certificate.Status.ISSUED)
                .forEach(c -> byTicket.put(c.ticket(), c.number()));
        List<ResultRow> out = new ArrayList<>(rows.size());
        for (ResultRow r : rows) {
            LevelResults.LevelVerdict v = verdicts.get(r.ticket());
            ResultRow row = r;
            if (v != null) {
                // The verdict holds a validity only for a subject that counts as passed (not cancelled, not pending).
                row = row.withLevel(v.status(), v.validUntil().get(r.subject().name()));
            }
            String number = byTicket.get(r.ticket());
            out.add(number == null ? row : row.withCertificate(number));
        }
        return out;
    }

    /**
     * The rows of a sitting for publication.
     *
     * @param sitting the sitting
     * @param rows    one per candidate, in roster order
     */
    public record AdjustedRows(Sitting sitting, List<ResultRow> rows) {
    }

    /**
     * A person's released results: empty when the ID number is on no released roster or the name does not match
     * it, so that a caller cannot tell an unknown ID number from a wrong name.
     */
    public Future<List<Published>> lookup(String name, String idNumber) {
        String id = IdentityNumbers.normalise(idNumber);
        String wanted = name == null ? "" : name.strip();
        return store.releasedEnrolments(id).compose(enrolments -> {
            List<Enrolment> mine = enrolments.stream().filter(e -> e.name().strip().equals(wanted)).toList();
            List<Future<Optional<Published>>> found = new ArrayList<>();
            for (Enrolment e : mine) {
                found.add(rows(e.sittingId()).map(rows -> rows.rows().stream()
                        .filter(r -> r.ticket().equals(e.ticket())).findFirst()
                        .map(r -> new Published(e.sittingId(), rows.sitting().title(),
                                SanctionPolicy.dateOf(Instant.ofEpochMilli(rows.sitting().t0())),
                                rows.sitting().level(), r))));
            }
            return Future.all(found).map(v -> found.stream().map(Future::result).flatMap(Optional::stream).toList());
        });
    }
}
