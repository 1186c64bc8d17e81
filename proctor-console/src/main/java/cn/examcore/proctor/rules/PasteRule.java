package cn.examcore.proctor.rules;

import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.i18n.MessageKey;
import java.util.Set;

/** A4 其他违反考场规则: text pasted into the exam page repeatedly (each PASTE counts; there is nothing to merge). */
final class PasteRule extends RepeatedBehaviourRule {

    PasteRule(RulesConfig c) {
        super(Set.of(SeatEvent.Kind.PASTE), 0, c.focusWindowSeconds(), c.pastesBeforeReminder(),
                c.pastesAfterReminder(), MessageKey.PASTES_WITHIN, MessageKey.PASTES_AFTER_REMINDER);
    }
}
