package cn.examcore.proctor.live;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.AuditRecord;
import cn.examcore.contract.SeatEvent;
import cn.examcore.platform.json.Json;
import cn.examcore.proctor.rules.RulesConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LiveHubTest {

    private static final long T0 = 1_777_000_000_000L;

    /** A viewer that records what it was sent. */
    private static final class Recorder implements LiveHub.Viewer {
        final String sitting;
        final Set<String> seats;
        final List<JsonNode> got = new ArrayList<>();
        boolean gone;

        Recorder(String sitting, Set<String> seats) {
            this.sitting = sitting;
            this.seats = seats;
        }

        @Override
        public String sittingId() {
            return sitting;
        }

        @Override
        public boolean maySee(String seatCode) {
            return seats.contains(seatCode);
        }

        @Override
        public boolean send(String json) {
            if (gone) {
                return false;
            }
            got.add(Json.tree(json));
            return true;
        }
    }

    private static SeatEvent blur(int n, String seat, long at) {
        return new SeatEvent("e" + n, "S1", "att-" + seat, seat, SeatEvent.Source.BROWSER, SeatEvent.Kind.BLUR,
                null, 0, at);
    }

    @Test
    @DisplayName("3,000 seats' events within one flush reach each viewer as one batch holding only its rooms' seats")
    void coalescesAndFilters() {
        AtomicLong now = new AtomicLong(T0);
        LiveHub hub = new LiveHub(new LiveRules(RulesConfig.defaults(), 0), now::get);
        Set<String> roomA = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            roomA.add(String.format("R001-%02d", i));
        }
        Recorder proctor = new Recorder("S1", roomA);
        Recorder other = new Recorder("S2", roomA);
        hub.join(proctor);
        hub.join(other);
        assertThat(proctor.got).singleElement().satisfies(m -> assertThat(m.path("type").asText())
                .isEqualTo("snapshot"));

        int n = 0;
        for (int room = 0; room < 100; room++) {
            for (int seat = 0; seat < 30; seat++) {
                hub.onEvent(blur(n++, String.format("R%03d-%02d", room + 1, seat), T0 + n));
            }
        }
        hub.onAudit(new AuditRecord("a1", T0, "p1", "PAUSE", "S1", "R001-03", "{}"));
        hub.onAudit(new AuditRecord("a2", T0, "p1", "PAUSE", "S1", "R050-03", "{}"));
        hub.onAudit(new AuditRecord("a3", T0, "admin", "staff.save", null, "p2", "{}"));
        now.addAndGet(250);
        hub.flush();

        assertThat(proctor.got).hasSize(2);
        JsonNode batch = proctor.got.get(1);
        assertThat(batch.path("type").asText()).isEqualTo("batch");
        assertThat(batch.path("events")).hasSize(30);
        batch.path("events").forEach(e -> assertThat(roomA).contains(e.path("seatCode").asText()));
        assertThat(batch.path("audit")).singleElement()
                .satisfies(a -> assertThat(a.path("target").asText()).isEqualTo("R001-03"));
        assertThat(other.got).as("another sitting's viewer gets nothing of S1").hasSize(1);
        assertThat(hub.eventsIn()).isEqualTo(3000);

        now.addAndGet(250);
        hub.flush();
        assertThat(proctor.got).as("nothing new, nothing sent").hasSize(2);
    }

    @Test
    @DisplayName("a viewer that went away is dropped at the next send")
    void dropsGoneViewers() {
        AtomicLong now = new AtomicLong(T0);
        LiveHub hub = new LiveHub(new LiveRules(RulesConfig.defaults(), 0), now::get);
        Recorder v = new Recorder("S1", Set.of("R001-01"));
        hub.join(v);
        v.gone = true;
        hub.onEvent(blur(1, "R001-01", T0 + 1));
        now.addAndGet(100);
        hub.flush();
        assertThat(hub.viewerCount()).isZero();
    }
}
