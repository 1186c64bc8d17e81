package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import java.util.List;
import java.util.Objects;

/**
 * 拟标记: a misconduct flag the engine proposes; a proctor confirms or dismisses it. There is at most one per seat
 * and category; later evidence for it arrives as {@link FlagEvidenceAdded}.
 *
 * @param id          deterministic: derived from sitting, seat, category and the first evidence id, so a replay
 *                    proposes the same flag under the same id
 * @param sittingId   the sitting
 * @param seatCode    the seat
 * @param attemptId   the attempt open at the seat, or null
 * @param category    the proposed category
 * @param tier        the category's tier
 * @param severity    the suggested 情节 for tier C, null for tiers A and B
 * @param evidence    the supporting events oldest first (for tier A, the unheeded reminder is among them)
 * @param explanation one or two sentences for the proctor (localisable, with its English text)
 * @param rule        the rule that produced it
 * @param at          server time of the input that produced it
 */
public record ProposedFlag(String id, String sittingId, String seatCode, String attemptId, MisconductCode category,
                           Tier tier, Severity severity, List<Evidence> evidence, Explanation explanation, String rule,
                           long at) implements RuleOutput {

    public ProposedFlag {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        if (tier != category.tier()) {
            throw new IllegalArgumentException("tier " + tier + " does not match category " + category);
        }
        if ((tier == Tier.C) != (severity != null)) {
            throw new IllegalArgumentException("a severity is suggested for tier C only, got " + severity
                    + " for " + category);
        }
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException("a flag needs evidence");
        }
        evidence = List.copyOf(evidence);
    }
}
