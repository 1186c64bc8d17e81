package cn.examcore.proctor.similarity;

import java.util.ArrayList;
import java.util.List;

/**
 * Thresholds of the answer-similarity detector; see {@code proctor-console/docs/similarity.md} for the reasoning
 * behind each default.
 *
 * @param familyWiseAlpha  the chance, for a sitting in which nobody copied, that at least one pair is flagged
 *                         (weighted Bonferroni over all pairs compared)
 * @param neighbourWeight  how many times larger a neighbouring pair's share of {@code familyWiseAlpha} is than a
 *                         distant pair's share (1 = no preference for neighbours)
 * @param smoothingPrior   pseudo-responses spread evenly over an item's wrong answers before the sitting's own
 *                         wrong answers are counted, so that rooms with few wrong answers on an item do not
 *                         make one distractor look certain
 * @param timingShare      of a pair's share of alpha, the part spent on the test that combines answers with
 *                         response times (the rest goes to the answers-only test); used only for pairs with enough
 *                         timed items in common, others spend all of it on the answers
 * @param changeShare      of a pair's share of alpha, the part spent on the test that combines answers with
 *                         answer changes (one candidate changing an answer to what the other just changed it to);
 *                         used only in sittings whose input carries answer histories, the rest of the share being
 *                         split by {@code timingShare} as without them
 */
public record SimilarityConfig(double familyWiseAlpha, double neighbourWeight, double smoothingPrior,
                               double timingShare, double changeShare) {

    /**
     * α = 0.01 per sitting, neighbours weighted 10, one pseudo-response per item, half of α to timing, a fifth to
     * answer changes where histories are known.
     */
    public static final SimilarityConfig DEFAULT = new SimilarityConfig(0.01, 10.0, 1.0, 0.5, 0.2);

    public SimilarityConfig {
        List<String> problems = new ArrayList<>();
        if (!(familyWiseAlpha > 0 && familyWiseAlpha < 1)) {
            problems.add("familyWiseAlpha: must be in (0, 1), was " + familyWiseAlpha);
        }
        if (!(neighbourWeight >= 1 && Double.isFinite(neighbourWeight))) {
            problems.add("neighbourWeight: must be a finite number >= 1, was " + neighbourWeight);
        }
        if (!(smoothingPrior > 0 && Double.isFinite(smoothingPrior))) {
            problems.add("smoothingPrior: must be a finite number > 0, was " + smoothingPrior);
        }
        if (!(timingShare >= 0 && timingShare < 1)) {
            problems.add("timingShare: must be in [0, 1), was " + timingShare);
        }
        if (!(changeShare >= 0 && changeShare < 1)) {
            problems.add("changeShare: must be in [0, 1), was " + changeShare);
        }
        if (!problems.isEmpty()) {
            throw new SimilarityInputException(problems);
        }
    }

    /** The default change share (0.2). */
    public SimilarityConfig(double familyWiseAlpha, double neighbourWeight, double smoothingPrior,
                            double timingShare) {
        this(familyWiseAlpha, neighbourWeight, smoothingPrior, timingShare, 0.2);
    }

    /** The default timing share (0.5) and change share (0.2). */
    public SimilarityConfig(double familyWiseAlpha, double neighbourWeight, double smoothingPrior) {
        this(familyWiseAlpha, neighbourWeight, smoothingPrior, 0.5, 0.2);
    }
}
