package cn.examcore.server.attempt.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * 作答历史: every accepted change to an attempt's answers, in order, each entry chained to the one before it by a
 * SHA-256 hash, so that a changed, removed, inserted or reordered entry breaks the chain from that entry on.
 *
 * <p>The hash of entry {@code seq} is SHA-256 (lowercase hex) of the UTF-8 text {@link #canonical}: its sequence
 * number, kind, item, revision, server time, node, the SHA-256 of its value ({@code -} for a cleared answer) and
 * the previous entry's hash. The first entry's predecessor is {@link #genesis}: SHA-256 of
 * {@code "examcore answer history v1\n" + attemptId}, which binds the chain to its attempt. Hashing the value's
 * digest instead of the value lets a large value (an essay, a list of upload ids) be kept as its digest alone
 * ({@link #MAX_HELD_CHARS}) while the chain still covers it.
 *
 * <p>Only the chain head is kept in memory, not each entry's hash: the entries alone determine every hash, so an
 * export or a database write recomputes them and checks that the last one equals the head recorded at append
 * time. The entries are packed in one byte array ({@link #encoded}) because the attempt, history included, is
 * deserialised and serialised on every save; instances never change once built.
 */
public final class AnswerHistory {

    /** Values longer than this are kept (in memory, the database and exports) as their SHA-256 only. */
    public static final int MAX_HELD_CHARS = 128;

    /** What an entry records. Stored as its ordinal: append new kinds, never reorder them. */
    public enum Kind {
        /** A seat's single save. */
        SAVE,
        /** A reconnecting page's vector (the re-sent journal). */
        VECTOR,
        /** The final vector sent with a submission. */
        FINAL,
        /**
         * A healed split brain joined this history with another side's: {@code rev} is the number of entries the
         * other side held and the value its head hash. Changes nothing by itself; the ADOPTED entries after it do.
         */
        MERGE,
        /**
         * An answer taken in from outside this chain: from the other side of a split brain (after a MERGE entry), or
         * from the database for an attempt stored before its history began.
         */
        ADOPTED,
        /** An answer taken from an offline answer file (离线答卷) a proctor uploaded after the deadline. */
        OFFLINE
    }

    private static final Kind[] KINDS = Kind.values();
    private static final AnswerHistory EMPTY = new AnswerHistory(new byte[0], 0, new String[0], null);
    private static final String GENESIS_PREFIX = "examcore answer history v1\n";
    private static final int CLEARED = 0;
    private static final int HELD = 1;
    private static final int DIGEST_ONLY = 2;
    private static final int DIGEST_BYTES = 32;

    /**
     * The entries packed one after another: kind (1 byte), item, revision (unsigned varints), time (8 bytes), node
     * (varint index into {@link #nodeNames}), then a tag and the value: nothing for a cleared answer, a varint length
     * and UTF-8 for a held value, 32 raw bytes of SHA-256 for a long one. One byte array, because the attempt is
     * deserialised and serialised on every save: an array of bytes costs a copy, where arrays of fields and strings
     * cost an object per entry (HistoryCostBenchmark, 75 entries: 39 µs per save cycle as parallel arrays, 17.5 µs
     * packed, 16 µs without a history).
     */
    private final byte[] encoded;
    private final int size;
    /** The distinct node names, in first-use order. */
    private final String[] nodeNames;
    /** The last entry's hash, null when empty. */
    private final String head;

    private AnswerHistory(byte[] encoded, int size, String[] nodeNames, String head) {
        this.encoded = encoded;
        this.size = size;
        this.nodeNames = nodeNames;
        this.head = head;
    }

    /** No change yet. */
    public static AnswerHistory empty() {
        return EMPTY;
    }

    /**
     * One entry of the history.
     *
     * @param seq         1-based position in the chain
     * @param kind        what it records
     * @param item        the item number (0 for a MERGE entry)
     * @param rev         the answer's revision (for MERGE: the other side's entry count)
     * @param at          server time (epoch ms)
     * @param node        the node that took the change
     * @param value       the value when held; null when cleared or too long ({@code valueDigest} then says which)
     * @param valueDigest SHA-256 of the value, null when the answer was cleared
     */
    public record Entry(long seq, Kind kind, int item, long rev, long at, String node, String value,
                        String valueDigest) {
    }

    /** An entry with the hashes that chain it: what an export carries and a verifier checks. */
    public record Link(Entry entry, String prev, String hash) {
    }

    /**
     * Rebuilds a history from its stored parts (the database); {@code head} is checked against the entries when
     * {@code attemptId} is given.
     */
    public static AnswerHistory restore(String attemptId, List<Entry> entries, String head) {
        if (entries.isEmpty()) {
            return EMPTY;
        }
        AnswerHistory h = EMPTY.appendAll(null, entries, false);
        if (attemptId != null) {
            String computed = h.links(attemptId).get(entries.size() - 1).hash();
            if (!computed.equals(head)) {
                throw new IllegalStateException("the answer history of " + attemptId + " does not verify: its "
                        + entries.size() + " entries hash to " + computed + ", the recorded head is " + head);
            }
        }
        return new AnswerHistory(h.encoded, h.size, h.nodeNames, head);
    }

    /** Rebuilds a history from what the serializer wrote (no parsing, no hashing: this runs on every save). */
    public static AnswerHistory fromEncoded(byte[] encoded, int size, String[] nodeNames, String head) {
        if (size == 0) {
            return EMPTY;
        }
        if (encoded == null || nodeNames == null || head == null || size < 0) {
            throw new IllegalArgumentException("an answer history of " + size + " entries needs its bytes, nodes and"
                    + " head");
        }
        return new AnswerHistory(encoded, size, nodeNames, head);
    }

    /** For the serializer: the packed entries (shared; callers must not modify them). */
    public byte[] encoded() {
        return encoded;
    }

    /** For the serializer: the node names the entries index. */
    public String[] nodeNames() {
        return nodeNames;
    }

    /** The number of entries. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The last entry's hash, or the attempt's genesis when there is none. */
    public String head(String attemptId) {
        return head != null ? head : genesis(attemptId);
    }

    /** The recorded head, null when empty (for the serializer). */
    public String recordedHead() {
        return head;
    }

    /** The entry at {@code index} (0-based; its {@code seq} is {@code index + 1}). */
    public Entry entry(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("entry " + index + " of " + size);
        }
        Reader r = new Reader();
        for (int i = 0; i < index; i++) {
            r.skip();
        }
        return r.next(index + 1L);
    }

    /** Every entry, in order. */
    public List<Entry> entries() {
        return read(true);
    }

    /**
     * The entries with a null {@code valueDigest} where the value itself is held: for readers of the answers alone
     * (the similarity input reads every attempt of a sitting), which need not hash every value they were given.
     */
    public List<Entry> entriesWithoutDigests() {
        return read(false);
    }

    private List<Entry> read(boolean digests) {
        List<Entry> list = new ArrayList<>(size);
        Reader r = new Reader();
        for (int i = 0; i < size; i++) {
            list.add(r.next(i + 1L, digests));
        }
        return list;
    }

    /** Every entry with its predecessor's hash and its own, recomputed from the genesis of {@code attemptId}. */
    public List<Link> links(String attemptId) {
        return links(0, genesis(attemptId));
    }

    /**
     * The links of the entries from index {@code from} on, given the hash of the entry before it: what a writer that
     * already stored the first {@code from} entries needs, without hashing them again.
     */
    public List<Link> links(int from, String prevHash) {
        List<Link> links = new ArrayList<>(Math.max(0, size - from));
        String prev = prevHash;
        Reader r = new Reader();
        for (int i = 0; i < from && i < size; i++) {
            r.skip();
        }
        for (int i = from; i < size; i++) {
            Entry e = r.next(i + 1L);
            String hash = hash(e, prev);
            links.add(new Link(e, prev, hash));
            prev = hash;
        }
        return links;
    }

    /**
     * This history with one entry of {@code kind} per answer of {@code changed} (the answers that won, in the order
     * given), taken at {@code now} by {@code node}.
     */
    public AnswerHistory append(String attemptId, Kind kind, Collection<Answer> changed, long now, String node) {
        if (changed.isEmpty()) {
            return this;
        }
        List<Entry> entries = new ArrayList<>(changed.size());
        long seq = size();
        for (Answer a : changed) {
            entries.add(entryOf(++seq, kind, a.item(), a.rev(), now, node, a.value()));
        }
        return appendAll(attemptId, entries, true);
    }

    /**
     * The entries of this history whose answers differ from {@code answers}, recorded as ADOPTED so that the history
     * replays to {@code answers} again: what a split-brain merge (after its MERGE entry) or a load of an attempt
     * stored before its history began appends. An item this history holds but {@code answers} does not cannot be
     * expressed (answers are never removed), so it is an error.
     */
    public AnswerHistory adopt(String attemptId, Map<Integer, Answer> answers, String node) {
        Map<Integer, Replayed> replayed = replay();
        for (Integer item : replayed.keySet()) {
            if (!answers.containsKey(item)) {
                throw new IllegalStateException("the history of " + attemptId + " has an answer to item " + item
                        + " that the attempt does not hold");
            }
        }
        List<Entry> entries = new ArrayList<>();
        long seq = size();
        for (Answer a : Answers.of(answers).values()) {
            Replayed r = replayed.get(a.item());
            if (r == null || !r.matches(a)) {
                entries.add(entryOf(++seq, Kind.ADOPTED, a.item(), a.rev(), a.savedAt(), node, a.value()));
            }
        }
        return entries.isEmpty() ? this : appendAll(attemptId, entries, true);
    }

    /** This history with a MERGE entry that names the other side's head ({@code otherSize} entries). */
    public AnswerHistory mergeMark(String attemptId, int otherSize, String otherHead, long now, String node) {
        Entry e = new Entry(size() + 1L, Kind.MERGE, 0, otherSize, now, node, otherHead, sha256Hex(otherHead));
        return appendAll(attemptId, List.of(e), true);
    }

    /** True when the first {@code other.size()} entries of this history are {@code other}'s. */
    public boolean extendsHistory(AnswerHistory other) {
        if (other.size() > size()) {
            return false;
        }
        List<Entry> mine = entries();
        List<Entry> theirs = other.entries();
        return mine.subList(0, theirs.size()).equals(theirs);
    }

    /** Where the replay of a history leaves one item. */
    public record Replayed(int item, long rev, String value, String valueDigest) {

        /** True when {@code a} is this answer (same revision, and the same value, or its digest when not held). */
        public boolean matches(Answer a) {
            if (a.rev() != rev) {
                return false;
            }
            if (a.value() == null || valueDigest == null) {
                return a.value() == null && valueDigest == null;
            }
            return value != null ? value.equals(a.value()) : valueDigest.equals(sha256Hex(a.value()));
        }
    }

    /** The answers this history leads to: per item, its last entry's revision and value. */
    public Map<Integer, Replayed> replay() {
        return replay(entries());
    }

    /** {@link #replay()} of exported entries. */
    public static Map<Integer, Replayed> replay(List<Entry> entries) {
        Map<Integer, Replayed> state = new TreeMap<>();
        for (Entry e : entries) {
            if (e.kind() != Kind.MERGE) {
                state.put(e.item(), new Replayed(e.item(), e.rev(), e.value(), e.valueDigest()));
            }
        }
        return state;
    }

    /**
     * The item numbers where the replay of this history differs from {@code answers}: empty when the answers are
     * derivable from the history, as they must always be.
     */
    public List<Integer> differences(Map<Integer, Answer> answers) {
        Map<Integer, Replayed> replayed = replay();
        List<Integer> differ = new ArrayList<>();
        for (Answer a : Answers.of(answers).values()) {
            Replayed r = replayed.get(a.item());
            if (r == null || !r.matches(a)) {
                differ.add(a.item());
            }
        }
        replayed.keySet().stream().filter(item -> !answers.containsKey(item)).forEach(differ::add);
        return differ;
    }

    /**
     * The receipt's values digest ({@link Digest#ofValues}) of the answers a replay leads to, computed from the
     * entries' value digests alone, so an export proves what a receipt binds without holding long values.
     */
    public static String valuesDigest(Map<Integer, Replayed> replayed) {
        StringBuilder sb = new StringBuilder();
        for (Replayed r : replayed.values()) {
            if (r.valueDigest() != null) {
                sb.append(r.item()).append(':').append(r.rev()).append(':').append(r.valueDigest()).append(';');
            }
        }
        return sha256Hex(sb.toString());
    }

    /** The predecessor of an attempt's first entry. */
    public static String genesis(String attemptId) {
        return sha256Hex(GENESIS_PREFIX + attemptId);
    }

    /** The text an entry's hash is taken of. */
    public static String canonical(Entry e, String prev) {
        return e.seq() + "\n" + e.kind().name() + "\n" + e.item() + "\n" + e.rev() + "\n" + e.at() + "\n"
                + (e.node() == null ? "" : e.node()) + "\n" + (e.valueDigest() == null ? "-" : e.valueDigest()) + "\n"
                + prev;
    }

    /** The digest an entry records of an answer's value (SHA-256 of its text), held or not. */
    public static String valueDigest(String value) {
        return sha256Hex(value);
    }

    /** An entry's hash given its predecessor's. */
    public static String hash(Entry e, String prev) {
        return sha256Hex(canonical(e, prev));
    }

    /** Why a chain does not verify, naming the first entry that breaks it; null fields when it verifies. */
    public record Verdict(boolean valid, long brokenAt, String reason) {
    }

    /**
     * Checks exported links against {@code attemptId}'s genesis and the claimed head: each entry's sequence number,
     * its held value against its digest, its {@code prev} against the entry before, and its hash recomputed. The
     * first failure is reported with the sequence number where the chain breaks.
     */
    public static Verdict verify(String attemptId, List<Link> links, String claimedHead) {
        String prev = genesis(attemptId);
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            Entry e = l.entry();
            long expected = i + 1L;
            if (e.seq() != expected) {
                return new Verdict(false, expected, "entry " + expected + " is missing or out of order: found seq "
                        + e.seq() + " in its place");
            }
            if (e.value() != null && !sha256Hex(e.value()).equals(e.valueDigest())) {
                return new Verdict(false, expected, "entry " + expected + " has a value that does not match its "
                        + "valueDigest (the value was changed)");
            }
            if (!prev.equals(l.prev())) {
                return new Verdict(false, expected, "entry " + expected + " does not follow entry " + (expected - 1)
                        + ": its prev is " + l.prev() + ", the chain has " + prev);
            }
            String hash = hash(e, prev);
            if (!hash.equals(l.hash())) {
                return new Verdict(false, expected, "entry " + expected + " was changed: its fields hash to " + hash
                        + ", it claims " + l.hash());
            }
            prev = hash;
        }
        if (!prev.equals(claimedHead)) {
            return new Verdict(false, links.size() + 1L, "the chain ends at " + prev + " after " + links.size()
                    + " entries but the head is " + claimedHead + " (entries after " + links.size()
                    + " are missing)");
        }
        return new Verdict(true, 0, null);
    }

    private static Entry entryOf(long seq, Kind kind, int item, long rev, long now, String node, String value) {
        if (value == null) {
            return new Entry(seq, kind, item, rev, now, node, null, null);
        }
        String digest = sha256Hex(value);
        return new Entry(seq, kind, item, rev, now, node, value.length() <= MAX_HELD_CHARS ? value : null, digest);
    }

    /** This history with {@code more} appended; with {@code chain}, the head advances over them. */
    private AnswerHistory appendAll(String attemptId, List<Entry> more, boolean chain) {
        Writer w = new Writer(encoded, nodeNames);
        String prev = chain ? head(attemptId) : null;
        for (int j = 0; j < more.size(); j++) {
            Entry e = more.get(j);
            if (e.seq() != size + j + 1L) {
                throw new IllegalArgumentException("history entry " + (size + j + 1) + " has seq " + e.seq());
            }
            w.write(e);
            if (chain) {
                prev = hash(e, prev);
            }
        }
        return new AnswerHistory(w.bytes(), size + more.size(), w.names, prev);
    }

    /** Appends encoded entries after the bytes of a history. */
    private static final class Writer {
        private byte[] buf;
        private int len;
        private String[] names;

        Writer(byte[] start, String[] names) {
            this.buf = Arrays.copyOf(start, Math.max(64, start.length + start.length / 4 + 64));
            this.len = start.length;
            this.names = names;
        }

        void write(Entry e) {
            String node = e.node() == null ? "" : e.node();
            int idx = -1;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(node)) {
                    idx = i;
                    break;
                }
            }
            if (idx < 0) {
                names = Arrays.copyOf(names, names.length + 1);
                idx = names.length - 1;
                names[idx] = node;
            }
            if (e.item() < 0 || e.rev() < 0) {
                throw new IllegalArgumentException("history entry " + e.seq() + " has a negative item or revision");
            }
            put(e.kind().ordinal());
            varint(e.item());
            varint(e.rev());
            for (int shift = 56; shift >= 0; shift -= 8) {
                put((int) (e.at() >>> shift));
            }
            varint(idx);
            if (e.value() != null) {
                byte[] utf8 = e.value().getBytes(StandardCharsets.UTF_8);
                put(HELD);
                varint(utf8.length);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, buf, len, utf8.length);
                len += utf8.length;
            } else if (e.valueDigest() != null) {
                byte[] digest = HexFormat.of().parseHex(e.valueDigest());
                if (digest.length != DIGEST_BYTES) {
                    throw new IllegalArgumentException("history entry " + e.seq() + " has a digest that is not"
                            + " SHA-256");
                }
                put(DIGEST_ONLY);
                ensure(DIGEST_BYTES);
                System.arraycopy(digest, 0, buf, len, DIGEST_BYTES);
                len += DIGEST_BYTES;
            } else {
                put(CLEARED);
            }
        }

        private void varint(long v) {
            long rest = v;
            while ((rest & ~0x7FL) != 0) {
                put((int) ((rest & 0x7F) | 0x80));
                rest >>>= 7;
            }
            put((int) rest);
        }

        private void put(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        byte[] bytes() {
            return len == buf.length ? buf : Arrays.copyOf(buf, len);
        }
    }

    /** Reads the packed entries in order. */
    private final class Reader {
        private int pos;

        Entry next(long seq) {
            return next(seq, true);
        }

        Entry next(long seq, boolean digests) {
            Kind kind = KINDS[encoded[pos++]];
            int item = (int) varint();
            long rev = varint();
            long at = 0;
            for (int i = 0; i < 8; i++) {
                at = (at << 8) | (encoded[pos++] & 0xFF);
            }
            String node = nodeNames[(int) varint()];
            int tag = encoded[pos++];
            String value = null;
            String digest = null;
            if (tag == HELD) {
                int n = (int) varint();
                value = new String(encoded, pos, n, StandardCharsets.UTF_8);
                pos += n;
                digest = digests ? sha256Hex(value) : null;
            } else if (tag == DIGEST_ONLY) {
                digest = HexFormat.of().formatHex(encoded, pos, pos + DIGEST_BYTES);
                pos += DIGEST_BYTES;
            }
            return new Entry(seq, kind, item, rev, at, node, value, digest);
        }

        void skip() {
            pos++;
            varint();
            varint();
            pos += 8;
            varint();
            int tag = encoded[pos++];
            if (tag == HELD) {
                int n = (int) varint();
                pos += n;
            } else if (tag == DIGEST_ONLY) {
                pos += DIGEST_BYTES;
            }
        }

        private long varint() {
            long v = 0;
            int shift = 0;
            byte b;
            do {
                b = encoded[pos++];
                v |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            return v;
        }
    }

    @Override
    public boolean equals(Object o) {
        // The bytes, not entries(): equal entries give equal bytes (node names are numbered in first-use order).
        return o instanceof AnswerHistory h && size == h.size && Objects.equals(head, h.head)
                && Arrays.equals(encoded, h.encoded) && Arrays.equals(nodeNames, h.nodeNames);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(head) * 31 + size;
    }

    @Override
    public String toString() {
        return "AnswerHistory[" + size() + " entries, head " + head + "]";
    }

    private static String sha256Hex(String text) {
        return Digest.sha256Hex(text);
    }
}
