package cn.examcore.server.marking;

import cn.examcore.bank.model.RubricPoint;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the marking API answers. None of these names a candidate, a ticket, a seat or an attempt: a script is known
 * by its id and number only.
 */
public final class MarkingViews {

    private MarkingViews() {
    }

    /**
     * A sitting as the marking page lists it.
     *
     * @param sittingId the sitting
     * @param title     its title
     * @param subject   its subject
     * @param open      whether marking has opened
     * @param markers   its markers (empty before it opens)
     */
    public record SittingEntry(String sittingId, String title, String subject, boolean open, List<String> markers) {
    }

    /**
     * What opening marking did.
     *
     * @param sittingId the sitting
     * @param scripts   scripts created by this call
     * @param attempts  attempts that went to marking with this call
     * @param loads     scripts each marker now holds
     */
    public record Opened(String sittingId, int scripts, int attempts, Map<String, Integer> loads) {
    }

    /**
     * A script in a list: for a marker their own state of it, for the chief marker its double-marking state.
     *
     * @param scriptId   the script's id
     * @param scriptNo   its number
     * @param itemId     the bank item
     * @param itemType   SHORT_ANSWER, ESSAY or OPERATION
     * @param maxPoints  the item's points
     * @param state      for a marker TO_MARK or MARKED; for the chief MARKING, ARBITRATION or FINAL
     * @param myTotal    the marker's own total once marked, else null (the chief: null)
     * @param finalScore the final score (chief only; null for a marker and while not final)
     */
    public record ScriptEntry(String scriptId, int scriptNo, String itemId, String itemType, BigDecimal maxPoints,
                              String state, BigDecimal myTotal, BigDecimal finalScore) {
    }

    /**
     * One script as a marker marks it: the item with its rubric beside the answer, and the marker's own mark.
     *
     * @param scriptId   the script's id
     * @param scriptNo   its number
     * @param sittingId  the sitting
     * @param item       the item
     * @param answer     the answer's text (empty when the candidate wrote none)
     * @param files      the answer's files, in order
     * @param state      as in {@link ScriptEntry}
     * @param myMark     the caller's standing mark, null before they mark
     * @param marks      every mark with its marker (chief only; empty for a marker, who never sees another's)
     * @param finalScore the final score (chief only)
     * @param tolerance  the item's tolerance in points
     */
    public record ScriptSheet(String scriptId, int scriptNo, String sittingId, ItemView item, String answer,
                              List<FileEntry> files, String state, MarkView myMark, List<MarkView> marks,
                              BigDecimal finalScore, BigDecimal tolerance) {
    }

    /**
     * The item beside the answer.
     *
     * @param itemId    the bank item
     * @param type      its type
     * @param stem      its text (safe HTML from the bank)
     * @param maxPoints its points
     * @param rubric    the points a mark scores, one entry per score asked for
     */
    public record ItemView(String itemId, String type, String stem, BigDecimal maxPoints, List<RubricPoint> rubric) {
    }

    /**
     * An uploaded file of an operation answer, named by its position only (the candidate's file name could name
     * them).
     *
     * @param index     1-based position in the answer
     * @param extension its type, lower case, without the dot
     * @param mediaType the media type it was uploaded as
     * @param bytes     its size
     * @param viewable  whether the page may show it (PDF, an image, plain text); other types are downloaded
     */
    public record FileEntry(int index, String extension, String mediaType, long bytes, boolean viewable) {
    }

    /**
     * A mark.
     *
     * @param marker   who gave it
     * @param role     FIRST, SECOND or ARBITER
     * @param points   per rubric point
     * @param total    the sum
     * @param comment  the comment
     * @param markedAt when
     * @param setAside whether a reopening set it aside
     * @param setAsideWhy the reason, when set aside
     */
    public record MarkView(String marker, String role, List<BigDecimal> points, BigDecimal total, String comment,
                           long markedAt, boolean setAside, String setAsideWhy) {
    }

    /**
     * What a mark did, as its marker may know it: never the other marker's score.
     *
     * @param scriptId the script
     * @param scriptNo its number
     * @param total    this mark's total
     * @param state    for a marker always MARKED; for an arbitration the script's state (FINAL)
     * @param finalScore the final score (arbitration only, else null)
     */
    public record MarkReceipt(String scriptId, int scriptNo, BigDecimal total, String state, BigDecimal finalScore) {
    }

    /**
     * Progress of a sitting's marking, for the chief marker.
     *
     * @param sittingId   the sitting
     * @param scripts     every script
     * @param finals      scripts with a final score
     * @param arbitration scripts waiting for the chief marker, by number
     * @param markers     per marker
     * @param items       per item
     */
    public record Progress(String sittingId, int scripts, int finals, List<ScriptEntry> arbitration,
                           List<MarkerProgress> markers, List<ItemProgress> items) {
    }

    /**
     * @param marker    the marker
     * @param allocated scripts allocated to them
     * @param marked    of those, marked
     */
    public record MarkerProgress(String marker, int allocated, int marked) {
    }

    /**
     * @param itemId      the bank item
     * @param itemType    its type
     * @param scripts     its scripts
     * @param marking     still with fewer than two marks
     * @param arbitration waiting for the chief
     * @param finals      final
     * @param tolerance   its tolerance in points
     */
    public record ItemProgress(String itemId, String itemType, int scripts, int marking, int arbitration, int finals,
                               BigDecimal tolerance) {
    }

    /**
     * A file to send.
     *
     * @param fileName  the name to send it under (script number and position)
     * @param mediaType the media type to send
     * @param inline    whether it may be shown in the page
     * @param content   the bytes
     */
    public record FileContent(String fileName, String mediaType, boolean inline, byte[] content) {
    }
}
