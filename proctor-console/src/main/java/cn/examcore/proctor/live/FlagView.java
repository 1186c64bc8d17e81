package cn.examcore.proctor.live;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import cn.examcore.proctor.rules.Evidence;
import cn.examcore.proctor.rules.Explanation;
import cn.examcore.proctor.rules.FlagEvidenceAdded;
import cn.examcore.proctor.rules.ProposedFlag;
import java.util.ArrayList;
import java.util.List;

/**
 * An open proposed flag as the console shows it: the engine's {@link ProposedFlag} with every
 * {@link FlagEvidenceAdded} folded in (evidence appended, tier-C severity raised).
 *
 * @param id          the flag's deterministic id
 * @param sittingId   the sitting
 * @param seatCode    the seat
 * @param attemptId   the attempt, or null
 * @param category    code, e.g. {@code A3}
 * @param tier        {@code A}, {@code B} or {@code C}
 * @param severity    the suggested severity for tier C, else null
 * @param evidence    supporting events, oldest first
 * @param explanation the engine's words for the proctor: localisable parts and their English text
 * @param rule        the rule that proposed it
 * @param at          server time it was proposed
 * @param updatedAt   server time of its latest evidence
 * @param similarity  for a B2 / C5 proposal of the answer-similarity detector: its statistics and the seats
 *                    involved (the flag has no seat events then); null for a rules-engine flag
 */
public record FlagView(String id, String sittingId, String seatCode, String attemptId, String category, String tier,
                       Severity severity, List<Evidence> evidence, Explanation explanation, String rule, long at,
                       long updatedAt, SimilarityEvidence similarity) {

    public FlagView {
        evidence = List.copyOf(evidence);
    }

    static FlagView of(ProposedFlag f) {
        return new FlagView(f.id(), f.sittingId(), f.seatCode(), f.attemptId(), code(f.category()),
                f.tier().name(), f.severity(), f.evidence(), f.explanation(), f.rule(), f.at(), f.at(), null);
    }

    FlagView with(FlagEvidenceAdded more) {
        List<Evidence> all = new ArrayList<>(evidence);
        all.addAll(more.evidence());
        all.sort(Evidence.CHRONOLOGICAL);
        Severity s = more.severity() == null ? severity : more.severity();
        return new FlagView(id, sittingId, seatCode, attemptId, category, tier, s, all, more.explanation(), rule, at,
                more.at(), null);
    }

    private static String code(MisconductCode c) {
        return c.name();
    }
}
