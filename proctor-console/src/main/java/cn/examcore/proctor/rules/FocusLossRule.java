package cn.examcore.proctor.rules;

import cn.examcore.proctor.i18n.MessageKey;

/**
 * A4 其他违反考场规则: the exam page lost focus (BLUR, VISIBILITY_HIDDEN, FULLSCREEN_EXIT) repeatedly. Events within
 * {@code focusLossMergeSeconds} of each other are one episode, because one switch to another window raises
 * several of them at once.
 */
final class FocusLossRule extends RepeatedBehaviourRule {

    FocusLossRule(RulesConfig c) {
        super(EventKinds.FOCUS_LOSSES, c.focusLossMergeSeconds(), c.focusWindowSeconds(),
                c.focusLossesBeforeReminder(), c.focusLossesAfterReminder(), MessageKey.FOCUS_LOSSES_WITHIN,
                MessageKey.FOCUS_LOSSES_AFTER_REMINDER);
    }
}
