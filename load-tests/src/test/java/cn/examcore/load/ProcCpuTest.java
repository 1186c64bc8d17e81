package cn.examcore.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcCpuTest {

    @Test
    @DisplayName("utime and stime are counted from the last parenthesis, whatever the thread's name holds")
    void ticksSkipANameWithSpacesAndParentheses() {
        String stat = "4242 (hz.m1.IO (x) 3) S 1 4242 4242 0 -1 4194560 12 0 0 0 170 30 0 0 20 0 1 0 99 0 0";

        assertThat(ProcCpu.ticks(stat)).isEqualTo(200);
    }

    @Test
    @DisplayName("threads that differ only by their numbers are one group")
    void groupsDropDigits() {
        assertThat(ProcCpu.group("hz.m1.partition\n")).isEqualTo("hz.m#.partition");
        assertThat(ProcCpu.group("GC Thread#12")).isEqualTo("GC Thread##");
    }

    @Test
    @DisplayName("a group that appears between two readings counts from zero")
    void differenceCountsNewGroupsFromZero() {
        Map<String, Long> d = ProcCpu.difference(Map.of("a", 10L), Map.of("a", 25L, "b", 7L));

        assertThat(d).containsEntry("a", 15L).containsEntry("b", 7L);
    }

    @Test
    @DisplayName("this process's own CPU time reads as positive, a process that does not exist as -1")
    void readsThisProcessAndRefusesAMissingOne() {
        assertThat(ProcCpu.process("self")).isGreaterThanOrEqualTo(0);
        assertThat(ProcCpu.process("no-such-pid")).isEqualTo(-1);
    }
}
