package cn.examcore.bank.bench;

import cn.examcore.bank.assembly.AssemblyIndex;
import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.TestBanks;
import cn.examcore.bank.model.Bank;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Paper assembly for the 100-item theory blueprint (60 single choice with difficulty and knowledge-point
 * constraints, 20 multiple choice, 20 true/false) from a 14,000-item bank, one thread. Target: at least 5,000
 * papers/s. {@code prepareIndex} measures the one-off preparation a sitting pays per bank and blueprint.
 */
@State(Scope.Benchmark)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class AssemblyBenchmark {

    private Bank bank;
    private AssemblyIndex index;
    private long seed;

    @Setup(Level.Trial)
    public void prepare() {
        bank = TestBanks.bank(2026, 2000);
        index = AssemblyIndex.of(bank, TestBanks.hundredItemBlueprint());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Paper assemblePaper() {
        // A new candidate each call: a fresh seed, so nothing is cached between papers.
        return index.assemble(seed++, 0);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public AssemblyIndex prepareIndex() {
        return AssemblyIndex.of(bank, TestBanks.hundredItemBlueprint());
    }
}
