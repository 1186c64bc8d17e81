package cn.examcore.load;

import java.nio.file.Path;
import java.util.List;

/**
 * What one load run does.
 *
 * @param seats          concurrent seats (N)
 * @param nodes          exam-server processes (1: embedded H2 default; more: one cluster on PostgreSQL)
 * @param steadySeconds  length of the steady-answering phase
 * @param steadyRate     saves per second (whole run, open model) during the steady phase
 * @param stepRates      save rates tried, in order, to find the highest one with p99 ≤ 50 ms
 * @param stepSeconds    length of each step
 * @param checkInConcurrency seats checking in at the same moment
 * @param serverJar      exam-server/target/exam-server.jar
 * @param out            where the figures and time series go
 * @param heapMb         -Xmx of each server process
 */
public record LoadConfig(int seats, int nodes, int steadySeconds, int steadyRate, List<Integer> stepRates,
                         int stepSeconds, int checkInConcurrency, Path serverJar, Path out, int heapMb) {

    public LoadConfig {
        stepRates = List.copyOf(stepRates);
        if (seats < 1 || nodes < 1 || steadySeconds < 1 || steadyRate < 1 || stepSeconds < 1) {
            throw new IllegalArgumentException("seats, nodes, steadySeconds, steadyRate, stepSeconds must be >= 1");
        }
    }

    /** The quick mode of the test command: a few seats, each scenario briefly, one node. */
    public static LoadConfig quick(Path jar, Path out) {
        return new LoadConfig(100, 1, 8, 100, List.of(200, 400), 3, 32, jar, out, 512);
    }

    public LoadConfig withNodes(int n, Path dir) {
        return new LoadConfig(seats, n, steadySeconds, steadyRate, stepRates, stepSeconds, checkInConcurrency,
                serverJar, dir, heapMb);
    }
}
