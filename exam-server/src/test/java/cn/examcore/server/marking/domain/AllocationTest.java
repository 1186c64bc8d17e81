package cn.examcore.server.marking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Allocation of scripts to markers")
class AllocationTest {

    private static final List<String> SEVEN = IntStream.range(0, 7).mapToObj(i -> "m" + i).toList();

    private static int[] loads(int[][] pairs, int markers, int[] start) {
        int[] loads = start.clone();
        for (int[] p : pairs) {
            loads[p[0]]++;
            loads[p[1]]++;
        }
        return loads;
    }

    @Test
    @DisplayName("gives every script two different markers")
    void twoDifferentMarkers() {
        int[][] pairs = Allocation.allocate(1001, SEVEN, Map.of(), 42);
        assertThat(pairs).hasNumberOfRows(1001);
        assertThat(List.of(pairs)).allSatisfy(p -> assertThat(p[0]).isNotEqualTo(p[1]));
        int[][] two = Allocation.allocate(50, List.of("a", "b"), Map.of(), 1);
        assertThat(List.of(two)).allSatisfy(p -> assertThat(Set.of(p[0], p[1])).containsExactlyInAnyOrder(0, 1));
    }

    @Test
    @DisplayName("balances the load: markers who start equal end at most one script apart")
    void balanced() {
        int[] loads = loads(Allocation.allocate(1001, SEVEN, Map.of(), 7), 7, new int[7]);
        assertThat(IntStream.of(loads).sum()).isEqualTo(2002);
        assertThat(IntStream.of(loads).max().getAsInt() - IntStream.of(loads).min().getAsInt()).isLessThanOrEqualTo(1);
    }

    @Test
    @DisplayName("counts what markers already hold, so late scripts go to the less loaded first")
    void countsExistingLoads() {
        List<String> three = List.of("busy", "idle1", "idle2");
        int[][] pairs = Allocation.allocate(10, three, Map.of("busy", 20), 3);
        assertThat(List.of(pairs)).allSatisfy(p -> assertThat(Set.of(p[0], p[1])).containsExactlyInAnyOrder(1, 2));
        int[] loads = loads(Allocation.allocate(30, three, Map.of("busy", 10), 3), 3, new int[] {10, 0, 0});
        assertThat(IntStream.of(loads).max().getAsInt() - IntStream.of(loads).min().getAsInt()).isLessThanOrEqualTo(1);
    }

    @Test
    @DisplayName("varies the pairs instead of marrying the same two markers, and is reproducible from its seed")
    void variedAndReproducible() {
        List<String> four = List.of("a", "b", "c", "d");
        int[][] pairs = Allocation.allocate(200, four, Map.of(), 11);
        Set<Set<Integer>> distinct = new HashSet<>();
        for (int[] p : pairs) {
            distinct.add(Set.of(p[0], p[1]));
        }
        assertThat(distinct).hasSize(6);
        assertThat(Allocation.allocate(200, four, Map.of(), 11)).isDeepEqualTo(pairs);
    }

    @Test
    @DisplayName("refuses fewer than two markers")
    void needsTwo() {
        assertThatThrownBy(() -> Allocation.allocate(3, List.of("alone"), Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
