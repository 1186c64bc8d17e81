package cn.examcore.bank.assembly;

import cn.examcore.bank.model.Tags;
import java.math.BigDecimal;
import java.util.List;

/**
 * 组卷方案: how a paper is built for one occupation, level and subject.
 *
 * @param id              the blueprint's id
 * @param title           e.g. "企业人力资源管理师 四级 理论知识"
 * @param tags            items are drawn only from items carrying these tags
 * @param durationMinutes the sitting's suggested duration
 * @param sections        in paper order
 */
public record Blueprint(String id, String title, Tags tags, int durationMinutes, List<Section> sections) {

    public Blueprint {
        sections = List.copyOf(sections);
    }

    public BigDecimal totalScore() {
        return sections.stream()
                .map(s -> s.scorePerItem().multiply(BigDecimal.valueOf(s.count())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
