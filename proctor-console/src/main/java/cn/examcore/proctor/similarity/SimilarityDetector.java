package cn.examcore.proctor.similarity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 答案雷同检测: the answer-similarity detector behind B2 (抄袭) and C5 (串通作弊) proposals.
 *
 * <p>For every pair of candidates it counts the items on which both gave the same wrong answer, among the items
 * both answered wrongly, and compares that count with its exact distribution if the two had answered
 * independently: on each such item the chance of a coincidence is Σ q², q being the share of each wrong answer
 * among the sitting's other candidates' wrong answers on that item (smoothed). Pairs whose p-value passes a
 * weighted Bonferroni threshold, more lenient for touching seats, are flagged; groups of three or more linked by
 * flagged pairs become one C5 proposal, remaining pairs B2 proposals. The method and its limits are written up in
 * {@code proctor-console/docs/similarity.md}. Deterministic: the same input always gives the same report.
 */
public final class SimilarityDetector {

    private final SimilarityConfig config;

    public SimilarityDetector(SimilarityConfig config) {
        if (config == null) {
            throw new SimilarityInputException(List.of("config: must not be null"));
        }
        this.config = config;
    }

    /** A detector with {@link SimilarityConfig#DEFAULT}. */
    public SimilarityDetector() {
        this(SimilarityConfig.DEFAULT);
    }

