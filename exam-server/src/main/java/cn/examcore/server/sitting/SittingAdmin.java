package cn.examcore.server.sitting;

import cn.examcore.bank.io.ImportContext;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.validate.ImportResult;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.EligibilityService;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.paper.BankLibrary;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.sitting.domain.Accommodation;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.roster.RosterEntry;
import cn.examcore.server.sitting.roster.RosterImport;
import cn.examcore.server.sitting.roster.RosterReader;
import cn.examcore.server.sitting.store.AgentKeyStore;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * 考务管理: what administrators do to set a sitting up and to close it, used by the admin HTTP API and by the
 * demo alike. Every change is checked completely before anything is written, and audited with its actor.
 */
public final class SittingAdmin {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SEAT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    private static final int MAX_SEATS_PER_ROOM = 500;

    private final Vertx vertx;
    private final LongSupplier clock;
    private final SittingStore sittingStore;
    private final RoomStore roomStore;
    private final RosterStore rosterStore;
    private final AgentKeyStore agentKeyStore;
    private final AttemptStore attempts;
    private final AuditLog audit;
    private final BankLibrary banks;
    private final PaperService papers;
    private final EligibilityService eligibility;
    private final RosterRules rosterRules;
    private final RosterReader rosterReader = new RosterReader();

    public SittingAdmin(Vertx vertx, LongSupplier clock, SittingStore sittingStore, RoomStore roomStore,
                        RosterStore rosterStore, AgentKeyStore agentKeyStore, AttemptStore attempts, AuditLog audit,
                        BankLibrary banks, PaperService papers, EligibilityService eligibility,
                        RosterRules rosterRules) {
        this.vertx = vertx;
        this.clock = clock;
        this.sittingStore = sittingStore;
        this.roomStore = roomStore;
        this.rosterStore = rosterStore;
        this.agentKeyStore = agentKeyStore;
        this.attempts = attempts;
        this.audit = audit;
        this.banks = banks;
        this.papers = papers;
        this.eligibility = eligibility;
        this.rosterRules = rosterRules;
    }

    private long now() {
        return clock.getAsLong();
    }

    /** Checks and stores a new sitting. */
    public Future<Sitting> createSitting(SittingRequest r, String actor) {
        require(r.title() != null && !r.title().isBlank() && r.title().length() <= 400, "title",
                "title is required (at most 400 characters)");
        require(r.occupation() != null && !r.occupation().isBlank() && r.occupation().length() <= 200, "occupation",
                "occupation is required (at most 200 characters)");
        require(r.level() >= 1 && r.level() <= 5, "level", "level must be 1 to 5");
        require(r.subject() != null, "subject", "subject must be THEORY (理论知识) or OPERATION (操作技能)");
        require(r.t0() > 0, "t0", "t0 is required (epoch milliseconds or an ISO-8601 instant)");
        require(r.durationMinutes() >= 1 && r.durationMinutes() <= 600, "durationMinutes",
                "durationMinutes must be 1 to 600");
        require(r.checkInMinutes() >= 0 && r.checkInMinutes() <= 240, "checkInMinutes",
                "checkInMinutes must be 0 to 240");
        require(r.passMark() >= 0 && r.passMark() <= 100, "passMark", "passMark must be 0 to 100");
        String pin = r.enrolmentPin() == null ? String.format("%06d", RANDOM.nextInt(1_000_000)) : r.enrolmentPin();
        // Six digits at least: with the per-address throttle a guesser needs thousands of addresses to cover them.
        require(pin.matches("[0-9]{6,32}"), "enrolmentPin", "enrolmentPin must be 6 to 32 digits");
        Sitting sitting = new Sitting(UUID.randomUUID().toString(), r.title().strip(), r.occupation().strip(),
                r.level(), r.subject(), r.t0(), r.durationMinutes(), r.checkInMinutes(), r.passMark(), pin, 0, null,
                null, 0);
        return sittingStore.createSitting(sitting)
                .compose(v -> audit.record(actor, "sitting.create", sitting.id(), sitting.id(),
                        Map.of("title", sitting.title(), "t0", sitting.t0(), "subject", sitting.subject().name())))
                .map(sitting);
    }

    /** The sitting, or UNKNOWN_SITTING. */
    public Future<Sitting> sitting(String id) {
        return sittingStore.existingSitting(id);
    }

