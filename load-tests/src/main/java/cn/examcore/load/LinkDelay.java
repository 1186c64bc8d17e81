package cn.examcore.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An emulated LAN delay on one network device, by {@code tc netem}, and the round trip it gives.
 * The device is the host end of the veth pair that {@code cluster-view.sh} made for this run, never another
 * interface: netem on its egress delays every packet from the first member to the second, so each round trip
 * between them (a backup and its acknowledgement, a remote save and its reply) takes {@code delay} longer.
 */
final class LinkDelay {

    /** The discard port: no member listens there. */
    static final int PROBE_PORT = 9;
    /** At most this many seconds for one {@code tc}. */
    private static final long COMMAND_SECONDS = 20;

    private LinkDelay() {
    }

    /**
     * The {@code tc} command that sets {@code delayMillis} on {@code device}'s egress (replacing what was there), or
     * removes the qdisc for 0. netem's queue limit is raised from 1,000 packets so that a few milliseconds of delay
     * at tens of thousands of packets per second drops nothing: a lost packet would be a retransmission, not a delay.
     */
    static List<String> tcCommand(String device, BigDecimal delayMillis) {
        if (!device.matches("[A-Za-z0-9_.-]{1,15}")) {
            throw new IllegalArgumentException("not a network device name: '" + device + "'");
        }
        if (delayMillis.signum() < 0) {
            throw new IllegalArgumentException("delay must be >= 0 ms, was " + delayMillis);
        }
        if (delayMillis.signum() == 0) {
            return List.of("tc", "qdisc", "del", "dev", device, "root");
        }
        long micros = delayMillis.movePointRight(3).longValueExact();
        return List.of("tc", "qdisc", "replace", "dev", device, "root", "netem", "delay", micros + "us",
                "limit", "100000");
    }

    /**
     * Sets the delay. Removing a delay that was never set is not an error: tc says "Cannot delete qdisc with handle
     * of zero" on a veth (whose default is no queue at all) and "No such file or directory" elsewhere.
     */
    static void set(String device, BigDecimal delayMillis) throws IOException, InterruptedException {
        Result r = run(tcCommand(device, delayMillis));
        if (r.exit != 0 && !(delayMillis.signum() == 0 && nothingToDelete(r.output))) {
            throw new IOException("tc failed (" + r.exit + "): " + String.join(" ", tcCommand(device, delayMillis))
                    + ": " + r.output.trim());
        }
    }

    static boolean nothingToDelete(String tcOutput) {
        return tcOutput.contains("handle of zero") || tcOutput.contains("No such file");
    }

    /**
     * The round trip to {@code host}, from {@code probes} TCP connections to a port nobody listens on there
     * ({@link #PROBE_PORT}): the peer's kernel answers the SYN with a RST, so each refusal takes exactly one round
     * trip through the link and its netem, and no process on the peer is involved (nor is {@code ping}, which this
     * machine lacks). A listener on that port would accept instead, which takes one round trip too.
     *
     * @return min, mean and max in ms
     */
    static double[] connectRttMillis(String host, int probes) throws IOException {
        double min = Double.MAX_VALUE;
        double max = 0;
        double sum = 0;
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(host), PROBE_PORT);
        for (int i = 0; i < probes; i++) {
            long t0 = System.nanoTime();
            try (Socket s = new Socket()) {
                s.connect(target, 2000);
            } catch (ConnectException refused) {
                // the expected answer: the RST came back
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            min = Math.min(min, ms);
            max = Math.max(max, ms);
            sum += ms;
        }
        return new double[] {min, sum / probes, max};
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out after " + COMMAND_SECONDS + " s: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
