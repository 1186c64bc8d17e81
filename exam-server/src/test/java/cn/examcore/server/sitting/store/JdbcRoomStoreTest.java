package cn.examcore.server.sitting.store;

import static cn.examcore.server.storage.jdbc.StoreDatabase.await;
import static cn.examcore.server.storage.jdbc.StoreDatabase.sitting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.store.RoomStore.SeatInSitting;
import cn.examcore.server.storage.jdbc.StoreDatabase;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Rooms and seats in the database")
class JdbcRoomStoreTest {

    private static Seat seat(String sittingId, String roomId, String code, int row, int col) {
        return new Seat(sittingId, code, roomId, row, col);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("A room is stored with its seats; rooms come by name, seats by room, row and column")
    void roomsAndSeats(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            d.addSitting("s-1", 1_000);
            RoomStore store = new JdbcRoomStore(d.db(), d.workers());
            await(store.createRoom(new Room("r-b", "s-1", "R2", 1, 2), List.of(seat("s-1", "r-b", "B2", 1, 2),
                    seat("s-1", "r-b", "B1", 1, 1))));
            await(store.createRoom(new Room("r-a", "s-1", "R1", 2, 1), List.of(seat("s-1", "r-a", "A2", 2, 1),
                    seat("s-1", "r-a", "A1", 1, 1))));
            assertThat(await(store.rooms("s-1"))).containsExactly(new Room("r-a", "s-1", "R1", 2, 1),
                    new Room("r-b", "s-1", "R2", 1, 2));
            assertThat(await(store.seats("s-1"))).extracting(Seat::code).containsExactly("A1", "A2", "B1", "B2");
            assertThat(await(store.rooms("s-other"))).isEmpty();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("A room whose seat code is taken in the sitting is refused whole: neither the room nor a seat is added")
    void takenSeatCodeAddsNothing(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            d.addSitting("s-1", 1_000);
            RoomStore store = new JdbcRoomStore(d.db(), d.workers());
            await(store.createRoom(new Room("r-1", "s-1", "R1", 1, 1), List.of(seat("s-1", "r-1", "X1", 1, 1))));
            assertThatThrownBy(() -> await(store.createRoom(new Room("r-2", "s-1", "R2", 1, 2),
                    List.of(seat("s-1", "r-2", "Y1", 1, 1), seat("s-1", "r-2", "X1", 1, 2)))))
                    .isInstanceOf(ExecutionException.class);
            assertThat(await(store.rooms("s-1"))).extracting(Room::id).containsExactly("r-1");
            assertThat(await(store.seats("s-1"))).extracting(Seat::code).containsExactly("X1");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("cn.examcore.server.storage.jdbc.StoreDatabase#backends")
    @DisplayName("A seat code is found in the sittings whose T0 is after the bound, with its sitting, by T0")
    void seatsByCode(String backend) throws Exception {
        try (StoreDatabase d = StoreDatabase.open(backend)) {
            JdbcSittingStore sittings = new JdbcSittingStore(d.db(), d.workers());
            RoomStore store = new JdbcRoomStore(d.db(), d.workers());
            for (String id : List.of("s-3", "s-1", "s-2")) {
                await(sittings.createSitting(sitting(id, Long.parseLong(id.substring(2)) * 1_000)));
                await(store.createRoom(new Room("r-" + id, id, "R", 1, 1), List.of(seat(id, "r-" + id, "A1", 1, 1))));
            }
            List<SeatInSitting> found = await(store.seatsByCode("A1", 1_000));
            assertThat(found).extracting(f -> f.sitting().id()).containsExactly("s-2", "s-3");
            assertThat(found.get(0).seat()).isEqualTo(seat("s-2", "r-s-2", "A1", 1, 1));
            assertThat(found.get(0).sitting()).isEqualTo(sitting("s-2", 2_000));
            assertThat(await(store.seatsByCode("Z9", 0))).isEmpty();
        }
    }
}
