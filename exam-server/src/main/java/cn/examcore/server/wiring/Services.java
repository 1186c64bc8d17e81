package cn.examcore.server.wiring;

import cn.examcore.server.admission.AdmissionTickets;
import cn.examcore.server.admission.IdentityChecks;
import cn.examcore.server.attempt.AnswerService;
import cn.examcore.server.attempt.AnswerUploads;
import cn.examcore.server.attempt.SeatPush;
import cn.examcore.server.attempt.SubmissionService;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.auth.PasswordChecks;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.auth.Throttles;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.checkin.CheckInService;
import cn.examcore.server.conduct.BanService;
import cn.examcore.server.conduct.CertificateService;
import cn.examcore.server.conduct.DecisionService;
import cn.examcore.server.conduct.ResultAdjustments;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.evaluation.EvaluationService;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.events.EventService;
import cn.examcore.server.marking.MarkingService;
import cn.examcore.server.mgmt.ExamMetrics;
import cn.examcore.server.paper.BankLibrary;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.proctoring.LiveWatch;
import cn.examcore.server.proctoring.ObjectiveAnswersQuery;
import cn.examcore.server.proctoring.Announcements;
import cn.examcore.server.proctoring.ProctorService;
import cn.examcore.server.proctoring.RoomsQuery;
import cn.examcore.server.results.ResultsService;
import cn.examcore.server.sitting.PhotoService;
import cn.examcore.server.sitting.SeatAgents;
import cn.examcore.server.sitting.RoomRules;
import cn.examcore.server.offline.OfflineAnswers;
import cn.examcore.server.sitting.SittingAdmin;
import cn.examcore.server.staff.StaffAccounts;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The node's wired services, built once by {@link ExamNode} and handed to the verticles by constructor.
 *
 * @param config      the configuration
 * @param vertx       the clustered Vert.x
 * @param clock       server time in epoch ms (the one clock every decision uses)
 * @param checkIn     enrolment of terminals and admission of candidates
 * @param staff       staff accounts
 * @param agents      what a seat-agent key opens
 * @param rooms       the rooms, seats and attempts a proctor may see
 * @param answers     an attempt's answers: read, checked against the paper, saved and merged
 * @param uploads     the files candidates upload for operation items
 * @param liveWatch   who may watch which seats live
 * @param attempts    attempts and answers
 * @param events      seat events
 * @param audit       staff actions
 * @param banks       question banks
 * @param papers      assembly, sealed papers, keys
 * @param submissions submission and scoring
 * @param proctor     pause / resume / extend / remind
 * @param decisions   decisions on flags and their sanctions
 * @param bans        the ban registry and the lifting of bans
 * @param certificates    certificates: issuing, listing, which decision revoked which
 * @param adjustedResults a sitting's results as they count, sanctions applied: what the results view, the exports
 *                        and certificate issuing read
 * @param sittings    setting sittings up: rooms, rosters, banks, blueprints, papers, the start
 * @param results     a sitting's results as scored, one line per candidate
 * @param objectiveAnswers what the answer-similarity detector reads
 * @param tokens      JWTs for staff, candidates and terminals
 * @param passwords   staff password hashing, on its own bounded worker
 * @param limits      seat-agent rate limits (node-local)
 * @param throttles   the cluster-wide throttles on guesses: staff passwords, ID numbers, enrolment PINs
 * @param metrics     domain meters
 * @param seats       server→page messages to seat sockets, on this node or another
 * @param marking     阅卷: scripts, marks, arbitration, the marked scores that complete results
 * @param evaluations 一次评价: evaluations across sittings, level results, the bodies' makeup rules
 * @param photos      考生照片: photo archives imported, photos shown to staff within their rooms and to the candidate
 * @param tickets     准考证: admission settings, ticket PDFs and the public download
 * @param identity    身份核验 at the seat, and the gate that holds a seat's key until it
 * @param publication what follows a sitting's results: errata
 * @param roomRules   考场规则: a sitting's late-entry cutoff, earliest submission and rules-text version
 * @param announcements 考场公告: announcements to a room or a sitting and their acknowledgements
 * @param offline     离线答卷: the offline answer files pages write and proctors upload after the deadline
 * @param writable    true while this node may take saves (not on the minority side of a split)
 */
public record Services(ServerConfig config, Vertx vertx, LongSupplier clock, CheckInService checkIn,
                       StaffAccounts staff, SeatAgents agents, RoomsQuery rooms, AnswerService answers,
                       AnswerUploads uploads, LiveWatch liveWatch, AttemptStore attempts,
                       EventService events, AuditLog audit, BankLibrary banks, PaperService papers,
                       SubmissionService submissions, ProctorService proctor, DecisionService decisions,
                       BanService bans, CertificateService certificates, ResultAdjustments adjustedResults,
                       SittingAdmin sittings, ResultsService results, ObjectiveAnswersQuery objectiveAnswers,
                       TokenService tokens,
                       PasswordChecks passwords, RateLimits limits, Throttles throttles, ExamMetrics metrics,
                       SeatPush seats, MarkingService marking,
                       EvaluationService evaluations, PhotoService photos, AdmissionTickets tickets,
                       IdentityChecks identity, Publication publication, RoomRules roomRules,
                       Announcements announcements, OfflineAnswers offline, BooleanSupplier writable) {
}
