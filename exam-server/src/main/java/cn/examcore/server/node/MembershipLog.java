package cn.examcore.server.node;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every member that joins or leaves, with the size that remains: the moment a failure is detected is the
 * line operators (and the fault tests) read to time a failover. A member whose host is not in
 * {@code cluster-members} is logged as an error: Hazelcast Community cannot refuse it, so the line is how an
 * operator learns that something else reached the cluster network.
 */
final class MembershipLog implements MembershipListener {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipLog.class);

    /** The configured members' addresses, resolved once at start; empty when a name did not resolve then. */
    private final Set<String> expectedHosts = new HashSet<>();

    MembershipLog(List<String> clusterMembers, String clusterInterface) {
        List<String> hosts = clusterMembers.isEmpty() ? List.of(clusterInterface)
                : clusterMembers.stream().map(MembershipLog::host).toList();
        for (String host : hosts) {
            expectedHosts.add(host);
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    expectedHosts.add(a.getHostAddress());
                }
            } catch (UnknownHostException e) {
                LOG.warn("cluster member {} does not resolve now; members joining from it are checked by name only",
                        host);
            }
        }
    }

    private static String host(String member) {
        int colon = member.lastIndexOf(':');
        return colon > 0 && member.indexOf(':') == colon ? member.substring(0, colon) : member;
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        Address address = event.getMember().getAddress();
        LOG.info("cluster member joined: {}; members now {}", address, event.getMembers().size());
        if (!expectedHosts.contains(address.getHost()) && !expectedHosts.contains(hostAddress(address))) {
            LOG.error("cluster member {} is not in cluster-members {}: something other than a configured exam-server"
                    + " node has reached the cluster network; take it off the network and check the site firewall",
                    address, expectedHosts);
        }
    }

    private static String hostAddress(Address address) {
        try {
            return address.getInetAddress().getHostAddress();
        } catch (UnknownHostException e) {
            return address.getHost();
        }
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        LOG.info("cluster member left: {}; members now {}", event.getMember().getAddress(), event.getMembers().size());
    }
}
