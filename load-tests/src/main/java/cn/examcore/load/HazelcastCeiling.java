package cn.examcore.load;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The store ceiling: a bare {@code IMap.setAsync} at a constant arrival rate against {@code members} Hazelcast
 * members in this process, with the attempts map's backup configuration (one synchronous backup, no async backup,
 * fail on indeterminate state) and a value of the given size, one key per seat. Prints one JSON line of figures.
 * Arguments: members keys valueBytes stepSeconds steadyRate stepRate...
 */
public final class HazelcastCeiling {

    private HazelcastCeiling() {
    }

    public static void main(String[] args) throws Exception {
        int members = Integer.parseInt(args[0]);
        int keys = Integer.parseInt(args[1]);
        int valueBytes = Integer.parseInt(args[2]);
        int stepSeconds = Integer.parseInt(args[3]);
        List<HazelcastInstance> hz = new ArrayList<>();
        String cluster = "ceiling-" + ProcessHandle.current().pid();
        int base = 5900 + (int) (ProcessHandle.current().pid() % 50) * 4;
        for (int i = 0; i < members; i++) {
            Config c = new Config().setClusterName(cluster);
            c.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
            c.setProperty("hazelcast.phone.home.enabled", "false");
            c.setProperty("hazelcast.logging.type", "none");
            c.getNetworkConfig().setPort(base).setPortAutoIncrement(true);
            JoinConfig join = c.getNetworkConfig().getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true);
            for (int m = 0; m < members; m++) {
                join.getTcpIpConfig().addMember("127.0.0.1:" + (base + m));
            }
            c.addMapConfig(new MapConfig("attempts").setBackupCount(1).setAsyncBackupCount(0)
                    .setReadBackupData(false));
            hz.add(Hazelcast.newHazelcastInstance(c));
        }
        while (hz.get(0).getCluster().getMembers().size() < members) {
            Thread.sleep(100);
        }
        IMap<String, byte[]> map = hz.get(0).getMap("attempts");
        byte[] value = new byte[valueBytes];
        Map<String, Object> out = new LinkedHashMap<>();
        int best = 0;
        for (int a = 4; a < args.length; a++) {
            int rate = Integer.parseInt(args[a]);
            Series s = new Series("hz-" + rate, System.currentTimeMillis());
            AtomicLong errors = new AtomicLong();
            long total = (long) rate * stepSeconds;
            long start = System.nanoTime();
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch((int) total);
            for (long k = 0; k < total; k++) {
                long intended = start + k * 1_000_000_000L / rate;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                map.setAsync("attempt-" + (k % keys), value).whenComplete((v, e) -> {
                    if (e != null) {
                        errors.incrementAndGet();
                    } else {
                        s.record((System.nanoTime() - intended) / 1000, System.currentTimeMillis());
                    }
                    done.countDown();
                });
            }
            done.await(60, TimeUnit.SECONDS);
            out.put("steps." + rate + ".p99Millis", s.pMillis(99));
            out.put("steps." + rate + ".p999Millis", s.pMillis(99.9));
            out.put("steps." + rate + ".count", s.count());
            out.put("steps." + rate + ".errors", errors.get());
            if (a == 4) {
                continue; // the first rate is the steady phase's, for the side-by-side p99; the search follows
            }
            if (s.pMillis(99) <= 50 && errors.get() == 0 && s.count() == total) {
                best = rate;
            } else {
                break;
            }
        }
        out.put("highestRateP99Under50ms", best);
        System.out.println("FIGURES " + new io.vertx.core.json.JsonObject(out).encode());
        hz.forEach(HazelcastInstance::shutdown);
        System.exit(0);
    }
}
