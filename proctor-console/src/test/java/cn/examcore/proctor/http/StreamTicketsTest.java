package cn.examcore.proctor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.StaffIdentity;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StreamTicketsTest {

    private static final long T0 = 1_777_000_000_000L;
    private static final StaffIdentity CLAIMS = new StaffIdentity("p1", "PROCTOR", List.of("r1"), false, true, T0,
            T0 + 3_600_000);

    private final AtomicLong now = new AtomicLong(T0);
    private final StreamTickets tickets = new StreamTickets(30_000, now::get);

    @Test
    @DisplayName("a ticket opens its sitting's stream once and carries the staff token; the second use is refused")
    void singleUse() {
        StreamTickets.Issued t = tickets.issue("S1", CLAIMS, "staff-token");
        assertThat(t.expiresAt()).isEqualTo(T0 + 30_000);
        assertThat(t.ticket()).hasSizeGreaterThanOrEqualTo(43).doesNotContain("staff-token");
        assertThat(tickets.redeem(t.ticket(), "S1")).hasValueSatisfying(g -> {
            assertThat(g.token()).isEqualTo("staff-token");
            assertThat(g.claims()).isEqualTo(CLAIMS);
        });
        assertThat(tickets.redeem(t.ticket(), "S1")).isEmpty();
        assertThat(tickets.outstanding()).isZero();
    }

    @Test
    @DisplayName("a ticket is refused from its expiry on, and an expired ticket is forgotten")
    void expires() {
        StreamTickets.Issued late = tickets.issue("S1", CLAIMS, "staff-token");
        StreamTickets.Issued onTime = tickets.issue("S1", CLAIMS, "staff-token");
        now.set(T0 + 29_999);
        assertThat(tickets.redeem(onTime.ticket(), "S1")).isPresent();
        now.set(T0 + 30_000);
        assertThat(tickets.outstanding()).isZero();
        assertThat(tickets.redeem(late.ticket(), "S1")).isEmpty();
    }

    @Test
    @DisplayName("a ticket for one sitting does not open another, and is used up by the attempt; unknown and null "
            + "tickets are refused; two tickets are never the same")
    void otherSittingUnknownAndDistinct() {
        StreamTickets.Issued t = tickets.issue("S1", CLAIMS, "staff-token");
        assertThat(tickets.redeem(t.ticket(), "S2")).isEmpty();
        assertThat(tickets.redeem(t.ticket(), "S1")).isEmpty();
        assertThat(tickets.redeem("made-up", "S1")).isEmpty();
        assertThat(tickets.redeem(null, "S1")).isEmpty();
        assertThat(tickets.issue("S1", CLAIMS, "x").ticket()).isNotEqualTo(tickets.issue("S1", CLAIMS, "x").ticket());
    }

    @Test
    @DisplayName("a lifetime under one second is a configuration error")
    void lifetimeChecked() {
        assertThatThrownBy(() -> new StreamTickets(999, now::get)).hasMessageContaining("at least one second");
    }
}
