package cn.examcore.contract;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The packed form of one candidate's objective answers in {@link ObjectiveAnswers.CandidateAnswers}: a few bytes per
 * item instead of JSON lists, since a 3,000-seat sitting of 100 items is read every few minutes.
 *
 * <p>A packed string is URL-safe base64 without padding of a sequence of unsigned LEB128 varints. Signed numbers go
 * zigzag-encoded (0, −1, 1, −2 … as 0, 1, 2, 3 …). Times are deciseconds after {@link ObjectiveAnswers#timeOrigin},
 * each sent as its difference from the previous time in the same string (the first from 0), so an item answered a
 * minute after the one before costs two bytes.
 *
 * <p>An <b>answer code</b> is 0 for no answer; for a choice item the bit set of the chosen option indices into the bank
 * item's {@code optionIds} (bit o for option o: {@code 0b101} chose options 0 and 2); for a true/false item
 * {@link #TRUE} or {@link #FALSE}.
 *
 * <ul>
 *   <li><b>answers</b>: per objective item of the paper, in paper order: zigzag(index − previous index − 1) (the
 *       index into {@link ObjectiveAnswers#items()}; previous −1 before the first, so a paper in the order of the
 *       items list costs one zero byte per item), the answer code, and when the code is not 0 the save time.</li>
 *   <li><b>earlier</b>: per item whose answer changed: its place on the paper (0-based), how many earlier answers,
 *       and for each, oldest first, its answer code (never 0) and save time. Empty when none changed.</li>
 * </ul>
 */
public final class AnswerPacking {

    /** The answer code of a true/false item answered true. */
    public static final long TRUE = 1;
    /** The answer code of a true/false item answered false. */
    public static final long FALSE = 2;
    /** Option indices from here on do not fit an answer code. */
    public static final int MAX_OPTIONS = 63;

    private AnswerPacking() {
    }

    /**
     * One objective item of a paper.
     *
     * @param item    its index into {@link ObjectiveAnswers#items()}
     * @param answer  the answer code, 0 when not answered
     * @param savedAt when the answer was saved (deciseconds after the origin); 0 and ignored when not answered
     */
    public record Entry(int item, long answer, int savedAt) {
    }

    /**
     * The earlier answers of one item, oldest first.
     *
     * @param position the item's place on the paper (0-based)
     * @param answers  the earlier answer codes
     * @param savedAt  when each was saved (deciseconds after the origin)
     */
    public record Earlier(int position, List<Long> answers, List<Integer> savedAt) {

        public Earlier {
            answers = List.copyOf(answers);
            savedAt = List.copyOf(savedAt);
        }
    }

    /** The answer code of a set of chosen option indices (each below {@link #MAX_OPTIONS}). */
    public static long code(Iterable<Integer> optionIndices) {
        long code = 0;
        for (int o : optionIndices) {
            if (o < 0 || o >= MAX_OPTIONS) {
                throw new IllegalArgumentException("option index " + o + " does not fit an answer code");
            }
            code |= 1L << o;
        }
        return code;
    }

    /** The option indices of a choice item's answer code, ascending. */
    public static List<Integer> options(long code) {
        List<Integer> out = new ArrayList<>();
        for (int o = 0; o < MAX_OPTIONS; o++) {
            if ((code & (1L << o)) != 0) {
                out.add(o);
            }
        }
        return out;
    }

    /** A paper's objective answers, packed. */
    public static String packAnswers(List<Entry> entries) {
        Writer w = new Writer();
        int previousItem = -1;
        long previousTime = 0;
        for (Entry e : entries) {
            w.signed((long) e.item() - previousItem - 1);
            previousItem = e.item();
            w.unsigned(e.answer());
            if (e.answer() != 0) {
                w.signed(e.savedAt() - previousTime);
                previousTime = e.savedAt();
            }
        }
        return w.text();
    }

    /**
     * A packed answers string read back.
     *
     * @throws IllegalArgumentException saying where it does not read as packed answers
     */
    public static List<Entry> unpackAnswers(String packed) {
        Reader r = new Reader(packed);
        List<Entry> out = new ArrayList<>();
        long item = -1;
        long time = 0;
        while (r.more()) {
            String at = "paper item " + (out.size() + 1);
            item += r.signed(at) + 1;
            long answer = r.unsigned(at);
            if (answer != 0) {
                time += r.signed(at);
            }
            out.add(new Entry(toInt(item, at, "item index"), answer, answer == 0 ? 0 : toInt(time, at, "save time")));
        }
        return out;
    }

    /** The earlier answers of the items whose answer changed, packed; "" when none. */
    public static String packEarlier(List<Earlier> changed) {
        Writer w = new Writer();
        long previousTime = 0;
        for (Earlier e : changed) {
            if (e.answers().size() != e.savedAt().size() || e.answers().isEmpty()) {
                throw new IllegalArgumentException("item " + e.position() + ": one time per earlier answer, at least"
                        + " one answer");
            }
            w.unsigned(e.position());
            w.unsigned(e.answers().size());
            for (int k = 0; k < e.answers().size(); k++) {
                w.unsigned(e.answers().get(k));
                w.signed(e.savedAt().get(k) - previousTime);
                previousTime = e.savedAt().get(k);
            }
        }
        return w.text();
    }

    /**
     * A packed earlier-answers string read back.
     *
     * @throws IllegalArgumentException saying where it does not read as packed earlier answers
     */
    public static List<Earlier> unpackEarlier(String packed) {
        Reader r = new Reader(packed);
        List<Earlier> out = new ArrayList<>();
        long time = 0;
        while (r.more()) {
            String at = "changed item " + (out.size() + 1);
            int position = toInt(r.unsigned(at), at, "paper place");
            int count = toInt(r.unsigned(at), at, "count");
            if (count == 0) {
                throw new IllegalArgumentException(at + ": no earlier answer");
            }
            List<Long> answers = new ArrayList<>();
            List<Integer> times = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                answers.add(r.unsigned(at));
                time += r.signed(at);
                times.add(toInt(time, at, "save time"));
            }
            out.add(new Earlier(position, answers, times));
        }
        return out;
    }

    private static int toInt(long v, String at, String what) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(at + ": " + what + " " + v + " is out of range");
        }
        return (int) v;
    }

    private static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void unsigned(long v) {
            long x = v;
            while ((x & ~0x7FL) != 0) {
                bytes.write((int) ((x & 0x7F) | 0x80));
                x >>>= 7;
            }
            bytes.write((int) x);
        }

        void signed(long v) {
            unsigned((v << 1) ^ (v >> 63));
        }

        String text() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(String packed) {
            if (packed == null) {
                throw new IllegalArgumentException("missing");
            }
            try {
                bytes = Base64.getUrlDecoder().decode(packed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not URL-safe base64: " + e.getMessage(), e);
            }
        }

        boolean more() {
            return at < bytes.length;
        }

        long unsigned(String where) {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= bytes.length) {
                    throw new IllegalArgumentException(where + ": the packed string ends inside a number");
                }
                int b = bytes[at++] & 0xFF;
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException(where + ": a number longer than 64 bits");
        }

        long signed(String where) {
            long z = unsigned(where);
            return (z >>> 1) ^ -(z & 1);
        }
    }
}
