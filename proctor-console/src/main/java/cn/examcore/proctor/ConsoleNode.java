package cn.examcore.proctor;

import cn.examcore.proctor.config.ConsoleConfig;
import cn.examcore.proctor.http.ConsoleVerticle;
import cn.examcore.proctor.live.LiveHub;
import cn.examcore.proctor.live.LiveRules;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running proctor console: a Hazelcast <b>lite member</b> of the exam-server cluster (it owns no partitions
 * and so never holds answers or runs a MapStore), clustered Vert.x on top of it for the event bus, and the
 * {@link ConsoleVerticle}. {@link ProctorConsoleMain} runs one; tests run one next to a test exam node.
 */
public final class ConsoleNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleNode.class);

    private final HazelcastInstance hz;
    private final Vertx vertx;
    private final ConsoleVerticle http;
    private final LiveHub hub;

    private ConsoleNode(HazelcastInstance hz, Vertx vertx, ConsoleVerticle http, LiveHub hub) {
        this.hz = hz;
        this.vertx = vertx;
        this.http = http;
        this.hub = hub;
    }

    /** Joins the cluster and starts serving; blocking, so call it from a main or test thread. */
    public static ConsoleNode start(ConsoleConfig config) {
        LOG.info("starting proctor console with {}", config.redacted());
        LongSupplier clock = System::currentTimeMillis;
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(hazelcast(config));
        Vertx vertx = null;
        try {
            if (hz.getCluster().getMembers().stream().allMatch(m -> m.isLiteMember())) {
                throw new IllegalStateException("no exam-server member in cluster '" + config.clusterName()
                        + "' at " + config.clusterMembers() + ": start an exam-server node first (a lite member "
                        + "holds no data, so the console cannot form a cluster on its own)");
            }
            vertx = await(Vertx.builder().withClusterManager(new HazelcastClusterManager(hz)).buildClustered());
            ConsoleVerticle http = new ConsoleVerticle(config,
                    new LiveRules(config.rules(), config.reorderMillis()), clock);
            await(vertx.deployVerticle(http));
            LiveHub hub = http.hub();
            LOG.info("proctor console up on http port {}, lite member of cluster '{}' ({} members)", http.port(),
                    config.clusterName(), hz.getCluster().getMembers().size());
            return new ConsoleNode(hz, vertx, http, hub);
        } catch (RuntimeException e) {
            if (vertx != null) {
                vertx.close();
            }
            hz.getLifecycleService().terminate();
            throw e;
        }
    }

    /** Vert.x's own cluster maps from its default file, as exam-server does, joined over TCP/IP as a lite member. */
    static Config hazelcast(ConsoleConfig c) {
        Config config = ConfigUtil.loadConfig();
        config.setLiteMember(true);
        config.setClusterName(c.clusterName());
        config.setInstanceName("examcore-console-" + c.clusterName() + "-" + Long.toHexString(System.nanoTime()));
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getMemberAttributeConfig().setAttribute("__vertx.nodeId", UUID.randomUUID().toString());
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(c.clusterPort()).setPortAutoIncrement(true);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).getMembers().clear();
        if (c.clusterMembers().isEmpty()) {
            join.getTcpIpConfig().addMember("127.0.0.1");
        } else {
            c.clusterMembers().forEach(join.getTcpIpConfig()::addMember);
        }
        return config;
    }

    public int httpPort() {
        return http.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort();
    }

    public HazelcastInstance hazelcast() {
        return hz;
    }

    public LiveHub hub() {
        return hub;
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        try {
            await(vertx.close());
        } finally {
            hz.getLifecycleService().shutdown();
        }
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after 120 s", e);
        }
    }
}
