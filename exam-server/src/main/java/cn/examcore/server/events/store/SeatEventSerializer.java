package cn.examcore.server.events.store;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.platform.json.Json;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.Map;

/**
 * Compact serialization of {@link SeatEvent} in the events map, written by hand so the contract record stays free of
 * Hazelcast. The events were JSON values before: Hazelcast kept, besides each event's JSON text, a parsed structure of
 * it for queries, and at 19,000 seats that structure alone held 84 MB of the node's heap. As Compact an event is its
 * fields in binary, the queries ({@code attemptId} through its index, {@code sittingId}) read the field from that
 * form, and the detail, whose shape depends on the kind, stays a small JSON text ({@code null} for kinds without
 * facts). Members of the version before this one cannot read these events, nor these members theirs: a cluster is
 * upgraded across this change by a full restart, which reloads the events from the database.
 */
public final class SeatEventSerializer implements CompactSerializer<SeatEvent> {

    @Override
    @SuppressWarnings("unchecked")
    public SeatEvent read(CompactReader in) {
        SeatEvent.Kind kind = SeatEvent.Kind.valueOf(in.readString("kind"));
        String detail = in.readString("detail");
        return new SeatEvent(in.readString("id"), in.readString("sittingId"), in.readString("attemptId"),
                in.readString("seatCode"), SeatEvent.Source.valueOf(in.readString("source")), kind,
                kind.read(detail == null ? Map.of() : Json.decode(detail, Map.class)), in.readInt64("observedAt"),
                in.readInt64("at"));
    }

    @Override
    public void write(CompactWriter out, SeatEvent e) {
        out.writeString("id", e.id());
        out.writeString("sittingId", e.sittingId());
        out.writeString("attemptId", e.attemptId());
        out.writeString("seatCode", e.seatCode());
        out.writeString("source", e.source().name());
        out.writeString("kind", e.kind().name());
        out.writeString("detail", e.detail() instanceof EventDetail.NoFacts ? null : Json.encode(e.detail()));
        out.writeInt64("observedAt", e.observedAt());
        out.writeInt64("at", e.at());
    }

    @Override
    public String getTypeName() {
        return "examcore.SeatEvent";
    }

    @Override
    public Class<SeatEvent> getCompactClass() {
        return SeatEvent.class;
    }
}
