package cn.examcore.bank.model;

/**
 * 选项: one option of a choice item.
 *
 * @param id   the option's label as authored ("A", "B" …); keys refer to it
 * @param html the option text, in the same safe HTML subset as stems
 */
public record Choice(String id, String html) {
}
