package cn.examcore.server.node;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every member that joins or leaves, with the size that remains: the moment a failure is detected is the
 * line operators (and the fault tests) read to time a failover.
 */
final class MembershipLog implements MembershipListener {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipLog.class);

    @Override
    public void memberAdded(MembershipEvent event) {
        LOG.info("cluster member joined: {}; members now {}", event.getMember().getAddress(), event.getMembers().size());
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        LOG.info("cluster member left: {}; members now {}", event.getMember().getAddress(), event.getMembers().size());
    }
}
