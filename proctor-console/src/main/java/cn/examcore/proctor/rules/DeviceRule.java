package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import java.util.ArrayList;
import java.util.List;

/**
 * B1 使用规定以外的电子设备: a device kind in {@code deviceKinds} (USB storage, extra display, phone, Bluetooth device,
 * earphone) reported while an attempt is open. Tier B needs no reminder.
 */
final class DeviceRule implements Rule {

    private final RulesConfig config;

    DeviceRule(RulesConfig config) {
        this.config = config;
    }

    @Override
    public void onEvent(SeatEvent e, SeatView seat, Findings findings) {
        if (!config.deviceKinds().contains(e.kind().name()) || e.attemptId() == null || !seat.attemptOpen()) {
            return;
        }
        List<Message> why = new ArrayList<>();
        why.add(Message.of(MessageKey.DEVICE_REPORTED, "kind", e.kind().name()));
        if (e.detail() instanceof EventDetail.AgentReport report && report.label() != null) {
            why.add(Message.of(MessageKey.DETAIL, "text", report.label()));
        }
        findings.report(new Finding(MisconductCode.B1, e.at(), List.of(Evidence.of(e)), why, null));
    }
}
