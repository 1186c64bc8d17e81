package cn.examcore.server.proctoring;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatMessage;
import cn.examcore.server.attempt.SeatPush;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.events.EventService;
import cn.examcore.server.proctoring.domain.Announcement;
import cn.examcore.server.proctoring.store.AnnouncementStore;
import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * 考场公告: a proctor's announcement to a room or a whole sitting. It is checked (text, room in the sitting, the
 * caller's access to every room it reaches) before anything is stored, stored and audited, then pushed to every
 * open attempt of its scope; a page that connects later gets the announcements it has not acknowledged after its
 * welcome. Each acknowledgement is a seat event, once per attempt. The node's store serves a sitting's announcements
 * from memory (a reconnect storm welcomes thousands of seats at once, possibly while the database is away), and a
 * stored announcement drops them on every node before it is pushed.
 */
public final class Announcements {

    /** Longest announcement text. */
    public static final int MAX_TEXT_CHARS = 500;

    private final SeatPush seats;
    private final SittingStore sittingStore;
    private final RoomStore roomStore;
    private final AttemptStore attempts;
    private final RoomAttempts roomAttempts;
    private final EventService events;
    private final AuditLog audit;
    private final AnnouncementStore store;
    private final LongSupplier clock;

    public Announcements(SeatPush seats, SittingStore sittingStore, RoomStore roomStore, RosterStore rosterStore,
                         AttemptStore attempts, EventService events, AuditLog audit, AnnouncementStore store,
                         LongSupplier clock) {
        this.seats = seats;
        this.sittingStore = sittingStore;
        this.roomStore = roomStore;
        this.attempts = attempts;
        this.roomAttempts = new RoomAttempts(sittingStore, rosterStore, attempts);
        this.events = events;
        this.audit = audit;
        this.store = store;
        this.clock = clock;
    }

    /**
     * An announcement as the console lists it.
     *
     * @param id           the announcement
     * @param roomId       its room, null for the whole sitting
     * @param scope        {@code room} or {@code sitting}
     * @param message      the text
     * @param by           who made it
     * @param at           when
     * @param reached      how many open attempts it was pushed to when made (0 in a listing)
     * @param acknowledged the tickets of the candidates who acknowledged it
     */
    public record View(String id, String roomId, String scope, String message, String by, long at, int reached,
                       List<String> acknowledged) {
    }

