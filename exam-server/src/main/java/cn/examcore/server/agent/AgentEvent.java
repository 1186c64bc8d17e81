package cn.examcore.server.agent;

import cn.examcore.contract.SeatEvent.AgentKind;
import java.util.Map;
import java.util.Objects;

/**
 * One observation a seat agent reports.
 *
 * @param seatCode   the seat, e.g. {@code R101-07}
 * @param kind       what was observed (the shared contract's {@link AgentKind})
 * @param detail     free key/value details (a USB label, a device name); may be empty
 * @param observedAt when the agent observed it, epoch milliseconds of the agent's clock (the server stamps its
 *                   own time as well)
 */
public record AgentEvent(String seatCode, AgentKind kind, Map<String, String> detail, long observedAt) {

    public AgentEvent {
        if (seatCode == null || seatCode.isBlank()) {
            throw new IllegalArgumentException("seatCode must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
        detail = Map.copyOf(detail);
    }
}
