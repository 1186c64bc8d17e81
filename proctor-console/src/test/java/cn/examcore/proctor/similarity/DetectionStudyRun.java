package cn.examcore.proctor.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The full study of docs/similarity.md, 200 sittings per row, with the targets as assertions. Minutes long,
 * so off in the normal suite; run it with
 * {@code mvn -B -o -pl contract,platform,proctor-console -am verify -Dtest=DetectionStudyRun
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsimilarity.study=true} (the table itself: {@link DetectionStudy#main}).
 */
@EnabledIfSystemProperty(named = "similarity.study", matches = "true")
class DetectionStudyRun {

    @Test
    void targetsOfTheStudy() {
        for (int i = 0; i < DetectionStudy.SCENARIOS.size(); i++) {
            DetectionStudy.Rates r = DetectionStudy.run(DetectionStudy.SCENARIOS.get(i), DetectionStudy.SITTINGS,
                    DetectionStudy.SEED + i);
            System.out.println(r.row());
            assertThat(r.falseSittingRate()).as(r.scenario().name() + ": sittings naming an honest candidate")
                    .isLessThanOrEqualTo(0.015);
            if (i == 2) {
                assertThat(r.detection()).as("lag copiers at 0.5").isGreaterThanOrEqualTo(0.6);
                assertThat(r.ringDetection()).as("rings as one C5 at 0.5").isGreaterThanOrEqualTo(0.8);
            }
            if (i == 4) {
                assertThat(r.detection()).as("lag copiers at 0.7").isGreaterThanOrEqualTo(0.9);
                assertThat(r.ringDetection()).as("rings as one C5").isGreaterThanOrEqualTo(0.8);
            }
            if (i == 8) {
                assertThat(r.detection()).as("drawn papers at 0.7").isGreaterThanOrEqualTo(0.7);
            }
        }
    }
}