    /**
     * Makes an announcement to room {@code roomId} of the sitting, or to every room when it is null.
     *
     * @throws ExamException (as a failed future) naming the field that is wrong; nothing is stored then
     */
    public Future<View> announce(String sittingId, String roomId, String message, String by,
                                 Predicate<String> mayAccessRoom) {
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() || text.length() > MAX_TEXT_CHARS) {
            return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "message",
                    "message must be 1 to " + MAX_TEXT_CHARS + " characters"));
        }
        return scope(sittingId, roomId, mayAccessRoom).compose(v -> {
            Announcement a = new Announcement(UUID.randomUUID().toString(), sittingId, roomId, text, by,
                    clock.getAsLong());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("announcementId", a.id());
            detail.put("scope", a.scope());
            detail.put("message", text);
            return store.save(a)
                    .compose(x -> audit.record(by, "announcement.make", sittingId,
                            roomId == null ? sittingId : roomId, detail))
                    .compose(x -> push(a))
                    .map(reached -> new View(a.id(), roomId, a.scope(), text, by, a.at(), reached, List.of()));
        });
    }

    /** Refuses a room outside the sitting, a room the caller may not act on, or a sitting not all the caller's. */
    private Future<Void> scope(String sittingId, String roomId, Predicate<String> mayAccessRoom) {
        return sittingStore.existingSitting(sittingId).compose(s -> roomStore.rooms(sittingId)).compose(rooms -> {
            if (roomId != null) {
                if (rooms.stream().noneMatch(r -> r.id().equals(roomId))) {
                    return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "roomId",
                            "no room " + roomId + " in sitting " + sittingId));
                }
                if (!mayAccessRoom.test(roomId)) {
                    return Future.failedFuture(ExamException.field(ErrorType.FORBIDDEN, "roomId",
                            "you may not make announcements to room " + roomId));
                }
                return Future.succeededFuture();
            }
            Optional<Room> foreign = rooms.stream().filter(r -> !mayAccessRoom.test(r.id())).findFirst();
            if (foreign.isPresent()) {
                return Future.failedFuture(ExamException.field(ErrorType.FORBIDDEN, "sittingId",
                        "you may not make announcements to the whole sitting: room " + foreign.get().name()
                                + " is not yours"));
            }
            return Future.succeededFuture();
        });
    }

    /** A room's announcement reads only that room's attempts; a sitting's, all of them. */
    private Future<Integer> push(Announcement a) {
        return roomStore.seats(a.sittingId()).compose(seatList -> reachable(a, seatList).map(found -> {
            Map<String, String> roomOfSeat = roomOfSeat(seatList);
            SeatMessage message = message(a);
            long now = clock.getAsLong();
            int reached = 0;
            for (Attempt at : found) {
                if (at.stateAt(now) != AttemptState.SUBMITTED && a.reaches(roomOfSeat.get(at.seatCode()))) {
                    seats.push(at.id(), message);
                    reached++;
                }
            }
            return reached;
        }));
    }

    private Future<List<Attempt>> reachable(Announcement a, List<Seat> seatList) {
        return a.roomId() == null ? attempts.bySitting(a.sittingId())
                : roomAttempts.at(a.sittingId(), seatList.stream().filter(x -> a.roomId().equals(x.roomId()))
                        .map(Seat::code).collect(Collectors.toSet()));
    }

    private static Map<String, String> roomOfSeat(List<Seat> seats) {
        Map<String, String> m = new HashMap<>();
        seats.forEach(s -> m.put(s.code(), s.roomId()));
        return m;
    }

    private static SeatMessage message(Announcement a) {
        return new SeatMessage.Announcement(a.id(), a.message(), a.at(), a.scope());
    }

    /** The announcements of the sitting the caller may see (their rooms' and the sitting's), with who acknowledged. */
    public Future<List<View>> list(String sittingId, Predicate<String> mayAccessRoom) {
        // Only the acknowledgements are read, and only the attempts that acknowledged: a console opening on a large
        // sitting must not have every event and every attempt deserialised for a list of tickets.
        return sittingStore.existingSitting(sittingId).compose(s -> Future.all(store.announcements(sittingId),
                events.forSitting(sittingId, SeatEvent.Kind.ANNOUNCEMENT_ACKNOWLEDGED)))
                .compose(read -> attempts.getAll(read.<List<SeatEvent>>resultAt(1).stream().map(SeatEvent::attemptId)
                        .collect(Collectors.toSet())).map(byId -> Map.entry(read, byId)))
                .map(both -> {
                    CompositeFuture all = both.getKey();
                    Map<String, String> ticketOf = new HashMap<>();
                    both.getValue().values().forEach(a -> ticketOf.put(a.id(), a.ticket()));
                    Map<String, List<String>> acks = all.<List<SeatEvent>>resultAt(1).stream()
                            .filter(e -> e.detail() instanceof EventDetail.AnnouncementAcknowledged)
                            .collect(Collectors.groupingBy(
                                    e -> ((EventDetail.AnnouncementAcknowledged) e.detail()).announcementId(),
                                    Collectors.mapping(e -> ticketOf.getOrDefault(e.attemptId(), e.seatCode()),
                                            Collectors.toList())));
                    return all.<List<Announcement>>resultAt(0).stream()
                            .filter(a -> a.roomId() == null || mayAccessRoom.test(a.roomId()))
                            .map(a -> new View(a.id(), a.roomId(), a.scope(), a.message(), a.by(), a.at(), 0,
                                    acks.getOrDefault(a.id(), List.of()).stream().sorted().toList()))
                            .toList();
                });
    }

    /** Every announcement reaching this seat that its attempt has not acknowledged, as messages for the page. */
    public Future<List<SeatMessage>> pendingFor(String sittingId, String attemptId, String seatCode) {
        return Future.all(store.announcements(sittingId), roomStore.seats(sittingId), events.forAttempt(attemptId))
                .map(all -> {
                    String room = roomOfSeat(all.resultAt(1)).get(seatCode);
                    Set<String> acked = all.<List<SeatEvent>>resultAt(2).stream()
                            .filter(e -> e.detail() instanceof EventDetail.AnnouncementAcknowledged)
                            .map(e -> ((EventDetail.AnnouncementAcknowledged) e.detail()).announcementId())
                            .collect(Collectors.toSet());
                    return all.<List<Announcement>>resultAt(0).stream()
                            .filter(a -> a.reaches(room) && !acked.contains(a.id()))
                            .map(Announcements::message).toList();
                });
    }

    /**
     * Records that the candidate at {@code seatCode} acknowledged the announcement, once (a page re-sending it after
     * a reconnect changes nothing); NOT_FOUND naming {@code announcementId} when no such announcement reached the
     * seat.
     */
    public Future<Void> acknowledge(String sittingId, String attemptId, String seatCode, String announcementId) {
        return Future.all(store.announcements(sittingId), roomStore.seats(sittingId), events.forAttempt(attemptId))
                .compose(all -> {
                    String room = roomOfSeat(all.resultAt(1)).get(seatCode);
                    List<SeatEvent> seatEvents = all.resultAt(2);
                    if (reached(all.resultAt(0), announcementId, room)) {
                        return record(sittingId, attemptId, seatCode, announcementId, seatEvents);
                    }
                    // The cached announcements may predate one pushed from another node a moment ago (its message
                    // dropping this node's cache can arrive after the push): ask the database before refusing.
                    return store.stored(sittingId).compose(stored -> reached(stored, announcementId, room)
                            ? record(sittingId, attemptId, seatCode, announcementId, seatEvents)
                            : Future.failedFuture(new ExamException(ErrorType.NOT_FOUND, "no announcement "
                                    + announcementId + " was made to this seat", Map.of("field", "announcementId"))));
                });
    }

    private static boolean reached(List<Announcement> announcements, String announcementId, String room) {
        return announcements.stream().anyMatch(a -> a.id().equals(announcementId) && a.reaches(room));
    }

    private Future<Void> record(String sittingId, String attemptId, String seatCode, String announcementId,
                                List<SeatEvent> seatEvents) {
        boolean already = seatEvents.stream()
                .anyMatch(e -> e.detail() instanceof EventDetail.AnnouncementAcknowledged ack
                        && ack.announcementId().equals(announcementId));
        if (already) {
            return Future.succeededFuture();
        }
        // One id per announcement and attempt (a name-based UUID fits the 64-character event id).
        String id = UUID.nameUUIDFromBytes((announcementId + ":" + attemptId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        SeatEvent ack = events.draft(id, sittingId, attemptId, seatCode, SeatEvent.Kind.ANNOUNCEMENT_ACKNOWLEDGED,
                new EventDetail.AnnouncementAcknowledged(announcementId), 0);
        return events.recordAll(List.of(ack));
    }
}
