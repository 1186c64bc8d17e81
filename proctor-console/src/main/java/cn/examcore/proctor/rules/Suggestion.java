package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode;
import java.util.List;
import java.util.Objects;

/**
 * 建议: the engine suggests the proctor act at a seat, today always "remind the candidate about this category",
 * because a tier-A category may only be flagged once a reminder was not heeded (经提醒拒不改正).
 *
 * @param id          deterministic: derived from sitting, seat, category and the first evidence id
 * @param action      what the proctor should do
 * @param sittingId   the sitting
 * @param seatCode    the seat
 * @param attemptId   the attempt open at the seat, or null
 * @param category    the tier-A category the reminder should be about
 * @param evidence    the events that show the behaviour, oldest first
 * @param explanation one sentence for the proctor (localisable, with its English text)
 * @param rule        the rule that produced it
 * @param at          server time of the input that produced it
 */
public record Suggestion(String id, Action action, String sittingId, String seatCode, String attemptId,
                         MisconductCode category, List<Evidence> evidence, Explanation explanation, String rule, long at)
        implements RuleOutput {

    /** What the proctor is asked to do. */
    public enum Action {
        /** Send the seat a reminder (ProctorCommand REMIND) naming the category. */
        REMIND
    }

    public Suggestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(category, "category");
        evidence = List.copyOf(evidence);
    }
}
