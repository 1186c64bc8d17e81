package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import java.util.List;
import java.util.Objects;

/**
 * More evidence for a flag already proposed for this seat and category: the engine never proposes a second flag
 * for the same seat and category, so the proctor reviews one growing case instead of a stream of duplicates.
 *
 * @param flagId      the {@link ProposedFlag#id()} it adds to
 * @param sittingId   the sitting
 * @param seatCode    the seat
 * @param attemptId   the attempt open at the seat, or null
 * @param category    the flag's category
 * @param severity    for tier C the flag's suggested severity after this evidence (it only ever rises), else null
 * @param evidence    only the evidence not already on the flag, oldest first
 * @param explanation why this evidence was added (localisable, with its English text)
 * @param rule        the rule that produced it
 * @param at          server time of the input that produced it
 */
public record FlagEvidenceAdded(String flagId, String sittingId, String seatCode, String attemptId,
                                MisconductCode category, Severity severity, List<Evidence> evidence, Explanation explanation,
                                String rule, long at) implements RuleOutput {

    public FlagEvidenceAdded {
        Objects.requireNonNull(flagId, "flagId");
        Objects.requireNonNull(category, "category");
        evidence = List.copyOf(evidence);
    }
}
