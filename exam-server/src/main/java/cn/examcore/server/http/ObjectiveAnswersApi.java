package cn.examcore.server.http;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.assembly.PaperSection;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.ItemType;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.wiring.Services;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/admin/sittings/:id/objective-answers} (administrator only: the chief proctor, or the proctor
 * console's own service token): the objective answers of every attempt that answered anything, with its seat
 * position and its paper reduced to what the answer-similarity detector needs — the choice and true/false items with
 * their option labels, the bank option each label stands for, and the key; stems, option texts and every other item
 * left out. Answers are confidential until the results are out, which is why no proctor token may read this.
 */
final class ObjectiveAnswersApi {

    private final Services s;

    ObjectiveAnswersApi(Services services) {
        this.s = services;
    }

    void objectiveAnswers(RoutingContext ctx) {
        String sittingId = ctx.pathParam("id");
        long now = s.clock().getAsLong();
        s.setup().sitting(sittingId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SITTING, "id",
                        "no sitting " + sittingId));
            }
            return Future.all(s.setup().seats(sittingId), s.attempts().bySitting(sittingId)).compose(all -> {
                Map<String, Seat> seats = new LinkedHashMap<>();
                all.<List<Seat>>resultAt(0).forEach(x -> seats.put(x.code(), x));
                List<Attempt> attempts = all.<List<Attempt>>resultAt(1).stream()
                        .sorted(Comparator.comparing(Attempt::id)).toList();
                long submitted = attempts.stream().filter(a -> a.stateAt(now) == AttemptState.SUBMITTED).count();
                List<Future<Map<String, Object>>> each = attempts.stream()
                        .filter(a -> a.answeredCount() > 0 && seats.containsKey(a.seatCode()))
                        .map(a -> s.papers().paper(a.id()).map(p -> candidate(a, seats.get(a.seatCode()),
                                p.paper(), now)))
                        .toList();
                return Future.all(each).map(cf -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("sittingId", sittingId);
                    out.put("serverNow", now);
                    out.put("attempts", attempts.size());
                    out.put("submitted", submitted);
                    out.put("allSubmitted", !attempts.isEmpty() && submitted == attempts.size());
                    out.put("candidates", each.stream().map(Future::result).toList());
                    return out;
                });
            });
        }).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    private static Map<String, Object> candidate(Attempt a, Seat seat, Paper paper, long now) {
        Paper objective = objectiveOnly(paper);
        Map<Integer, String> values = new TreeMap<>();
        objective.items().forEach(item -> {
            Answer answer = a.answers().get(item.number());
            if (answer != null && answer.answered()) {
                values.put(item.number(), answer.value());
            }
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attemptId", a.id());
        m.put("seatCode", a.seatCode());
        m.put("roomId", seat.roomId());
        m.put("row", seat.row());
        m.put("col", seat.col());
        m.put("state", a.stateAt(now).name());
        m.put("paper", objective);
        m.put("answers", values);
        return m;
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
