package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.Severity;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A proctor's own observation (INCIDENT_RECORDED) supports the category the proctor picked. Tiers B and C become
 * flags at once (tier C with the severity from {@code seriousIncidentCategories}); a tier-A incident becomes a
 * suggestion to remind until the seat was reminded, and a flag when recorded after the reminder. Incidents count
 * with or without an open attempt: a violation found after the sitting carries the same sanction.
 */
final class IncidentRule implements Rule {

    private final RulesConfig config;

    IncidentRule(RulesConfig config) {
        this.config = config;
    }

    @Override
    public void onEvent(SeatEvent e, SeatView seat, Findings findings) {
        if (!(e.detail() instanceof EventDetail.IncidentRecorded incident)) {
            return;
        }
        MisconductCode c = incident.category();
        Severity severity = c.tier() != Tier.C ? null
                : config.seriousIncidentCategories().contains(c) ? Severity.SERIOUS : Severity.MINOR;
        List<Message> why = new ArrayList<>();
        why.add(Message.of(MessageKey.INCIDENT_RECORDED_BY, "by", incident.by(), "category", c.name()));
        why.add(Message.of(MessageKey.DETAIL, "text", incident.note()));
        findings.report(new Finding(c, e.at(), List.of(Evidence.of(e)), why, severity));
    }
}
