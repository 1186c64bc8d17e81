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
import java.util.stream.IntStream;

/**
 * One sitting's objective answers and their save times, validated and counted, ready to compare any pair; made by
 * {@link SimilarityDetector#prepare}. Immutable; {@link #report()} compares the pairs in parallel and gives the same
 * report whatever the thread count.
 */
public final class SimilarityAnalysis {

    static final String PAIR_STATISTIC = "identical incorrect responses among items both answered";
    static final String GROUP_STATISTIC = "items on which every member gave the same wrong answer";

    /** The step the log-likelihood-ratio weights are rounded to, so the exact null can be computed on integers. */
    public static final double WEIGHT_STEP = 0.2;
    /** The copy share the likelihood-ratio weights are tuned for: w = ln(1 + γ / ((1 − γ)·p)). */
    static final double DESIGN_COPY_SHARE = 0.5;
    /**
     * Pairs whose answers score is fewer standard deviations above its mean than this are not computed exactly in
     * {@link #report()}: the exact tail of such a pair is orders of magnitude above any threshold. Only power is at
     * stake, never the error rate (a skipped pair is simply not flagged).
     */
    static final double SCREEN_Z = 3.0;
    /** With a timing p-value this small, the answers are computed exactly from this many SDs up. */
    static final double SCREEN_Z_TIMED = 1.0;
    static final double SCREEN_TIMING_P = 1e-3;
    /** Saves of one candidate closer than this are a burst, not moments of answering. */
    static final long BURST_MILLIS = 1_000;
    /** t values below this have a one-sided p above SCREEN_TIMING_P for any n ≥ 10 (t₈ at 1e-3 is 4.5; t∞ is 3.1). */
    static final double SCREEN_T = 3.0;
    /** Neighbours in one paper order are computed exactly from this many SDs up (then the lockstep path test). */
    static final double SCREEN_Z_NEAR = 1.5;
    static final String PATH = "lockstep-path";
    static final String CORRELATION = "time-correlation";
    static final String WINDOW = "lockstep-window";
    /** The combined answers-and-timing test names a pair only if its answers alone reach this nominal level. */
    static final double TIMING_GATE = 0.05;
    /** Rounds of the group statistic; the group's alpha is split over them. */
    static final int GROUP_ROUNDS = 3;
    /**
     * Given a seed, the chance that an honest candidate joins it is at most this share of α. At the whole α, a copier
     * pair's consensus (the source's answers) took in a chance likeness in about 1 % of planted sittings.
     */
    static final double GROUP_JOIN_SHARE = 0.2;
    /**
     * The share of the sitting's alpha spent on the ring statistic (the rest goes to the pairs): declared here, before
     * any data, so the two together stay within the family-wise alpha.
     */
    static final double RING_SHARE = 0.2;
    /**
     * The ring statistic looks at an anchor's 2nd, 3rd … this many-th most similar partner. Two: with k = 3 or 4 the
     * statistic passed on partners at p ≈ 1e-3 each, and when some partners truly copy, the k-th can be a chance
     * likeness (the C(m, k)·x^k bound holds only when none copies); in the simulation that named honest candidates
     * next to real rings on drawn papers. Further members join through the group statistic.
     */
    static final int RING_MAX_PARTNERS = 2;
    /** How similar a ring's partners must be to each other (and at least {@link #SCREEN_Z} SDs above the mean). */
    static final double RING_MUTUAL = 0.01;
    /**
     * Pairs whose answers score is this many SDs above its mean are compared conditionally for the ring statistic
     * (more in large sittings, see {@link #ringScreen}); a pair below it cannot reach the ring's per-partner level, so
     * leaving it out only costs power, never the error rate.
     */
    static final double RING_SCREEN_Z = 2.0;
    /** How far the conditional test's z may exceed the pair test's: the screen is set this much below the level. */
    static final double RING_SCREEN_MARGIN = 1.5;
    private static final int POWER_SAMPLE = 25;
    /** The largest table of {@link #sameWrongTable} per item: 64 answer categories (many-option multiple choice). */
    private static final int SAME_WRONG_TABLE_MAX = 64 * 64;
    /** A weight table over p, indexed by the top bits of p as a float: 7 bits of mantissa, under 1 % apart. */
    private static final int[] WEIGHTS = weightTable();

    private final SimilarityConfig config;
    private final String[] ids;
    private final SeatPosition[] seats;
    private final String[] itemIds;
    private final List<List<String>> optionIds;
    /** [candidate][item]: bit mask of the chosen option indices, 0 when unanswered or not on the paper. */
    private final long[][] masks;
    /** [candidate][item]: 0 unanswered, 1 the key, 2 + n the item's n-th distinct wrong answer. */
    private final int[][] answer;
    private final long[][] savedAt;
    /** [candidate][item]: when it was first answered if that save marks the moment of answering, −1 in a burst. */
    private final long[][] answerTime;
    /** [candidate][item]: the item's number on the candidate's paper; and the items in that order. */
    private final int[][] positions;
    private final int[][] byPosition;
    private final int[] orderGroup;
    /** [item][category]: how many candidates gave that answer. */
    private final int[][] counts;
    private final int[] wrongTotal;
    private final long[] wrongSumOfSquares;
    /** Number of distinct wrong responses an item admits: the support of the smoothing prior. */
    private final double[] wrongKinds;
    /**
     * {@link #sameWrongAnswer} for item i and answer codes x and y at [tableAt[i] + x · categories[i] + y], computed
     * once per sitting rather than once per pair and item; tableAt[i] is −1 for an item with more than
     * {@link #SAME_WRONG_TABLE_MAX} combinations of answer codes, which is computed each time.
     */
    private final double[] sameWrongTable;
    private final int[] tableAt;
    private final int[] categories;
    /** [candidate][item]: the fitted chance of a wrong answer (Rasch model of this sitting), and 1 minus it. */
    private final double[][] wrongProbability;
    private final double[][] rightProbability;
    /** [candidate][item]: standardized residual of the log time per item; NaN when unknown. */
    private final double[][] timing;
    /** [item]: the fitted typical time per item (ms). */
    private final double[] typicalTime;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final long neighbourPairs;
    private final long pairs;
    private final double neighbourThreshold;
    private final double distantThreshold;
    /** The candidates' answer changes (empty when the input carried no answer histories). */
    private final Changes changes;

