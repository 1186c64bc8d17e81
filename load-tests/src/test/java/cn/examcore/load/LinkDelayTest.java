package cn.examcore.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LinkDelayTest {

    @Test
    @DisplayName("a delay in milliseconds becomes netem's delay in microseconds on the named device, with a long queue")
    void netemCommandInMicroseconds() {
        assertThat(LinkDelay.tcCommand("cvh123", new BigDecimal("0.2"))).containsExactly("tc", "qdisc", "replace",
                "dev", "cvh123", "root", "netem", "delay", "200us", "limit", "100000");
        assertThat(LinkDelay.tcCommand("cvh123", new BigDecimal("5"))).contains("5000us");
    }

    @Test
    @DisplayName("no delay removes the qdisc instead of setting a netem of zero")
    void zeroDeletesTheQdisc() {
        assertThat(LinkDelay.tcCommand("cvh123", BigDecimal.ZERO)).containsExactly("tc", "qdisc", "del", "dev",
                "cvh123", "root");
    }

    @Test
    @DisplayName("a device name that could carry another argument, a negative delay or a sub-microsecond one is refused")
    void refusesBadInput() {
        assertThatThrownBy(() -> LinkDelay.tcCommand("eth0 root", BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device");
        assertThatThrownBy(() -> LinkDelay.tcCommand("cvh1", new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> LinkDelay.tcCommand("cvh1", new BigDecimal("0.0001")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    @DisplayName("removing a delay that was never set is not an error, on a veth or elsewhere")
    void nothingToDelete() {
        assertThat(LinkDelay.nothingToDelete("Error: Cannot delete qdisc with handle of zero.")).isTrue();
        assertThat(LinkDelay.nothingToDelete("RTNETLINK answers: No such file or directory")).isTrue();
        assertThat(LinkDelay.nothingToDelete("Error: Specified qdisc kind is unknown.")).isFalse();
    }

    @Test
    @DisplayName("the round trip to a closed port on this host is measured, each probe refused")
    void connectRttOnLoopback() throws Exception {
        double[] rtt = LinkDelay.connectRttMillis("127.0.0.1", 3);

        assertThat(rtt[0]).isPositive().isLessThanOrEqualTo(rtt[1]);
        assertThat(rtt[1]).isLessThanOrEqualTo(rtt[2]);
    }
}
