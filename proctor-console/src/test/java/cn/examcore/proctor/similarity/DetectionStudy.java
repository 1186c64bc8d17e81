package cn.examcore.proctor.similarity;

import cn.examcore.contract.MisconductCode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Runs the detector over many simulated sittings and counts what it found. Used by {@code DetectionRateTest}
 * (floors and ceilings) and by {@link #main} (the table in {@code proctor-console/docs/similarity.md}).
 */
final class DetectionStudy {

    static final int SITTINGS = 200;
    static final long SEED = 20260425L;
    static final double RING_COPY_PROBABILITY = 0.8;
    static final double SHEET_ABILITY = 0.5;

    /** Counts over the sittings of one row of the table. */
    record Rates(double copyProbability, int sittings, int plantedPairs, int plantedFlagged, int rings,
                 int ringsAsC5, long honestPairs, long honestPairsFlagged, long honestCandidates,
                 long honestCandidatesFlagged, int sittingsWithFalseFlag) {

        double detection() {
            return plantedPairs == 0 ? Double.NaN : (double) plantedFlagged / plantedPairs;
        }

        double ringDetection() {
            return rings == 0 ? Double.NaN : (double) ringsAsC5 / rings;
        }

        double honestPairRate() {
            return (double) honestPairsFlagged / honestPairs;
        }

        double honestCandidateRate() {
            return (double) honestCandidatesFlagged / honestCandidates;
        }

        String row() {
            return String.format(Locale.ROOT, "| %s | %d | %d/%d = %.3f | %s | %d/%d = %.5f | %d/%d = %.4f | %d/%d |",
                    copyProbability == 0 ? "none planted" : String.format(Locale.ROOT, "%.1f", copyProbability),
                    sittings, plantedFlagged, plantedPairs, plantedPairs == 0 ? Double.NaN : detection(),
                    rings == 0 ? "–" : String.format(Locale.ROOT, "%d/%d = %.3f", ringsAsC5, rings, ringDetection()),
                    honestPairsFlagged, honestPairs, honestPairRate(), honestCandidatesFlagged, honestCandidates,
                    honestCandidateRate(), sittingsWithFalseFlag, sittings);
        }
    }

    private DetectionStudy() {
    }

    /**
     * Simulates {@code sittings} rooms of 30–60 seats and 50–100 items; with {@code copyProbability} 0 nothing is
     * planted (every candidate honest), otherwise two copiers at that probability and a ring of 3–4.
     */
    static Rates run(double copyProbability, int sittings, long seed) {
        SimilarityDetector detector = new SimilarityDetector();
        SplittableRandom plans = new SplittableRandom(seed);
        int planted = 0;
        int plantedFlagged = 0;
        int rings = 0;
        int ringsAsC5 = 0;
        long honestPairs = 0;
        long honestPairsFlagged = 0;
        long honestCandidates = 0;
        long honestCandidatesFlagged = 0;
        int falseSittings = 0;
        boolean plant = copyProbability > 0;
        for (int s = 0; s < sittings; s++) {
            SimulatedSitting.Plan plan = new SimulatedSitting.Plan(5 + plans.nextInt(2), 6 + plans.nextInt(5),
                    50 + plans.nextInt(51), plant ? 2 : 0, copyProbability, plant ? 3 + plans.nextInt(2) : 0,
                    RING_COPY_PROBABILITY, SHEET_ABILITY);
            SimulatedSitting sitting = SimulatedSitting.generate(plan, plans.nextLong());
            SimilarityReport report = detector.analyse(sitting.items(), sitting.candidates());

            Set<String> involved = new HashSet<>(sitting.ring());
            involved.addAll(sitting.copierPairs().keySet());
            involved.addAll(sitting.copierPairs().values());
            Set<String> flaggedPairs = new HashSet<>();
            for (PairEvidence e : report.flaggedPairs()) {
                flaggedPairs.add(e.attemptA() + "|" + e.attemptB());
            }
            for (var e : sitting.copierPairs().entrySet()) {
                planted++;
                if (flaggedPairs.contains(key(e.getKey(), e.getValue()))) {
                    plantedFlagged++;
                }
            }
            if (!sitting.ring().isEmpty()) {
                rings++;
                boolean found = report.suspicions().stream().anyMatch(x -> x.category() == MisconductCode.C5
                        && x.attemptIds().containsAll(sitting.ring()));
                if (found) {
                    ringsAsC5++;
                }
            }
            int n = sitting.candidates().size();
            int honestHere = n - involved.size();
            honestCandidates += honestHere;
            honestPairs += (long) honestHere * (honestHere - 1) / 2;
            boolean falseFlag = false;
            for (PairEvidence e : report.flaggedPairs()) {
                if (!involved.contains(e.attemptA()) && !involved.contains(e.attemptB())) {
                    honestPairsFlagged++;
                    falseFlag = true;
                }
            }
            Set<String> honestNamed = new HashSet<>();
            for (Suspicion x : report.suspicions()) {
                x.attemptIds().stream().filter(id -> !involved.contains(id)).forEach(honestNamed::add);
            }
            honestCandidatesFlagged += honestNamed.size();
            if (falseFlag || !honestNamed.isEmpty()) {
                falseSittings++;
            }
        }
        return new Rates(copyProbability, sittings, planted, plantedFlagged, rings, ringsAsC5, honestPairs,
                honestPairsFlagged, honestCandidates, honestCandidatesFlagged, falseSittings);
    }

    private static String key(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }

    static final List<Double> COPY_PROBABILITIES = List.of(0.0, 0.5, 0.6, 0.7, 0.8);

    /** Prints the table of docs/similarity.md. */
    public static void main(String[] args) {
        System.out.println("| copy probability | sittings | planted pairs flagged | rings found as one C5"
                + " | honest pairs flagged | honest candidates named | sittings with an honest candidate named |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int i = 0; i < COPY_PROBABILITIES.size(); i++) {
            System.out.println(run(COPY_PROBABILITIES.get(i), SITTINGS, SEED + i).row());
        }
    }
}
