package cn.examcore.server.admission;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.SkillLevel;
import cn.examcore.server.admission.domain.AdmissionSettings;
import cn.examcore.server.admission.domain.CandidateRules;
import cn.examcore.server.admission.domain.IdNumberMask;
import cn.examcore.server.admission.domain.TicketSheet;
import cn.examcore.server.admission.store.AdmissionStore;
import cn.examcore.server.auth.Throttles;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.sitting.PhotoService;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * 准考证: a sitting's admission settings, the ticket PDF per candidate and per sitting or room, and the public
 * download by name and ID number. A ticket lists every subject the candidate sits for the same occupation and level
 * (theory and operation are separate sittings), each with its date, time, site, room and seat.
 */
public final class AdmissionTickets {

    /** Times on a ticket are Beijing time, as the notices write them. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZONE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZONE);
    private static final DateTimeFormatter OPENS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZONE);
    /** The one answer for a name and ID number that match no ticket, whichever of the two is wrong. */
    static final String NO_MATCH = "no admission ticket matches this name and ID number: check both exactly as on "
            + "your ID card";
    /** Longest text of a site's name and address. */
    public static final int MAX_SITE_CHARS = 200;

    private final Vertx vertx;
    private final LongSupplier clock;
    private final SittingStore sittings;
    private final RoomStore rooms;
    private final RosterStore roster;
    private final PhotoService photos;
    private final AdmissionStore store;
    private final AuditLog audit;
    private final Throttles throttles;
    private final TicketPdf pdf;

    public AdmissionTickets(Vertx vertx, LongSupplier clock, SittingStore sittings, RoomStore rooms,
                            RosterStore roster, PhotoService photos, AdmissionStore store, AuditLog audit,
                            Throttles throttles, TicketPdf pdf) {
        this.vertx = vertx;
        this.clock = clock;
        this.sittings = sittings;
        this.rooms = rooms;
        this.roster = roster;
        this.photos = photos;
        this.store = store;
        this.audit = audit;
        this.throttles = throttles;
        this.pdf = pdf;
    }

    /** The sitting's settings: as saved, or the defaults (tickets a week before T0, no identity gate). */
    public Future<AdmissionSettings> settings(String sittingId) {
        return sittings.existingSitting(sittingId).compose(s -> settings(s));
    }

    private Future<AdmissionSettings> settings(Sitting s) {
        return store.settings(s.id()).map(o -> o.orElse(AdmissionSettings.defaults(s.id(), s.t0())));
    }

