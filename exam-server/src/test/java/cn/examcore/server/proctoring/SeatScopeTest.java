package cn.examcore.server.proctoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The seats a staff member may see")
class SeatScopeTest {

    @Test
    @DisplayName("The whole sitting holds every seat and a seatless record; it has no list to ask the stores for")
    void wholeSitting() {
        SeatScope all = SeatScope.wholeSitting();
        assertThat(all.whole()).isTrue();
        assertThat(all.test("R1-01")).isTrue();
        assertThat(all.test(null)).isTrue();
        assertThatThrownBy(all::seatCodes).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("A room's scope holds its seats only, never a seatless record, and keeps a copy of what it was given")
    void rooms() {
        java.util.HashSet<String> given = new java.util.HashSet<>(Set.of("R1-01", "R1-02"));
        SeatScope room = SeatScope.seats(given);
        given.add("R2-01");
        assertThat(room.whole()).isFalse();
        assertThat(room.test("R1-02")).isTrue();
        assertThat(room.test("R2-01")).isFalse();
        assertThat(room.test(null)).isFalse();
        assertThat(room.seatCodes()).containsExactlyInAnyOrder("R1-01", "R1-02");
        assertThat(SeatScope.seats(Set.of()).test("R1-01")).isFalse();
    }
}
