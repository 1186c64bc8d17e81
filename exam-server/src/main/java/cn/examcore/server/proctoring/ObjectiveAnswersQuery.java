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
import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The objective answers of a sitting as the answer-similarity detector (抄袭 B2 / 串通作弊 C5) reads them
 * ({@link ObjectiveAnswers}): the choice and true/false items of the answering candidates' papers once, in bank terms
 * (bank option ids and key; stems, option texts and every other item left out), and every attempt that answered
 * anything with its seat position and, in paper order, its items and answers as indices into them (each candidate's
 * shuffled labels mapped back here) with their save times.
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
                List<Attempt> answering = sorted.stream()
                        .filter(a -> a.answeredCount() > 0 && seats.containsKey(a.seatCode())).toList();
                List<Future<Paper>> each = answering.stream().map(a -> papers.paper(a.id()).map(p -> p.paper()))
                        .toList();
                return Future.all(each).map(cf -> {
                    Map<String, Integer> index = new LinkedHashMap<>();
                    List<ObjectiveAnswers.BankItem> items = new ArrayList<>();
                    List<CandidateAnswers> candidates = new ArrayList<>();
                    for (int k = 0; k < answering.size(); k++) {
                        Attempt a = answering.get(k);
                        candidates.add(candidate(a, seats.get(a.seatCode()), each.get(k).result(), now, index,
                                items));
                    }
                    return new ObjectiveAnswers(sittingId, now, sorted.size(), submitted,
                            !sorted.isEmpty() && submitted == sorted.size(), items, candidates);
                });
            });
        });
    }

    /**
     * One attempt's answers as indices into the sitting's bank items, which it extends with the items of this paper
     * not seen yet. A stored value that does not fit its item (cannot happen for values the server validated) is sent
     * as unanswered rather than failing the whole sitting.
     */
    private static CandidateAnswers candidate(Attempt a, Seat seat, Paper paper, long now, Map<String, Integer> index,
                                              List<ObjectiveAnswers.BankItem> items) {
        List<Integer> order = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Long> savedAt = new ArrayList<>();
        for (ObjectiveAnswers.Item item : objectiveItems(paper)) {
            ObjectiveAnswers.BankItem bank = bankItem(item);
            Integer i = index.get(item.itemId());
            if (i == null) {
                i = items.size();
                index.put(item.itemId(), i);
                items.add(bank);
            }
            order.add(i);
            Answer answer = a.answers().get(item.number());
            String value = answer != null && answer.answered() ? encode(item, items.get(i), answer.value()) : null;
            values.add(value);
            savedAt.add(value == null ? null : answer.savedAt());
        }
        return new CandidateAnswers(a.id(), a.seatCode(), seat.roomId(), seat.row(), seat.col(),
                a.stateAt(now).name(), order, values, savedAt);
    }

    /** The item in bank terms: its bank options sorted (so differently shuffled papers agree) and its key. */
    static ObjectiveAnswers.BankItem bankItem(ObjectiveAnswers.Item item) {
        List<String> options = List.copyOf(new TreeSet<>(item.sourceOptionIds()));
        TreeSet<String> key = new TreeSet<>();
        for (int o = 0; o < item.labels().size(); o++) {
            if (item.correctLabels().contains(item.labels().get(o))) {
                key.add(item.sourceOptionIds().get(o));
            }
        }
        return new ObjectiveAnswers.BankItem(item.itemId(), item.type(), options, List.copyOf(key),
                item.correctTrueFalse());
    }

    /**
     * A stored canonical value ({@code "B"}, {@code ["A","C"]}, {@code true}) as the wire's indices into the bank
     * item's options, through the labels this paper showed; null when it does not fit the item.
     */
    static String encode(ObjectiveAnswers.Item item, ObjectiveAnswers.BankItem bank, String value) {
        JsonNode v;
        try {
            v = Json.tree(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (v == null || v.isNull()) {
            return null;
        }
        if (item.type() == ObjectiveType.TRUE_FALSE) {
            return v.isBoolean() ? String.valueOf(v.asBoolean()) : null;
        }
        List<JsonNode> labels = new ArrayList<>();
        if (v.isTextual()) {
            labels.add(v);
        } else if (v.isArray() && item.type() == ObjectiveType.MULTIPLE_CHOICE) {
            v.forEach(labels::add);
        } else {
            return null;
        }
        TreeSet<Integer> chosen = new TreeSet<>();
        for (JsonNode label : labels) {
            int o = label.isTextual() ? item.labels().indexOf(label.asText()) : -1;
            if (o < 0) {
                return null;
            }
            chosen.add(bank.optionIds().indexOf(item.sourceOptionIds().get(o)));
        }
        return chosen.isEmpty() ? null : String.join(",", chosen.stream().map(String::valueOf).toList());
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