    /**
     * Adds a room of {@code rows × cols} seats. Seat codes are given (row-major) or generated as NAME-01, NAME-02 ….
     */
    public Future<Room> addRoom(String sittingId, String name, int rows, int cols, List<String> seatCodes,
                                String actor) {
        require(name != null && SEAT_CODE.matcher(name).matches() && name.length() <= 40, "name",
                "a room name is 1 to 40 letters, digits, '-', '_' or '.'");
        require(rows >= 1 && cols >= 1 && rows * cols <= MAX_SEATS_PER_ROOM, "rows",
                "rows and cols must be at least 1 and rows × cols at most " + MAX_SEATS_PER_ROOM);
        List<String> codes = new ArrayList<>();
        if (seatCodes == null || seatCodes.isEmpty()) {
            for (int i = 1; i <= rows * cols; i++) {
                codes.add(String.format("%s-%02d", name, i));
            }
        } else {
            require(seatCodes.size() == rows * cols, "seatCodes", "seatCodes must list exactly rows × cols = "
                    + rows * cols + " codes, it has " + seatCodes.size());
            for (int i = 0; i < seatCodes.size(); i++) {
                String c = seatCodes.get(i);
                if (c == null || !SEAT_CODE.matcher(c).matches()) {
                    throw new ExamException(ErrorType.BAD_REQUEST, "seatCodes[" + i + "] is not a valid seat code",
                            Map.of("field", "seatCodes[" + i + "]"));
                }
                codes.add(c);
            }
            require(new HashSet<>(codes).size() == codes.size(), "seatCodes", "seat codes must be unique");
        }
        return sitting(sittingId).compose(sitting -> roomStore.seats(sittingId).compose(existing ->
                roomStore.rooms(sittingId).compose(rooms -> {
                    if (rooms.stream().anyMatch(r -> r.name().equals(name))) {
                        return Future.failedFuture(ExamException.field(ErrorType.CONFLICT, "name",
                                "the sitting already has a room " + name));
                    }
                    Set<String> taken = new HashSet<>();
                    existing.forEach(x -> taken.add(x.code()));
                    for (String c : codes) {
                        if (taken.contains(c)) {
                            return Future.failedFuture(ExamException.field(ErrorType.CONFLICT, "seatCodes",
                                    "seat code " + c + " is already used in this sitting"));
                        }
                    }
                    Room room = new Room(UUID.randomUUID().toString(), sittingId, name, rows, cols);
                    List<Seat> seats = new ArrayList<>();
                    for (int i = 0; i < codes.size(); i++) {
                        seats.add(new Seat(sittingId, codes.get(i), room.id(), i / cols + 1, i % cols + 1));
                    }
                    return roomStore.createRoom(room, seats)
                            .compose(v -> audit.record(actor, "room.create", sittingId, room.id(),
                                    Map.of("name", name, "rows", rows, "cols", cols)))
                            .map(room);
                })));
    }

    /** The outcome of a roster import: how many candidates, or every problem (and nothing stored). */
    public record RosterOutcome(int imported, List<Map<String, Object>> errors) {
    }

    /** Reads a roster file (CSV or .xlsx) and replaces the sitting's roster when it has no problem at all. */
    public Future<RosterOutcome> importRoster(String sittingId, String fileName, byte[] content, String actor) {
        return sitting(sittingId).compose(sitting -> roomStore.rooms(sittingId).compose(rooms ->
                roomStore.seats(sittingId).compose(seats -> vertx.executeBlocking(
                        () -> rosterReader.read(fileName, content), false).compose(parsed -> {
                            if (!parsed.ok()) {
                                List<Map<String, Object>> errors = parsed.errors().stream().map(e -> {
                                    Map<String, Object> m = new LinkedHashMap<>();
                                    m.put("row", e.row());
                                    m.put("column", e.column());
                                    m.put("field", e.field());
                                    m.put("message", e.message());
                                    return m;
                                }).toList();
                                return Future.succeededFuture(new RosterOutcome(0, errors));
                            }
                            return apply(sitting, rooms, seats, parsed, actor, fileName);
                        }))));
    }

