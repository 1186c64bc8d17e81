package cn.examcore.server.attempt.domain;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;

/**
 * 答卷: an attempt's answers by item number, immutable and in ascending item order.
 *
 * <p>A save changes one answer of an attempt that may hold a hundred. A sorted tree copied on every save made
 * each save cost as much as the whole attempt; here the answers sit in two parallel sorted arrays, so replacing
 * one answer copies one array of references (the item numbers are shared) and a lookup is a binary search.
 * Instances are never modified once built, so an attempt may share them freely with its successors.
 */
public final class Answers extends AbstractMap<Integer, Answer> {

    private static final Answers EMPTY = new Answers(new int[0], new Answer[0]);

    private final int[] items;
    private final Answer[] answers;

    private Answers(int[] items, Answer[] answers) {
        this.items = items;
        this.answers = answers;
    }

    /** No answer yet. */
    public static Answers empty() {
        return EMPTY;
    }

    /** The given answers (an {@code Answers} is returned as is, since it cannot change). */
    public static Answers of(Map<Integer, Answer> byItem) {
        if (byItem instanceof Answers a) {
            return a;
        }
        if (byItem.isEmpty()) {
            return EMPTY;
        }
        int n = byItem.size();
        int[] items = new int[n];
        Answer[] answers = new Answer[n];
        int i = 0;
        boolean sorted = true;
        for (Map.Entry<Integer, Answer> e : byItem.entrySet()) {
            items[i] = e.getKey();
            answers[i] = Objects.requireNonNull(e.getValue(), "answer of item " + e.getKey());
            sorted &= i == 0 || items[i - 1] < items[i];
            i++;
        }
        if (!sorted) {
            Integer[] order = new Integer[n];
            for (int k = 0; k < n; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (x, y) -> Integer.compare(items[x], items[y]));
            int[] sortedItems = new int[n];
            Answer[] sortedAnswers = new Answer[n];
            for (int k = 0; k < n; k++) {
                sortedItems[k] = items[order[k]];
                sortedAnswers[k] = answers[order[k]];
            }
            return new Answers(sortedItems, sortedAnswers);
        }
        return new Answers(items, answers);
    }

    /**
     * The given answers keyed by their item numbers, e.g. as read back from storage.
     *
     * @throws IllegalArgumentException when two answers are for the same item
     */
    public static Answers byItem(Answer... given) {
        if (given.length == 0) {
            return EMPTY;
        }
        Answer[] answers = given.clone();
        Arrays.sort(answers, (x, y) -> Integer.compare(x.item(), y.item()));
        int[] items = new int[answers.length];
        for (int k = 0; k < answers.length; k++) {
            items[k] = answers[k].item();
            if (k > 0 && items[k] == items[k - 1]) {
                throw new IllegalArgumentException("two answers for item " + items[k]);
            }
        }
        return new Answers(items, answers);
    }

    /** These answers with {@code winners} (by item number, ascending) put in place of what they replace. */
    Answers withAll(SortedMap<Integer, Answer> winners) {
        if (winners.size() == 1) {
            return with(winners.get(winners.firstKey()));
        }
        int added = 0;
        for (Integer item : winners.keySet()) {
            if (Arrays.binarySearch(items, item) < 0) {
                added++;
            }
        }
        if (added == 0) {
            Answer[] copy = answers.clone();
            winners.forEach((item, a) -> copy[Arrays.binarySearch(items, item)] = a);
            return new Answers(items, copy);
        }
        int n = items.length + added;
        int[] mergedItems = new int[n];
        Answer[] mergedAnswers = new Answer[n];
        Iterator<Map.Entry<Integer, Answer>> w = winners.entrySet().iterator();
        Map.Entry<Integer, Answer> next = w.next();
        int i = 0;
        for (int k = 0; k < n; k++) {
            if (next != null && (i == items.length || next.getKey() <= items[i])) {
                if (i < items.length && next.getKey() == items[i]) {
                    i++;
                }
                mergedItems[k] = next.getKey();
                mergedAnswers[k] = next.getValue();
                next = w.hasNext() ? w.next() : null;
            } else {
                mergedItems[k] = items[i];
                mergedAnswers[k] = answers[i];
                i++;
            }
        }
        return new Answers(mergedItems, mergedAnswers);
    }

    /** These answers with {@code a} in place of the answer to its item (or added). */
    Answers with(Answer a) {
        int at = Arrays.binarySearch(items, a.item());
        if (at >= 0) {
            Answer[] copy = answers.clone();
            copy[at] = a;
            return new Answers(items, copy);
        }
        int insert = -at - 1;
        int n = items.length;
        int[] newItems = new int[n + 1];
        Answer[] newAnswers = new Answer[n + 1];
        System.arraycopy(items, 0, newItems, 0, insert);
        System.arraycopy(answers, 0, newAnswers, 0, insert);
        newItems[insert] = a.item();
        newAnswers[insert] = a;
        System.arraycopy(items, insert, newItems, insert + 1, n - insert);
        System.arraycopy(answers, insert, newAnswers, insert + 1, n - insert);
        return new Answers(newItems, newAnswers);
    }

    /** The answer to item {@code item}, or null. */
    public Answer get(int item) {
        int at = Arrays.binarySearch(items, item);
        return at < 0 ? null : answers[at];
    }

    @Override
    public Answer get(Object key) {
        return key instanceof Integer item ? get(item.intValue()) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public boolean isEmpty() {
        return items.length == 0;
    }

    /** The answers in ascending item order. */
    @Override
    public Collection<Answer> values() {
        return valueList();
    }

    private List<Answer> valueList() {
        return new AbstractList<>() {
            @Override
            public Answer get(int index) {
                return answers[index];
            }

            @Override
            public int size() {
                return answers.length;
            }

            @Override
            public Object[] toArray() {
                return answers.clone();
            }
        };
    }

    @Override
    public Set<Map.Entry<Integer, Answer>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<Integer, Answer>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < items.length;
                    }

                    @Override
                    public Map.Entry<Integer, Answer> next() {
                        if (next >= items.length) {
                            throw new NoSuchElementException();
                        }
                        int k = next++;
                        return new SimpleImmutableEntry<>(items[k], answers[k]);
                    }
                };
            }

            @Override
            public int size() {
                return items.length;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Answers other) {
            return Arrays.equals(items, other.items) && Arrays.equals(answers, other.answers);
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int k = 0; k < items.length; k++) {
            h += Integer.hashCode(items[k]) ^ answers[k].hashCode();
        }
        return h;
    }
}
