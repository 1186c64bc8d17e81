package cn.examcore.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of a process, and of its threads grouped by name, read from Linux's {@code /proc}: the way to charge a
 * save to another JVM on the same host (the second member of the cluster view), whose {@code OperatingSystemMXBean}
 * this process cannot read. Both processes are read the same way, so their figures compare.
 */
final class ProcCpu {

    /** {@code USER_HZ}: the unit of {@code utime} and {@code stime}; 100 on every Linux this runs on. */
    static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    private ProcCpu() {
    }

    /** User plus system CPU time (ns) of process {@code pid} ({@code "self"} for this one); -1 if it is gone. */
    static long process(String pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", pid, "stat"))) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * {@code utime + stime} in ticks from one {@code /proc/.../stat} line. The name field is in parentheses and may
     * hold spaces and parentheses itself, so the fields are counted from the last {@code ')'}: the state is the
     * first field after it, {@code utime} the 12th and {@code stime} the 13th.
     */
    static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /**
     * CPU time (ns) of every thread of process {@code pid}, Java and native alike (GC workers, JIT compilers),
     * summed by thread name with its digits taken out ({@code hz.x.partition-operation.thread-0} and {@code -1} are
     * one group; Linux cuts names to 15 characters). Threads that end between two readings are lost to both.
     */
    static Map<String, Long> byThreadGroup(String pid) {
        Map<String, Long> sum = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    sum.merge(group(Files.readString(task.resolve("comm"))),
                            ticks(Files.readString(task.resolve("stat"))) * NANOS_PER_TICK, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return sum;
        }
        return sum;
    }

    /** The group a thread's {@code comm} belongs to: its name without digits. */
    static String group(String comm) {
        return comm.trim().replaceAll("[0-9]+", "#");
    }

    /** {@code after − before} for every group, groups new in {@code after} counted from zero. */
    static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new HashMap<>(after);
        d.replaceAll((g, t) -> t - before.getOrDefault(g, 0L));
        return d;
    }
}
