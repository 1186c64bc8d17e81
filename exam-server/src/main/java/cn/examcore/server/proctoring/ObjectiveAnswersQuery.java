package cn.examcore.server.proctoring;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.Choice;
import cn.examcore.contract.AnswerPacking;
import cn.examcore.contract.ErrorType;
import cn.examcore.contract.ObjectiveAnswers;
import cn.examcore.contract.ObjectiveAnswers.CandidateAnswers;
import cn.examcore.contract.ObjectiveAnswers.ObjectiveType;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.AnswerHistory;
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
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * shuffled labels mapped back here) with their save times, and the earlier answers of the items whose answer changed,
 * from the attempt's answer history, packed a few bytes per item ({@link AnswerPacking}). Times go out as
 * deciseconds after the earliest of them. Mapping and packing every answer of a large sitting takes a while, so it
 * runs on a worker thread, never on the event loop.
 */
public final class ObjectiveAnswersQuery {

    private final LongSupplier clock;
    private final SittingStore sittingStore;
    private final RoomStore roomStore;
    private final AttemptStore attempts;
    private final PaperService papers;
    private final Vertx vertx;

    public ObjectiveAnswersQuery(Vertx vertx, LongSupplier clock, SittingStore sittingStore, RoomStore roomStore,
                                 AttemptStore attempts, PaperService papers) {
        this.vertx = vertx;
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
                return Future.all(each).compose(cf -> {
                    List<Paper> loaded = each.stream().map(Future::result).toList();
                    return vertx.executeBlocking(() -> build(sittingId, now, sorted.size(), submitted, seats,
                            answering, loaded), false);
                });
            });
        });
    }

    /**
     * The body: every answering attempt's answers mapped to bank options and packed. For a sitting of thousands this
     * takes long enough to stall every socket on the event loop, so it refuses to run there.
     */
    static ObjectiveAnswers build(String sittingId, long now, int attempts, long submitted, Map<String, Seat> seats,
                                  List<Attempt> answering, List<Paper> loaded) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("the objective answers of sitting " + sittingId + " are built on a worker"
                    + " thread, never on the event loop");
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        List<ObjectiveAnswers.BankItem> items = new ArrayList<>();
        List<Read> read = new ArrayList<>();
        for (int k = 0; k < answering.size(); k++) {
            read.add(read(answering.get(k), loaded.get(k), index, items));
        }
        long origin = read.stream().mapToLong(Read::earliest).min().orElse(now);
        List<CandidateAnswers> candidates = new ArrayList<>();
        for (int k = 0; k < answering.size(); k++) {
            Attempt a = answering.get(k);
            Seat seat = seats.get(a.seatCode());
            Read r = read.get(k);
            List<AnswerPacking.Entry> entries = new ArrayList<>();
            for (int j = 0; j < r.order().size(); j++) {
                long code = r.values().get(j);
                entries.add(new AnswerPacking.Entry(r.order().get(j), code,
                        code == 0 ? 0 : offset(r.savedAt().get(j), origin)));
            }
            List<AnswerPacking.Earlier> earlier = r.earlier().stream().map(e -> new AnswerPacking.Earlier(e.item(),
                    e.values(), e.savedAt().stream().map(t -> offset(t, origin)).toList())).toList();
            candidates.add(new CandidateAnswers(a.id(), a.seatCode(), seat.roomId(), seat.row(), seat.col(),
                    a.stateAt(now).name(), AnswerPacking.packAnswers(entries), AnswerPacking.packEarlier(earlier)));
        }
        return new ObjectiveAnswers(sittingId, now, attempts, submitted, attempts > 0 && submitted == attempts,
                origin, items, candidates);
    }

    /**
     * One attempt's answers with epoch-ms times, before the sitting's time origin is known: per paper item its index,
     * its answer code (0 unanswered) and save time (null when unanswered).
     */
    private record Read(List<Integer> order, List<Long> values, List<Long> savedAt, List<Earlier> earlier) {

        long earliest() {
            long min = Long.MAX_VALUE;
            for (Long t : savedAt) {
                min = t == null ? min : Math.min(min, t);
            }
            for (Earlier e : earlier) {
                for (long t : e.savedAt()) {
                    min = Math.min(min, t);
                }
            }
            return min;
        }
    }

    /** The earlier answers (answer codes) of the item at {@code item} of a paper, with epoch-ms times. */
    record Earlier(int item, List<Long> values, List<Long> savedAt) {
    }

    /** An epoch-ms time as deciseconds after {@code origin}. */
    static int offset(long at, long origin) {
        return Math.toIntExact((at - origin) / ObjectiveAnswers.TIME_UNIT_MILLIS);
    }

    /**
     * One attempt's answers as indices into the sitting's bank items, which it extends with the items of this paper
     * not seen yet. A stored value that does not fit its item (cannot happen for values the server validated) is sent
     * as unanswered rather than failing the whole sitting.
     */
    private static Read read(Attempt a, Paper paper, Map<String, Integer> index,
                             List<ObjectiveAnswers.BankItem> items) {
        List<Integer> order = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        List<Long> savedAt = new ArrayList<>();
        List<Earlier> earlier = new ArrayList<>();
        Map<Integer, List<AnswerHistory.Entry>> history = byItem(a.history());
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
            long value = answer != null && answer.answered() ? encode(item, items.get(i), answer.value()) : 0;
            values.add(value);
            savedAt.add(value == 0 ? null : answer.savedAt());
            if (value != 0) {
                Earlier e = earlier(order.size() - 1, item, items.get(i), value,
                        history.getOrDefault(item.number(), List.of()));
                if (e != null) {
                    earlier.add(e);
                }
            }
        }
        return new Read(order, values, savedAt, earlier);
    }

    /** The history's answer entries by item number (a merge mark changes no answer). */
    private static Map<Integer, List<AnswerHistory.Entry>> byItem(AnswerHistory history) {
        Map<Integer, List<AnswerHistory.Entry>> out = new HashMap<>();
        if (history.isEmpty()) {
            return out;
        }
        for (AnswerHistory.Entry e : history.entriesWithoutDigests()) {
            if (e.kind() != AnswerHistory.Kind.MERGE) {
                out.computeIfAbsent(e.item(), k -> new ArrayList<>()).add(e);
            }
        }
        return out;
    }

    /**
     * The answers given to one item before its final answer {@code finalValue} (answer code), oldest first: cleared
     * answers, values that do not fit the item and repeated saves of one answer left out, each with the time it was
     * first given; null when the answer never changed.
     */
    static Earlier earlier(int position, ObjectiveAnswers.Item item, ObjectiveAnswers.BankItem bank,
                           long finalValue, List<AnswerHistory.Entry> entries) {
        List<Long> values = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (AnswerHistory.Entry e : entries) {
            long v = e.value() == null ? 0 : encode(item, bank, e.value());
            if (v != 0 && (values.isEmpty() || v != values.get(values.size() - 1))) {
                values.add(v);
                times.add(e.at());
            }
        }
        // The last of them is the final answer when the history is complete; it is sent with the answers already.
        if (!values.isEmpty() && values.get(values.size() - 1) == finalValue) {
            values.remove(values.size() - 1);
            times.remove(times.size() - 1);
        }
        return values.isEmpty() ? null : new Earlier(position, List.copyOf(values), List.copyOf(times));
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
     * A stored canonical value ({@code "B"}, {@code ["A","C"]}, {@code true}) as the wire's answer code: the bit set of
     * the chosen indices into the bank item's options, through the labels this paper showed
     * ({@link AnswerPacking}); 0 when it does not fit the item.
     */
    static long encode(ObjectiveAnswers.Item item, ObjectiveAnswers.BankItem bank, String value) {
        JsonNode v;
        try {
            v = Json.tree(value);
        } catch (IllegalArgumentException e) {
            return 0;
        }
        if (v == null || v.isNull()) {
            return 0;
        }
        if (item.type() == ObjectiveType.TRUE_FALSE) {
            return v.isBoolean() ? (v.asBoolean() ? AnswerPacking.TRUE : AnswerPacking.FALSE) : 0;
        }
        List<JsonNode> labels = new ArrayList<>();
        if (v.isTextual()) {
            labels.add(v);
        } else if (v.isArray() && item.type() == ObjectiveType.MULTIPLE_CHOICE) {
            v.forEach(labels::add);
        } else {
            return 0;
        }
        long code = 0;
        for (JsonNode label : labels) {
            int o = label.isTextual() ? item.labels().indexOf(label.asText()) : -1;
            int b = o < 0 ? -1 : bank.optionIds().indexOf(item.sourceOptionIds().get(o));
            if (b < 0 || b >= AnswerPacking.MAX_OPTIONS) {
                return 0;
            }
            code |= 1L << b;
        }
        return code;
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
