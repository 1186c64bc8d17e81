package cn.examcore.server.sitting.store;

import static cn.examcore.server.storage.jdbc.StoreDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.storage.jdbc.StoreDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Rosters in the database")
class JdbcRosterStoreTest {

    private static Candidate candidate(String ticket, String seat) {
        return new Candidate("s-1", ticket, "ID-" + ticket, "姓名 " + ticket, seat,
                Set.of(Subject.THEORY, Subject.OPERATION), "photo-" + ticket);
    }

    private static RosterStore store(StoreDatabase d) throws ExecutionException {
        d.addSitting("s-1", 1_000);
        return new JdbcRosterStore(d.db(), d.workers());
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("A roster replaces the previous one whole, and its candidates read back by ticket")
    void replaceAndRead(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            RosterStore store = store(d);
            await(store.replaceRoster("s-1", List.of(candidate("T1", "A1"), candidate("T2", "A2"))));
            await(store.replaceRoster("s-1", List.of(candidate("T3", "A3"), candidate("T2", "A4"))));
            assertThat(await(store.candidates("s-1"))).containsExactly(candidate("T2", "A4"), candidate("T3", "A3"));
            assertThat(await(store.candidate("s-1", "T3"))).contains(candidate("T3", "A3"));
            assertThat(await(store.candidate("s-1", "T1"))).isEmpty();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("A roster that cannot be stored leaves the previous one untouched")
    void failedReplaceKeepsTheOldRoster(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            RosterStore store = store(d);
            await(store.replaceRoster("s-1", List.of(candidate("T1", "A1"))));
            assertThatThrownBy(() -> await(store.replaceRoster("s-1", List.of(candidate("T2", "A2"),
                    candidate("T2", "A3"))))).as("the same ticket twice").isInstanceOf(ExecutionException.class);
            assertThat(await(store.candidates("s-1"))).containsExactly(candidate("T1", "A1"));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("Candidates are read by many tickets at once, past one IN list, unknown tickets left out")
    void manyTickets(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            RosterStore store = store(d);
            List<Candidate> roster = new ArrayList<>();
            List<String> asked = new ArrayList<>();
            for (int i = 0; i < 1_200; i++) {
                roster.add(candidate(String.format("T%04d", i), String.format("S%04d", i)));
                asked.add(String.format("T%04d", i));
            }
            await(store.replaceRoster("s-1", roster));
            asked.add("T-unknown");
            asked.add("T0007");
            Map<String, Candidate> found = await(store.candidates("s-1", asked));
            assertThat(found).hasSize(1_200).containsEntry("T1105", candidate("T1105", "S1105"));
            assertThat(await(store.candidates("s-1", List.of()))).isEmpty();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("A candidate moves to another seat; moving a ticket not on the roster fails")
    void move(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            RosterStore store = store(d);
            await(store.replaceRoster("s-1", List.of(candidate("T1", "A1"))));
            await(store.moveCandidate("s-1", "T1", "B7"));
            assertThat(await(store.candidate("s-1", "T1"))).map(Candidate::seatCode).contains("B7");
            assertThatThrownBy(() -> await(store.moveCandidate("s-1", "T9", "B8")))
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }
}
