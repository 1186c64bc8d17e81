package cn.examcore.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The threat model of the README's operations section, on real networks: each node sits on the site (cluster)
 * network and on the access network its seats come in on. Only HTTP and the management port listen on the access
 * side; the Hazelcast member and the event bus listen on the site address alone, and even there no Hazelcast client
 * is served.
 */
@DisplayName("The cluster network")
class ClusterNetworkIT {

    private static final Set<Integer> PUBLIC_PORTS = Set.of(8080, 8081);

    @Test
    @DisplayName("is not reachable from the access network, and refuses a Hazelcast client even from inside it")
    void closed() {
        try (Site site = new Site("fault_net", 1)) {
            site.start();
            for (int i = 0; i < Site.NODES; i++) {
                List<Listener> listening = listeners(site, i);
                String siteIp = Site.nodeIp(i);
                assertThat(listening).as("node %d listens on its cluster ports", i)
                        .contains(new Listener(siteIp, Site.MEMBER_PORT), new Listener(siteIp, Site.BUS_PORT));
                // Loopback listeners (Docker's resolver at 127.0.0.11) cannot be reached from any network.
                assertThat(listening.stream().filter(l -> !PUBLIC_PORTS.contains(l.port()))
                        .filter(l -> !l.address().equals(siteIp) && !l.address().startsWith("127.")).toList())
                        .as("node %d: sockets listening beyond the site address (other than HTTP and management)", i)
                        .isEmpty();
                String accessIp = site.accessIp(i);
                assertThat(connects(accessIp, Site.MEMBER_PORT)).as("member port from the access side").isFalse();
                assertThat(connects(accessIp, Site.BUS_PORT)).as("event bus from the access side").isFalse();
                assertThat(connects(siteIp, Site.MEMBER_PORT)).as("member port on the site network").isTrue();
            }

            ClientConfig client = new ClientConfig();
            client.setClusterName(site.clusterName());
            client.getNetworkConfig().addAddress(Site.nodeIp(0) + ":" + Site.MEMBER_PORT);
            client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(5_000);
            assertThatThrownBy(() -> {
                HazelcastInstance connected = HazelcastClient.newHazelcastClient(client);
                connected.shutdown();
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("Unable to connect");
        }
    }

    /** A listening TCP socket: its local address (IPv4, or "::" / "0.0.0.0" for any) and port. */
    record Listener(String address, int port) {
    }

    /** The listening sockets of node i, read from the kernel's tables inside its network namespace. */
    private static List<Listener> listeners(Site site, int i) {
        List<Listener> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            String text = site.exec(i, "sh", "-c", "cat " + table + " 2>/dev/null || true");
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4 || !f[3].equals("0A")) {
                    continue;
                }
                String[] local = f[1].split(":");
                out.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
            }
        }
        return out;
    }

    /** The kernel's hex form: one little-endian word for IPv4, four for IPv6 (IPv4-mapped ones read as IPv4). */
    static String address(String hex) {
        if (hex.length() == 8) {
            return ipv4(hex);
        }
        if (hex.equals("0".repeat(32))) {
            return "::";
        }
        if (hex.startsWith("0000000000000000FFFF0000")) {
            return ipv4(hex.substring(24));
        }
        return "ipv6:" + hex;
    }

    private static String ipv4(String word) {
        long v = Long.parseLong(word, 16);
        return (v & 0xff) + "." + (v >> 8 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 24 & 0xff);
    }

    private static boolean connects(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