    /**
     * Validates the input and works out the sitting's answer statistics once, for {@link SimilarityAnalysis#report()}
     * and single-pair queries.
     *
     * @throws SimilarityInputException listing every problem with its location; nothing is analysed then
     */
    public SimilarityAnalysis prepare(List<ObjectiveItem> items, List<CandidateResponses> candidates) {
        List<String> problems = new ArrayList<>();
        if (items == null) {
            throw new SimilarityInputException(List.of("items: must not be null"));
        }
        if (candidates == null) {
            throw new SimilarityInputException(List.of("candidates: must not be null"));
        }
        Map<String, Integer> itemIndex = new HashMap<>();
        List<Map<String, Integer>> optionIndex = new ArrayList<>();
        long[] keyMask = new long[items.size()];
        double[] wrongKinds = new double[items.size()];
        boolean[] multiple = new boolean[items.size()];
        for (int i = 0; i < items.size(); i++) {
            ObjectiveItem item = items.get(i);
            String where = "items[" + i + "]";
            Map<String, Integer> options = new HashMap<>();
            optionIndex.add(options);
            if (item == null) {
                problems.add(where + ": must not be null");
                continue;
            }
            if (item.itemId() == null || item.itemId().isBlank()) {
                problems.add(where + ": itemId must not be blank");
                continue;
            }
            where += " (item '" + item.itemId() + "')";
            if (itemIndex.putIfAbsent(item.itemId(), i) != null) {
                problems.add(where + ": itemId is used twice, first at items[" + itemIndex.get(item.itemId()) + "]");
            }
            if (item.optionIds() == null || item.optionIds().size() < 2 || item.optionIds().size() > 62) {
                problems.add(where + ": needs between 2 and 62 options, has "
                        + (item.optionIds() == null ? "none" : item.optionIds().size()));
                continue;
            }
            for (String id : item.optionIds()) {
                if (id == null || id.isBlank() || options.putIfAbsent(id, options.size()) != null) {
                    problems.add(where + ": option id '" + id + "' is blank or repeated");
                }
            }
            if (item.key() == null || item.key().isEmpty()) {
                problems.add(where + ": key must name at least one option");
                continue;
            }
            if (!item.multipleSelect() && item.key().size() != 1) {
                problems.add(where + ": a single-answer item needs exactly one key option, has " + item.key());
            }
            for (String k : item.key()) {
                Integer o = k == null ? null : options.get(k);
                if (o == null) {
                    problems.add(where + ": key option '" + k + "' is not one of the options " + item.optionIds());
                } else {
                    keyMask[i] |= 1L << o;
                }
            }
            multiple[i] = item.multipleSelect();
            int k = options.size();
            // Every response other than the key is a possible wrong answer: the other options of a single-answer
            // item, every non-empty option set but the key for multiple choice.
            wrongKinds[i] = item.multipleSelect() ? Math.pow(2, k) - 2 : k - 1;
        }
        if (!problems.isEmpty()) {
            throw new SimilarityInputException(problems);
        }

        int n = candidates.size();
        String[] ids = new String[n];
        SeatPosition[] seats = new SeatPosition[n];
        long[][] responses = new long[n][items.size()];
        long[][] savedAt = new long[n][items.size()];
        int[][] positions = new int[n][items.size()];
        Changes.Builder changes = new Changes.Builder(n);
        // When each item was first answered: the final save unless the history knows an earlier answer.
        long[][] firstSaved = new long[n][];
        Map<String, Integer> seenIds = new HashMap<>();
        Map<SeatPosition, String> seenSeats = new HashMap<>();
        for (int c = 0; c < n; c++) {
            CandidateResponses cand = candidates.get(c);
            String where = "candidates[" + c + "]";
            if (cand == null) {
                problems.add(where + ": must not be null");
                continue;
            }
            if (cand.attemptId() == null || cand.attemptId().isBlank()) {
                problems.add(where + ": attemptId must not be blank");
            } else {
                where += " (attempt '" + cand.attemptId() + "')";
                Integer first = seenIds.putIfAbsent(cand.attemptId(), c);
                if (first != null) {
                    problems.add(where + ": attemptId is used twice, first at candidates[" + first + "]");
                }
            }
            ids[c] = cand.attemptId();
            seats[c] = cand.seat();
            checkSeat(cand.seat(), where, cand.attemptId(), seenSeats, problems);
            if (cand.responses() == null) {
                problems.add(where + ": responses must not be null (use an empty map for a blank paper)");
                continue;
            }
            for (Map.Entry<String, Set<String>> e : cand.responses().entrySet()) {
                Integer i = e.getKey() == null ? null : itemIndex.get(e.getKey());
                if (i == null) {
                    problems.add(where + ", item '" + e.getKey() + "': not one of the objective items given");
                    continue;
                }
                Set<String> chosen = e.getValue();
                if (chosen == null) {
                    problems.add(where + ", item '" + e.getKey() + "': the chosen options must not be null"
                            + " (use an empty set for an unanswered item)");
                    continue;
                }
                if (!multiple[i] && chosen.size() > 1) {
                    problems.add(where + ", item '" + e.getKey() + "': single-answer item with " + chosen.size()
                            + " options chosen " + new java.util.TreeSet<>(chosen));
                    continue;
                }
                long mask = 0;
                for (String o : chosen) {
                    Integer idx = o == null ? null : optionIndex.get(i).get(o);
                    if (idx == null) {
                        problems.add(where + ", item '" + e.getKey() + "': option '" + o
                                + "' is not one of " + items.get(i).optionIds());
                    } else {
                        mask |= 1L << idx;
                    }
                }
                responses[c][i] = mask;
            }
            java.util.Arrays.fill(savedAt[c], -1L);
            for (int i = 0; i < items.size(); i++) {
                positions[c][i] = i;
            }
            for (Map.Entry<String, Integer> e : cand.positions().entrySet()) {
                Integer i = e.getKey() == null ? null : itemIndex.get(e.getKey());
                if (i == null || e.getValue() == null) {
                    problems.add(where + ", position of item '" + e.getKey() + "': not one of the objective items"
                            + " given, or no number");
                } else {
                    positions[c][i] = e.getValue();
                }
            }
            if (cand.savedAt() != null) {
                for (Map.Entry<String, Long> e : cand.savedAt().entrySet()) {
                    Integer i = e.getKey() == null ? null : itemIndex.get(e.getKey());
                    if (i == null) {
                        problems.add(where + ", savedAt of item '" + e.getKey() + "': not one of the objective items"
                                + " given");
                    } else if (e.getValue() == null || e.getValue() < 0) {
                        problems.add(where + ", savedAt of item '" + e.getKey() + "': must be an epoch-ms time,"
                                + " was " + e.getValue());
                    } else if (responses[c][i] != 0) {
                        savedAt[c][i] = e.getValue();
                    }
                }
            }
            firstSaved[c] = savedAt[c].clone();
            for (Map.Entry<String, List<EarlierAnswer>> e : cand.earlier().entrySet()) {
                Integer i = e.getKey() == null ? null : itemIndex.get(e.getKey());
                String at = where + ", earlier answers to item '" + e.getKey() + "'";
                if (i == null || e.getValue() == null) {
                    problems.add(at + ": not one of the objective items given, or no list");
                    continue;
                }
                if (responses[c][i] == 0) {
                    problems.add(at + ": the item has no final answer");
                    continue;
                }
                List<long[]> history = new ArrayList<>();
                for (EarlierAnswer earlier : e.getValue()) {
                    long mask = earlier == null ? 0 : mask(earlier.optionIds(), optionIndex.get(i), multiple[i]);
                    if (mask <= 0 || earlier.savedAt() < 0) {
                        problems.add(at + ": " + earlier + " is not an answer to this item with an epoch-ms time");
                    } else {
                        history.add(new long[] {mask, earlier.savedAt()});
                        if (firstSaved[c][i] < 0 || earlier.savedAt() < firstSaved[c][i]) {
                            firstSaved[c][i] = earlier.savedAt();
                        }
                    }
                }
                changes.add(c, i, history, responses[c][i], savedAt[c][i]);
            }
        }
        if (!problems.isEmpty()) {
            throw new SimilarityInputException(problems);
        }
        String[] itemIds = items.stream().map(ObjectiveItem::itemId).toArray(String[]::new);
        List<List<String>> optionIds = items.stream().map(ObjectiveItem::optionIds).toList();
        return new SimilarityAnalysis(config, ids, seats, itemIds, optionIds, responses, keyMask, wrongKinds,
                savedAt, firstSaved, positions, changes.build(savedAt, responses));
    }