    private Future<RosterOutcome> apply(Sitting sitting, List<Room> rooms, List<Seat> seats, RosterImport parsed,
                                        String actor, String fileName) {
        Map<String, Seat> byCode = new HashMap<>();
        seats.forEach(x -> byCode.put(x.code(), x));
        Map<String, String> roomIdByName = new HashMap<>();
        rooms.forEach(r -> roomIdByName.put(r.name(), r.id()));
        List<Candidate> candidates = new ArrayList<>();
        List<Accommodation> accommodations = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        Map<String, String> seatTakenBy = new HashMap<>();
        List<Integer> rowOf = new ArrayList<>();
        int row = 1;
        for (RosterEntry e : parsed.entries()) {
            row++;
            Optional<Seat> seat = resolveSeat(byCode, roomIdByName, e.room(), e.seat());
            if (seat.isEmpty()) {
                errors.add(Map.of("row", row, "column", "", "field", "seat", "message", "room " + e.room()
                        + " seat " + e.seat() + " is not a seat of this sitting (add the room first)"));
                continue;
            }
            String previous = seatTakenBy.put(seat.get().code(), e.ticket());
            if (previous != null) {
                errors.add(Map.of("row", row, "column", "", "field", "seat", "message", "seat "
                        + seat.get().code() + " is also assigned to ticket " + previous));
                continue;
            }
            candidates.add(new Candidate(sitting.id(), e.ticket(), e.idNumber(), e.name(), seat.get().code(),
                    new LinkedHashSet<>(e.subjects()), e.photoRef(), new Candidate.EvaluationRef(e.evaluation(),
                    e.body() == null ? Candidate.DEFAULT_BODY : e.body(), e.application())));
            if (e.accommodated()) {
                accommodations.add(new Accommodation(sitting.id(), e.ticket(), e.extraPercent(), e.extraMinutes(),
                        e.approvedBy()));
            }
            rowOf.add(row);
        }
        if (!errors.isEmpty()) {
            return Future.succeededFuture(new RosterOutcome(0, errors));
        }
        return eligibility.eligibility(sitting, candidates.stream().map(Candidate::idNumber).toList())
                .compose(refusals -> {
                    // 禁考核查: a banned candidate is refused naming the ban, and then nothing is imported.
                    for (int i = 0; i < candidates.size(); i++) {
                        String why = refusals.get(i);
                        if (why != null) {
                            errors.add(Map.of("row", rowOf.get(i), "column", "", "field", "idNumber",
                                    "message", "ticket " + candidates.get(i).ticket() + ": " + why));
                        }
                    }
                    if (!errors.isEmpty()) {
                        return Future.succeededFuture(new RosterOutcome(0, errors));
                    }
                    // 评价规则: which evaluation a row joins and what a makeup may sit, per the body's rules.
                    return rosterRules.check(sitting, candidates).compose(refused -> {
                        for (int i = 0; i < candidates.size(); i++) {
                            RosterRules.RosterRefusal why = refused.get(i);
                            if (why != null) {
                                errors.add(Map.of("row", rowOf.get(i), "column", "", "field", why.field(),
                                        "message", "ticket " + candidates.get(i).ticket() + ": " + why.message()));
                            }
                        }
                        return errors.isEmpty() ? store(sitting, candidates, accommodations, actor, fileName)
                                : Future.succeededFuture(new RosterOutcome(0, errors));
                    });
                });
    }

    private Future<RosterOutcome> store(Sitting sitting, List<Candidate> candidates,
                                        List<Accommodation> accommodations, String actor, String fileName) {
        return rosterStore.replaceRoster(sitting.id(), candidates, accommodations)
                .compose(v -> audit.record(actor, "roster.import", sitting.id(), fileName,
                        Map.of("candidates", candidates.size(), "accommodations", accommodations.size())))
                .map(new RosterOutcome(candidates.size(), List.of()));
    }

