package cn.examcore.contract;

import java.util.List;

/**
 * 客观题作答: a sitting's objective answers as the answer-similarity detector (抄袭 B2 / 串通作弊 C5) reads them
 * ({@code GET /api/admin/sittings/{id}/objective-answers}). The single choice, multiple choice and true/false items
 * of the answering candidates' papers are sent once, in bank terms (bank option ids and key, no texts); each
 * candidate's answers refer to them, already mapped back from its shuffled labels, with their save times and, for the
 * items whose answer changed, the earlier answers from the attempt's answer history (作答历史), all packed a few bytes
 * per item ({@link AnswerPacking}). Times are deciseconds after one sitting-wide origin ({@link #timeOrigin}).
 * Stems, option texts, scores and every other item stay on the server, which keeps the console free of the question
 * bank's model.
 *
 * @param sittingId    the sitting
 * @param serverNow    when they were read (epoch ms)
 * @param attempts     attempts of the sitting
 * @param submitted    how many of them are submitted
 * @param allSubmitted whether every attempt is submitted (the answers can no longer change)
 * @param timeOrigin   the epoch ms every save time below counts from (the earliest save sent)
 * @param items        every objective item on any answering candidate's paper, once, in bank terms
 * @param candidates   the attempts that answered anything and sit at a known seat, by attempt id
 */
public record ObjectiveAnswers(String sittingId, long serverNow, int attempts, long submitted,
                               boolean allSubmitted, long timeOrigin, List<BankItem> items,
                               List<CandidateAnswers> candidates) {

    /** Save times are sent in units of this many milliseconds after {@link #timeOrigin}. */
    public static final long TIME_UNIT_MILLIS = 100;

    /** A wire time (deciseconds after the origin) as epoch ms. */
    public long epochMillis(int offset) {
        return timeOrigin + offset * TIME_UNIT_MILLIS;
    }

    /**
     * One objective item in bank terms, sent once per sitting: the server has undone each candidate's option
     * shuffling, so a candidate's answer is a bit set of indices into {@code optionIds}.
     *
     * @param itemId           the bank item
     * @param type             what kind of objective item it is
     * @param optionIds        the bank option ids, sorted; empty for true/false
     * @param key              the bank option ids of the key, sorted; empty for true/false
     * @param correctTrueFalse the key of a true/false item; null for a choice item (or a true/false one without key)
     */
    public record BankItem(String itemId, ObjectiveType type, List<String> optionIds, List<String> key,
                           Boolean correctTrueFalse) {
    }

    /**
     * One attempt's objective answers, item by item in the order of its paper.
     *
     * @param attemptId the attempt
     * @param seatCode  its seat
     * @param roomId    the seat's room
     * @param row       the seat's row in the room
     * @param col       the seat's column in the room
     * @param state     the attempt's state when read
     * @param answers   its paper's objective items in paper order, packed ({@link AnswerPacking#unpackAnswers}): each
     *                  item's index into {@link ObjectiveAnswers#items()}, the answer as a bit set of indices into the
     *                  item's {@code optionIds} (or true/false), and the save time (server time of the winning save)
     * @param earlier   the items whose answer changed, with the answers given before the final one, oldest first
     *                  (cleared answers and repeated saves of one answer left out), packed
     *                  ({@link AnswerPacking#unpackEarlier}); empty when none
     */
    public record CandidateAnswers(String attemptId, String seatCode, String roomId, int row, int col, String state,
                                   String answers, String earlier) {
    }

    /**
     * One objective item as it stands on one candidate's paper. Options are shuffled per candidate under the labels
     * A, B, C …; the server maps them back to bank options ({@link BankItem}) before sending, and the console's
     * {@code PaperResponses} does the same for papers it is given in this form.
     *
     * @param number           its number on the paper
     * @param itemId           the bank item
     * @param type             what kind of objective item it is
     * @param labels           the option labels in display order; empty for true/false
     * @param sourceOptionIds  for each label, the bank option it stands for; empty for true/false
     * @param correctLabels    the key in display labels, sorted; empty for true/false
     * @param correctTrueFalse the key of a true/false item; null for a choice item (or a true/false one without key)
     */
    public record Item(int number, String itemId, ObjectiveType type, List<String> labels,
                       List<String> sourceOptionIds, List<String> correctLabels, Boolean correctTrueFalse) {
    }

    /** The item types whose answers can be compared option by option. */
    public enum ObjectiveType {
        SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE
    }
}
