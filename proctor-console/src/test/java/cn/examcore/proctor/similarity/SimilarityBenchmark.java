package cn.examcore.proctor.similarity;

import java.util.Locale;

/**
 * The 3,000-seat benchmark of docs/similarity.md: one simulated sitting of about 3,000 candidates answering 100
 * objective items with save times (ten lag copiers, a hard-item copier and a ring of five planted), analysed from
 * {@link SimilarityDetector#prepare} to the finished report, after two warm-up runs. A main, not a timed test: run
 * it with (after {@code mvn -o -pl contract,platform,proctor-console -am test-compile})
 * {@code java -cp proctor-console/target/classes:proctor-console/target/test-classes:contract/target/classes:$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar cn.examcore.proctor.similarity.SimilarityBenchmark [runs]}.
 */
final class SimilarityBenchmark {

    private SimilarityBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        // With answer changes, as on live sittings since the answers come with their histories.
        SimulatedSitting.Plan plan = new SimulatedSitting.Plan(167, 5, 100, 100, 10, 1, 0.7, 5, 0.8, 0.5,
                DetectionStudy.CHANGE_RATE);
        SimulatedSitting sitting = SimulatedSitting.generate(plan, 20260425L);
        SimilarityDetector detector = new SimilarityDetector();
        System.out.printf(Locale.ROOT, "candidates %d, items %d, cores %d%n", sitting.candidates().size(),
                sitting.items().size(), Runtime.getRuntime().availableProcessors());
        for (int w = 0; w < 2; w++) {
            detector.analyse(sitting.items(), sitting.candidates());
        }
        // The process's CPU time too: on a machine shared with other builds the wall time says more about the load
        // than about the detector, and CPU seconds / cores is the wall time the run would take alone.
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            long cpu0 = os.getProcessCpuTime();
            SimilarityReport report = detector.analyse(sitting.items(), sitting.candidates());
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
            long planted = sitting.copierPairs().entrySet().stream().filter(e -> report.flaggedPairs().stream()
                    .anyMatch(p -> p.attemptA().equals(min(e.getKey(), e.getValue()))
                            && p.attemptB().equals(max(e.getKey(), e.getValue())))).count();
            System.out.printf(Locale.ROOT, "run %d: %.2f s (CPU %.2f s, load average %.1f), %d pairs, %d proposals,"
                    + " planted pairs flagged %d/%d, ring in one C5: %b%n", r + 1, seconds, cpuSeconds,
                    os.getSystemLoadAverage(), report.pairsCompared(), report.suspicions().size(),
                    planted, sitting.copierPairs().size(), report.suspicions().stream()
                            .anyMatch(s -> s.attemptIds().containsAll(sitting.ring())));
        }
    }

    private static String min(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a.compareTo(b) <= 0 ? b : a;
    }
}
