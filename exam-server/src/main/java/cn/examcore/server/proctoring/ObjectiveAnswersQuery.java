package cn.examcore.server.proctoring;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.assembly.PaperSection;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.ItemType;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The objective answers of a sitting as the answer-similarity detector (抄袭 B2 / 串通作弊 C5) reads them: every
 * attempt that answered anything, with its seat position and its paper reduced to the choice and true/false items
 * with their option labels, the bank option each label stands for and the key; stems, option texts and every other
 * item left out.
 */
public final class ObjectiveAnswersQuery {

    /**
     * A sitting's objective answers.
     *
     * @param sittingId    the sitting
     * @param serverNow    when they were read (epoch ms)
     * @param attempts     attempts of the sitting
     * @param submitted    how many of them are submitted
     * @param allSubmitted whether every attempt is submitted (the answers can no longer change)
     * @param candidates   the attempts that answered anything and sit at a known seat, by attempt id
     */
    public record ObjectiveAnswers(String sittingId, long serverNow, int attempts, long submitted,
                                   boolean allSubmitted, List<CandidateAnswers> candidates) {
    }

    /**
     * One attempt's objective answers.
     *
     * @param attemptId the attempt
     * @param seatCode  its seat
     * @param roomId    the seat's room
     * @param row       the seat's row in the room
     * @param col       the seat's column in the room
     * @param state     the attempt's state when read
     * @param paper     its paper, objective items only, texts blanked
     * @param answers   item number → canonical value, answered items only
     */
    public record CandidateAnswers(String attemptId, String seatCode, String roomId, int row, int col, String state,
                                   Paper paper, Map<Integer, String> answers) {
    }

    private final LongSupplier clock;
    private final SittingStore sittingStore;
    private final RoomStore roomStore;
    private final AttemptStore attempts;
    private final PaperService papers;

    public ObjectiveAnswersQuery(LongSupplier clock, SittingStore sittingStore, RoomStore roomStore,
                                 AttemptStore attempts, PaperService papers) {
        this.clock = clock;
        this.sittingStore = sittingStore;
        this.roomStore = roomStore;
        this.attempts = attempts;
        this.papers = papers;
    }

    /** The sitting's objective answers; {@code UNKNOWN_SITTING} naming the {@code id} field when there is none. */
    public Future<ObjectiveAnswers> of(String sittingId) {
        long now = clock.getAsLong();
        return sittingStore.sitting(sittingId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SITTING, "id",
                        "no sitting " + sittingId));
            }
            return Future.all(roomStore.seats(sittingId), attempts.bySitting(sittingId)).compose(all -> {
                Map<String, Seat> seats = new LinkedHashMap<>();
                all.<List<Seat>>resultAt(0).forEach(x -> seats.put(x.code(), x));
                List<Attempt> sorted = all.<List<Attempt>>resultAt(1).stream()
                        .sorted(Comparator.comparing(Attempt::id)).toList();
                long submitted = sorted.stream().filter(a -> a.stateAt(now) == AttemptState.SUBMITTED).count();
                List<Future<CandidateAnswers>> each = sorted.stream()
                        .filter(a -> a.answeredCount() > 0 && seats.containsKey(a.seatCode()))
                        .map(a -> papers.paper(a.id()).map(p -> candidate(a, seats.get(a.seatCode()),
                                p.paper(), now)))
                        .toList();
                return Future.all(each).map(cf -> new ObjectiveAnswers(sittingId, now, sorted.size(), submitted,
                        !sorted.isEmpty() && submitted == sorted.size(),
                        each.stream().map(Future::result).toList()));
            });
        });
    }

    private static CandidateAnswers candidate(Attempt a, Seat seat, Paper paper, long now) {
        Paper objective = objectiveOnly(paper);
        Map<Integer, String> values = new TreeMap<>();
        objective.items().forEach(item -> {
            Answer answer = a.answers().get(item.number());
            if (answer != null && answer.answered()) {
                values.put(item.number(), answer.value());
            }
        });
        return new CandidateAnswers(a.id(), a.seatCode(), seat.roomId(), seat.row(), seat.col(),
                a.stateAt(now).name(), objective, values);
    }

    /** The paper with only its choice and true/false items, texts blanked: labels, bank option ids and keys remain. */
    static Paper objectiveOnly(Paper paper) {
        List<PaperSection> sections = new ArrayList<>();
        for (PaperSection section : paper.sections()) {
            List<PaperItem> items = section.items().stream()
                    .filter(i -> i.type() == ItemType.TRUE_FALSE || i.type().hasOptions())
                    .map(i -> new PaperItem(i.number(), i.itemId(), i.type(), "",
                            i.options().stream().map(c -> new Choice(c.id(), "")).toList(), i.sourceOptionIds(),
                            i.correctOptions(), i.correctTrueFalse(), List.of(), i.score(), i.multipleRule(),
                            List.of(), null))
                    .toList();
            if (!items.isEmpty()) {
                sections.add(new PaperSection(section.id(), "", section.type(), items));
            }
        }
        return new Paper(paper.blueprintId(), paper.bankId(), paper.seed(), paper.form(), sections);
    }
}
