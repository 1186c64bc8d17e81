package cn.examcore.proctor.rules;

import cn.examcore.server.api.MisconductCode;
import cn.examcore.server.api.Severity;
import cn.examcore.server.api.MisconductCode.Tier;
import cn.examcore.server.api.SeatEvent;

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
        if (!EventKinds.INCIDENT_RECORDED.equals(e.kind())) {
            return;
        }
        MisconductCode c = Details.incidentCategory(e);
        Severity severity = c.tier() != Tier.C ? null
                : config.seriousIncidentCategories().contains(c) ? Severity.SERIOUS : Severity.MINOR;
        String by = Details.text(e, "by").orElse("a proctor");
        String note = Details.text(e, "note").map(n -> ": " + n).orElse("");
        findings.report(new Finding(c, e.at(), List.of(Evidence.of(e)), by + " recorded " + c + note, severity));
    }
}
