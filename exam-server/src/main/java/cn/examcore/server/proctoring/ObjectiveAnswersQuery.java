package cn.examcore.server.proctoring;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.Choice;
import cn.examcore.contract.ErrorType;
import cn.examcore.contract.ObjectiveAnswers;
import cn.examcore.contract.ObjectiveAnswers.CandidateAnswers;
import cn.examcore.contract.ObjectiveAnswers.ObjectiveType;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The objective answers of a sitting as the answer-similarity detector (抄袭 B2 / 串通作弊 C5) reads them
 * ({@link ObjectiveAnswers}): every attempt that answered anything, with its seat position and its paper reduced to
 * the choice and true/false items with their option labels, the bank option each label stands for and the key;
 * stems, option texts and every other item left out.
 */
public final class ObjectiveAnswersQuery {

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
        List<ObjectiveAnswers.Item> items = objectiveItems(paper);
        Map<Integer, String> values = new TreeMap<>();
        Map<Integer, Long> savedAt = new TreeMap<>();
        items.forEach(item -> {
            Answer answer = a.answers().get(item.number());
            if (answer != null && answer.answered()) {
                values.put(item.number(), answer.value());
                savedAt.put(item.number(), answer.savedAt());
            }
        });
        return new CandidateAnswers(a.id(), a.seatCode(), seat.roomId(), seat.row(), seat.col(),
                a.stateAt(now).name(), items, values, savedAt);
    }

    /** The paper's choice and true/false items in paper order: labels, bank option ids and keys, no texts. */
    static List<ObjectiveAnswers.Item> objectiveItems(Paper paper) {
        return paper.items().flatMap(i -> objectiveType(i).map(type -> new ObjectiveAnswers.Item(i.number(),
                i.itemId(), type, i.options().stream().map(Choice::id).toList(), i.sourceOptionIds(),
                List.copyOf(new TreeSet<>(i.correctOptions())), i.correctTrueFalse())).stream()).toList();
    }

    private static Optional<ObjectiveType> objectiveType(PaperItem item) {
        return switch (item.type()) {
            case SINGLE_CHOICE -> Optional.of(ObjectiveType.SINGLE_CHOICE);
            case MULTIPLE_CHOICE -> Optional.of(ObjectiveType.MULTIPLE_CHOICE);
            case TRUE_FALSE -> Optional.of(ObjectiveType.TRUE_FALSE);
            case FILL_IN, SHORT_ANSWER, ESSAY, OPERATION -> Optional.empty();
        };
    }
}
