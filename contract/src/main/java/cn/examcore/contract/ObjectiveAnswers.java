package cn.examcore.contract;

import java.util.List;
import java.util.Map;

/**
 * 客观题作答: a sitting's objective answers as the answer-similarity detector (抄袭 B2 / 串通作弊 C5) reads them
 * ({@code GET /api/admin/sittings/{id}/objective-answers}). Each candidate's paper is reduced to its single choice,
 * multiple choice and true/false items with what the detector compares: the labels shown, the bank option each label
 * stands for, and the key. Stems, option texts, scores and every other item stay on the server, which keeps the
 * console free of the question bank's model.
 *
 * @param sittingId    the sitting
 * @param serverNow    when they were read (epoch ms)
 * @param attempts     attempts of the sitting
 * @param submitted    how many of them are submitted
 * @param allSubmitted whether every attempt is submitted (the answers can no longer change)
 * @param candidates   the attempts that answered anything and sit at a known seat, by attempt id
 */
public record ObjectiveAnswers(String sittingId, long serverNow, int attempts, long submitted,
                               boolean allSubmitted, List<CandidateAnswers> candidates) {

    /**
     * One attempt's objective answers.
     *
     * @param attemptId the attempt
     * @param seatCode  its seat
     * @param roomId    the seat's room
     * @param row       the seat's row in the room
     * @param col       the seat's column in the room
     * @param state     the attempt's state when read
     * @param items     the objective items of its paper, in paper order
     * @param answers   item number → canonical value as JSON text ({@code "B"}, {@code ["A","C"]}, {@code true}),
     *                  answered objective items only
     * @param savedAt   item number → when that answer was saved (epoch ms, server time of the winning save), for the
     *                  detector's timing statistics; null from a server that does not send it
     */
    public record CandidateAnswers(String attemptId, String seatCode, String roomId, int row, int col, String state,
                                   List<Item> items, Map<Integer, String> answers, Map<Integer, Long> savedAt) {
    }

    /**
     * One objective item as it stands on one candidate's paper. Options are shuffled per candidate under the labels
     * A, B, C …, so the detector compares bank options, not labels.
     *
     * @param number           its number on the paper (the key of {@link CandidateAnswers#answers()})
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
