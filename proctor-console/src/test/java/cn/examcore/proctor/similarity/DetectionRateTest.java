package cn.examcore.proctor.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Floors and ceilings on the rates measured over 200 seeded simulated sittings (table in docs/similarity.md,
 * printed by {@link DetectionStudy#main}). The floors sit below the measured rates with room for the sampling
 * noise of 400 planted pairs; a statistic that stopped separating copiers from honest candidates fails them.
 */
class DetectionRateTest {

    @Test
    @DisplayName("Copiers at copy probability 0.7 are flagged and honest candidates almost never are")
    void copiersAtSeventyPercentAreFound() {
        DetectionStudy.Rates r = DetectionStudy.run(0.7, DetectionStudy.SITTINGS, DetectionStudy.SEED + 3);
        assertThat(r.plantedPairs()).isEqualTo(400);
        assertThat(r.detection()).as("planted pairs flagged").isGreaterThanOrEqualTo(0.6);
        assertThat(r.ringDetection()).as("rings found as one C5 group").isGreaterThanOrEqualTo(0.15);
        assertThat(r.honestPairRate()).as("honest pairs flagged").isLessThanOrEqualTo(0.001);
        assertThat(r.honestCandidateRate()).as("honest candidates named").isLessThanOrEqualTo(0.005);
    }

    @Test
    @DisplayName("In sittings where nobody cheated at most a few sittings name anybody")
    void honestSittingsStayQuiet() {
        DetectionStudy.Rates r = DetectionStudy.run(0.0, DetectionStudy.SITTINGS, DetectionStudy.SEED);
        // The family-wise alpha of 0.01 allows about 2 of 200; 6 would mean the null distribution is off.
        assertThat(r.sittingsWithFalseFlag()).isLessThanOrEqualTo(6);
        assertThat(r.honestPairRate()).isLessThanOrEqualTo(0.0001);
    }
}
