package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A4 for behaviour that is harmless once and a problem when repeated: before an A4 reminder, {@code before}
 * episodes within the window are a finding (the engine suggests a reminder); after it, {@code after} episodes
 * counted from the reminder are a finding (a flag). Episodes before the reminder never count towards the flag.
 */
abstract class RepeatedBehaviourRule implements Rule {

    private final Set<SeatEvent.Kind> kinds;
    private final long mergeMillis;
    private final long windowMillis;
    private final int before;
    private final int after;
    private final MessageKey within;
    private final MessageKey afterReminder;
    private final Deque<Evidence> episodes = new ArrayDeque<>();
    private long lastAt = Long.MIN_VALUE;

    RepeatedBehaviourRule(Set<SeatEvent.Kind> kinds, int mergeSeconds, int windowSeconds, int before, int after,
                          MessageKey within, MessageKey afterReminder) {
        this.kinds = kinds;
        this.mergeMillis = mergeSeconds * 1000L;
        this.windowMillis = windowSeconds * 1000L;
        this.before = before;
        this.after = after;
        this.within = within;
        this.afterReminder = afterReminder;
    }

    @Override
    public void onEvent(SeatEvent e, SeatView seat, Findings findings) {
        if (!kinds.contains(e.kind()) || !seat.attemptOpen()) {
            return;
        }
        boolean sameEpisode = lastAt != Long.MIN_VALUE && e.at() - lastAt <= mergeMillis;
        lastAt = e.at();
        if (sameEpisode) {
            return;
        }
        episodes.addLast(Evidence.of(e));
        Optional<Reminder> reminder = seat.reminderFor(MisconductCode.A4).filter(r -> r.at() < e.at());
        if (reminder.isPresent()) {
            long reminded = reminder.get().at();
            List<Evidence> since = episodes.stream().filter(x -> x.at() > reminded).toList();
            if (since.size() >= after) {
                findings.report(Finding.of(MisconductCode.A4, e.at(), since,
                        Message.of(afterReminder, "count", since.size())));
            }
            return;
        }
        while (episodes.peekFirst() != null && episodes.peekFirst().at() <= e.at() - windowMillis) {
            episodes.removeFirst();
        }
        if (episodes.size() >= before) {
            findings.report(Finding.of(MisconductCode.A4, e.at(), new ArrayList<>(episodes),
                    Message.of(within, "count", episodes.size(), "seconds", windowMillis / 1000)));
        }
    }
}