    private static Optional<Seat> resolveSeat(Map<String, Seat> byCode, Map<String, String> roomIdByName,
                                              String room, String seat) {
        String roomId = roomIdByName.get(room);
        List<String> tries = new ArrayList<>(List.of(seat, room + "-" + seat));
        if (seat.matches("\\d+")) {
            tries.add(String.format("%s-%02d", room, Integer.parseInt(seat)));
        }
        for (String code : tries) {
            Seat found = byCode.get(code);
            if (found != null && (roomId == null || found.roomId().equals(roomId))) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /**
     * Imports a bank with the administrator's defaults for items without tags; stored only when accepted; the whole
     * validation report (each defaulted value a warning) comes back either way.
     */
    /** The imported banks with their ids, newest first. */
    public Future<List<cn.examcore.server.paper.store.BankStore.BankSummary>> banks() {
        return banks.list();
    }

    public Future<ImportResult> uploadBank(String fileName, byte[] content, ImportContext context, String actor) {
        return banks.upload(fileName, content, context).compose(r -> r.bank().isEmpty() ? Future.succeededFuture(r)
                : audit.record(actor, "bank.import", null, r.bank().get().id(),
                        Map.of("fileName", fileName, "items", r.bank().get().items().size())).map(r));
    }

    /** Attaches the bank and the blueprint papers are drawn with; the blueprint must fit the sitting. */
    public Future<Sitting> attachBlueprint(String sittingId, String bankId, String blueprintJson, String actor) {
        var blueprint = PaperService.blueprint(blueprintJson);
        return sitting(sittingId).compose(sitting -> {
            if (blueprint.tags().subject() != sitting.subject()) {
                return Future.failedFuture(ExamException.field(ErrorType.BLUEPRINT_REJECTED, "blueprint",
                        "the blueprint is for " + blueprint.tags().subject() + " but the sitting is "
                                + sitting.subject()));
            }
            return banks.bank(bankId).compose(bank -> {
                Sitting updated = sitting.withBlueprint(bankId, blueprintJson);
                return sittingStore.updateSitting(updated)
                        .compose(v -> audit.record(actor, "blueprint.attach", sittingId, blueprint.id(),
                                Map.of("bankId", bankId)))
                        .map(updated);
            });
        });
    }

    /** Assembles every candidate's paper. */
    public Future<Integer> assemble(String sittingId, String actor) {
        return sitting(sittingId).compose(sitting -> papers.assemble(sitting))
                .compose(n -> audit.record(actor, "papers.assemble", sittingId, sittingId, Map.of("papers", n))
                        .map(n));
    }

    /** Releases the key now: every waiting attempt of the sitting starts, every seat gets its key. */
    public Future<Sitting> start(String sittingId, String actor) {
        long now = now();
        return sitting(sittingId).compose(sitting -> {
            if (sitting.assembledAt() == 0) {
                return Future.failedFuture(new ExamException(ErrorType.CONFLICT,
                        "assemble the papers before starting the sitting"));
            }
            if (sitting.started(now)) {
                return Future.succeededFuture(sitting);
            }
            Sitting released = sitting.withRelease(now);
            return sittingStore.updateSitting(released)
                    .compose(v -> attempts.release(sittingId, now))
                    .compose(v -> audit.record(actor, "sitting.start", sittingId, sittingId, Map.of("at", now)))
                    .map(v -> {
                        vertx.eventBus().publish(Addresses.SITTING_RELEASED, sittingId);
                        return released;
                    });
        });
    }

    /** Every sitting, by T0. */
    public Future<List<Sitting>> sittings() {
        return sittingStore.sittings();
    }

    /** The sitting's rooms, by name. */
    public Future<List<Room>> rooms(String sittingId) {
        return roomStore.rooms(sittingId);
    }

    /** The sitting's seats, by room, row and column. */
    public Future<List<Seat>> seats(String sittingId) {
        return roomStore.seats(sittingId);
    }

    /** The sitting's roster, by ticket. */
    public Future<List<Candidate>> candidates(String sittingId) {
        return rosterStore.candidates(sittingId);
    }

    /** Issues a seat-agent key for the sitting; only its hash is stored, so it is shown once. */
    public Future<String> issueAgentKey(String sittingId, String actor) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String key = "ak_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return sitting(sittingId).compose(sitting -> agentKeyStore.saveAgentKey(hash(key), sittingId, actor, now()))
                .compose(v -> audit.record(actor, "agent-key.issue", sittingId, null, Map.of()))
                .map(key);
    }

    /** The stored form of an agent key. */
    public static String hash(String agentKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(agentKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a subject as the API accepts it: enum name or Chinese name. */
    public static Subject subject(String text) {
        return Subject.parse(text).orElseThrow(() -> ExamException.field(ErrorType.BAD_REQUEST, "subject",
                "subject must be THEORY (理论知识) or OPERATION (操作技能), was " + text));
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, message);
        }
    }
}
