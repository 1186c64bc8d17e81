package cn.examcore.proctor.rules;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import java.util.ArrayList;
import java.util.List;

/**
 * C4 冒名顶替 (impersonation): an identity check at the seat reported IDENTITY_MISMATCH (photo or ID number does
 * not match the candidate). Suggested severity {@code identityMismatchSeverity}, SERIOUS by default, because
 * sitting for someone else is never a minor matter.
 */
final class IdentityMismatchRule implements Rule {

    private final RulesConfig config;

    IdentityMismatchRule(RulesConfig config) {
        this.config = config;
    }

    @Override
    public void onEvent(SeatEvent e, SeatView seat, Findings findings) {
        if (!(e.detail() instanceof EventDetail.IdentityMismatch mismatch)) {
            return;
        }
        List<Message> why = new ArrayList<>();
        why.add(Message.of(MessageKey.IDENTITY_MISMATCH));
        if (mismatch.reason() != null) {
            why.add(Message.of(MessageKey.DETAIL, "text", mismatch.reason()));
        }
        findings.report(new Finding(MisconductCode.C4, e.at(), List.of(Evidence.of(e)), why,
                config.identityMismatchSeverity()));
    }
}
