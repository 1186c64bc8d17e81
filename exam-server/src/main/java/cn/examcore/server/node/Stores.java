package cn.examcore.server.node;

import cn.examcore.server.evaluation.store.EvaluationStore;
import cn.examcore.server.evaluation.store.JdbcEvaluationStore;
import cn.examcore.server.admission.store.AdmissionStore;
import cn.examcore.server.admission.store.JdbcAdmissionStore;
import cn.examcore.server.errata.store.ErrataStore;
import cn.examcore.server.errata.store.JdbcErrataStore;
import cn.examcore.server.publication.store.JdbcReleaseStore;
import cn.examcore.server.publication.store.ReleaseStore;
import cn.examcore.server.publication.store.JdbcReviewStore;
import cn.examcore.server.publication.store.ReviewStore;
import cn.examcore.server.marking.store.JdbcMarkingStore;
import cn.examcore.server.marking.store.MarkingStore;
import cn.examcore.server.attempt.store.JdbcUploadStore;
import cn.examcore.server.attempt.store.UploadStore;
import cn.examcore.server.conduct.store.BanStore;
import cn.examcore.server.conduct.store.CertificateStore;
import cn.examcore.server.conduct.store.DecisionStore;
import cn.examcore.server.conduct.store.JdbcBanStore;
import cn.examcore.server.conduct.store.JdbcCertificateStore;
import cn.examcore.server.conduct.store.JdbcDecisionStore;
import cn.examcore.server.events.store.AuditStore;
import cn.examcore.server.events.store.JdbcAuditStore;
import cn.examcore.server.paper.store.BankStore;
import cn.examcore.server.paper.store.InvalidatingPaperStore;
import cn.examcore.server.paper.store.JdbcBankStore;
import cn.examcore.server.paper.store.JdbcPaperStore;
import cn.examcore.server.paper.store.PaperStore;
import cn.examcore.server.results.store.JdbcResultStore;
import cn.examcore.server.results.store.ResultStore;
import cn.examcore.server.proctoring.store.AnnouncementStore;
import cn.examcore.server.proctoring.store.CachingAnnouncementStore;
import cn.examcore.server.proctoring.store.JdbcAnnouncementStore;
import cn.examcore.server.sitting.store.AgentKeyStore;
import cn.examcore.server.sitting.store.CachingAgentKeyStore;
import cn.examcore.server.sitting.store.CachingRoomStore;
import cn.examcore.server.sitting.store.CachingRosterStore;
import cn.examcore.server.sitting.store.CachingSittingStore;
import cn.examcore.server.sitting.store.JdbcAgentKeyStore;
import cn.examcore.server.sitting.store.JdbcRoomStore;
import cn.examcore.server.sitting.store.JdbcPhotoStore;
import cn.examcore.server.sitting.store.JdbcRosterStore;
import cn.examcore.server.sitting.store.PhotoStore;
import cn.examcore.server.sitting.store.CachingSittingRulesStore;
import cn.examcore.server.sitting.store.JdbcSittingRulesStore;
import cn.examcore.server.sitting.store.SittingRulesStore;
import cn.examcore.server.sitting.store.JdbcSittingStore;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SetupCache;
import cn.examcore.server.sitting.store.SittingStore;
import cn.examcore.server.staff.store.JdbcStaffStore;
import cn.examcore.server.staff.store.StaffStore;
import cn.examcore.server.storage.jdbc.Database;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * The node's database stores, one per aggregate, as {@link ExamNode} hands them to the services (each service gets
 * exactly the ones it uses). What the check-in storm and the seat agents read on every request (sittings, rooms and
 * seats, rosters, agent keys) and every seat welcome (announcements) is read through the node's {@link SetupCache};
 * papers only invalidate it.
 *
 * @param setupCache the node's setup cache ({@link SetupCache#start()} before serving)
 * @param sittings   sittings, by id through the cache
 * @param rooms      rooms and seats, through the cache
 * @param roster     rosters, through the cache
 * @param agentKeys  seat-agent keys, known ones through the cache
 * @param banks      uploaded question banks
 * @param papers     assembled papers; a write invalidates the cache of their sittings on every node
 * @param results    results as scored
 * @param uploads    files uploaded for operation items
 * @param staff      staff accounts
 * @param audit      the audit trail
 * @param decisions  decisions (with its ban and certificate revocations, in the decision's transaction)
 * @param bans       bans on record and their lifts
 * @param marking    scripts, allocations and marks (阅卷)
 * @param certificates certificates issued and revoked
 * @param evaluations the roster rows of evaluations across their sittings (一次评价)
 * @param photos     candidate photos (考生照片)
 * @param admission  admission settings and identity confirmations (准考证, 身份核验)
 * @param errata     errata (勘误) and the rescored results they change
 * @param releases   releases of results (成绩发布)
 * @param reviews    score reviews (复核)
 * @param sittingRules the sittings' room rules (late entry, earliest submission), through the cache
 * @param announcements announcements to rooms and sittings, through the cache
 */
public record Stores(SetupCache setupCache, SittingStore sittings, RoomStore rooms, RosterStore roster,
                     AgentKeyStore agentKeys, BankStore banks, PaperStore papers, ResultStore results,
                     UploadStore uploads, StaffStore staff, AuditStore audit, DecisionStore decisions,
                     BanStore bans, CertificateStore certificates, MarkingStore marking,
                     EvaluationStore evaluations, PhotoStore photos, AdmissionStore admission,
                     ErrataStore errata, ReleaseStore releases, ReviewStore reviews,
                     SittingRulesStore sittingRules, AnnouncementStore announcements) {

    /** The stores over {@code db}, on the bounded database worker pool {@code workers}. */
    static Stores open(Vertx vertx, Database db, WorkerExecutor workers) {
        SetupCache cache = new SetupCache(vertx);
        SittingStore sittings = new JdbcSittingStore(db, workers);
        return new Stores(cache, new CachingSittingStore(sittings, cache),
                new CachingRoomStore(new JdbcRoomStore(db, workers), sittings, cache),
                new CachingRosterStore(new JdbcRosterStore(db, workers), cache),
                new CachingAgentKeyStore(new JdbcAgentKeyStore(db, workers), cache),
                new JdbcBankStore(db, workers), new InvalidatingPaperStore(new JdbcPaperStore(db, workers), cache),
                new JdbcResultStore(db, workers), new JdbcUploadStore(db, workers), new JdbcStaffStore(db, workers),
                new JdbcAuditStore(db, workers), new JdbcDecisionStore(db, workers),
                new JdbcBanStore(db, workers), new JdbcCertificateStore(db, workers),
                new JdbcMarkingStore(db, workers), new JdbcEvaluationStore(db, workers),
                new JdbcPhotoStore(db, workers), new JdbcAdmissionStore(db, workers), new JdbcErrataStore(db, workers),
                new JdbcReleaseStore(db, workers), new JdbcReviewStore(db, workers),
                new CachingSittingRulesStore(new JdbcSittingRulesStore(db, workers), cache),
                new CachingAnnouncementStore(new JdbcAnnouncementStore(db, workers), cache));
    }
}
