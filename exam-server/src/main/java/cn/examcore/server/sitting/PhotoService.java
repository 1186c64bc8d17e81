package cn.examcore.server.sitting;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.CandidatePhoto;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.photo.ArchivePhoto;
import cn.examcore.server.sitting.photo.PhotoArchive;
import cn.examcore.server.sitting.photo.PhotoLimits;
import cn.examcore.server.sitting.photo.PhotoProblem;
import cn.examcore.server.sitting.store.PhotoStore;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * 考生照片: the import of a sitting's photo archive, and who may see which photo. An archive is checked whole
 * ({@link PhotoArchive}) against the roster already imported, and stored only when nothing at all is wrong with it.
 * Staff see a photo within their rooms' scope; a candidate sees their own.
 */
public final class PhotoService {

    private final Vertx vertx;
    private final LongSupplier clock;
    private final SittingStore sittings;
    private final RoomStore rooms;
    private final RosterStore roster;
    private final PhotoStore photos;
    private final AuditLog audit;
    private final PhotoArchive archive;

    public PhotoService(Vertx vertx, LongSupplier clock, SittingStore sittings, RoomStore rooms, RosterStore roster,
                        PhotoStore photos, AuditLog audit, PhotoLimits limits) {
        this.vertx = vertx;
        this.clock = clock;
        this.sittings = sittings;
        this.rooms = rooms;
        this.roster = roster;
        this.photos = photos;
        this.audit = audit;
        this.archive = new PhotoArchive(limits);
    }

    /** The outcome of an import: how many photos were stored, or every problem (and nothing stored). */
    public record ImportOutcome(int imported, List<PhotoProblem> problems) {
    }

    /**
     * Reads the archive, matches each photo to a candidate of the sitting by ticket or ID number, and stores them all
     * when there is no problem; a photo replaces the candidate's earlier one, other candidates' photos stay.
     */
    public Future<ImportOutcome> importArchive(String sittingId, byte[] zip, String fileName, String actor) {
        return sittings.existingSitting(sittingId).compose(s -> roster.candidates(sittingId)).compose(candidates -> {
            if (candidates.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.CONFLICT, "roster",
                        "import the roster first: photos are matched to its ticket and ID numbers"));
            }
            Map<String, String> ticketOf = new HashMap<>();
            for (Candidate c : candidates) {
                ticketOf.put(key(c.ticket()), c.ticket());
                ticketOf.put(key(c.idNumber()), c.ticket());
            }
            return vertx.executeBlocking(() -> archive.read(zip, stem -> Optional.ofNullable(ticketOf.get(key(stem)))),
                    false);
        }).compose(out -> {
            if (!out.ok()) {
                return Future.succeededFuture(new ImportOutcome(0, out.problems()));
            }
            long now = clock.getAsLong();
            List<CandidatePhoto> stored = out.photos().stream().map(p -> photo(sittingId, p, actor, now)).toList();
            return photos.savePhotos(sittingId, stored)
                    .compose(v -> audit.record(actor, "photos.import", sittingId, fileName,
                            Map.of("photos", stored.size())))
                    .map(new ImportOutcome(stored.size(), List.of()));
        });
    }

    private static CandidatePhoto photo(String sittingId, ArchivePhoto p, String actor, long now) {
        return new CandidatePhoto(sittingId, p.ticket(), p.header().type().mediaType(), p.header().width(),
                p.header().height(), p.bytes(), actor, now);
    }

    /** Tickets and ID numbers are matched whatever the case (an ID number's check letter X is often typed x). */
    private static String key(String ticketOrId) {
        return ticketOrId.strip().toUpperCase(Locale.ROOT);
    }

    /** How many of the sitting's candidates have a photo, and which do not. */
    public Future<Map<String, Object>> coverage(String sittingId) {
        return sittings.existingSitting(sittingId).compose(s -> Future.all(roster.candidates(sittingId),
                photos.ticketsWithPhoto(sittingId))).map(all -> {
                    List<Candidate> candidates = all.resultAt(0);
                    Set<String> with = Set.copyOf(all.<List<String>>resultAt(1));
                    List<String> missing = candidates.stream().map(Candidate::ticket).filter(t -> !with.contains(t))
                            .toList();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("candidates", candidates.size());
                    m.put("withPhoto", candidates.size() - missing.size());
                    m.put("missing", missing);
                    return m;
                });
    }

    /**
     * The photo of a candidate of the sitting, for staff who may see the candidate's room: FORBIDDEN for a seat
     * outside it, NOT_FOUND for no such candidate or no photo.
     */
    public Future<CandidatePhoto> photoForStaff(String sittingId, String ticket, Predicate<String> mayAccessRoom) {
        return sittings.existingSitting(sittingId).compose(s -> roster.candidate(sittingId, ticket))
                .compose(c -> {
                    if (c.isEmpty()) {
                        return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "ticket",
                                "no candidate " + ticket + " in this sitting"));
                    }
                    return rooms.seats(sittingId).compose(seats -> {
                        String roomId = seats.stream().filter(x -> x.code().equals(c.get().seatCode()))
                                .map(Seat::roomId).findFirst().orElse(null);
                        if (roomId == null || !mayAccessRoom.test(roomId)) {
                            return Future.failedFuture(new ExamException(ErrorType.FORBIDDEN,
                                    "candidate " + ticket + " does not sit in one of your rooms"));
                        }
                        return stored(sittingId, ticket);
                    });
                });
    }

    /** The candidate's own photo (the ticket comes from their token, never from a parameter). */
    public Future<CandidatePhoto> ownPhoto(String sittingId, String ticket) {
        return stored(sittingId, ticket);
    }

    /** The photo, or empty, without any access check: for the admission ticket of a candidate already found. */
    public Future<Optional<CandidatePhoto>> photo(String sittingId, String ticket) {
        return photos.photo(sittingId, ticket);
    }

    private Future<CandidatePhoto> stored(String sittingId, String ticket) {
        return photos.photo(sittingId, ticket).compose(p -> p.isPresent() ? Future.succeededFuture(p.get())
                : Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "photo",
                        "no photo of candidate " + ticket + " has been imported")));
    }
}
