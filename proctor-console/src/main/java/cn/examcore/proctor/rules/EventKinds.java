package cn.examcore.proctor.rules;

import cn.examcore.contract.SeatEvent.Kind;
import java.util.Set;

/** Groups of seat-event kinds that several rules read alike. */
final class EventKinds {

    /** The page lost the candidate's attention: another window, another tab, or full screen left. */
    static final Set<Kind> FOCUS_LOSSES = Set.of(Kind.BLUR, Kind.VISIBILITY_HIDDEN, Kind.FULLSCREEN_EXIT);

    private EventKinds() {
    }
}
