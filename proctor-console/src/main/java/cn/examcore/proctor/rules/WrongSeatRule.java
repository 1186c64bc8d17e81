package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import java.util.List;

/**
 * A2 未在规定的座位参加评价 (not at the assigned seat): every WRONG_SEAT is a finding; the first, before any A2
 * reminder, becomes a suggestion to remind, and one after the reminder becomes the flag.
 */
final class WrongSeatRule implements Rule {

    WrongSeatRule(RulesConfig config) {
        // no threshold: one refused login at the wrong seat is already the behaviour
    }

    @Override
    public void onEvent(SeatEvent e, SeatView seat, Findings findings) {
        if (!(e.detail() instanceof EventDetail.WrongSeat w)) {
            return;
        }
        String terminal = w.terminalSeat();
        findings.report(Finding.of(MisconductCode.A2, e.at(), List.of(Evidence.of(e)),
                Message.of(MessageKey.WRONG_SEAT, "terminalSeat", terminal, "assignedSeat", seat.seatCode())));
    }
}
