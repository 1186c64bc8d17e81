package cn.examcore.server.offline;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.ErrorType;
import cn.examcore.contract.PageMessage;
import cn.examcore.contract.Receipt;
import cn.examcore.contract.SeatEvent;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.AnswerService;
import cn.examcore.server.attempt.SubmissionService;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.attempt.domain.UnknownAttempt;
import cn.examcore.server.attempt.store.AttemptChange;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.errata.Rescoring;
import cn.examcore.server.errata.domain.StoredErratum;
import cn.examcore.server.errata.store.ErrataStore;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.events.EventService;
import cn.examcore.server.offline.domain.OfflineCrypto;
import cn.examcore.server.offline.domain.OfflineFile;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.results.store.ResultStore;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.SittingRules;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.SittingRulesStore;
import cn.examcore.server.sitting.store.SittingStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * 离线答卷: hands each page what it needs to write its offline answer file, and takes the file a proctor uploads.
 *
 * <p>An upload is checked whole before anything changes, each refusal with its own code: the proctor's room scope
 * ({@code FORBIDDEN}), the attempt's MAC and the seat and ticket it names ({@code OFFLINE_FILE_FORGED}), the sitting's
 * window after the seat's deadline ({@code OFFLINE_WINDOW_CLOSED}), how the attempt was frozen, whether the
 * deadline's result is stored yet and whether marking has scored it ({@code CONFLICT}), the decryption and every
 * answer against its paper item. Then the answers merge by revision into the frozen attempt (the same rule as a
 * page's resend: the higher revision wins per item, so a second upload of the same file merges nothing), the result
 * is scored again with the sitting's errata, and the upload is recorded as an {@code OFFLINE_ANSWERS_MERGED} seat
 * event and an audit record.
 *
 * <p>The receipt after a merge: the attempt keeps its submission time (the deadline's freeze), and its receipt is
 * rebuilt from the merged answers, so its digest and code change and the event records the new ones. The page never
 * received the deadline's receipt (it was offline); a later hello from it, or an administrator's dispute export,
 * shows the receipt of the merged answers, and the seat's events show both receipts in order.
 */
public final class OfflineAnswers {

    /** The audit action of an upload. */
    public static final String AUDIT_ACTION = "seat.offline-answers";

    private final AttemptStore attempts;
    private final AnswerService answers;
    private final PaperService papers;
    private final SittingStore sittings;
    private final RoomStore rooms;
    private final SittingRulesStore rules;
    private final ResultStore results;
    private final ErrataStore errata;
    private final SubmissionService submissions;
    private final EventService events;
    private final AuditLog audit;
    private final OfflineKeys keys;
    private final LongSupplier clock;

    public OfflineAnswers(AttemptStore attempts, AnswerService answers, PaperService papers, SittingStore sittings,
                          RoomStore rooms, SittingRulesStore rules, ResultStore results, ErrataStore errata,
                          SubmissionService submissions, EventService events, AuditLog audit, OfflineKeys keys,
                          LongSupplier clock) {
        this.attempts = attempts;
        this.answers = answers;
        this.papers = papers;
        this.sittings = sittings;
        this.rooms = rooms;
        this.rules = rules;
        this.results = results;
        this.errata = errata;
        this.submissions = submissions;
        this.events = events;
        this.audit = audit;
        this.keys = keys;
        this.clock = clock;
    }

    /** What the attempt's page needs to write its offline file (the caller checked it is that attempt's page). */
    public Future<OfflineCredentials> credentials(Attempt a) {
        return Future.all(keys.publicKey(a.sittingId()), rules.rules(a.sittingId())).map(all -> {
            SittingRules r = all.resultAt(1);
            return new OfflineCredentials(OfflineCrypto.FORMAT, a.id(), a.ticket(), a.seatCode(), all.resultAt(0),
                    Base64.getEncoder().encodeToString(keys.macKey(a.id())), r.offlineWindowMinutes());
        });
    }

    /**
     * Takes an offline file a proctor uploaded for sitting {@code sittingId}; see the class comment for the checks.
     *
     * @param mayAccessRoom whether the uploader may act in a room
     */
    public Future<OfflineUpload> upload(String sittingId, OfflineFile file, String by,
                                        Predicate<String> mayAccessRoom) {
        return sittings.existingSitting(sittingId).compose(sitting -> attempts.get(file.attemptId())
                .recover(e -> e instanceof UnknownAttempt ? Future.failedFuture(forged("the file names attempt "
                        + file.attemptId() + ", which does not exist")) : Future.failedFuture(e))
                .compose(a -> {
                    if (!a.sittingId().equals(sittingId)) {
                        return Future.failedFuture(forged("the file is of attempt " + a.id() + " of another sitting"
                                + " than " + sittingId));
                    }
                    return rooms.seats(sittingId).compose(seats -> {
                        String room = seats.stream().filter(s -> s.code().equals(a.seatCode())).map(Seat::roomId)
                                .findFirst().orElse(null);
                        if (room == null || !mayAccessRoom.test(room)) {
                            return Future.failedFuture(new ExamException(ErrorType.FORBIDDEN, "the file is of seat "
                                    + a.seatCode() + (room == null ? "" : " in room " + room)
                                    + ", where you may not act", Map.of("seatCode", a.seatCode())));
                        }
                        return checked(a, file).compose(vector -> merge(a, file, vector, sitting.passMark(), by));
                    });
                }));
    }

    /** The file's answers, after every check that does not need the attempt changed. */
    private Future<List<Answer>> checked(Attempt a, OfflineFile file) {
        if (!OfflineCrypto.macValid(keys.macKey(a.id()), file)) {
            return Future.failedFuture(forged("the file's seal does not verify: it was changed after the page wrote"
                    + " it, or it was not written by the page of attempt " + a.id()));
        }
        if (!a.seatCode().equals(file.seatCode()) || !a.ticket().equals(file.ticket())) {
            return Future.failedFuture(forged("the file was written at seat " + file.seatCode() + " for ticket "
                    + file.ticket() + "; the attempt sat at " + a.seatCode() + " for ticket " + a.ticket()));
        }
        long now = clock.getAsLong();
        return rules.rules(a.sittingId()).compose(r -> {
            if (a.stateAt(now) != AttemptState.SUBMITTED) {
                return Future.failedFuture(new ExamException(ErrorType.OFFLINE_WINDOW_CLOSED, "the attempt at seat "
                        + a.seatCode() + " is still open until its deadline; its page sends its answers itself when"
                        + " it reconnects", Map.of("deadline", a.deadline(now))));
            }
            long deadline = a.deadline(a.submittedAt());
            if (r.offlineWindowMinutes() == 0) {
                return Future.failedFuture(new ExamException(ErrorType.OFFLINE_WINDOW_CLOSED, "sitting "
                        + a.sittingId() + " takes no offline answer files (its offline window is 0 minutes)",
                        Map.of("deadline", deadline, "windowMinutes", 0)));
            }
            long closesAt = r.offlineUploadClosesAt(deadline);
            if (now > closesAt) {
                return Future.failedFuture(new ExamException(ErrorType.OFFLINE_WINDOW_CLOSED, "offline files of seat "
                        + a.seatCode() + " were taken until " + r.offlineWindowMinutes() + " minutes after its"
                        + " deadline; that time has passed", Map.of("deadline", deadline, "closesAt", closesAt,
                        "windowMinutes", r.offlineWindowMinutes())));
            }
            if (a.submitKind() != Attempt.SubmitKind.AUTO_SUBMITTED) {
                return Future.failedFuture(new ExamException(ErrorType.CONFLICT, "the attempt at seat " + a.seatCode()
                        + " was frozen by " + (a.submitKind() == Attempt.SubmitKind.SUBMITTED
                        ? "the candidate's own submission" : "a proctor") + ", not by its deadline; an offline file"
                        + " applies only to a deadline's freeze", Map.of("submitKind", a.submitKind().name())));
            }
            return Future.all(keys.privateKey(a.sittingId()), papers.paper(a.id())).compose(all -> {
                byte[] plain;
                try {
                    plain = OfflineCrypto.open(all.resultAt(0), file);
                } catch (GeneralSecurityException e) {
                    return Future.failedFuture(forged("the file does not open with the key of sitting "
                            + a.sittingId() + ": it was sealed for another sitting or changed"));
                }
                PaperService.LoadedPaper paper = all.resultAt(1);
                return Future.succeededFuture(vector(a, plain, paper.items()));
            });
        });
    }

    /** The sealed answers as the attempt would hold them; refused whole when one does not fit its item. */
    private List<Answer> vector(Attempt a, byte[] plain, Map<Integer, PaperItem> items) {
        JsonNode body;
        try {
            body = Json.mapper().readTree(plain);
        } catch (java.io.IOException e) {
            throw forged("the sealed answers are not JSON");
        }
        if (body == null || !a.id().equals(body.path("attemptId").asText(null))) {
            throw forged("the sealed answers are of another attempt than " + a.id());
        }
        JsonNode list = body.path("answers");
        if (!list.isArray() || list.size() > items.size()) {
            throw invalid("answers", "the sealed answers must be a list of at most " + items.size() + " entries");
        }
        List<Answer> vector = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            if (!e.path("item").canConvertToInt() || !e.path("rev").canConvertToLong() || e.path("rev").asLong() < 1
                    || !e.has("value")) {
                throw invalid("answers[" + i + "]", "answers[" + i + "] needs item, value and a rev of at least 1");
            }
            vector.add(answers.answer(items, new PageMessage.AnswerEntry(e.get("item").asInt(),
                    e.get("value").toString(), e.get("rev").asLong()), "answers[" + i + "]"));
        }
        return vector;
    }

    private Future<OfflineUpload> merge(Attempt before, OfflineFile file, List<Answer> vector, int passMark,
                                        String by) {
        return results.results(before.sittingId()).compose(stored -> {
            Optional<Result> prior = stored.stream().filter(r -> r.attemptId().equals(before.id())).findFirst();
            if (prior.isEmpty()) {
                // The deadline's own result is still being stored (the database was away at the freeze): its late
                // write would replace the score of the merged answers, so the merge waits until it is in.
                return Future.failedFuture(new ExamException(ErrorType.CONFLICT, "the result of the deadline's"
                        + " submission at seat " + before.seatCode() + " is not stored yet; upload the file again in a"
                        + " moment"));
            }
            if (prior.get().markedScore() != null) {
                return Future.failedFuture(new ExamException(ErrorType.CONFLICT, "marking has already scored the"
                        + " attempt at seat " + before.seatCode() + "; an offline file can no longer change it"));
            }
            return attempts.mergeOffline(before.id(), vector, clock.getAsLong());
        }).compose((AttemptChange change) -> {
            Attempt after = change.attempt();
            int merged = (int) vector.stream().map(Answer::item).distinct()
                    .filter(item -> !Objects.equals(before.answers().get(item), after.answers().get(item))).count();
            Future<Result> scored = change.changed() ? rescore(after, passMark).compose(r -> results.saveResult(r)
                    .map(r)) : rescore(after, passMark);
            return scored.compose(result -> record(after, file, merged, result, by));
        });
    }

    /** Scores the attempt as at submission, then applies the sitting's errata as an erratum would. */
    private Future<Result> rescore(Attempt a, int passMark) {
        return Future.all(submissions.score(a), errata.errata(a.sittingId()), papers.paper(a.id())).map(all -> {
            Result fresh = all.resultAt(0);
            List<StoredErratum> corrections = all.resultAt(1);
            if (corrections.isEmpty()) {
                return fresh;
            }
            PaperService.LoadedPaper paper = all.resultAt(2);
            return Rescoring.rescore(fresh, a, paper.paper(), corrections.stream().map(StoredErratum::erratum)
                    .toList(), passMark);
        });
    }

    private Future<OfflineUpload> record(Attempt a, OfflineFile file, int merged, Result result, String by) {
        Receipt receipt = submissions.receipts().of(a, null);
        SeatEvent event = events.draft(a.sittingId(), a.id(), a.seatCode(), SeatEvent.Kind.OFFLINE_ANSWERS_MERGED,
                new EventDetail.OfflineAnswersMerged(by, merged, receipt.answered(), receipt.digest(), receipt.code(),
                        file.createdAt()), 0);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("attemptId", a.id());
        detail.put("eventId", event.id());
        detail.put("merged", merged);
        detail.put("receipt", receipt.code());
        detail.put("objectiveScore", result.objectiveScore());
        detail.put("fileCreatedAt", file.createdAt());
        return events.recordAll(List.of(event))
                .compose(v -> audit.record(by, AUDIT_ACTION, a.sittingId(), a.seatCode(), detail))
                .map(v -> new OfflineUpload(a.id(), a.ticket(), a.seatCode(), merged, receipt.answered(),
                        receipt.digest(), receipt.code(), result.objectiveScore(), result.maxScore(),
                        result.pendingMarking(), result.passed(), event.id()));
    }

    private static ExamException forged(String message) {
        return new ExamException(ErrorType.OFFLINE_FILE_FORGED, message);
    }

    private static ExamException invalid(String field, String message) {
        return ExamException.field(ErrorType.OFFLINE_FILE_INVALID, field, message);
    }
}
