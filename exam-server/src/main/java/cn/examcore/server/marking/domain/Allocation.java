package cn.examcore.server.marking.domain;

import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * 分配: which two markers mark each script. Each script goes to the two markers with the fewest scripts so far
 * (counting what they already hold), so loads never differ by more than one among markers who started equal; ties
 * are broken at random (seeded, so an allocation can be reproduced), which varies the pairs instead of marrying
 * the same two markers for a whole sitting. The two markers of a script are always different people.
 */
public final class Allocation {

    private Allocation() {
    }

    /**
     * Allocates {@code scripts} scripts.
     *
     * @param markers      the markers, at least two, distinct
     * @param initialLoads scripts each marker already holds (absent means none)
     * @param seed         the tie-breaking seed
     * @return for script {@code i}, {@code pairs[i][0]} and {@code pairs[i][1]}: indexes into {@code markers}, never
     *         equal
     */
    public static int[][] allocate(int scripts, List<String> markers, Map<String, Integer> initialLoads, long seed) {
        if (markers.size() < 2) {
            throw new IllegalArgumentException("double marking needs at least two markers");
        }
        if (scripts < 0) {
            throw new IllegalArgumentException("scripts must not be negative");
        }
        SplittableRandom random = new SplittableRandom(seed);
        PriorityQueue<long[]> queue = new PriorityQueue<>(markers.size(), (a, b) -> a[0] != b[0]
                ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (int m = 0; m < markers.size(); m++) {
            queue.add(new long[] {initialLoads.getOrDefault(markers.get(m), 0), random.nextLong(), m});
        }
        int[][] pairs = new int[scripts][2];
        for (int s = 0; s < scripts; s++) {
            long[] first = queue.poll();
            long[] second = queue.poll();
            pairs[s][0] = (int) first[2];
            pairs[s][1] = (int) second[2];
            first[0]++;
            first[1] = random.nextLong();
            second[0]++;
            second[1] = random.nextLong();
            queue.add(first);
            queue.add(second);
        }
        return pairs;
    }
}
