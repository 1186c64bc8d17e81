package cn.examcore.server.storage.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.core.LifecycleEvent;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("When a member last saw its cluster change")
class ClusterChangesTest {

    private static final Cluster CLUSTER = stub(Cluster.class);

    private final long[] now = {1_000};
    private final ClusterChanges changes = new ClusterChanges(() -> now[0]);
    private final InitialMembershipListener members = (InitialMembershipListener) changes.membershipListener();

    /** An instance of {@code type} with identity only: the listener reads nothing of members but their count. */
    private static <T> T stub(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> null;
                }));
    }

    private static Member member() {
        return stub(Member.class);
    }

    private static Set<Member> of(int n) {
        Set<Member> set = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            set.add(member());
        }
        return set;
    }

    @Test
    @DisplayName("the start, a member joining or leaving and a merge are changes; a cluster smaller than it has been"
            + " is changing until it is whole again")
    void changes() {
        assertThat(changes.lastAt()).as("the start").isEqualTo(1_000);
        members.init(new InitialMembershipEvent(CLUSTER, of(3)));
        now[0] = 2_000;
        assertThat(changes.lastAt()).as("joining a whole cluster changes nothing more").isEqualTo(1_000);

        now[0] = 3_000;
        Set<Member> two = of(2);
        members.memberRemoved(new MembershipEvent(CLUSTER, member(), MembershipEvent.MEMBER_REMOVED, two));
        now[0] = 900_000;
        assertThat(changes.lastAt()).as("two of three: changing for as long as it lasts").isEqualTo(900_000);

        now[0] = 901_000;
        members.memberAdded(new MembershipEvent(CLUSTER, member(), MembershipEvent.MEMBER_ADDED, of(3)));
        now[0] = 950_000;
        assertThat(changes.lastAt()).as("whole again: the last change is the return").isEqualTo(901_000);

        now[0] = 960_000;
        changes.lifecycleListener().stateChanged(new LifecycleEvent(LifecycleEvent.LifecycleState.MERGED));
        now[0] = 970_000;
        assertThat(changes.lastAt()).as("a merge").isEqualTo(960_000);
        changes.lifecycleListener().stateChanged(new LifecycleEvent(LifecycleEvent.LifecycleState.STARTED));
        assertThat(changes.lastAt()).as("other lifecycle states are not changes").isEqualTo(960_000);
    }
}
