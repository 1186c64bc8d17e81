package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode;
import java.util.List;

/** What the {@link RulesEngine} tells the proctor console: a suggestion, a new flag, or more evidence for one. */
public sealed interface RuleOutput permits Suggestion, ProposedFlag, FlagEvidenceAdded {

    String sittingId();

    String seatCode();

    /** The attempt open at the seat when known, else null. */
    String attemptId();

    MisconductCode category();

    /** The evidence this output carries (for {@link FlagEvidenceAdded}, only the new evidence). */
    List<Evidence> evidence();

    /** Why, as localisable sentences with their English text. */
    Explanation explanation();

    /** The simple name of the rule that produced it. */
    String rule();

    /** Server time of the input that produced it (epoch ms). */
    long at();
}
