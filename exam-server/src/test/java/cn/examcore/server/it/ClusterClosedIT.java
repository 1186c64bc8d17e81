package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.testing.TestNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cluster port cannot be used by anyone who is not a configured member (issue F1 of the security review): no
 * Hazelcast client is served at all, the member and the event bus listen on the cluster interface only (loopback
 * for this node), and a member refuses to deserialize classes that are not ours. The same guarantees across real
 * networks are shown by {@code ClusterNetworkIT} in the fault tests.
 */
@DisplayName("A closed cluster")
class ClusterClosedIT {

    static TestNode node;
    static int busPort;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            busPort = s.getLocalPort();
        }
        node = TestNode.builder().config("cluster-bus-port", String.valueOf(busPort)).start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static int memberPort() {
        return node.node().hazelcast().getCluster().getLocalMember().getAddress().getPort();
    }

    @Test
    @DisplayName("A Hazelcast client that knows the address and the cluster name is refused")
    void noClientProtocol() {
        ClientConfig client = new ClientConfig();
        client.setClusterName(node.node().config().clusterName());
        client.getNetworkConfig().addAddress("127.0.0.1:" + memberPort());
        client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(4_000);
        assertThatThrownBy(() -> {
            HazelcastInstance connected = HazelcastClient.newHazelcastClient(client);
            connected.shutdown();
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("Unable to connect");
    }

    @Test
    @DisplayName("Neither the member nor the event bus listens on any address of the host but the cluster interface")
    void boundToTheClusterInterfaceOnly() throws SocketException {
        assertThat(node.node().hazelcast().getCluster().getLocalMember().getAddress().getHost())
                .isEqualTo("127.0.0.1");
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && nic.isUp()) {
                    others.add(a);
                }
            }
        }
        assertThat(others).as("a non-loopback IPv4 address of this host to probe from").isNotEmpty();
        for (InetAddress a : others) {
            for (int port : new int[] {memberPort(), busPort}) {
                assertThat(connects(a, port)).as("something listens on %s:%d", a.getHostAddress(), port).isFalse();
            }
        }
        // The probe itself works: the same ports answer on the cluster interface.
        assertThat(connects(InetAddress.getLoopbackAddress(), memberPort())).isTrue();
        assertThat(connects(InetAddress.getLoopbackAddress(), busPort)).isTrue();
    }

    @Test
    @DisplayName("A member refuses to deserialize a Java-serialized class outside the platform's packages")
    void deserializationFilter() {
        IMap<String, Object> probe = node.node().hazelcast().getMap("security-probe");
        probe.put("gadget", new TextNode("not one of our types"));
        assertThatThrownBy(() -> probe.get("gadget")).hasStackTraceContaining("com.fasterxml.jackson");
        probe.destroy();
    }

    private static boolean connects(InetAddress host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
