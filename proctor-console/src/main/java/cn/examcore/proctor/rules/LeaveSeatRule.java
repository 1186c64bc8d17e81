package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A2 擅自离开座位 (left the seat without permission). The seat counts as away from PRESENCE_LOST (seat agent) until
 * PRESENCE_REGAINED, or from HEARTBEAT_GAP / DISCONNECT (server) until the page talks again (RECONNECT, LOGIN, SOCKET_OPENED or
 * any event from the browser). Time covered by a leave permission (plus grace) or a pause does not count.
 *
 * <ul>
 *   <li>no A2 reminder yet: unexcused away longer than {@code awaySeconds} → finding (the engine suggests a
 *       reminder);</li>
 *   <li>the absence began before the A2 reminder: still away {@code stillAwayAfterReminderSeconds} after it →
 *       finding (a flag);</li>
 *   <li>an absence that began after the reminder and lasts {@code awaySeconds} → finding (a flag).</li>
 * </ul>
 */
final class LeaveSeatRule implements Rule {

    private final RulesConfig config;
    private Evidence presenceLost;
    private Evidence connectionLost;
    /** One finding per absence and phase: the engine would drop repeats anyway, this keeps the rule quiet. */
    private boolean reportedBeforeReminder;
    private boolean reportedAfterReminder;

    LeaveSeatRule(RulesConfig config) {
        this.config = config;
    }

    @Override
    public void onEvent(SeatEvent e, SeatView seat, Findings findings) {
        boolean wasAway = away();
        switch (e.kind()) {
            case PRESENCE_LOST -> {
                if (presenceLost == null) {
                    presenceLost = Evidence.of(e);
                }
            }
            case PRESENCE_REGAINED -> presenceLost = null;
            case HEARTBEAT_GAP, DISCONNECT -> {
                if (connectionLost == null) {
                    connectionLost = Evidence.of(e);
                }
            }
            case RECONNECT, LOGIN, SOCKET_OPENED -> connectionLost = null;
            default -> {
                // a page that sends events is connected again, whatever it sends
                if (e.source() == SeatEvent.Source.BROWSER) {
                    connectionLost = null;
                }
            }
        }
        if (e.kind().endsAttempt()) {
            presenceLost = null;
            connectionLost = null;
        }
        if (!wasAway && away()) {
            reportedBeforeReminder = false;
            reportedAfterReminder = false;
        }
    }

    @Override
    public void onTime(long now, SeatView seat, Findings findings) {
        if (!seat.attemptOpen() || !away()) {
            return;
        }
        List<Evidence> evidence = new ArrayList<>();
        if (presenceLost != null) {
            evidence.add(presenceLost);
        }
        if (connectionLost != null) {
            evidence.add(connectionLost);
        }
        long awaySince = evidence.stream().mapToLong(Evidence::at).min().orElseThrow();
        long unexcusedSince = Math.max(awaySince, seat.leaveExcusedUntil());
        if (now <= unexcusedSince) {
            return;
        }
        Optional<Reminder> reminder = seat.reminderFor(MisconductCode.A2).filter(r -> r.at() < now);
        if (reminder.isEmpty()) {
            if (!reportedBeforeReminder && now - unexcusedSince > config.awaySeconds() * 1000L) {
                reportedBeforeReminder = true;
                findings.report(Finding.of(MisconductCode.A2, now, evidence, describe(evidence, now - unexcusedSince)));
            }
            return;
        }
        long reminded = reminder.get().at();
        boolean continuing = awaySince < reminded;
        long from = continuing ? Math.max(reminded, unexcusedSince) : unexcusedSince;
        long threshold = (continuing ? config.stillAwayAfterReminderSeconds() : config.awaySeconds()) * 1000L;
        if (!reportedAfterReminder && now - from > threshold) {
            reportedAfterReminder = true;
            findings.report(Finding.of(MisconductCode.A2, now, evidence, describe(evidence, now - unexcusedSince),
                    continuing ? Message.of(MessageKey.STILL_AWAY_AFTER_REMINDER, "seconds", (now - from) / 1000)
                            : Message.of(MessageKey.AWAY_AGAIN_AFTER_REMINDER)));
        }
    }

    private boolean away() {
        return presenceLost != null || connectionLost != null;
    }

    private static Message describe(List<Evidence> evidence, long unexcusedMillis) {
        return Message.of(MessageKey.AWAY_FROM_SEAT, "seconds", unexcusedMillis / 1000,
                "kinds", evidence.stream().map(Evidence::kind).toList());
    }
}
