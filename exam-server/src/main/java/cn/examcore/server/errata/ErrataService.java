package cn.examcore.server.errata;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.errata.Erratum;
import cn.examcore.contract.AuditRecord;
import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.errata.store.ErrataStore;
import cn.examcore.server.errata.domain.ErratumKeys;
import cn.examcore.server.errata.domain.Rescored;
import cn.examcore.server.errata.domain.StoredErratum;
import cn.examcore.server.paper.BankLibrary;
import cn.examcore.server.results.store.ResultStore;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * 勘误: applies an administrator's correction of an objective item to a finished sitting. Every attempt whose paper
 * holds the item is scored again under all the sitting's errata, and the erratum, the new results, the certificates
 * of results that fail now and one audit record with each attempt's scores before and after are stored in one
 * transaction: an erratum is applied whole or not at all.
 */
public final class ErrataService {

    /** The audit action of an erratum. */
    public static final String AUDIT_ACTION = "errata.apply";

    private final SittingStore sittings;
    private final BankLibrary banks;
    private final AttemptStore attempts;
    private final ResultStore results;
    private final ErrataStore store;
    private final WorkerExecutor workers;
    private final LongSupplier clock;

    public ErrataService(SittingStore sittings, BankLibrary banks, AttemptStore attempts, ResultStore results,
                         ErrataStore store, WorkerExecutor workers, LongSupplier clock) {
        this.sittings = sittings;
        this.banks = banks;
        this.attempts = attempts;
        this.results = results;
        this.store = store;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * What an erratum did.
     *
     * @param erratum             the erratum as recorded
     * @param rescored            every attempt whose paper holds the item, before and after
     * @param revokedCertificates certificates of results that fail now
     */
    public record Applied(StoredErratum erratum, List<Rescored> rescored, List<String> revokedCertificates) {
    }

    /** The sitting's errata, oldest first; 404 for an unknown sitting. */
    public Future<List<StoredErratum>> errata(String sittingId) {
        return sittings.existingSitting(sittingId).compose(s -> store.errata(sittingId));
    }

    /**
     * Applies {@code erratum} to the sitting. Refused, with nothing changed: 404 for an unknown sitting; 400 naming
     * {@code itemId} for an item not in the sitting's bank or on none of its papers, or naming the key field that
     * does not fit the item type; 409 while an attempt of the sitting is still open, or when another erratum or a
     * marking changed its results meanwhile.
     */
    public Future<Applied> apply(String sittingId, Erratum erratum, String reason, String by) {
        return sittings.existingSitting(sittingId).compose(sitting -> {
            if (sitting.bankId() == null) {
                return Future.failedFuture(ExamException.field(ErrorType.CONFLICT, "sittingId",
                        "sitting " + sittingId + " has no bank attached: no item can be corrected"));
            }
            return banks.bank(sitting.bankId()).compose(bank -> {
                Item item = bank.items().stream().filter(i -> i.id().equals(erratum.itemId())).findFirst()
                        .orElseThrow(() -> ExamException.field(ErrorType.BAD_REQUEST, "itemId", "no item "
                                + erratum.itemId() + " in bank " + bank.id() + " of sitting " + sittingId));
                erratum.problemWith(item).ifPresent(p -> {
                    throw ExamException.field(ErrorType.BAD_REQUEST, p.field(), p.message());
                });
                return Future.all(attempts.bySitting(sittingId), results.results(sittingId), store.errata(sittingId),
                        store.paperJsons(sittingId)).compose(all -> workers.executeBlocking(() -> rescore(sitting,
                        erratum, reason, by, all.resultAt(0), all.resultAt(1), all.resultAt(2), all.resultAt(3)),
                        false));
            });
        }).compose(plan -> store.apply(plan.erratum(), plan.rescored(), audit(plan, by))
                .map(revoked -> new Applied(plan.erratum(), plan.rescored(), revoked)));
    }

    private record Plan(StoredErratum erratum, List<Rescored> rescored) {
    }

    private Plan rescore(Sitting sitting, Erratum erratum, String reason, String by, List<Attempt> all,
                         List<Result> stored, List<StoredErratum> earlier, Map<String, String> paperJsons) {
        long now = clock.getAsLong();
        List<String> open = all.stream().filter(a -> a.stateAt(now).open()).map(Attempt::ticket).sorted().toList();
        if (!open.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("field", "sittingId");
            details.put("openTickets", open);
            throw new ExamException(ErrorType.CONFLICT, "sitting " + sitting.id() + " is not finished: "
                    + open.size() + " attempt(s) still open (e.g. ticket " + open.get(0)
                    + "); errata apply to frozen results only", details);
        }
        List<Erratum> errata = new ArrayList<>(earlier.stream().map(StoredErratum::erratum).toList());
        errata.add(erratum);
        Map<String, Result> byAttempt = new HashMap<>();
        stored.forEach(r -> byAttempt.put(r.attemptId(), r));
        List<Erratum> onlyThis = List.of(erratum);
        // A paper whose stored JSON never names the item cannot hold it: decoding is most of an erratum's cost, and
        // a blueprint draws each item onto a fraction of the papers only.
        String named = Json.encode(erratum.itemId());
        List<Rescored> rescored = new ArrayList<>();
        for (Attempt a : all) {
            String json = paperJsons.get(a.id());
            if (json == null || !json.contains(named)) {
                continue;
            }
            Paper paper = Json.decode(json, Paper.class);
            if (!Rescoring.touches(paper, onlyThis)) {
                continue;
            }
            Result before = byAttempt.get(a.id());
            if (before == null) {
                throw ExamException.field(ErrorType.CONFLICT, "sittingId", "the result of ticket " + a.ticket()
                        + " is not stored yet; apply the erratum once every result is in");
            }
            rescored.add(new Rescored(before, Rescoring.rescore(before, a, paper, errata, sitting.passMark())));
        }
        if (rescored.isEmpty()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "itemId", "item " + erratum.itemId()
                    + " is on no paper of sitting " + sitting.id() + "; nothing to correct");
        }
        StoredErratum recorded = new StoredErratum(UUID.randomUUID().toString(), sitting.id(), erratum, reason, by,
                now, earlier.size() + 1);
        return new Plan(recorded, rescored);
    }

    private AuditRecord audit(Plan plan, String by) {
        StoredErratum e = plan.erratum();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("erratumId", e.id());
        detail.put("itemId", e.erratum().itemId());
        detail.put("kind", e.erratum().kind().name());
        detail.put("key", ErratumKeys.key(e.erratum()));
        detail.put("reason", e.reason());
        detail.put("attempts", plan.rescored().stream().map(ErrataService::beforeAfter).toList());
        return new AuditRecord(UUID.randomUUID().toString(), e.at(), by, AUDIT_ACTION, e.sittingId(),
                e.erratum().itemId(), Json.encode(detail));
    }

    /** One attempt's figures before and after, as the audit and the API show them. */
    public static Map<String, Object> beforeAfter(Rescored r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attemptId", r.after().attemptId());
        m.put("ticket", r.after().ticket());
        m.put("before", figures(r.before()));
        m.put("after", figures(r.after()));
        return m;
    }

    private static Map<String, Object> figures(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objectiveScore", r.objectiveScore());
        m.put("total", r.total());
        m.put("passed", r.passed());
        return m;
    }
}