    /** The option mask of an earlier answer; 0 when it is empty, −1 when it names an unknown option or too many. */
    private static long mask(Set<String> chosen, Map<String, Integer> options, boolean multiple) {
        if (chosen == null || chosen.isEmpty()) {
            return 0;
        }
        if (!multiple && chosen.size() > 1) {
            return -1;
        }
        long mask = 0;
        for (String o : chosen) {
            Integer idx = o == null ? null : options.get(o);
            if (idx == null) {
                return -1;
            }
            mask |= 1L << idx;
        }
        return mask;
    }

    /**
     * Analyses one sitting (one subject): every pair of candidates, flagged pairs, B2 and C5 proposals.
     *
     * @throws SimilarityInputException listing every problem with its location; nothing is analysed then
     */
    public SimilarityReport analyse(List<ObjectiveItem> items, List<CandidateResponses> candidates) {
        return prepare(items, candidates).report();
    }

    private static void checkSeat(SeatPosition seat, String where, String attemptId,
                                  Map<SeatPosition, String> seenSeats, List<String> problems) {
        if (seat == null) {
            problems.add(where + ": seat must not be null");
            return;
        }
        if (seat.room() == null || seat.room().isBlank()) {
            problems.add(where + ": seat room must not be blank");
            return;
        }
        if (seat.row() < 1 || seat.col() < 1) {
            problems.add(where + ": seat row and col are 1-based, were " + seat.row() + ", " + seat.col());
            return;
        }
        String other = seenSeats.putIfAbsent(seat, attemptId);
        if (other != null) {
            problems.add(where + ": seat " + seat + " is already taken by attempt '" + other + "'");
        }
    }
}
