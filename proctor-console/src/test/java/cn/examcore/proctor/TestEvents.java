package cn.examcore.proctor;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seat events for test scripts, which name only the facts a test is about: every other fact the kind requires is
 * filled in with a placeholder, and the detail is read as the contract reads JSON (so a script can still give a
 * fact a shape the contract refuses).
 */
public final class TestEvents {

    private static final Pattern MISSING = Pattern.compile("detail\\.(\\w+) of a \\w+ event is missing");

    private TestEvents() {
    }

    /** An event of {@code kind} (a contract kind's name), reported by that kind's source; detail as key, value. */
    public static SeatEvent event(String id, String sittingId, String attemptId, String seat, String kind, long at,
                                  Object... detail) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < detail.length; i += 2) {
            facts.put((String) detail[i], detail[i + 1]);
        }
        return event(id, sittingId, attemptId, seat, kind, at, facts);
    }

    /** An event of {@code kind}, reported by that kind's source, with these facts and placeholders for the rest. */
    public static SeatEvent event(String id, String sittingId, String attemptId, String seat, String kind, long at,
                                  Map<String, Object> detail) {
        SeatEvent.Kind k = SeatEvent.Kind.valueOf(kind);
        return new SeatEvent(id, sittingId, attemptId, seat, k.source(), k,
                detail(k, seat, new LinkedHashMap<>(detail)), 0, at);
    }

    private static EventDetail detail(SeatEvent.Kind kind, String seat, Map<String, Object> facts) {
        while (true) {
            try {
                return kind.read(facts);
            } catch (IllegalArgumentException e) {
                Matcher m = MISSING.matcher(e.getMessage());
                Object placeholder = m.find() ? placeholder(m.group(1), seat) : null;
                if (placeholder == null) {
                    throw e;
                }
                facts.put(m.group(1), placeholder);
            }
        }
    }

    private static Object placeholder(String field, String seat) {
        return switch (field) {
            case "by" -> "p1";
            case "reason", "message", "note", "digest", "receipt", "outcome", "decisionId" -> field;
            case "ticket" -> "T-" + seat;
            case "assignedSeat", "terminalSeat", "from", "to" -> seat;
            case "silentSeconds", "seconds", "answered" -> 60;
            case "connected" -> Boolean.TRUE;
            default -> null;
        };
    }
}