    SimilarityAnalysis(SimilarityConfig config, String[] ids, SeatPosition[] seats, String[] itemIds,
                       List<List<String>> optionIds, long[][] masks, long[] keyMask, double[] wrongKinds,
                       long[][] savedAt, long[][] firstSaved, int[][] positions, Changes changes) {
        this.config = config;
        this.changes = changes;
        this.ids = ids;
        this.seats = seats;
        this.itemIds = itemIds;
        this.optionIds = optionIds;
        this.masks = masks;
        this.wrongKinds = wrongKinds;
        this.savedAt = savedAt;
        // Lockstep is about when items were answered: a change made while reviewing is not a moment of answering the
        // item, and moving it to the end of the walk makes honest neighbours' paths look steadier than their shuffles.
        this.answerTime = answerTimes(firstSaved);
        int items = keyMask.length;
        this.byPosition = new int[ids.length][];
        for (int c = 0; c < ids.length; c++) {
            int[] pos = positions[c];
            byPosition[c] = IntStream.range(0, items).boxed().sorted(Comparator.comparingInt(i -> pos[i]))
                    .mapToInt(Integer::intValue).toArray();
        }
        this.positions = positions;
        // Candidates whose papers number the items identically share an order group: no per-pair check needed.
        this.orderGroup = new int[ids.length];
        Map<String, Integer> groups = new HashMap<>();
        for (int c = 0; c < ids.length; c++) {
            orderGroup[c] = groups.computeIfAbsent(Arrays.toString(positions[c]), k -> groups.size());
        }
        int n = ids.length;
        this.answer = new int[n][items];
        this.counts = new int[items][];
        this.wrongTotal = new int[items];
        this.wrongSumOfSquares = new long[items];
        for (int i = 0; i < items; i++) {
            Map<Long, Integer> category = new HashMap<>();
            for (int c = 0; c < n; c++) {
                long r = masks[c][i];
                if (r == 0) {
                    continue;
                }
                if (r == keyMask[i]) {
                    answer[c][i] = 1;
                } else {
                    answer[c][i] = 2 + category.computeIfAbsent(r, x -> category.size());
                }
            }
            int[] count = new int[2 + category.size()];
            for (int c = 0; c < n; c++) {
                count[answer[c][i]]++;
            }
            long sq = 0;
            for (int k = 2; k < count.length; k++) {
                sq += (long) count[k] * count[k];
                wrongTotal[i] += count[k];
            }
            counts[i] = count;
            wrongSumOfSquares[i] = sq;
        }
        this.tableAt = new int[items];
        this.categories = new int[items];
        int tableSize = 0;
        for (int i = 0; i < items; i++) {
            int k = counts[i].length;
            categories[i] = k;
            tableAt[i] = k * k <= SAME_WRONG_TABLE_MAX ? tableSize : -1;
            tableSize += k * k <= SAME_WRONG_TABLE_MAX ? k * k : 0;
        }
        this.sameWrongTable = new double[tableSize];
        for (int i = 0; i < items; i++) {
            int k = categories[i];
            for (int x = 1; tableAt[i] >= 0 && x < k; x++) {
                for (int y = 1; y < k; y++) {
                    sameWrongTable[tableAt[i] + x * k + y] = sameWrongAnswer(i, x, y);
                }
            }
        }
        int[][] correct = new int[n][items];
        for (int c = 0; c < n; c++) {
            indexById.put(ids[c], c);
            for (int i = 0; i < items; i++) {
                correct[c][i] = answer[c][i] == 0 ? -1 : answer[c][i] == 1 ? 1 : 0;
            }
        }
        this.wrongProbability = RaschFit.wrongProbabilities(correct, items);
        this.rightProbability = new double[n][items];
        for (int c = 0; c < n; c++) {
            for (int i = 0; i < items; i++) {
                rightProbability[c][i] = 1 - wrongProbability[c][i];
            }
        }
        ResponseTimes.Fit fit = ResponseTimes.fit(answerTime, items);
        this.timing = fit.residuals();
        this.typicalTime = fit.typicalMillis();
        long near = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (seats[a].isNeighbourOf(seats[b])) {
                    near++;
                }
            }
        }
        this.neighbourPairs = near;
        this.pairs = (long) n * (n - 1) / 2;
        // Weighted Bonferroni: each pair gets alpha * weight / Σ weights, so the family-wise error stays alpha.
        double weightSum = config.neighbourWeight() * near + (pairs - near);
        double pairAlpha = config.familyWiseAlpha() * (1 - RING_SHARE);
        this.neighbourThreshold = pairs == 0 ? 0 : pairAlpha * config.neighbourWeight() / weightSum;
        this.distantThreshold = pairs == 0 ? 0 : pairAlpha / weightSum;
    }

    /**
     * Save times that mark when an item was answered. Saves of one candidate less than {@link #BURST_MILLIS} apart
     * are a burst — answers kept while offline and sent together on reconnecting, or a page restoring its answers —
     * and say nothing about when each was given; a whole room reconnecting at once would otherwise look like
     * lockstep. Such saves are left out of every timing statistic (still shown with the evidence).
     */
    private static long[][] answerTimes(long[][] savedAt) {
        long[][] out = new long[savedAt.length][];
        for (int c = 0; c < savedAt.length; c++) {
            long[] t = savedAt[c];
            out[c] = t.clone();
            Integer[] order = IntStream.range(0, t.length).filter(i -> t[i] >= 0).boxed()
                    .sorted(Comparator.comparingLong(i -> t[i])).toArray(Integer[]::new);
            for (int j = 0; j < order.length; j++) {
                boolean before = j > 0 && t[order[j]] - t[order[j - 1]] < BURST_MILLIS;
                boolean after = j + 1 < order.length && t[order[j + 1]] - t[order[j]] < BURST_MILLIS;
                if (before || after) {
                    out[c][order[j]] = -1;
                }
            }
        }
        return out;
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
     * The evidence for one pair, flagged or not, computed exactly.
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
        return compare(a, b, new Scratch(answer[0].length), true);
    }

    /** Compares every pair, grows groups by the group statistic, and turns the result into B2 and C5 proposals. */
    public SimilarityReport report() {
        int n = ids.length;
        int items = answer.length == 0 ? 0 : answer[0].length;
        // Row by row in parallel; each row keeps its own flagged pairs (and the unflagged pairs similar enough for the
        // ring statistic), concatenated in row order afterwards.
        double ringScreen = ringScreen(n);
        List<Row> rows = IntStream.range(0, n).parallel().mapToObj(a -> {
            Scratch scratch = new Scratch(items);
            Row row = new Row(new ArrayList<>(), new ArrayList<>());
            for (int b = a + 1; b < n; b++) {
                scratch.lastZ = Double.NEGATIVE_INFINITY;
                PairEvidence e = compare(a, b, scratch, false);
                if (e != null && e.flagged()) {
                    row.flagged().add(compare(a, b, scratch, true));
                } else if (scratch.lastZ >= ringScreen) {
                    row.similar().add(b);
                }
            }
            return row;
        }).toList();
        List<PairEvidence> flagged = new ArrayList<>();
        rows.forEach(r -> flagged.addAll(r.flagged()));
        int[] parent = new int[n];
        for (int c = 0; c < n; c++) {
            parent[c] = c;
        }
        java.util.Set<Long> flaggedKeys = new java.util.HashSet<>();
        for (PairEvidence e : flagged) {
            int a = indexById.get(e.attemptA());
            int b = indexById.get(e.attemptB());
            union(parent, a, b);
            flaggedKeys.add(pairKey(a, b));
        }
        // Seed groups: the components of flagged pairs and the rings of the ring statistic, each grown by the group
        // statistic.
        Map<Integer, GroupMember> joinedBy = new TreeMap<>();
        Map<Integer, Ring> ringOf = new TreeMap<>();
        // Strongest ring first; a ring whose members are all in stronger rings adds nothing, and a stronger ring's
        // anchor is never listed as a partner of a weaker one.
        java.util.Set<Integer> placed = new java.util.HashSet<>();
        for (Ring ring : rings(rows, flaggedKeys)) {
            if (placed.containsAll(ring.members())) {
                continue;
            }
            placed.add(ring.anchor());
            for (GroupMember g : ring.partners()) {
                int c = indexById.get(g.attemptId());
                if (placed.add(c)) {
                    joinedBy.putIfAbsent(c, g);
                }
                union(parent, ring.anchor(), c);
            }
            ringOf.putIfAbsent(ring.anchor(), ring);
        }
        Map<Integer, List<Integer>> seeds = components(parent, flagged);
        for (Ring ring : ringOf.values()) {
            List<Integer> seed = seeds.computeIfAbsent(find(parent, ring.anchor()), k -> new ArrayList<>());
            for (int c : ring.members()) {
                if (!seed.contains(c)) {
                    seed.add(c);
                }
            }
            seed.sort(Comparator.naturalOrder());
        }
        for (List<Integer> seed : seeds.values()) {
            for (Map.Entry<Integer, GroupMember> j : grow(seed).entrySet()) {
                joinedBy.putIfAbsent(j.getKey(), j.getValue());
                union(parent, seed.get(0), j.getKey());
            }
        }
        int[] size = new int[n];
        for (int c = 0; c < n; c++) {
            size[find(parent, c)]++;
        }
        Map<Integer, List<Integer>> components = new TreeMap<>();
        for (int c = 0; c < n; c++) {
            int root = find(parent, c);
            if (size[root] >= 2) {
                components.computeIfAbsent(root, k -> new ArrayList<>()).add(c);
            }
        }
        List<Suspicion> groups = new ArrayList<>();
        List<Suspicion> couples = new ArrayList<>();
        for (List<Integer> members : components.values()) {
            if (members.size() < 2) {
                continue;
            }
            int root = find(parent, members.get(0));
            List<PairEvidence> links = flagged.stream()
                    .filter(e -> find(parent, indexById.get(e.attemptA())) == root)
                    .sorted(STRONGEST_FIRST)
                    .toList();
            if (members.size() >= 3) {
                List<GroupMember> joined = members.stream().filter(joinedBy::containsKey).map(joinedBy::get)
                        .sorted(Comparator.comparing(GroupMember::attemptId)).toList();
                List<Ring> memberRings = members.stream().filter(ringOf::containsKey).map(ringOf::get).toList();
                groups.add(group(members, links, joined, memberRings));
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
        return new SimilarityReport(n, pairs, neighbourPairs, neighbourThreshold, distantThreshold, all, power());
    }

    private Map<Integer, List<Integer>> components(int[] parent, List<PairEvidence> flagged) {
        Map<Integer, List<Integer>> out = new TreeMap<>();
        for (PairEvidence e : flagged) {
            for (String id : List.of(e.attemptA(), e.attemptB())) {
                int c = indexById.get(id);
                List<Integer> members = out.computeIfAbsent(find(parent, c), k -> new ArrayList<>());
                if (!members.contains(c)) {
                    members.add(c);
                }
            }
        }
        out.values().forEach(m -> m.sort(Comparator.naturalOrder()));
        return out;
    }

    private static final Comparator<PairEvidence> STRONGEST_FIRST = Comparator.comparingDouble(PairEvidence::pValue)
            .thenComparing(PairEvidence::attemptA).thenComparing(PairEvidence::attemptB);

    /** One row of the pair loop: its flagged pairs, and the later candidates similar enough for the ring statistic. */
    private record Row(List<PairEvidence> flagged, List<Integer> similar) {
    }

    /**
     * A ring found by the ring statistic: an anchor and the partners whose answers agree improbably often with its
     * answers, with the ring's p-value and the threshold it reached (the ring statistic's alpha over the anchors).
     */
    private record Ring(int anchor, List<Integer> members, List<GroupMember> partners, double pValue,
                        double threshold) {
    }

    private static long pairKey(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    /**
     * The ring statistic, a group statistic that needs no flagged pair to start from. Each candidate in turn is an
     * anchor; every other candidate c is compared with the anchor's answers item by item, against c answering
     * independently (the group statistic's test with the anchor's answers as the consensus). Given the anchor's
     * answers, these m = n − 1 tests are independent under the null, so the k-th smallest of their p-values, p(k),
     * satisfies P(p(k) ≤ x) ≤ C(m, k)·x^k: a ring of k partners who each agree at a level no single pair would
     * be flagged at is still improbable. The ring p-value of an anchor is (K − 1)·min over k = 2..K of C(m, k)·p(k)^k
     * (Bonferroni over the K − 1 values of k), tested at {@link #RING_SHARE}·α / n (Bonferroni over anchors), so in a
     * sitting where nobody copied the chance of any ring is at most {@link #RING_SHARE}·α. Partners in a flagged
     * pair with the anchor are left out, and a ring containing a flagged pair is dropped: the pair and the group
     * statistic already cover it, and a chance likeness to one of two copiers must not count twice.
     */
    private List<Ring> rings(List<Row> rows, java.util.Set<Long> flaggedKeys) {
        int n = ids.length;
        if (n < 3) {
            return List.of();
        }
        List<List<Integer>> similar = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            similar.add(new ArrayList<>());
        }
        for (int a = 0; a < n; a++) {
            for (int b : rows.get(a).similar()) {
                similar.get(a).add(b);
                similar.get(b).add(a);
            }
        }
        int m = n - 1;
        double threshold = RING_SHARE * config.familyWiseAlpha() / n;
        int kinds = RING_MAX_PARTNERS - 1;
        return IntStream.range(0, n).parallel().mapToObj(anchor -> {
            List<Integer> others = similar.get(anchor);
            if (others.size() < 2) {
                return null;
            }
            Scratch s = new Scratch(answer[0].length);
            List<Integer> group = List.of(anchor);
            List<GroupMember> tested = new ArrayList<>();
            for (int c : others) {
                if (flaggedKeys.contains(pairKey(anchor, c))) {
                    continue;
                }
                GroupMember g = againstConsensus(c, group, answer[anchor], 1.0, s, ids[anchor]);
                if (g != null) {
                    tested.add(g);
                }
            }
            tested.sort(Comparator.comparingDouble(GroupMember::pValue).thenComparing(GroupMember::attemptId));
            double best = Double.POSITIVE_INFINITY;
            int bestK = 0;
            for (int k = 2; k <= RING_MAX_PARTNERS && k <= tested.size(); k++) {
                double logP = logChoose(m, k) + k * Math.log(tested.get(k - 1).pValue());
                if (logP < best) {
                    best = logP;
                    bestK = k;
                }
            }
            if (bestK == 0) {
                return null;
            }
            double p = Math.min(1.0, kinds * Math.exp(best));
            if (p > threshold) {
                return null;
            }
            List<GroupMember> partners = tested.subList(0, bestK);
            // The partners must also agree with each other: members of one ring do, while an anchor that truly
            // copied one partner may have a second, honest one by chance, who need not resemble the first. An extra
            // condition, so it can only lower the error.
            for (int i = 1; i < partners.size(); i++) {
                int first = indexById.get(partners.get(0).attemptId());
                GroupMember mutual = againstConsensus(indexById.get(partners.get(i).attemptId()), List.of(first),
                        answer[first], 1.0, s, ids[first]);
                if (mutual == null || mutual.pValue() > RING_MUTUAL) {
                    return null;
                }
            }
            List<Integer> members = new ArrayList<>();
            members.add(anchor);
            partners.forEach(g -> members.add(indexById.get(g.attemptId())));
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    if (flaggedKeys.contains(pairKey(members.get(i), members.get(j)))) {
                        return null;
                    }
                }
            }
            // The level every partner had to reach for this k: (K − 1)·C(m, k)·x^k = threshold.
            double level = Math.exp((Math.log(threshold / kinds) - logChoose(m, bestK)) / bestK);
            List<GroupMember> shown = partners.stream().map(g -> g.withThreshold(level)).toList();
            members.sort(Comparator.naturalOrder());
            return new Ring(anchor, members, shown, p, threshold);
        }).filter(java.util.Objects::nonNull).sorted(Comparator.comparingDouble(Ring::pValue)
                .thenComparingInt(Ring::anchor)).toList();
    }

    /**
     * The pair z from which a pair is compared conditionally for the ring statistic: the normal quantile of the level
     * a partner must reach in a sitting of n, less {@link #RING_SCREEN_MARGIN}, at least {@link #RING_SCREEN_Z}. The
     * score is skewed to the right, so its exact tail at a given z is above the normal one; in a room of 50 this is
     * the floor, in a sitting of 3,000 (level about 4e-7) about 3.4, which keeps the conditional tests few.
     */
    private double ringScreen(int n) {
        if (n < 3) {
            return Double.POSITIVE_INFINITY;
        }
        double level = Math.sqrt(RING_SHARE * config.familyWiseAlpha() / n / Math.exp(logChoose(n - 1, 2)));
        double z = new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability(
                1 - level);
        return Math.max(RING_SCREEN_Z, z - RING_SCREEN_MARGIN);
    }

    private static double logChoose(int m, int k) {
        double out = 0;
        for (int i = 0; i < k; i++) {
            out += Math.log(m - i) - Math.log(i + 1);
        }
        return out;
    }

    /** Per-thread buffers of one pair's trials. */
    private static final class Scratch {
        final double[] p;
        final int[] k;
        /** The answers score's distance from its null mean, in SDs, of the last pair compared. */
        double lastZ;

        Scratch(int items) {
            p = new double[items];
            k = new int[items];
        }
    }

    /**
     * The answers score's distance from its null mean in SDs: the same sums in the same order as {@link #compare}'s,
     * so the same double, without the timing sums, the counts and the trials that only a pair passing the screens
     * needs.
     */
    private double answersZ(int a, int b) {
        int[] ra = answer[a];
        int[] rb = answer[b];
        double[] wa = wrongProbability[a];
        double[] wb = wrongProbability[b];
        double[] va = rightProbability[a];
        double[] vb = rightProbability[b];
        int score = 0;
        double mean = 0;
        double variance = 0;
        for (int i = 0; i < ra.length; i++) {
            int x = ra[i];
            int y = rb[i];
            if (x == 0 || y == 0) {
                continue;
            }
            int at = tableAt[i];
            double same = at >= 0 ? sameWrongTable[at + x * categories[i] + y] : sameWrongAnswer(i, x, y);
            double match = va[i] * vb[i] + wa[i] * wb[i] * same;
            int k = weight(match);
            mean += match * k;
            variance += match * (1 - match) * k * k;
            if (x == y) {
                score += k;
            }
        }
        return variance > 0 ? (score - mean) / Math.sqrt(variance) : 0;
    }

    /**
     * One pair. With {@code full} false this is the screening pass of {@link #report()}: it returns null for a pair
     * far from any threshold, without the exact tail; otherwise the evidence, item by item when {@code full}.
     */
    private PairEvidence compare(int a, int b, Scratch s, boolean full) {
        if (!full) {
            // Below SCREEN_Z_TIMED no screen passes (each asks for at least that, see screenedIn below), whatever the
            // timing or the answer changes say: the pair is done once its answers z is known.
            double z = answersZ(a, b);
            s.lastZ = z;
            if (z < SCREEN_Z_TIMED) {
                return null;
            }
        }
        int[] ra = answer[a];
        int[] rb = answer[b];
        double[] wa = wrongProbability[a];
        double[] wb = wrongProbability[b];
        int m = 0;
        int bothWrong = 0;
        int identicalWrong = 0;
        int identicalCorrect = 0;
        int identicalHard = 0;
        int score = 0;
        double mean = 0;
        double variance = 0;
        double expectedWrong = 0;
        int timedShared = 0;
        long[] ta = answerTime[a];
        long[] tb = answerTime[b];
        double[] za = timing[a];
        double[] zb = timing[b];
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        int nz = 0;
        for (int i = 0; i < ra.length; i++) {
            int x = ra[i];
            int y = rb[i];
            if (x == 0 || y == 0) {
                continue;
            }
            if (ta[i] >= 0 && tb[i] >= 0) {
                timedShared++;
                double u = za[i];
                double v = zb[i];
                // NaN (no time per item: a candidate's first save) fails the comparison.
                if (u == u && v == v) {
                    sa += u;
                    sb += v;
                    saa += u * u;
                    sbb += v * v;
                    sab += u * v;
                    nz++;
                }
            }
            double sameWrong = wa[i] * wb[i] * sameWrong(i, x, y);
            double match = (1 - wa[i]) * (1 - wb[i]) + sameWrong;
            int k = weight(match);
            s.p[m] = match;
            s.k[m] = k;
            m++;
            mean += match * k;
            variance += match * (1 - match) * k * k;
            expectedWrong += sameWrong;
            if (x > 1 && y > 1) {
                bothWrong++;
            }
            if (x == y) {
                score += k;
                if (x == 1) {
                    identicalCorrect++;
                    if (wa[i] > 0.5 && wb[i] > 0.5) {
                        identicalHard++;
                    }
                } else {
                    identicalWrong++;
                }
            }
        }
        double z = variance > 0 ? (score - mean) / Math.sqrt(variance) : 0;
        s.lastZ = z;
        // Reached by pairs at least SCREEN_Z_TIMED SDs up, or when the evidence is wanted.
        Changes.Outcome changed = changes.test(a, b, answer, counts);
        boolean changeScreen = changed.pValue() <= SCREEN_TIMING_P && z >= SCREEN_Z_TIMED;
        boolean near = seats[a].isNeighbourOf(seats[b]);
        boolean sameOrder = orderGroup[a] == orderGroup[b] || sameOrder(a, b);
        double correlation = Double.NaN;
        double[] window = {0, 0};
        double timingP = 1.0;
        int timed = timedShared;
        String timingTest;
        if (sameOrder && near) {
            // The lockstep path test costs sampling: only for pairs whose answers could pass the gate.
            timingTest = PATH;
            if (!full && z < SCREEN_Z_NEAR && !changeScreen) {
                return null;
            }
        } else if (sameOrder) {
            timingTest = CORRELATION;
            correlation = ResponseTimes.pearson(sa, sb, saa, sbb, sab, nz);
            timed = nz;
            // The t tail is costly: the screen needs it only where it could reach SCREEN_TIMING_P.
            boolean worth = full || z >= SCREEN_Z
                    || (z >= SCREEN_Z_TIMED && ResponseTimes.tStatistic(correlation, nz) >= SCREEN_T);
            timingP = worth ? ResponseTimes.pValue(correlation, timed) : 1.0;
        } else {
            timingTest = WINDOW;
            window = Lockstep.window(ra, rb, answerTime[a], answerTime[b]);
            timingP = timed < ResponseTimes.MIN_ITEMS ? 1.0 : Lockstep.pValue(window);
        }
        boolean screenedIn = z >= SCREEN_Z || (timingP <= SCREEN_TIMING_P && z >= SCREEN_Z_TIMED)
                || (timingTest == PATH && z >= SCREEN_Z_NEAR) || changeScreen;
        if (!full && !screenedIn) {
            return null;
        }
        double answersP = WeightedBernoulli.upperTail(s.p, s.k, m, score);
        if (timingTest == PATH && answersP <= TIMING_GATE) {
            boolean[] alike = new boolean[ra.length];
            for (int i = 0; i < ra.length; i++) {
                alike[i] = ra[i] != 0 && ra[i] == rb[i];
            }
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            double[] path = LockstepPath.test(byPosition[a], alike, answerTime[a], answerTime[b], typicalTime,
                    ((long) lo << 32) ^ hi ^ 0x5DEECE66DL,
                    pathsNeeded(answersP, near ? neighbourThreshold : distantThreshold));
            window = new double[] {path[0], path[1]};
            timingP = path[2];
        }
        double p = splitPValue(answersP, timingP, timed, changed.pValue());
        String first = ids[a].compareTo(ids[b]) <= 0 ? ids[a] : ids[b];
        boolean swap = !first.equals(ids[a]);
        List<PairEvidence.ItemComparison> detail = full ? detail(swap ? b : a, swap ? a : b) : List.of();
        return new PairEvidence(first, swap ? ids[a] : ids[b], near, m, bothWrong, identicalWrong, expectedWrong, p,
                near ? neighbourThreshold : distantThreshold, identicalCorrect, identicalHard, score, mean, answersP,
                timed, timingTest, correlation, (int) window[0], (int) window[1], timingP, changed.followed(),
                changed.pValue(), detail);
    }

    /**
     * Whether the two papers list the items both answered in one order (then the response-time correlation applies;
     * otherwise the lockstep window test): at most a tenth of the steps through a's order go backwards in b's.
     */
    private boolean sameOrder(int a, int b) {
        int[] pa = positions[b];
        int previous = Integer.MIN_VALUE;
        int steps = 0;
        int backwards = 0;
        for (int i : byPosition[a]) {
            if (answer[a][i] == 0 || answer[b][i] == 0) {
                continue;
            }
            if (previous != Integer.MIN_VALUE) {
                steps++;
                if (pa[i] < previous) {
                    backwards++;
                }
            }
            previous = pa[i];
        }
        return backwards * 10 <= steps;
    }

    /**
     * The pair's p-value against its whole share of alpha. In a sitting with answer histories the answer-change test
     * (Fisher's method over the answers and change p-values) gets c = {@code changeShare} of the share, the rest is
     * split as without them: with a timing test, the answers test gets 1 − s of it and the combined test (Fisher's
     * method over the answers and timing p-values) gets s; without one, the answers test gets all of it. Each p-value
     * is divided by its part and the smallest kept (Bonferroni over the tests); both combined tests are gated on the
     * answers being at least nominally similar.
     */
    private double splitPValue(double answersP, double timingP, int timed, double changesP) {
        double c = changes.known() ? config.changeShare() : 0;
        double rest = 1 - c;
        double share = timed < ResponseTimes.MIN_ITEMS ? 0 : config.timingShare();
        double p = answersP / (rest * (1 - share));
        if (answersP <= TIMING_GATE) {
            if (share > 0) {
                p = Math.min(p, fisher(answersP, timingP) / (rest * share));
            }
            if (c > 0) {
                p = Math.min(p, fisher(answersP, changesP) / c);
            }
        }
        return Math.min(1.0, p);
    }

    /** The part of a pair's share of alpha that the combined answers-and-timing test spends. */
    private double timingPart() {
        return (changes.known() ? 1 - config.changeShare() : 1) * config.timingShare();
    }

    /**
     * How many shuffled paths the lockstep path test draws: enough that a path test with no shuffled path scoring as
     * high gives a timing p-value with which the combined test passes the pair's threshold (four times over, and at
     * least 1,000 for a readable figure), at most {@link LockstepPath#MAX_PATHS}. Fixed from the answers before any
     * sampling.
     */
    private int pathsNeeded(double answersP, double threshold) {
        double target = threshold * timingPart();
        if (answersP <= 0 || config.timingShare() == 0) {
            return 1000;
        }
        // fisher(answersP, x) grows with x: bisect on log x for the largest x that still passes.
        double lo = -40;
        double hi = 0;
        for (int k = 0; k < 60; k++) {
            double mid = (lo + hi) / 2;
            if (fisher(answersP, Math.exp(mid)) <= target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double needed = 4 / Math.exp(lo);
        return (int) Math.min(LockstepPath.MAX_PATHS, Math.max(1000, Math.ceil(needed)));
    }

    /** Fisher's combination of two independent p-values: P(χ²₄ ≥ −2 ln(p₁p₂)) = x(1 − ln x) with x = p₁p₂. */
    static double fisher(double p1, double p2) {
        double x = p1 * p2;
        return x <= 0 ? 0 : Math.min(1.0, x * (1 - Math.log(x)));
    }

    private List<PairEvidence.ItemComparison> detail(int a, int b) {
        List<PairEvidence.ItemComparison> out = new ArrayList<>();
        for (int i = 0; i < itemIds.length; i++) {
            if (answer[a][i] == 0 || answer[b][i] == 0) {
                continue;
            }
            out.add(new PairEvidence.ItemComparison(itemIds[i], options(i, masks[a][i]), options(i, masks[b][i]),
                    answer[a][i] == 1, answer[b][i] == 1, answer[a][i] == answer[b][i], savedAt[a][i],
                    savedAt[b][i]));
        }
        return out;
    }

    private String options(int item, long mask) {
        List<String> chosen = new ArrayList<>();
        for (int o = 0; o < optionIds.get(item).size(); o++) {
            if ((mask & (1L << o)) != 0) {
                chosen.add(optionIds.get(item).get(o));
            }
        }
        return String.join("+", chosen);
    }

    /** The rounded likelihood-ratio weight of an identical answer whose chance under independence is {@code p}. */
    static int weight(double p) {
        float f = (float) Math.max(p, 1e-30);
        return WEIGHTS[Float.floatToRawIntBits(f) >>> 16];
    }

    private static int[] weightTable() {
        int[] table = new int[1 << 15];
        double ratio = DESIGN_COPY_SHARE / (1 - DESIGN_COPY_SHARE);
        for (int bits = 0; bits < table.length; bits++) {
            // The middle of the bin: these bits with the lower 16 bits at half.
            float mid = Float.intBitsToFloat((bits << 16) | 0x8000);
            double p = Math.min(1.0, Math.max(mid, 1e-30));
            table[bits] = (int) Math.round(Math.log1p(ratio / p) / WEIGHT_STEP);
        }
        return table;
    }

    /** {@link #sameWrongAnswer} from the sitting's table where there is one. */
    private double sameWrong(int i, int x, int y) {
        int at = tableAt[i];
        return at >= 0 ? sameWrongTable[at + x * categories[i] + y] : sameWrongAnswer(i, x, y);
    }

    /**
     * The chance that two independent candidates who are both wrong on item i give the same wrong answer: Σ q²,
     * with q each wrong answer's share among the other candidates' wrong answers plus a uniform prior. The pair's
     * own wrong answers ({@code x}, {@code y}: 1 when right) are left out of the counts, so that a pair's own
     * coincidence does not inflate the rate it is measured against.
     */
    private double sameWrongAnswer(int i, int x, int y) {
        int[] count = counts[i];
        long sq = wrongSumOfSquares[i];
        int left = 0;
        if (x > 1 && x == y) {
            long c = count[x];
            sq += (c - 2) * (c - 2) - c * c;
            left = 2;
        } else {
            if (x > 1) {
                long c = count[x];
                sq += (c - 1) * (c - 1) - c * c;
                left++;
            }
            if (y > 1) {
                long c = count[y];
                sq += (c - 1) * (c - 1) - c * c;
                left++;
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
     * The group statistic: from a seed (a component of flagged pairs, or a ring of the ring statistic) every other
     * candidate is
     * compared with the group's consensus answer on each item, against independent answering; those that agree
     * improbably often join and the consensus is formed again, up to {@link #GROUP_ROUNDS} rounds. A candidate is
     * tested at {@link #GROUP_JOIN_SHARE}·α / (rounds · candidates tested), so an honest candidate joins a given seed
     * with chance at most that share of α;
     * and a sitting where nobody copied has no seed (except with chance α), so the statistic adds no error there.
     */
    private Map<Integer, GroupMember> grow(List<Integer> seed) {
        int n = ids.length;
        int items = answer[0].length;
        List<Integer> group = new ArrayList<>(seed);
        Map<Integer, GroupMember> joined = new TreeMap<>();
        Scratch s = new Scratch(items);
        for (int round = 0; round < GROUP_ROUNDS; round++) {
            int[] consensus = consensus(group);
            double threshold = GROUP_JOIN_SHARE * config.familyWiseAlpha()
                    / (GROUP_ROUNDS * (double) Math.max(1, n - group.size()));
            List<Integer> joiners = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                if (group.contains(c)) {
                    continue;
                }
                GroupMember g = againstConsensus(c, group, consensus, threshold, s, null);
                if (g != null && g.pValue() <= threshold) {
                    joiners.add(c);
                    joined.put(c, g);
                }
            }
            if (joiners.isEmpty()) {
                break;
            }
            group.addAll(joiners);
        }
        return joined;
    }

    /** Per item the answer most members gave, if at least two did and no other answer was as common; else 0. */
    private int[] consensus(List<Integer> group) {
        int items = answer[0].length;
        int[] out = new int[items];
        Map<Integer, Integer> tally = new HashMap<>();
        for (int i = 0; i < items; i++) {
            tally.clear();
            for (int m : group) {
                if (answer[m][i] != 0) {
                    tally.merge(answer[m][i], 1, Integer::sum);
                }
            }
            int best = 0;
            int bestCount = 1;
            boolean tie = false;
            for (Map.Entry<Integer, Integer> e : tally.entrySet()) {
                if (e.getValue() > bestCount) {
                    best = e.getKey();
                    bestCount = e.getValue();
                    tie = false;
                } else if (e.getValue() == bestCount && best != 0) {
                    tie = true;
                }
            }
            out[i] = tie ? 0 : best;
        }
        return out;
    }

    private GroupMember againstConsensus(int c, List<Integer> group, int[] consensus, double threshold, Scratch s,
                                         String comparedWith) {
        int m = 0;
        int agreeing = 0;
        int score = 0;
        double mean = 0;
        double variance = 0;
        double prior = config.smoothingPrior();
        for (int i = 0; i < consensus.length; i++) {
            int cons = consensus[i];
            int x = answer[c][i];
            if (cons == 0 || x == 0) {
                continue;
            }
            double w = wrongProbability[c][i];
            double match;
            if (cons == 1) {
                match = 1 - w;
            } else {
                // The consensus wrong answer's share among the wrong answers of everybody outside the group and c.
                int same = counts[i][cons];
                int wrong = wrongTotal[i];
                for (int g : group) {
                    if (answer[g][i] > 1) {
                        wrong--;
                        if (answer[g][i] == cons) {
                            same--;
                        }
                    }
                }
                if (x > 1) {
                    wrong--;
                    if (x == cons) {
                        same--;
                    }
                }
                match = w * (same + prior / wrongKinds[i]) / (wrong + prior);
            }
            match = Math.min(1.0, match);
            int k = weight(match);
            s.p[m] = match;
            s.k[m] = k;
            m++;
            mean += match * k;
            variance += match * (1 - match) * k * k;
            if (x == cons) {
                agreeing++;
                score += k;
            }
        }
        if (variance <= 0 || (score - mean) / Math.sqrt(variance) < SCREEN_Z) {
            return null;
        }
        double p = WeightedBernoulli.upperTail(s.p, s.k, m, score);
        return new GroupMember(ids[c], m, agreeing, score, mean, p, threshold, comparedWith);
    }

    /**
     * The power figure: on up to {@value #POWER_SAMPLE} neighbouring pairs spread over the seat plan, the smallest
     * copy share whose expected answers score reaches the pair's critical value.
     */
    private SimilarityReport.Power power() {
        int n = ids.length;
        List<int[]> near = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (seats[a].isNeighbourOf(seats[b])) {
                    near.add(new int[] {a, b});
                }
            }
        }
        if (near.isEmpty()) {
            return SimilarityReport.Power.NONE;
        }
        int step = Math.max(1, near.size() / POWER_SAMPLE);
        int items = answer[0].length;
        Scratch s = new Scratch(items);
        List<Integer> shared = new ArrayList<>();
        List<Double> detectable = new ArrayList<>();
        double alpha = neighbourThreshold * (changes.known() ? 1 - config.changeShare() : 1)
                * (1 - config.timingShare());
        for (int j = 0; j < near.size() && shared.size() < POWER_SAMPLE; j += step) {
            int a = near.get(j)[0];
            int b = near.get(j)[1];
            int m = 0;
            for (int i = 0; i < items; i++) {
                int x = answer[a][i];
                int y = answer[b][i];
                if (x == 0 || y == 0) {
                    continue;
                }
                double wa = wrongProbability[a][i];
                double wb = wrongProbability[b][i];
                // Null chance of agreeing, whatever the two actually answered: the right answer or the same wrong one.
                double pi = wrongSumOfSquares[i] == 0 ? 1.0 / wrongKinds[i]
                        : (double) wrongSumOfSquares[i] / ((double) wrongTotal[i] * wrongTotal[i]);
                double match = Math.min(1.0, (1 - wa) * (1 - wb) + wa * wb * pi);
                s.p[m] = match;
                s.k[m] = weight(match);
                m++;
            }
            shared.add(m);
            int critical = WeightedBernoulli.criticalValue(s.p, s.k, m, alpha);
            double found = Double.NaN;
            for (int g = 1; g <= 20; g++) {
                double copy = g / 20.0;
                double expected = 0;
                for (int i = 0; i < m; i++) {
                    expected += s.k[i] * (copy + (1 - copy) * s.p[i]);
                }
                if (expected >= critical) {
                    found = copy;
                    break;
                }
            }
            detectable.add(Double.isNaN(found) ? Double.POSITIVE_INFINITY : found);
        }
        shared.sort(Comparator.naturalOrder());
        detectable.sort(Comparator.naturalOrder());
        double median = detectable.get(detectable.size() / 2);
        return new SimilarityReport.Power(shared.size(), shared.get(shared.size() / 2),
                Double.isInfinite(median) ? Double.NaN : median);
    }

    /**
     * The chance that k independent candidates, all wrong on item i, give one and the same wrong answer: Σ q^k,
     * with the members left out of the counts.
     */
    private double groupCoincidence(int i, List<Integer> members) {
        int[] count = Arrays.copyOf(counts[i], counts[i].length);
        int left = 0;
        for (int m : members) {
            int r = answer[m][i];
            if (r > 1) {
                count[r]--;
                left++;
            }
        }
        int k = members.size();
        double prior = config.smoothingPrior();
        double a = prior / wrongKinds[i];
        double others = wrongTotal[i] - left;
        int seen = 0;
        double sum = 0;
        for (int r = 2; r < count.length; r++) {
            if (count[r] > 0) {
                sum += Math.pow(count[r] + a, k);
                seen++;
            }
        }
        sum += (wrongKinds[i] - seen) * Math.pow(a, k);
        return Math.min(1.0, sum / Math.pow(others + prior, k));
    }

    private Suspicion couple(PairEvidence e) {
        int a = indexById.get(e.attemptA());
        int b = indexById.get(e.attemptB());
        String timingText;
        if (e.timedItems() < ResponseTimes.MIN_ITEMS) {
            timingText = " Too few answer times were available to compare.";
        } else if (PATH.equals(e.timingTest())) {
            timingText = String.format(Locale.ROOT, " Along the %d items both saved, in paper order, %d answered"
                    + " alike were saved within %d s of each other (lockstep; p = %.1e against their own times"
                    + " shuffled).", e.lockstepWindowItems(), e.lockstepItems(), Lockstep.NARROW / 1000,
                    e.timingPValue());
        } else if (WINDOW.equals(e.timingTest())) {
            timingText = String.format(Locale.ROOT, " Of the %d items they answered alike within %d s of each"
                    + " other, %d were saved within %d s (lockstep; p = %.1e).", e.lockstepWindowItems(),
                    Lockstep.WIDE / 1000, e.lockstepItems(), Lockstep.NARROW / 1000, e.timingPValue());
        } else {
            timingText = String.format(Locale.ROOT, " Their times per item correlate at r = %.2f over %d items"
                    + " (p = %.1e; independent candidates' do not correlate).", e.timingCorrelation(),
                    e.timedItems(), e.timingPValue());
        }
        if (e.changesFollowed() > 0) {
            timingText += String.format(Locale.ROOT, " %d time%s one changed an answer to what the other had changed"
                    + " the same item to less than %d s before (answer changes p = %.1e).", e.changesFollowed(),
                    e.changesFollowed() == 1 ? "" : "s", Changes.FOLLOW_MILLIS / 1000, e.changesPValue());
        }
        String text = String.format(Locale.ROOT,
                "B2 抄袭 (copying) suspicion: %s (%s) and %s (%s)%s gave the same wrong answer on %d of the %d items"
                        + " both answered (both were wrong on %d), where %.1f would be expected if they had answered"
                        + " independently, and the same correct answer on %d, %d of them items both were more"
                        + " likely to get wrong (answers p = %.1e).%s Pair p = %.1e against a flag threshold of %.1e."
                        + " Answers alone cannot tell which of the two copied from the other, or whether both copied"
                        + " from one source. A proposal for the proctor to examine, not a verdict.",
                e.attemptA(), seats[a], e.attemptB(), seats[b], e.neighbours() ? ", in neighbouring seats," : "",
                e.identicalWrong(), e.itemsBothAnswered(), e.bothWrong(), e.expectedIdenticalWrong(),
                e.identicalCorrect(), e.identicalCorrectHard(), e.answersPValue(), timingText, e.pValue(),
                e.threshold());
        return new Suspicion(MisconductCode.B2, List.of(e.attemptA(), e.attemptB()), PAIR_STATISTIC,
                e.identicalWrong(), e.expectedIdenticalWrong(), e.pValue(), e.neighbours(), text, List.of(e),
                List.of());
    }

    private Suspicion group(List<Integer> members, List<PairEvidence> links, List<GroupMember> joined,
                            List<Ring> rings) {
        List<Integer> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(c -> ids[c]));
        List<Double> trials = new ArrayList<>();
        int shared = 0;
        for (int i = 0; i < answer[0].length; i++) {
            int first = answer[sorted.get(0)][i];
            boolean allAnswered = true;
            boolean same = true;
            double allWrong = 1;
            for (int m : sorted) {
                int r = answer[m][i];
                allAnswered &= r != 0;
                same &= r == first && r > 1;
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
        boolean allNear = joined.isEmpty() && links.stream().allMatch(PairEvidence::neighbours);
        List<String> memberIds = sorted.stream().map(c -> ids[c]).toList();
        List<String> placed = sorted.stream().map(c -> ids[c] + " (" + seats[c] + ")").toList();
        double strongest = links.isEmpty() ? 1.0 : links.get(0).pValue();
        String linked = String.format(Locale.ROOT, "are linked by %d flagged pairs (strongest pair p = %.1e)",
                links.size(), strongest);
        if (!rings.isEmpty()) {
            Ring ring = rings.stream().min(Comparator.comparingDouble(Ring::pValue)).orElseThrow();
            if (links.isEmpty()) {
                strongest = ring.pValue();
            }
            linked = String.format(Locale.ROOT, "%s%d of them agree improbably often with the answers of %s (%s),"
                    + " each at a level no single pair would be flagged at but together improbable (ring statistic"
                    + " p = %.1e against a threshold of %.1e)", links.isEmpty() ? "" : linked + "; ",
                    ring.partners().size(), ids[ring.anchor()], seats[ring.anchor()], ring.pValue(),
                    ring.threshold());
            if (links.isEmpty()) {
                linked = "were found together: " + linked;
            }
        }
        long consensusJoined = joined.stream().filter(g -> g.comparedWith() == null).count();
        String text = String.format(Locale.ROOT,
                "C5 串通作弊/有组织作弊 (collusion or organised cheating) suspicion: %d candidates %s %s%s. All of"
                        + " them gave the same wrong answer on %d of"
                        + " the %d items they all answered, where %.2f would be expected if they had answered"
                        + " independently (p = %.1e for this group, which was picked because it stood out, so read"
                        + " it as a description, not a test). %s Answers alone cannot tell a ring sharing one source"
                        + " from several candidates copying one neighbour. A proposal for the proctor to examine, not"
                        + " a verdict.",
                sorted.size(), String.join(", ", placed), linked,
                consensusJoined == 0 ? "" : String.format(Locale.ROOT, " and %d more agreeing improbably often with"
                        + " the group's consensus answers", consensusJoined),
                shared, t.length, expected, p, allNear ? "Every link is between neighbouring seats."
                        : "Some members sit apart from the others, which copying by sight cannot explain.");
        return new Suspicion(MisconductCode.C5, memberIds, GROUP_STATISTIC, shared, expected, strongest, allNear,
                text, links, joined);
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            // The smaller index becomes the root, so components do not depend on the order of unions.
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    private static int find(int[] parent, int c) {
        while (parent[c] != c) {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        return c;
    }
}
