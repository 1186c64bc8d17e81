package cn.examcore.proctor.similarity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 改答雷同: the answer-change test. A copier who watches a neighbour's screen changes an answer after the neighbour
 * does, to the same new value, seconds later; honest candidates change answers too (mostly from wrong to right,
 * while reviewing), but not to the same value within seconds of each other unless many in the room do.
 *
 * <p>A <b>change</b> is an answer replacing a different earlier one, at the time the new one was saved; the first
 * answer to an item is not a change. Changes saved less than {@link SimilarityAnalysis#BURST_MILLIS} from another
 * save of the same candidate are bursts (a reconnecting page re-sending what it kept) and left out, as in the timing
 * tests.
 *
 * <p>For a leader L and a follower F, every change of L (item i, to value v at time t) on an item F answered is one
 * trial; it succeeds when F changed item i to v within (t, t + {@link #FOLLOW_MILLIS}]. Its probability under
 * independent answering is estimated from the sitting itself: among the other candidates who gave F's final
 * answer to item i, the share who made the same change in the same window, with a Laplace prior ((k + 1) / (n + 2),
 * never 0). The statistic is the weighted count of successes (the answers test's weights), its null distribution
 * the exact tail of independent weighted trials. Both directions are tested and the smaller p-value doubled
 * (Bonferroni: who led is not known).
 */
final class Changes {

    /** How long after the leader's change a follower's change to the same value counts as following it. */
    static final long FOLLOW_MILLIS = 60_000;

    /** Pseudo-candidates at the sitting's change rate added to an item's own count. */
    static final double RATE_PRIOR = 5;
    /** Pseudo-changes at the sitting's timing added to an item's own change times. */
    static final double TIME_PRIOR = 2;
    /** The smallest chance a trial is given: one followed change alone never weighs more than this. */
    static final double MIN_TRIAL = 5e-4;

    /** Per candidate, its changes in time order: item, option mask after the change, time. */
    private final int[][] item;
    private final long[][] mask;
    private final long[][] time;
    /** Per candidate, a bit set of the items it changed: pairs with no changed item in common follow nothing. */
    private final long[][] changedItems;
    /** Per item, the candidates who changed it and the change's index in their arrays. */
    private final int[][] byItemCandidate;
    private final int[][] byItemIndex;
    private final boolean any;
    /** Every change's time, sorted. */
    private final long[] allTimes;
    /** Per candidate, the items it answered; and their sum. */
    private final int[] answered;
    private final long answeredTotal;
    /** The span of the sitting's saves (ms, at least one window). */
    private final long span;

    private Changes(int[][] item, long[][] mask, long[][] time, int[][] byItemCandidate, int[][] byItemIndex,
                    int[] answered, long span) {
        this.item = item;
        this.answered = answered;
        this.answeredTotal = Arrays.stream(answered).asLongStream().sum();
        this.span = Math.max(span, FOLLOW_MILLIS);
        this.allTimes = Arrays.stream(time).flatMapToLong(Arrays::stream).sorted().toArray();
        this.mask = mask;
        this.time = time;
        this.byItemCandidate = byItemCandidate;
        this.byItemIndex = byItemIndex;
        int words = (byItemCandidate.length + 63) >>> 6;
        this.changedItems = new long[item.length][];
        for (int c = 0; c < item.length; c++) {
            long[] bits = new long[words];
            for (int i : item[c]) {
                bits[i >>> 6] |= 1L << i;
            }
            changedItems[c] = bits;
        }
        boolean found = false;
        for (int[] c : item) {
            found |= c.length > 0;
        }
        this.any = found;
    }

    /** Whether the input carried any answer history: decides, per sitting, whether the test gets a share of α. */
    boolean known() {
        return any;
    }

    /** How many changes candidate c made (bursts left out). */
    int count(int c) {
        return item[c].length;
    }

    /** The outcome of the test for one pair. */
    record Outcome(int followed, double pValue) {
        static final Outcome NONE = new Outcome(0, 1.0);
    }

    /**
     * The pair's answer-change test; {@code answer} is the analysis' final answer code per candidate and item
     * (0 unanswered, 1 right, 2+ a wrong answer), {@code counts} per item how many candidates gave each code.
     */
    Outcome test(int a, int b, int[][] answer, int[][] counts) {
        if (item[a].length == 0 || item[b].length == 0 || !shareAnItem(a, b)) {
            return Outcome.NONE;
        }
        int ab = followed(a, b);
        int ba = followed(b, a);
        if (ab == 0 && ba == 0) {
            return Outcome.NONE;
        }
        double p = 1.0;
        if (ab > 0) {
            p = Math.min(p, direction(a, b, answer, counts));
        }
        if (ba > 0) {
            p = Math.min(p, direction(b, a, answer, counts));
        }
        return new Outcome(Math.max(ab, ba), Math.min(1.0, 2 * p));
    }

    /** Whether the two changed at least one item alike; a change can only be followed on such an item. */
    private boolean shareAnItem(int a, int b) {
        long[] x = changedItems[a];
        long[] y = changedItems[b];
        for (int w = 0; w < x.length; w++) {
            if ((x[w] & y[w]) != 0) {
                return true;
            }
        }
        return false;
    }

    private boolean changed(int c, int i) {
        return (changedItems[c][i >>> 6] & (1L << i)) != 0;
    }

    /** How many of the leader's changes the follower followed. */
    int followed(int lead, int follow) {
        int n = 0;
        for (int j = 0; j < item[lead].length; j++) {
            if (changed(follow, item[lead][j]) && follows(follow, item[lead][j], mask[lead][j], time[lead][j])) {
                n++;
            }
        }
        return n;
    }

    private double direction(int lead, int follow, int[][] answer, int[][] counts) {
        double[] p = new double[item[lead].length];
        int[] k = new int[p.length];
        int m = 0;
        int score = 0;
        int otherChanges = allTimes.length - item[lead].length - item[follow].length;
        long otherAnswered = answeredTotal - answered[lead] - answered[follow];
        double rate = (otherChanges + 1.0) / (otherAnswered + 2.0);
        for (int j = 0; j < item[lead].length; j++) {
            int i = item[lead][j];
            int finalAnswer = answer[follow][i];
            if (finalAnswer == 0) {
                continue;
            }
            long t = time[lead][j];
            // Whether: the others who gave the follower's final answer, and how many of them changed the item to
            // this value at any time, shrunk towards the sitting's change rate.
            int others = counts[i][finalAnswer] - 1 - (answer[lead][i] == finalAnswer ? 1 : 0);
            int changedAlike = 0;
            int itemChanges = 0;
            int itemInWindow = 0;
            int[] who = byItemCandidate[i];
            for (int x = 0; x < who.length; x++) {
                int d = who[x];
                if (d == lead || d == follow) {
                    continue;
                }
                int idx = byItemIndex[i][x];
                itemChanges++;
                itemInWindow += inWindow(t, time[d][idx]) ? 1 : 0;
                if (answer[d][i] == finalAnswer && mask[d][idx] == mask[lead][j]) {
                    changedAlike++;
                }
            }
            double whether = Math.max(rate, others == 0 ? 0 : (double) changedAlike / others);
            // When: the share of the others' changes of this item that fell in the window, shrunk towards the share
            // of all their changes that did (which carries the room's rhythm, e.g. everybody reviewing at the end).
            int all = countInWindow(t) - ownInWindow(lead, t) - ownInWindow(follow, t);
            double sittingShare = (all + (double) FOLLOW_MILLIS / span) / (otherChanges + 1.0);
            double when = Math.max(sittingShare, itemChanges == 0 ? 0 : (double) itemInWindow / itemChanges);
            double q = Math.min(1.0, Math.max(MIN_TRIAL, whether * when));
            int w = SimilarityAnalysis.weight(q);
            p[m] = q;
            k[m] = w;
            m++;
            if (follows(follow, i, mask[lead][j], t)) {
                score += w;
            }
        }
        return WeightedBernoulli.upperTail(p, k, m, score);
    }

    /** All candidates' changes in (t, t + window]. */
    private int countInWindow(long t) {
        int from = upperBound(allTimes, t);
        int to = upperBound(allTimes, t + FOLLOW_MILLIS);
        return to - from;
    }

    private int ownInWindow(int c, long t) {
        int n = 0;
        for (long x : time[c]) {
            n += inWindow(t, x) ? 1 : 0;
        }
        return n;
    }

    /** The index of the first element greater than t. */
    private static int upperBound(long[] sorted, long t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean follows(int c, int i, long m, long t) {
        for (int j = 0; j < item[c].length; j++) {
            if (item[c][j] == i && mask[c][j] == m && inWindow(t, time[c][j])) {
                return true;
            }
        }
        return false;
    }

    private static boolean inWindow(long leader, long follower) {
        return follower > leader && follower - leader <= FOLLOW_MILLIS;
    }

    /** Collects the earlier answers per candidate and item while the input is checked. */
    static final class Builder {
        private final List<List<long[]>> events;
        private final List<List<Long>> saves;

        Builder(int candidates) {
            events = new ArrayList<>();
            saves = new ArrayList<>();
            for (int c = 0; c < candidates; c++) {
                events.add(new ArrayList<>());
                saves.add(new ArrayList<>());
            }
        }

        /**
         * Candidate c's earlier answers to item i ({mask, time}, oldest first) before its final answer
         * {@code finalMask} saved at {@code finalTime} (−1: unknown, then the last change has no time).
         */
        void add(int c, int i, List<long[]> earlier, long finalMask, long finalTime) {
            List<long[]> values = new ArrayList<>(earlier);
            values.sort((x, y) -> Long.compare(x[1], y[1]));
            values.forEach(v -> saves.get(c).add(v[1]));
            values.add(new long[] {finalMask, finalTime});
            for (int j = 1; j < values.size(); j++) {
                long[] v = values.get(j);
                if (v[0] != values.get(j - 1)[0] && v[1] >= 0) {
                    events.get(c).add(new long[] {i, v[0], v[1]});
                }
            }
        }

        /**
         * The changes, bursts left out; {@code savedAt} holds every candidate's final save times (−1 unknown),
         * {@code responses} its final answers (0 unanswered).
         */
        Changes build(long[][] savedAt, long[][] responses) {
            int n = events.size();
            int items = n == 0 ? 0 : responses[0].length;
            int[] answered = new int[n];
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (int c = 0; c < n; c++) {
                for (int i = 0; i < responses[c].length; i++) {
                    answered[c] += responses[c][i] != 0 ? 1 : 0;
                    if (savedAt[c][i] >= 0) {
                        first = Math.min(first, savedAt[c][i]);
                        last = Math.max(last, savedAt[c][i]);
                    }
                }
            }
            int[][] item = new int[n][];
            long[][] mask = new long[n][];
            long[][] time = new long[n][];
            List<List<int[]>> byItem = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                byItem.add(new ArrayList<>());
            }
            for (int c = 0; c < n; c++) {
                long[] all = new long[savedAt[c].length + saves.get(c).size()];
                int len = 0;
                for (long t : savedAt[c]) {
                    if (t >= 0) {
                        all[len++] = t;
                    }
                }
                for (long t : saves.get(c)) {
                    all[len++] = t;
                }
                long[] sorted = Arrays.copyOf(all, len);
                Arrays.sort(sorted);
                List<long[]> kept = events.get(c).stream().filter(e -> !inBurst(sorted, e[2]))
                        .sorted((x, y) -> Long.compare(x[2], y[2])).toList();
                item[c] = new int[kept.size()];
                mask[c] = new long[kept.size()];
                time[c] = new long[kept.size()];
                for (int j = 0; j < kept.size(); j++) {
                    item[c][j] = (int) kept.get(j)[0];
                    mask[c][j] = kept.get(j)[1];
                    time[c][j] = kept.get(j)[2];
                    byItem.get(item[c][j]).add(new int[] {c, j});
                }
            }
            int[][] byItemCandidate = new int[items][];
            int[][] byItemIndex = new int[items][];
            for (int i = 0; i < items; i++) {
                List<int[]> list = byItem.get(i);
                byItemCandidate[i] = list.stream().mapToInt(x -> x[0]).toArray();
                byItemIndex[i] = list.stream().mapToInt(x -> x[1]).toArray();
            }
            return new Changes(item, mask, time, byItemCandidate, byItemIndex, answered,
                    last >= first ? last - first : 0);
        }

        /** Whether another save lies less than a burst's width from t (t itself is one of the saves). */
        private static boolean inBurst(long[] sorted, long t) {
            int at = Arrays.binarySearch(sorted, t);
            if (at < 0) {
                at = -at - 1;
            }
            int lo = at;
            while (lo > 0 && t - sorted[lo - 1] < SimilarityAnalysis.BURST_MILLIS) {
                lo--;
            }
            int hi = at;
            while (hi + 1 < sorted.length && sorted[hi + 1] - t < SimilarityAnalysis.BURST_MILLIS) {
                hi++;
            }
            // The change's own save counts once.
            return hi - lo >= 1;
        }
    }
}
