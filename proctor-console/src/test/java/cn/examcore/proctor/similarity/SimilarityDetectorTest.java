package cn.examcore.proctor.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.MisconductCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimilarityDetectorTest {

    private static final int ITEMS = 40;
    private static final List<String> OPTIONS = List.of("a", "b", "c", "d");

    /** 40 single-choice items, key "a" throughout. */
    private static List<ObjectiveItem> items() {
        List<ObjectiveItem> out = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            out.add(ObjectiveItem.singleChoice("Q" + i, OPTIONS, "a"));
        }
        return out;
    }

    /** A candidate right on each item with chance {@code ability}, otherwise on a uniformly drawn distractor. */
    private static Map<String, Set<String>> independent(SplittableRandom rnd, double ability) {
        Map<String, Set<String>> r = new HashMap<>();
        for (int i = 0; i < ITEMS; i++) {
            r.put("Q" + i, Set.of(rnd.nextDouble() < ability ? "a" : OPTIONS.get(1 + rnd.nextInt(3))));
        }
        return r;
    }

    /** 30 honest candidates in a 5 × 6 room, abilities 0.4 to 0.8; the first {@code replaced} seats left to the test. */
    private static List<CandidateResponses> room(long seed, Map<Integer, Map<String, Set<String>>> replaced) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<CandidateResponses> out = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            Map<String, Set<String>> answers = independent(rnd, 0.4 + 0.4 * (s % 5) / 4.0);
            out.add(new CandidateResponses("c" + (100 + s), new SeatPosition("R1", s / 6 + 1, s % 6 + 1),
                    replaced.getOrDefault(s, answers)));
        }
        return out;
    }

    @Test
    @DisplayName("Two neighbours with identical answers, half of them wrong, are proposed as one B2 pair")
    void identicalVectorsAreFlagged() {
        Map<String, Set<String>> shared = independent(new SplittableRandom(7), 0.5);
        List<CandidateResponses> room = room(1, Map.of(0, shared, 1, shared));

        SimilarityReport report = new SimilarityDetector().analyse(items(), room);

        assertThat(report.suspicions()).hasSize(1);
        Suspicion s = report.suspicions().get(0);
        assertThat(s.category()).isEqualTo(MisconductCode.B2);
        assertThat(s.attemptIds()).containsExactly("c100", "c101");
        assertThat(s.neighbours()).isTrue();
        assertThat(s.observed()).isEqualTo(s.pairs().get(0).bothWrong()).isGreaterThan(10);
        assertThat(s.expected()).isLessThan(s.observed() / 2.0);
        assertThat(s.pValue()).isLessThan(report.neighbourThreshold());
        assertThat(s.explanation()).contains("抄袭", "c100", "c101", "cannot tell which", "not a verdict");
    }

    @Test
    @DisplayName("Candidates answering independently are not flagged and their pair p-values are not small")
    void independentVectorsAreNotFlagged() {
        SimilarityAnalysis analysis = new SimilarityDetector().prepare(items(), room(2, Map.of()));

        assertThat(analysis.report().suspicions()).isEmpty();
        PairEvidence e = analysis.pair("c100", "c101");
        assertThat(e.flagged()).isFalse();
        assertThat(e.pValue()).isGreaterThan(0.001);
    }

    @Test
    @DisplayName("Two candidates with every answer correct are identical but not suspicious")
    void allCorrectPairIsNotFlagged() {
        Map<String, Set<String>> perfect = new HashMap<>();
        for (int i = 0; i < ITEMS; i++) {
            perfect.put("Q" + i, Set.of("a"));
        }
        SimilarityAnalysis analysis = new SimilarityDetector().prepare(items(), room(3, Map.of(0, perfect, 1, perfect)));

        PairEvidence e = analysis.pair("c101", "c100");
        assertThat(e.identicalCorrect()).isEqualTo(ITEMS);
        assertThat(e.identicalWrong()).isZero();
        // Identical correct answers weigh by how unlikely each was; for two candidates the model rates as able as
        // their all-correct papers say, agreeing on every key is likely, far from any threshold.
        assertThat(e.pValue()).isGreaterThan(0.01);
        assertThat(analysis.report().suspicions()).isEmpty();
    }

    @Test
    @DisplayName("The exact tail of the weighted score matches brute-force enumeration")
    void weightedTailIsExact() {
        double[] p = {0.3, 0.05, 0.6, 0.01, 0.45, 0.2};
        int[] k = {3, 14, 1, 23, 2, 7};
        for (int t = 0; t <= 52; t++) {
            double brute = 0;
            for (int mask = 0; mask < 1 << p.length; mask++) {
                double prob = 1;
                int sum = 0;
                for (int i = 0; i < p.length; i++) {
                    boolean on = (mask & (1 << i)) != 0;
                    prob *= on ? p[i] : 1 - p[i];
                    sum += on ? k[i] : 0;
                }
                if (sum >= t) {
                    brute += prob;
                }
            }
            assertThat(WeightedBernoulli.upperTail(p, k, p.length, t)).as("t = " + t)
                    .isCloseTo(brute, org.assertj.core.data.Offset.offset(1e-15));
            int critical = WeightedBernoulli.criticalValue(p, k, p.length, 0.01);
            assertThat(WeightedBernoulli.upperTail(p, k, p.length, critical)).isLessThanOrEqualTo(0.01);
            assertThat(WeightedBernoulli.upperTail(p, k, p.length, critical - 1)).isGreaterThan(0.01);
        }
    }

    @Test
    @DisplayName("The report's screen loses no flag: every pair whose exact p-value reaches its threshold is in it")
    void screenLosesNoFlag() {
        for (long seed = 1; seed <= 3; seed++) {
            SimulatedSitting s = SimulatedSitting.generate(new SimulatedSitting.Plan(6, 2, 60, 60, 2, 1, 0.5, 3, 0.8,
                    0.5), seed);
            SimilarityAnalysis analysis = new SimilarityDetector().prepare(s.items(), s.candidates());
            java.util.Set<String> reported = new java.util.HashSet<>();
            analysis.report().flaggedPairs().forEach(e -> reported.add(e.attemptA() + "|" + e.attemptB()));
            java.util.Set<String> exact = new java.util.HashSet<>();
            List<CandidateResponses> c = s.candidates();
            for (int a = 0; a < c.size(); a++) {
                for (int b = a + 1; b < c.size(); b++) {
                    PairEvidence e = analysis.pair(c.get(a).attemptId(), c.get(b).attemptId());
                    if (e.flagged()) {
                        exact.add(e.attemptA() + "|" + e.attemptB());
                    }
                }
            }
            assertThat(exact).as("seed %d", seed).isNotEmpty();
            assertThat(reported).as("seed %d", seed).isEqualTo(exact);
        }
    }

    @Test
    @DisplayName("A room reconnecting at once and sending its kept answers together is not lockstep")
    void burstsAreNotLockstep() {
        SimulatedSitting.Plan plan = new SimulatedSitting.Plan(6, 2, 70, 70, 0, 0, 0, 0, 0.8, 0.5);
        for (long seed = 1; seed <= 5; seed++) {
            SimulatedSitting s = SimulatedSitting.generate(plan, seed);
            // Everybody's answers from item 20 on were kept offline and arrive in one burst at the same moment.
            long reconnect = 1_780_000_000_000L + 3_600_000L;
            List<CandidateResponses> synced = s.candidates().stream().map(c -> {
                Map<String, Long> times = new HashMap<>(c.savedAt());
                times.replaceAll((item, t) -> Integer.parseInt(item.substring(1)) > 20
                        ? reconnect + Integer.parseInt(item.substring(1)) : t);
                return new CandidateResponses(c.attemptId(), c.seat(), c.responses(), times, c.positions());
            }).toList();
            SimilarityAnalysis analysis = new SimilarityDetector().prepare(s.items(), synced);
            assertThat(analysis.report().suspicions()).as("seed %d", seed).isEmpty();
            CandidateResponses a = synced.get(0);
            CandidateResponses b = synced.stream().filter(c -> c.seat().isNeighbourOf(a.seat())).findFirst()
                    .orElseThrow();
            PairEvidence e = analysis.pair(a.attemptId(), b.attemptId());
            assertThat(e.timingTest()).isEqualTo("lockstep-path");
            assertThat(e.lockstepItems()).as("burst saves take no part").isLessThanOrEqualTo(20);
        }
    }

    @Test
    @DisplayName("A neighbour saving the same answers seconds after its source is flagged through lockstep timing"
            + " even when the answers alone fall short")
    void lockstepTimingTipsAWeakAnswerSignal() {
        SimulatedSitting.Plan plan = new SimulatedSitting.Plan(6, 2, 70, 70, 1, 0, 0.5, 0, 0.8, 0.5);
        int flaggedWithTiming = 0;
        int flaggedAnswersOnly = 0;
        for (long seed = 1; seed <= 12; seed++) {
            SimulatedSitting s = SimulatedSitting.generate(plan, seed);
            var copier = s.copierPairs().entrySet().iterator().next();
            SimilarityAnalysis timed = new SimilarityDetector().prepare(s.items(), s.candidates());
            SimilarityAnalysis untimed = new SimilarityDetector().prepare(s.items(), s.candidates().stream()
                    .map(c -> new CandidateResponses(c.attemptId(), c.seat(), c.responses())).toList());
            PairEvidence withTiming = timed.pair(copier.getKey(), copier.getValue());
            flaggedWithTiming += withTiming.flagged() ? 1 : 0;
            flaggedAnswersOnly += untimed.pair(copier.getKey(), copier.getValue()).flagged() ? 1 : 0;
            assertThat(withTiming.timingTest()).isEqualTo("lockstep-path");
        }
        assertThat(flaggedWithTiming).isGreaterThan(flaggedAnswersOnly);
    }

    @Test
    @DisplayName("A copier who follows its neighbour's answer changes seconds later gets a smaller p-value from the"
            + " answer histories than from its final answers and times alone")
    void followedChangesAddEvidence() {
        SimulatedSitting.Plan plan = new SimulatedSitting.Plan(6, 2, 70, 70, 1, 0, 0.5, 0, 0.8, 0.5, 0.3);
        int followed = 0;
        int strongerWithHistories = 0;
        int weakerWithHistories = 0;
        for (long seed = 1; seed <= 12; seed++) {
            SimulatedSitting s = SimulatedSitting.generate(plan, seed);
            var copier = s.copierPairs().entrySet().iterator().next();
            PairEvidence with = new SimilarityDetector().prepare(s.items(), s.candidates())
                    .pair(copier.getKey(), copier.getValue());
            PairEvidence without = new SimilarityDetector().prepare(s.items(), s.candidates().stream()
                    .map(c -> new CandidateResponses(c.attemptId(), c.seat(), c.responses(), c.savedAt(),
                            c.positions())).toList()).pair(copier.getKey(), copier.getValue());
            followed += with.changesFollowed();
            assertThat(without.changesFollowed()).isZero();
            assertThat(without.changesPValue()).isEqualTo(1.0);
            if (with.changesFollowed() >= 2) {
                assertThat(with.changesPValue()).as("two or more followed changes, seed " + seed)
                        .isLessThanOrEqualTo(1e-3);
            }
            strongerWithHistories += with.pValue() < without.pValue() ? 1 : 0;
            weakerWithHistories += with.pValue() > without.pValue() ? 1 : 0;
        }
        assertThat(followed).isGreaterThanOrEqualTo(12);
        assertThat(strongerWithHistories).isGreaterThan(weakerWithHistories);
    }

    @Test
    @DisplayName("A whole room changing one item to the same answer within a minute (an announced correction) is no"
            + " evidence against any pair: the null comes from the sitting's own changes")
    void roomWideChangeIsNotFollowing() {
        long start = 1_780_000_000_000L;
        List<CandidateResponses> room = new ArrayList<>();
        for (CandidateResponses c : room(1, Map.of())) {
            int s = room.size();
            Map<String, Set<String>> answers = new HashMap<>(c.responses());
            answers.put("Q0", Set.of("a"));
            room.add(new CandidateResponses(c.attemptId(), c.seat(), answers,
                    Map.of("Q0", start + 60_000 + 1_500L * s), Map.of(),
                    Map.of("Q0", List.of(new EarlierAnswer(Set.of("b"), start + 1_000L * s)))));
        }
        SimilarityAnalysis analysis = new SimilarityDetector().prepare(items(), room);

        PairEvidence neighbours = analysis.pair("c100", "c101");
        assertThat(neighbours.changesFollowed()).isEqualTo(1);
        assertThat(neighbours.changesPValue()).isGreaterThan(0.5);
        assertThat(analysis.report().suspicions()).isEmpty();
    }

    @Test
    @DisplayName("Earlier answers that do not fit their item are listed with the candidate and item")
    void badEarlierAnswersAreListed() {
        List<CandidateResponses> candidates = List.of(
                new CandidateResponses("x1", new SeatPosition("R1", 1, 1), Map.of("Q1", Set.of("a")), Map.of(),
                        Map.of(), Map.of("Q1", List.of(new EarlierAnswer(Set.of("e"), 5)),
                        "Q2", List.of(new EarlierAnswer(Set.of("b"), 5)))));
        assertThatThrownBy(() -> new SimilarityDetector().analyse(items(), candidates))
                .isInstanceOfSatisfying(SimilarityInputException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "candidates[0] (attempt 'x1'), earlier answers to item 'Q1': EarlierAnswer[optionIds=[e],"
                                        + " savedAt=5] is not an answer to this item with an epoch-ms time",
                                "candidates[0] (attempt 'x1'), earlier answers to item 'Q2': the item has no final"
                                        + " answer"));
    }

    @Test
    @DisplayName("A neighbouring pair gets a threshold as many times more lenient as the neighbour weight")
    void neighboursGetTheWeightedThreshold() {
        SimilarityAnalysis analysis = new SimilarityDetector(new SimilarityConfig(0.01, 10, 1))
                .prepare(items(), room(4, Map.of()));
        SimilarityReport report = analysis.report();

        assertThat(report.neighbourThreshold()).isCloseTo(10 * report.distantThreshold(),
                org.assertj.core.data.Offset.offset(1e-15));
        // 5 × 6 seats: 25 horizontal, 24 vertical and 40 diagonal touching pairs out of 435.
        assertThat(report.neighbourPairs()).isEqualTo(89);
        assertThat(report.pairsCompared()).isEqualTo(435);
        double weights = 10 * 89 + (435 - 89);
        // The pairs share 1 − RING_SHARE of alpha; the ring statistic has the rest.
        assertThat(report.distantThreshold() * weights).isCloseTo(0.01 * (1 - SimilarityAnalysis.RING_SHARE),
                org.assertj.core.data.Offset.offset(1e-15));
        assertThat(analysis.pair("c100", "c101").threshold()).isEqualTo(report.neighbourThreshold());
        assertThat(analysis.pair("c100", "c129").threshold()).isEqualTo(report.distantThreshold());
    }

    @Test
    @DisplayName("Three distant candidates sharing one answer sheet with mistakes are proposed as one C5 group")
    void ringIsOneGroup() {
        Map<String, Set<String>> sheet = independent(new SplittableRandom(9), 0.5);
        // Seats 0, 14 and 29 touch none of the others.
        List<CandidateResponses> room = room(5, Map.of(0, sheet, 14, sheet, 29, sheet));

        SimilarityReport report = new SimilarityDetector().analyse(items(), room);

        assertThat(report.suspicions()).hasSize(1);
        Suspicion s = report.suspicions().get(0);
        assertThat(s.category()).isEqualTo(MisconductCode.C5);
        assertThat(s.attemptIds()).containsExactly("c100", "c114", "c129");
        assertThat(s.pairs()).hasSize(3);
        assertThat(s.neighbours()).isFalse();
        assertThat(s.observed()).isGreaterThan(10);
        assertThat(s.explanation()).contains("串通作弊", "c114", "not a verdict");
    }

    @Test
    @DisplayName("A ring none of whose pairs reaches a pair threshold is still one C5 group, by the ring statistic")
    void ringWithoutFlaggedPairIsFoundByTheRingStatistic() {
        // Seed 3: three members at 0.8 from one leaked sheet; no pair of them is flagged on its own.
        SimulatedSitting sitting = SimulatedSitting.generate(
                new SimulatedSitting.Plan(6, 2, 60, 60, 0, 0, 0, 3, 0.8, 0.5), 3);
        SimilarityAnalysis analysis = new SimilarityDetector().prepare(sitting.items(), sitting.candidates());
        java.util.List<String> ring = new java.util.ArrayList<>(sitting.ring());
        for (int i = 0; i < ring.size(); i++) {
            for (int j = i + 1; j < ring.size(); j++) {
                assertThat(analysis.pair(ring.get(i), ring.get(j)).flagged()).isFalse();
            }
        }

        SimilarityReport report = analysis.report();

        assertThat(report.suspicions()).hasSize(1);
        Suspicion s = report.suspicions().get(0);
        assertThat(s.category()).isEqualTo(MisconductCode.C5);
        assertThat(s.attemptIds()).containsExactlyInAnyOrderElementsOf(sitting.ring());
        assertThat(s.pairs()).isEmpty();
        // The anchor is one member; the other two were each compared with its answers.
        assertThat(s.joined()).hasSize(2).allSatisfy(g -> {
            assertThat(g.comparedWith()).isIn(sitting.ring()).isNotEqualTo(g.attemptId());
            assertThat(g.pValue()).isLessThanOrEqualTo(g.threshold());
        });
        assertThat(s.pValue()).isLessThan(SimilarityAnalysis.RING_SHARE * 0.01 / sitting.candidates().size());
        assertThat(s.explanation()).contains("ring statistic", "not a verdict");
    }

    @Test
    @DisplayName("Candidates with different items are compared on the items both saw")
    void onlySharedItemsAreCompared() {
        Map<String, Set<String>> full = independent(new SplittableRandom(11), 0.5);
        Map<String, Set<String>> half = new HashMap<>();
        full.forEach((item, chosen) -> {
            if (Integer.parseInt(item.substring(1)) % 2 == 0) {
                half.put(item, chosen);
            }
        });
        SimilarityAnalysis analysis = new SimilarityDetector().prepare(items(), room(6, Map.of(0, full, 1, half)));

        PairEvidence e = analysis.pair("c100", "c101");
        assertThat(e.itemsBothAnswered()).isEqualTo(ITEMS / 2);
        assertThat(e.identicalWrong()).isEqualTo(e.bothWrong());
    }

    @Test
    @DisplayName("The same input gives the same report")
    void deterministic() {
        Map<String, Set<String>> shared = independent(new SplittableRandom(7), 0.5);
        SimilarityDetector detector = new SimilarityDetector();
        assertThat(detector.analyse(items(), room(8, Map.of(3, shared, 4, shared, 20, shared))))
                .isEqualTo(detector.analyse(items(), room(8, Map.of(3, shared, 4, shared, 20, shared))));
    }

    @Test
    @DisplayName("Bad input is rejected with every problem named by location")
    void badInputIsNamed() {
        List<ObjectiveItem> items = new ArrayList<>(items());
        items.add(ObjectiveItem.singleChoice("Q0", OPTIONS, "a"));
        items.add(ObjectiveItem.singleChoice("Q99", OPTIONS, "z"));
        assertThatThrownBy(() -> new SimilarityDetector().analyse(items, List.of()))
                .isInstanceOfSatisfying(SimilarityInputException.class, e -> assertThat(e.problems()).containsExactly(
                        "items[40] (item 'Q0'): itemId is used twice, first at items[0]",
                        "items[41] (item 'Q99'): key option 'z' is not one of the options [a, b, c, d]"));

        List<CandidateResponses> candidates = List.of(
                new CandidateResponses("x1", new SeatPosition("R1", 1, 1), Map.of("Q1", Set.of("e"))),
                new CandidateResponses("x2", new SeatPosition("R1", 1, 1), Map.of("Q404", Set.of("a"))),
                new CandidateResponses("x3", new SeatPosition("R1", 0, 2), Map.of("Q2", Set.of("a", "b"))));
        assertThatThrownBy(() -> new SimilarityDetector().analyse(items(), candidates))
                .isInstanceOfSatisfying(SimilarityInputException.class, e -> assertThat(e.problems()).containsExactly(
                        "candidates[0] (attempt 'x1'), item 'Q1': option 'e' is not one of [a, b, c, d]",
                        "candidates[1] (attempt 'x2'): seat R1 row 1 col 1 is already taken by attempt 'x1'",
                        "candidates[1] (attempt 'x2'), item 'Q404': not one of the objective items given",
                        "candidates[2] (attempt 'x3'): seat row and col are 1-based, were 0, 2",
                        "candidates[2] (attempt 'x3'), item 'Q2': single-answer item with 2 options chosen [a, b]"));

        assertThatThrownBy(() -> new SimilarityConfig(0, 0.5, 1))
                .isInstanceOf(SimilarityInputException.class)
                .hasMessageContaining("familyWiseAlpha").hasMessageContaining("neighbourWeight");
        SimilarityAnalysis analysis = new SimilarityDetector().prepare(items(), room(1, Map.of()));
        assertThatThrownBy(() -> analysis.pair("c100", "nobody"))
                .isInstanceOf(SimilarityInputException.class).hasMessageContaining("'nobody'");
    }
}
