package cn.examcore.server.marking;

import cn.examcore.server.marking.domain.Allocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Benchmark of script allocation (target: 100,000 scripts to 50 markers in under 2 s). A main, not a test: run it
 * after {@code mvn -pl exam-server -am test-compile} with
 * {@code java -cp "exam-server/target/classes:exam-server/target/test-classes" cn.examcore.server.marking.AllocationBenchmark}
 * (optionally {@code SCRIPTS MARKERS}). It warms up, then times ten runs and prints the median and the worst, and
 * checks the result is balanced and never gives one script to one marker twice.
 */
public final class AllocationBenchmark {

    private AllocationBenchmark() {
    }

    public static void main(String[] args) {
        int scripts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int markerCount = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        List<String> markers = IntStream.range(0, markerCount).mapToObj(i -> "marker-" + i).toList();
        for (int i = 0; i < 5; i++) {
            Allocation.allocate(scripts, markers, Map.of(), i);
        }
        List<Long> nanos = new ArrayList<>();
        int[][] last = null;
        for (int run = 0; run < 10; run++) {
            long t = System.nanoTime();
            last = Allocation.allocate(scripts, markers, Map.of(), 1000 + run);
            nanos.add(System.nanoTime() - t);
        }
        int[] loads = new int[markerCount];
        for (int[] pair : last) {
            if (pair[0] == pair[1]) {
                throw new IllegalStateException("a script went twice to marker " + pair[0]);
            }
            loads[pair[0]]++;
            loads[pair[1]]++;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("allocation of %,d scripts to %d markers (two each): median %.1f ms, worst %.1f ms;"
                        + " loads %d…%d%n", scripts, markerCount, sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length - 1] / 1e6, Arrays.stream(loads).min().getAsInt(),
                Arrays.stream(loads).max().getAsInt());
    }
}
