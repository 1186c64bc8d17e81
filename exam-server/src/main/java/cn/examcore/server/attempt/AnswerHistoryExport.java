package cn.examcore.server.attempt;

import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.domain.AnswerHistory.Entry;
import cn.examcore.server.attempt.domain.AnswerHistory.Link;
import cn.examcore.server.attempt.domain.Attempt;
import java.util.ArrayList;
import java.util.List;

/**
 * 作答历史导出: an attempt's hash-chained answer history as an administrator exports it for a dispute
 * ({@code GET /api/admin/attempts/:attemptId/history}) and {@code verify-history} checks it ({@link HistoryCheck}).
 * Every hash is recomputed from the entries when the export is made; the head is the one recorded when the last
 * change was accepted.
 *
 * @param format           {@value #FORMAT}
 * @param attemptId        the attempt (its id seeds the chain's genesis)
 * @param sittingId        the sitting
 * @param ticket           the candidate's ticket number (准考证号)
 * @param subject          the subject
 * @param state            the attempt's state at export
 * @param exportedAt       server time of the export (epoch ms)
 * @param head             the chain head: the last entry's sequence number and hash
 * @param replaysToAnswers whether replaying the entries gives exactly the answers the attempt holds
 * @param valuesDigest     the receipt's values digest of what the entries replay to (compare with a receipt)
 * @param entries          every entry in order, with the hash of its predecessor and its own
 */
public record AnswerHistoryExport(String format, String attemptId, String sittingId, String ticket, String subject,
                                  String state, long exportedAt, Head head, boolean replaysToAnswers,
                                  String valuesDigest, List<EntryView> entries) {

    public static final String FORMAT = "examcore-answer-history-v1";

    /** The chain head; seq 0 and the genesis hash for an attempt without a change yet. */
    public record Head(long seq, String hash) {
    }

    /**
     * One entry as exported: the fields of {@link Entry} and the chain hashes of {@link Link}.
     *
     * @param value       the value when held, null when cleared or longer than the history holds
     * @param valueDigest SHA-256 of the value, null when the answer was cleared
     */
    public record EntryView(long seq, String kind, int item, long rev, long at, String node, String value,
                            String valueDigest, String prev, String hash) {
    }

    /** The export of {@code a}'s history at {@code now}. */
    public static AnswerHistoryExport of(Attempt a, long now) {
        AnswerHistory h = a.history();
        List<Link> links = h.links(a.id());
        List<EntryView> entries = new ArrayList<>(links.size());
        for (Link l : links) {
            Entry e = l.entry();
            entries.add(new EntryView(e.seq(), e.kind().name(), e.item(), e.rev(), e.at(), e.node(), e.value(),
                    e.valueDigest(), l.prev(), l.hash()));
        }
        return new AnswerHistoryExport(FORMAT, a.id(), a.sittingId(), a.ticket(), a.subject(),
                a.stateAt(now).name(), now, new Head(h.size(), h.head(a.id())), h.differences(a.answers()).isEmpty(),
                AnswerHistory.valuesDigest(h.replay()), entries);
    }

    /** The exported entries as the domain's links, for {@link AnswerHistory#verify}. */
    public List<Link> links() {
        List<Link> links = new ArrayList<>(entries.size());
        for (EntryView v : entries) {
            AnswerHistory.Kind kind;
            try {
                kind = AnswerHistory.Kind.valueOf(String.valueOf(v.kind()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry " + v.seq() + " has the unknown kind " + v.kind(), e);
            }
            links.add(new Link(new Entry(v.seq(), kind, v.item(), v.rev(), v.at(), v.node(), v.value(),
                    v.valueDigest()), v.prev(), v.hash()));
        }
        return links;
    }
}
