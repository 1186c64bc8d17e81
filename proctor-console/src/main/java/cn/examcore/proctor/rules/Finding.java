package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import cn.examcore.proctor.i18n.Message;
import java.util.List;
import java.util.Objects;

/**
 * What a rule observed, before the engine turns it into an output.
 *
 * @param category    the category the behaviour supports
 * @param behaviourAt when the behaviour that matters happened (server epoch ms): a tier-A finding becomes a flag
 *                    only when a covering reminder was recorded strictly before this time
 * @param evidence    the events that show the behaviour (not the reminder: the engine adds it)
 * @param explanation what the rule saw, as localisable sentences (the engine may add more)
 * @param severity    the suggested 情节 for tier C, null otherwise
 */
public record Finding(MisconductCode category, long behaviourAt, List<Evidence> evidence, List<Message> explanation,
                      Severity severity) {

    public Finding {
        Objects.requireNonNull(category, "category");
        explanation = List.copyOf(explanation);
        if (explanation.isEmpty()) {
            throw new IllegalArgumentException("a finding needs an explanation");
        }
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException("a finding needs evidence");
        }
        if ((category.tier() == Tier.C) != (severity != null)) {
            throw new IllegalArgumentException("a severity belongs to tier C findings only: " + category);
        }
        evidence = List.copyOf(evidence);
    }

    /** A tier A or B finding. */
    public static Finding of(MisconductCode category, long behaviourAt, List<Evidence> evidence,
                             Message... explanation) {
        return new Finding(category, behaviourAt, evidence, List.of(explanation), null);
    }
}
