package cn.examcore.bank.assembly;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

/**
 * 试卷: one candidate's paper, fully determined by bank + blueprint + seed + form.
 *
 * @param blueprintId the blueprint it follows
 * @param bankId      the bank it was drawn from
 * @param seed        the seed it was assembled with
 * @param form        parallel-form number, 0 for the first
 * @param sections    in order; items are numbered across sections
 */
public record Paper(String blueprintId, String bankId, long seed, int form, List<PaperSection> sections) {

    public Paper {
        sections = List.copyOf(sections);
    }

    public Stream<PaperItem> items() {
        return sections.stream().flatMap(s -> s.items().stream());
    }

    public int itemCount() {
        return sections.stream().mapToInt(s -> s.items().size()).sum();
    }

    public BigDecimal totalScore() {
        return items().map(PaperItem::score).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
