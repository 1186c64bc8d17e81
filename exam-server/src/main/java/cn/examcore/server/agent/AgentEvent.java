package cn.examcore.server.agent;

import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatEvent.Kind;
import java.util.Map;
import java.util.Objects;

/**
 * One observation a seat agent reports.
 *
 * @param seatCode   the seat, e.g. {@code R101-07}
 * @param kind       what was observed: one of the contract's {@code AGENT} kinds
 * @param detail     free key/value details (a USB label, a device name); may be empty
 * @param observedAt when the agent observed it, epoch milliseconds of the agent's clock (the server stamps its
 *                   own time as well)
 */
public record AgentEvent(String seatCode, Kind kind, Map<String, String> detail, long observedAt) {

    public AgentEvent {
        if (seatCode == null || seatCode.isBlank()) {
            throw new IllegalArgumentException("seatCode must not be blank");
        }
        requireAgentKind(kind);
        detail = Map.copyOf(detail);
    }

    /** An agent reports only the kinds the contract gives agents; the server refuses any other. */
    static void requireAgentKind(Kind kind) {
        Objects.requireNonNull(kind, "kind");
        if (kind.source() != SeatEvent.Source.AGENT) {
            throw new IllegalArgumentException(kind + " is not a kind a seat agent reports");
        }
    }
}
