package cn.examcore.server.attempt;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.contract.ErrorType;
import cn.examcore.contract.PageMessage;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.common.ExamException;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * 作答保存: what a seat does with its attempt's answers. A page's answer is checked against its paper item first
 * (nothing is stored when it does not fit); a save and a reconnect's vector are each one atomic change of the
 * attempt, merged by rev.
 */
public final class AnswerService {

    private final AttemptStore attempts;
    private final LongSupplier clock;

    public AnswerService(AttemptStore attempts, LongSupplier clock) {
        this.attempts = attempts;
        this.clock = clock;
    }

    /**
     * The outcome of a reconnect's vector.
     *
     * @param attempt the attempt as it is after it
     * @param merged  false when nothing was merged: the vector was empty or the attempt takes no answers now
     */
    public record Merge(Attempt attempt, boolean merged) {
    }

    /** The attempt as it stands; fails with {@link cn.examcore.server.attempt.domain.UnknownAttempt} if none. */
    public Future<Attempt> attempt(String attemptId) {
        return attempts.get(attemptId);
    }

    /**
     * The page's answer as the attempt holds it: its value in canonical form for the item's type.
     *
     * @param items the attempt's paper items by number
     * @param entry the page's answer
     * @param where the field the entry is in ({@code answers[2]}), or null for a save's own fields
     * @throws ExamException {@code UNKNOWN_ITEM} or {@code BAD_VALUE} naming the field, with the entry's item and rev
     */
    public Answer answer(Map<Integer, PaperItem> items, PageMessage.AnswerEntry entry, String where) {
        String prefix = where == null ? "" : where + ".";
        PaperItem item = items.get(entry.item());
        if (item == null) {
            throw new ExamException(ErrorType.UNKNOWN_ITEM, "the paper has no item " + entry.item(),
                    Map.of("field", prefix + "item", "item", (long) entry.item(), "rev", entry.rev()));
        }
        String value;
        try {
            value = AnswerValues.canonical(item, Json.tree(entry.value()));
        } catch (AnswerValues.BadValue e) {
            throw new ExamException(ErrorType.BAD_VALUE, e.getMessage(),
                    Map.of("field", prefix + "value", "item", item.number(), "rev", entry.rev()));
        }
        return new Answer(item.number(), value, entry.rev(), clock.getAsLong());
    }

    /** Saves one answer: held by the cluster (two members) when the future succeeds. */
    public Future<Void> save(String attemptId, Answer answer) {
        return attempts.save(attemptId, List.of(answer), clock.getAsLong());
    }

    /**
     * Merges a reconnect's vector, unless it is empty or the attempt takes no answers now (waiting for its start,
     * or submitted): then the attempt is left as it is.
     */
    public Future<Merge> merge(String attemptId, List<Answer> vector) {
        long now = clock.getAsLong();
        return attempts.get(attemptId).compose(a -> {
            AttemptState state = a.stateAt(now);
            if (state == AttemptState.WAITING || state == AttemptState.SUBMITTED || vector.isEmpty()) {
                return Future.succeededFuture(new Merge(a.effective(now), false));
            }
            return attempts.mergeVector(attemptId, vector, now).map(merged -> new Merge(merged, true));
        });
    }
}
