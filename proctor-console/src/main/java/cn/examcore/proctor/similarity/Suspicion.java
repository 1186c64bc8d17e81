package cn.examcore.proctor.similarity;

import cn.examcore.contract.MisconductCode;
import java.util.List;

/**
 * 疑似违纪 proposal raised from answer similarity: B2 (抄袭, copying) for one pair, C5 (串通作弊, collusion or
 * organised cheating) for a group of three or more. A proposal for a proctor to examine, never a verdict.
 *
 * @param category       {@link MisconductCode#B2} or {@link MisconductCode#C5}
 * @param attemptIds     the candidates involved, sorted
 * @param statistic      what {@code observed} and {@code expected} count
 * @param observed       the observed count (B2: identical wrong answers; C5: items on which every member gave the same
 *                       wrong answer)
 * @param expected       its expectation if the candidates had answered independently
 * @param pValue         B2: the pair's p-value (see {@link PairEvidence#pValue()}); C5: the strongest link's, or the
 *                       ring statistic's when no flagged pair links the group
 * @param neighbours     B2: the two sat in touching seats; C5: every linking pair did
 * @param explanation    a short account in English for the proctor
 * @param pairs          the flagged pairs behind the proposal, strongest first
 * @param joined         C5: members that joined through the group statistic rather than a flagged pair
 */
public record Suspicion(MisconductCode category, List<String> attemptIds, String statistic, int observed, double expected,
                        double pValue, boolean neighbours, String explanation, List<PairEvidence> pairs,
                        List<GroupMember> joined) {

    public Suspicion {
        attemptIds = List.copyOf(attemptIds);
        pairs = List.copyOf(pairs);
        joined = List.copyOf(joined);
    }
}
