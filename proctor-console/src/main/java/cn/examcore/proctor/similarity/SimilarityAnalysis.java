package cn.examcore.proctor.similarity;

import cn.examcore.contract.MisconductCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sitting's objective answers, validated and counted, ready to compare any pair; made by
 * {@link SimilarityDetector#prepare}. Immutable.
 */
public final class SimilarityAnalysis {

    static final String PAIR_STATISTIC = "identical incorrect responses among items both answered";
    static final String GROUP_STATISTIC = "items on which every member gave the same wrong answer";

    private final SimilarityConfig config;
    private final String[] ids;
    private final SeatPosition[] seats;
    /** [candidate][item]: bit mask of the chosen option indices, 0 when unanswered or not on the paper. */
    private final long[][] responses;
    private final long[] keyMask;
    /** Number of distinct wrong responses an item admits: the support of the smoothing prior. */
    private final double[] wrongKinds;
    /** [item]: how many candidates gave each wrong response. */
    private final List<Map<Long, Integer>> wrongCounts;
    private final int[] wrongTotal;
    private final long[] wrongSumOfSquares;
    /** [candidate][item]: the fitted chance of a wrong answer (Rasch model of this sitting). */
    private final double[][] wrongProbability;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final long neighbourPairs;
    private final long pairs;
    private final double neighbourThreshold;
    private final double distantThreshold;

    SimilarityAnalysis(SimilarityConfig config, String[] ids, SeatPosition[] seats, long[][] responses,
                       long[] keyMask, double[] wrongKinds) {
        this.config = config;
        this.ids = ids;
        this.seats = seats;
        this.responses = responses;
        this.keyMask = keyMask;
        this.wrongKinds = wrongKinds;
        int items = keyMask.length;
        this.wrongCounts = new ArrayList<>(items);
        this.wrongTotal = new int[items];
        this.wrongSumOfSquares = new long[items];
        for (int i = 0; i < items; i++) {
            Map<Long, Integer> counts = new HashMap<>();
            for (long[] r : responses) {
                if (r[i] != 0 && r[i] != keyMask[i]) {
                    counts.merge(r[i], 1, Integer::sum);
                    wrongTotal[i]++;
                }
            }
            long sq = 0;
            for (int c : counts.values()) {
                sq += (long) c * c;
            }
            wrongSumOfSquares[i] = sq;
            wrongCounts.add(counts);
        }
        int[][] correct = new int[ids.length][items];
        for (int c = 0; c < ids.length; c++) {
            indexById.put(ids[c], c);
            for (int i = 0; i < items; i++) {
                correct[c][i] = responses[c][i] == 0 ? -1 : responses[c][i] == keyMask[i] ? 1 : 0;
            }
        }
        this.wrongProbability = RaschFit.wrongProbabilities(correct, items);
        long near = 0;
        for (int a = 0; a < ids.length; a++) {
            for (int b = a + 1; b < ids.length; b++) {
                if (seats[a].isNeighbourOf(seats[b])) {
                    near++;
                }
            }
        }
        this.neighbourPairs = near;
        this.pairs = (long) ids.length * (ids.length - 1) / 2;
        // Weighted Bonferroni: each pair gets alpha * weight / Σ weights, so the family-wise error stays alpha.
        double weightSum = config.neighbourWeight() * near + (pairs - near);
        this.neighbourThreshold = pairs == 0 ? 0 : config.familyWiseAlpha() * config.neighbourWeight() / weightSum;
        this.distantThreshold = pairs == 0 ? 0 : config.familyWiseAlpha() / weightSum;
    }

    /** The p-value threshold a neighbouring pair must reach. */
    public double neighbourThreshold() {
        return neighbourThreshold;
    }

    /** The p-value threshold any other pair must reach. */
    public double distantThreshold() {
        return distantThreshold;
    }

    /**
     * The evidence for one pair, flagged or not.
     *
     * @throws SimilarityInputException when either attempt is not in this sitting, or both are the same
     */
    public PairEvidence pair(String attemptA, String attemptB) {
        Integer a = indexById.get(attemptA);
        Integer b = indexById.get(attemptB);
        List<String> problems = new ArrayList<>();
        if (a == null) {
            problems.add("attemptA: '" + attemptA + "' is not a candidate of this sitting");
        }
        if (b == null) {
            problems.add("attemptB: '" + attemptB + "' is not a candidate of this sitting");
        }
        if (a != null && a.equals(b)) {
            problems.add("attemptB: a candidate cannot be compared with itself ('" + attemptB + "')");
        }
        if (!problems.isEmpty()) {
            throw new SimilarityInputException(problems);
        }
        return compare(a, b, new double[keyMask.length]);
    }

    /** Compares every pair and turns the flagged ones into B2 and C5 proposals. */
    public SimilarityReport report() {
        int n = ids.length;
        double[] buffer = new double[keyMask.length];
        List<PairEvidence> flagged = new ArrayList<>();
        int[] parent = new int[n];
        for (int c = 0; c < n; c++) {
            parent[c] = c;
        }
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                PairEvidence e = compare(a, b, buffer);
                if (e.flagged()) {
                    flagged.add(e);
                    parent[find(parent, a)] = find(parent, b);
                }
            }
        }
        // Members per connected component, keyed by root; TreeMap keeps the output order independent of hashing.
        Map<Integer, List<Integer>> components = new TreeMap<>();
        for (PairEvidence e : flagged) {
            for (String id : List.of(e.attemptA(), e.attemptB())) {
                int c = indexById.get(id);
                List<Integer> members = components.computeIfAbsent(find(parent, c), k -> new ArrayList<>());
                if (!members.contains(c)) {
                    members.add(c);
                }
            }
        }
        List<Suspicion> groups = new ArrayList<>();
        List<Suspicion> couples = new ArrayList<>();
        for (List<Integer> members : components.values()) {
            int root = find(parent, members.get(0));
            List<PairEvidence> links = flagged.stream()
                    .filter(e -> find(parent, indexById.get(e.attemptA())) == root)
                    .sorted(STRONGEST_FIRST)
                    .toList();
            if (members.size() >= 3) {
                groups.add(group(members, links));
            } else {
                couples.add(couple(links.get(0)));
            }
        }
        Comparator<Suspicion> order = Comparator.comparingDouble(Suspicion::pValue)
                .thenComparing(s -> String.join(",", s.attemptIds()));
        groups.sort(order);
        couples.sort(order);
        List<Suspicion> all = new ArrayList<>(groups);
        all.addAll(couples);
        return new SimilarityReport(n, pairs, neighbourPairs, neighbourThreshold, distantThreshold, all);
    }

    private static final Comparator<PairEvidence> STRONGEST_FIRST = Comparator.comparingDouble(PairEvidence::pValue)
            .thenComparing(PairEvidence::attemptA).thenComparing(PairEvidence::attemptB);

    private PairEvidence compare(int a, int b, double[] coincidence) {
        long[] ra = responses[a];
        long[] rb = responses[b];
        double[] wa = wrongProbability[a];
        double[] wb = wrongProbability[b];
        int answered = 0;
        int bothWrong = 0;
        int identicalWrong = 0;
        int identicalCorrect = 0;
        for (int i = 0; i < keyMask.length; i++) {
            long x = ra[i];
            long y = rb[i];
            if (x == 0 || y == 0) {
                continue;
            }
            long key = keyMask[i];
            coincidence[answered++] = wa[i] * wb[i] * sameWrongAnswer(i, x == key ? 0 : x, y == key ? 0 : y);
            if (x == key || y == key) {
                if (x == y) {
                    identicalCorrect++;
                }
                continue;
            }
            bothWrong++;
            if (x == y) {
                identicalWrong++;
            }
        }
        double[] trials = Arrays.copyOf(coincidence, answered);
        double p = PoissonBinomial.upperTail(trials, identicalWrong);
        boolean near = seats[a].isNeighbourOf(seats[b]);
        String first = ids[a].compareTo(ids[b]) <= 0 ? ids[a] : ids[b];
        String second = first.equals(ids[a]) ? ids[b] : ids[a];
        return new PairEvidence(first, second, near, answered, bothWrong, identicalWrong,
                PoissonBinomial.mean(trials), p, near ? neighbourThreshold : distantThreshold, identicalCorrect);
    }

    /**
     * The chance that two independent candidates who are both wrong on item i give the same wrong answer: Σ q²,
     * with q each wrong answer's share among the other candidates' wrong answers plus a uniform prior. The pair's
     * own wrong answers ({@code x}, {@code y}; 0 when right) are left out of the counts, so that a pair's own
     * coincidence does not inflate the rate it is measured against.
     */
    private double sameWrongAnswer(int i, long x, long y) {
        Map<Long, Integer> counts = wrongCounts.get(i);
        long sq = wrongSumOfSquares[i];
        int left = 0;
        if (x != 0 && x == y) {
            long c = counts.get(x);
            sq += (c - 2) * (c - 2) - c * c;
            left = 2;
        } else {
            for (long r : new long[] {x, y}) {
                if (r != 0) {
                    long c = counts.get(r);
                    sq += (c - 1) * (c - 1) - c * c;
                    left++;
                }
            }
        }
        double others = wrongTotal[i] - left;
        double prior = config.smoothingPrior();
        double a = prior / wrongKinds[i];
        // Σ over every possible wrong answer of (x_c + a)² = Σ x_c² + 2a·Σ x_c + kinds·a², in closed form.
        double numerator = sq + 2 * a * others + prior * a;
        return Math.min(1.0, numerator / ((others + prior) * (others + prior)));
    }

    /**
     * The chance that k independent candidates, all wrong on item i, give one and the same wrong answer: Σ q^k,
     * with the members left out of the counts.
     */
    private double groupCoincidence(int i, List<Integer> members) {
        Map<Long, Integer> counts = new HashMap<>(wrongCounts.get(i));
        int left = 0;
        for (int m : members) {
            long r = responses[m][i];
            if (r != keyMask[i]) {
                counts.merge(r, -1, Integer::sum);
                left++;
            }
        }
        int k = members.size();
        double prior = config.smoothingPrior();
        double a = prior / wrongKinds[i];
        double others = wrongTotal[i] - left;
        double sum = (wrongKinds[i] - counts.size()) * Math.pow(a, k);
        for (int c : counts.values()) {
            sum += Math.pow(c + a, k);
        }
        return Math.min(1.0, sum / Math.pow(others + prior, k));
    }

    private Suspicion couple(PairEvidence e) {
        int a = indexById.get(e.attemptA());
        int b = indexById.get(e.attemptB());
        String text = String.format(Locale.ROOT,
                "B2 抄袭 (copying) suspicion: %s (%s) and %s (%s)%s gave the same wrong answer on %d of the %d items"
                        + " both answered (both were wrong on %d), where %.1f would be expected if they had answered"
                        + " independently"
                        + " (p = %.1e, flag threshold %.1e). Answers alone cannot tell which of the two copied"
                        + " from the other, or whether both copied from one source. The %d identical correct"
                        + " answers are not counted as evidence. A proposal for the proctor to examine, not a"
                        + " verdict.",
                e.attemptA(), seats[a], e.attemptB(), seats[b], e.neighbours() ? ", in neighbouring seats," : "",
                e.identicalWrong(), e.itemsBothAnswered(), e.bothWrong(), e.expectedIdenticalWrong(), e.pValue(),
                e.threshold(),
                e.identicalCorrect());
        return new Suspicion(MisconductCode.B2, List.of(e.attemptA(), e.attemptB()), PAIR_STATISTIC, e.identicalWrong(),
                e.expectedIdenticalWrong(), e.pValue(), e.neighbours(), text, List.of(e));
    }

    private Suspicion group(List<Integer> members, List<PairEvidence> links) {
        List<Integer> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(c -> ids[c]));
        List<Double> trials = new ArrayList<>();
        int shared = 0;
        for (int i = 0; i < keyMask.length; i++) {
            long first = responses[sorted.get(0)][i];
            boolean allAnswered = true;
            boolean same = true;
            double allWrong = 1;
            for (int m : sorted) {
                long r = responses[m][i];
                allAnswered &= r != 0;
                same &= r == first && r != keyMask[i];
                allWrong *= wrongProbability[m][i];
            }
            if (allAnswered) {
                trials.add(allWrong * groupCoincidence(i, sorted));
                if (same) {
                    shared++;
                }
            }
        }
        double[] t = trials.stream().mapToDouble(Double::doubleValue).toArray();
        double p = PoissonBinomial.upperTail(t, shared);
        double expected = PoissonBinomial.mean(t);
        boolean allNear = links.stream().allMatch(PairEvidence::neighbours);
        List<String> memberIds = sorted.stream().map(c -> ids[c]).toList();
        List<String> placed = sorted.stream().map(c -> ids[c] + " (" + seats[c] + ")").toList();
        String text = String.format(Locale.ROOT,
                "C5 串通作弊/有组织作弊 (collusion or organised cheating) suspicion: %d candidates %s are linked by %d"
                        + " pairs with improbably many identical wrong answers (strongest p = %.1e). All of them gave"
                        + " the same wrong answer on %d of the %d items they all answered, where %.2f would"
                        + " be expected if they had answered independently (p = %.1e for this group, which was"
                        + " picked because it stood out, so read it as a description, not a test). %s Answers alone"
                        + " cannot tell a ring sharing one source from several candidates copying one neighbour. A"
                        + " proposal for the proctor to examine, not a verdict.",
                sorted.size(), String.join(", ", placed), links.size(), links.get(0).pValue(), shared, t.length,
                expected, p, allNear ? "Every link is between neighbouring seats."
                        : "Some links are between seats that do not touch, which copying by sight cannot explain.");
        return new Suspicion(MisconductCode.C5, memberIds, GROUP_STATISTIC, shared, expected, p, allNear, text, links);
    }

    private static int find(int[] parent, int c) {
        while (parent[c] != c) {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        return c;
    }
}