    /** Saves the settings; {@code ticketsOpenAt} null means the default, a week before T0. */
    public Future<AdmissionSettings> saveSettings(String sittingId, String siteName, String siteAddress,
                                                  Long ticketsOpenAt, boolean identityRequired,
                                                  boolean chargeIdentityDelay, String actor) {
        return sittings.existingSitting(sittingId).compose(s -> {
            long opens = ticketsOpenAt == null ? s.t0() - AdmissionSettings.DEFAULT_OPEN_BEFORE_MILLIS : ticketsOpenAt;
            if (opens > s.t0()) {
                return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "ticketsOpenAt",
                        "tickets must open before the sitting's T0 (" + OPENS.format(Instant.ofEpochMilli(s.t0()))
                                + " Beijing time)"));
            }
            AdmissionSettings saved = new AdmissionSettings(sittingId, siteName.strip(), siteAddress.strip(), opens,
                    identityRequired, chargeIdentityDelay);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("siteName", saved.siteName());
            detail.put("siteAddress", saved.siteAddress());
            detail.put("ticketsOpenAt", opens);
            detail.put("identityRequired", identityRequired);
            detail.put("chargeIdentityDelay", chargeIdentityDelay);
            return store.saveSettings(saved, actor, clock.getAsLong())
                    .compose(v -> audit.record(actor, "admission.settings", sittingId, sittingId, detail))
                    .map(saved);
        });
    }

    /** One candidate's ticket, for an administrator. */
    public Future<byte[]> ticketPdf(String sittingId, String ticket, TicketPdf.Paper paper) {
        return sittings.existingSitting(sittingId).compose(s -> roster.candidate(sittingId, ticket).compose(c -> {
            if (c.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "ticket",
                        "no candidate " + ticket + " in this sitting"));
            }
            return sheets(s, List.of(c.get()));
        })).compose(sheets -> render(sheets, paper));
    }

    /** Every ticket of the sitting, or of one of its rooms, by seat: for group applicants' organisations. */
    public Future<byte[]> batchPdf(String sittingId, String roomId, TicketPdf.Paper paper) {
        return sittings.existingSitting(sittingId).compose(s -> Future.all(roster.candidates(sittingId),
                rooms.rooms(sittingId), rooms.seats(sittingId)).compose(all -> {
                    List<Candidate> candidates = all.resultAt(0);
                    List<Room> roomList = all.resultAt(1);
                    List<Seat> seats = all.resultAt(2);
                    if (roomId != null && roomList.stream().noneMatch(r -> r.id().equals(roomId))) {
                        return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "roomId",
                                "room " + roomId + " is not a room of this sitting"));
                    }
                    Map<String, Seat> seatByCode = new HashMap<>();
                    seats.forEach(x -> seatByCode.put(x.code(), x));
                    Map<String, Integer> order = new HashMap<>();
                    for (int i = 0; i < seats.size(); i++) {
                        order.put(seats.get(i).code(), i);
                    }
                    List<Candidate> chosen = candidates.stream().filter(c -> roomId == null
                                    || seatByCode.containsKey(c.seatCode())
                                    && seatByCode.get(c.seatCode()).roomId().equals(roomId))
                            .sorted(Comparator.comparing(c -> order.getOrDefault(c.seatCode(), Integer.MAX_VALUE)))
                            .toList();
                    if (chosen.isEmpty()) {
                        return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, roomId == null ? "roster"
                                : "roomId", roomId == null ? "the sitting has no candidates yet: import the roster"
                                : "no candidate sits in this room"));
                    }
                    return sheets(s, chosen);
                })).compose(sheets -> render(sheets, paper));
    }

    /** What a public download found: the PDF, or when the ticket opens. */
    public record Download(byte[] pdf, long opensAt) {
    }

    /**
     * 准考证下载: the tickets of the candidate with this name and ID number, once their sitting's tickets are open.
     * Every request counts against its address and its ID number, right or wrong. A wrong name and an unknown ID
     * number get the same answer ({@link #NO_MATCH}); only someone who knows both learns when the ticket opens.
     */
    public Future<Download> download(String name, String idNumber, String clientAddress, TicketPdf.Paper paper) {
        String id = idNumber.strip().toUpperCase(Locale.ROOT);
        return Future.all(throttles.spend(new Throttles.Key(Throttles.Kind.TICKET_ADDRESS, clientAddress)),
                throttles.spend(new Throttles.Key(Throttles.Kind.TICKET_ID, id))).compose(spent -> {
                    if (!spent.<Boolean>resultAt(0) || !spent.<Boolean>resultAt(1)) {
                        return Future.failedFuture(new ExamException(ErrorType.RATE_LIMITED, "too many ticket "
                                + "downloads from this address or for this ID number; try again in a few minutes",
                                Map.of("retryAfterSeconds", 120)));
                    }
                    return matches(name, id);
                }).compose(found -> {
                    if (found.isEmpty()) {
                        return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "idNumber", NO_MATCH));
                    }
                    return Future.all(found.stream().map(m -> settings(m.sitting())).toList()).compose(all -> {
                        long now = clock.getAsLong();
                        List<Match> open = new ArrayList<>();
                        long earliest = Long.MAX_VALUE;
                        for (int i = 0; i < found.size(); i++) {
                            AdmissionSettings st = all.resultAt(i);
                            if (st.ticketsOpenAt() <= now) {
                                open.add(found.get(i));
                            } else {
                                earliest = Math.min(earliest, st.ticketsOpenAt());
                            }
                        }
                        if (open.isEmpty()) {
                            return Future.succeededFuture(new Download(null, earliest));
                        }
                        // One ticket per occupation and level: its other subjects are listed on it anyway.
                        Map<String, Match> first = new LinkedHashMap<>();
                        open.stream().sorted(Comparator.comparingLong(m -> m.sitting().t0()))
                                .forEach(m -> first.putIfAbsent(m.sitting().occupation() + "|" + m.sitting().level(),
                                        m));
                        List<Future<List<TicketSheet>>> parts = first.values().stream()
                                .map(m -> sheets(m.sitting(), List.of(m.candidate()))).toList();
                        return Future.all(parts).compose(p -> {
                            List<TicketSheet> sheets = new ArrayList<>();
                            for (int i = 0; i < parts.size(); i++) {
                                sheets.addAll(p.<List<TicketSheet>>resultAt(i));
                            }
                            return render(sheets, paper).map(bytes -> new Download(bytes, 0));
                        });
                    });
                });
    }

    private record Match(Sitting sitting, Candidate candidate) {
    }

    /** Every roster entry with this ID number whose name matches too, across the sittings. */
    private Future<List<Match>> matches(String name, String id) {
        String wanted = normalName(name);
        return sittings.sittings().compose(list -> Future.all(list.stream().map(s -> roster.candidates(s.id())
                .map(cs -> cs.stream().filter(c -> c.idNumber().toUpperCase(Locale.ROOT).equals(id)
                        && normalName(c.name()).equals(wanted)).map(c -> new Match(s, c)).toList())).toList())
                .map(all -> {
                    List<Match> out = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        out.addAll(all.<List<Match>>resultAt(i));
                    }
                    return out;
                }));
    }

    /** Names compared without spaces and with one kind of middle dot (少数民族 names: 阿依·买买提). */
    static String normalName(String name) {
        return name.strip().replaceAll("\\s+", "").replace('•', '·').replace('・', '·').replace('.', '·');
    }

    /**
     * The sheets of these candidates of sitting {@code s}: each lists every sitting of the same occupation and level
     * the candidate (by ID number) is on the roster of.
     */
    private Future<List<TicketSheet>> sheets(Sitting s, List<Candidate> candidates) {
        return sittings.sittings().compose(all -> {
            List<Sitting> related = all.stream().filter(x -> x.occupation().equals(s.occupation())
                    && x.level() == s.level()).sorted(Comparator.comparingLong(Sitting::t0)).toList();
            List<Future<Map<String, TicketSheet.Session>>> perSitting = related.stream().map(this::sessions)
                    .toList();
            return Future.all(perSitting).compose(sessionsBySitting -> {
                List<Future<TicketSheet>> sheets = new ArrayList<>();
                for (Candidate c : candidates) {
                    List<TicketSheet.Session> list = new ArrayList<>();
                    for (int i = 0; i < related.size(); i++) {
                        TicketSheet.Session x = sessionsBySitting.<Map<String, TicketSheet.Session>>resultAt(i)
                                .get(c.idNumber().toUpperCase(Locale.ROOT));
                        if (x != null) {
                            list.add(x);
                        }
                    }
                    sheets.add(photos.photo(s.id(), c.ticket()).map(p -> new TicketSheet(c.ticket(), c.name(),
                            IdNumberMask.mask(c.idNumber()), s.occupation(), level(s.level()),
                            p.map(x -> new TicketSheet.Photo(x.mediaType(), x.content())).orElse(null), list,
                            CandidateRules.SUMMARY)));
                }
                return Future.all(sheets).map(f -> f.<TicketSheet>list());
            });
        });
    }

    /** Each candidate's session in this sitting, by ID number. */
    private Future<Map<String, TicketSheet.Session>> sessions(Sitting s) {
        return Future.all(roster.candidates(s.id()), rooms.rooms(s.id()), rooms.seats(s.id()), settings(s))
                .map(all -> {
                    List<Candidate> cs = all.resultAt(0);
                    Map<String, String> roomName = new HashMap<>();
                    all.<List<Room>>resultAt(1).forEach(r -> roomName.put(r.id(), r.name()));
                    Map<String, String> roomOfSeat = new HashMap<>();
                    all.<List<Seat>>resultAt(2).forEach(x -> roomOfSeat.put(x.code(), roomName.get(x.roomId())));
                    AdmissionSettings st = all.resultAt(3);
                    Instant start = Instant.ofEpochMilli(s.t0());
                    String time = TIME.format(start) + "–" + TIME.format(start.plusSeconds(s.durationSeconds()));
                    Map<String, TicketSheet.Session> out = new HashMap<>();
                    for (Candidate c : cs) {
                        if (!c.subjects().contains(s.subject())) {
                            continue;
                        }
                        String room = roomOfSeat.getOrDefault(c.seatCode(), "");
                        String seat = c.seatCode().startsWith(room + "-") ? c.seatCode().substring(room.length() + 1)
                                : c.seatCode();
                        out.put(c.idNumber().toUpperCase(Locale.ROOT), new TicketSheet.Session(
                                s.subject().chineseName(), DATE.format(start), time, st.siteName(), st.siteAddress(),
                                room, seat));
                    }
                    return out;
                });
    }

    private static String level(int level) {
        return SkillLevel.name(level);
    }

    private Future<byte[]> render(List<TicketSheet> sheets, TicketPdf.Paper paper) {
        return vertx.executeBlocking(() -> pdf.render(sheets, paper), false);
    }

    /** When tickets open, as a candidate reads it: Beijing time. */
    public static String opensText(long at) {
        return OPENS.format(Instant.ofEpochMilli(at));
    }
}
