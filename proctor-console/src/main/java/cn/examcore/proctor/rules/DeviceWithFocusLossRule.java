package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * B1 from two signals together: the exam page lost focus within {@code deviceWithFocusLossWindowSeconds} of
 * device evidence (any kind in {@code deviceKinds} or {@code weakDeviceKinds}), in either order. A weak kind (say,
 * a Bluetooth device somewhere near the seat) proves little alone; the candidate leaving the exam page around
 * the same time is what makes it look like use.
 */
final class DeviceWithFocusLossRule implements Rule {

    private final long windowMillis;
    private final Set<String> deviceKinds;
    private final Deque<Evidence> devices = new ArrayDeque<>();
    private final Deque<Evidence> focusLosses = new ArrayDeque<>();

    DeviceWithFocusLossRule(RulesConfig config) {
        this.windowMillis = config.deviceWithFocusLossWindowSeconds() * 1000L;
        Set<String> kinds = new TreeSet<>(config.deviceKinds());
        kinds.addAll(config.weakDeviceKinds());
        this.deviceKinds = kinds;
    }

    @Override
    public void onEvent(SeatEvent e, SeatView seat, Findings findings) {
        boolean device = deviceKinds.contains(e.kind().name());
        boolean focus = EventKinds.FOCUS_LOSSES.contains(e.kind());
        if ((!device && !focus) || e.attemptId() == null || !seat.attemptOpen()) {
            return;
        }
        prune(devices, e.at());
        prune(focusLosses, e.at());
        Deque<Evidence> mine = device ? devices : focusLosses;
        Deque<Evidence> other = device ? focusLosses : devices;
        mine.addLast(Evidence.of(e));
        if (other.isEmpty()) {
            return;
        }
        List<Evidence> evidence = new ArrayList<>(other);
        evidence.add(Evidence.of(e));
        List<String> kinds = List.copyOf(new TreeSet<>((device ? List.of(Evidence.of(e)) : List.copyOf(devices))
                .stream().map(Evidence::kind).toList()));
        findings.report(Finding.of(MisconductCode.B1, e.at(), evidence, Message.of(MessageKey.DEVICE_WITH_FOCUS_LOSS,
                "seconds", windowMillis / 1000, "kinds", kinds)));
    }

    private void prune(Deque<Evidence> q, long now) {
        while (q.peekFirst() != null && q.peekFirst().at() < now - windowMillis) {
            q.removeFirst();
        }
    }
}
