package cn.examcore.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The seat socket's token in the Sec-WebSocket-Protocol header")
class SeatSocketAuthTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJraW5kIjoiY2FuZGlkYXRlIn0.c2lnbmF0dXJlLV8";

    @Test
    @DisplayName("is offered after the seat subprotocol and read back from the header a browser sends")
    void roundTrip() {
        assertThat(SeatSocketAuth.subProtocols(JWT)).containsExactly("examcore.seat.v1", "examcore.token." + JWT);
        assertThat(SeatSocketAuth.token(String.join(", ", SeatSocketAuth.subProtocols(JWT)))).isEqualTo(JWT);
        assertThat(SeatSocketAuth.token("examcore.seat.v1,examcore.token." + JWT)).isEqualTo(JWT);
    }

    @Test
    @DisplayName("is absent from a missing header, one without a token entry, or an empty token entry")
    void absent() {
        assertThat(SeatSocketAuth.token(null)).isNull();
        assertThat(SeatSocketAuth.token("examcore.seat.v1")).isNull();
        assertThat(SeatSocketAuth.token("examcore.seat.v1, examcore.token.")).isNull();
        assertThat(SeatSocketAuth.token("chat, superchat")).isNull();
    }
}
