package cn.examcore.bank.model;

/**
 * 选项: one option of a choice item.
 *
 * @param id   the option's label as authored ("A", "B" …); keys refer to it
 * @param html  the option text, in the same safe HTML subset as stems
 * @param fixed whether the option keeps its authored position when the others are shuffled ("none of the above")
 */
public record Choice(String id, String html, boolean fixed) {

    /** An option that may move when the item's options are shuffled. */
    public Choice(String id, String html) {
        this(id, html, false);
    }
}
