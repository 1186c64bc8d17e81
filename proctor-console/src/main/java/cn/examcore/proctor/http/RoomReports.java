package cn.examcore.proctor.http;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.ProctorRooms.RoomLayout;
import cn.examcore.contract.ProctorRooms.SeatPlace;
import cn.examcore.contract.ProctorRooms.SittingRooms;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.Severity;
import cn.examcore.contract.SkillLevel;
import cn.examcore.contract.StaffIdentity;
import cn.examcore.platform.json.Json;
import cn.examcore.proctor.report.RoomReport;
import cn.examcore.proctor.report.RoomReportBuilder;
import cn.examcore.proctor.report.RoomReportException;
import cn.examcore.proctor.report.RoomReportPdf;
import cn.examcore.proctor.report.RoomReportXlsx;
import cn.examcore.proctor.upstream.ExamServerClient;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.multipdf.PDFMergerUtility;

/**
 * 考场记录 on request: reads a room's roster, seat events, decisions and announcements from exam-server with the
 * caller's own token (so exam-server decides which rooms the caller may see), builds the {@link RoomReport} and
 * renders it as PDF or xlsx; a whole sitting is every visible room's PDF, one after another.
 */
final class RoomReports {


    private final Vertx vertx;
    private final ExamServerClient exam;

    RoomReports(Vertx vertx, ExamServerClient exam) {
        this.vertx = vertx;
        this.exam = exam;
    }

    /** The data one sitting's records are built from, as the caller may see it. */
    private record Source(SittingRooms layout, List<SeatEvent> events, JsonNode decisions, JsonNode announcements,
                          String caller) {
    }

    private Future<Source> source(String sittingId, String token) {
        String base = "/api/proctor/sittings/" + ExamServerClient.encode(sittingId);
        return Future.all(List.of(exam.get(base + "/rooms", token), exam.get(base + "/events", token),
                        exam.get(base + "/decisions", token), exam.get(base + "/announcements", token),
                        exam.identify(token)))
                .map(all -> new Source(Json.mapper().convertValue(all.<JsonNode>resultAt(0), SittingRooms.class),
                        Json.mapper().convertValue(all.<JsonNode>resultAt(1), new TypeReference<List<SeatEvent>>() { }),
                        all.resultAt(2), all.resultAt(3),
                        all.<StaffIdentity>resultAt(4).username()));
    }

    /** One room's record as PDF ({@code pdf}) or spreadsheet ({@code xlsx}); empty when the room is not visible. */
    Future<Optional<byte[]>> room(String sittingId, String roomId, String format, String token) {
        return source(sittingId, token).compose(src -> {
            Optional<RoomLayout> room = src.layout().rooms().stream().filter(r -> r.id().equals(roomId)).findFirst();
            if (room.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            RoomReport report = build(src, room.get());
            return vertx.executeBlocking(() -> Optional.of(render(report, format)), false);
        });
    }

    /** Every room of the sitting the caller may see, one PDF. */
    Future<byte[]> sitting(String sittingId, String token) {
        return source(sittingId, token).compose(src -> {
            List<RoomReport> reports = new ArrayList<>();
            for (RoomLayout room : src.layout().rooms()) {
                if (room.seats().stream().anyMatch(s -> s.ticket() != null)) {
                    reports.add(build(src, room));
                }
            }
            if (reports.isEmpty()) {
                throw new RoomReportException("rooms", "no room of this sitting has candidates");
            }
            return vertx.executeBlocking(() -> merged(reports), false);
        });
    }

    private static byte[] merged(List<RoomReport> reports) throws IOException {
        PDFMergerUtility merger = new PDFMergerUtility();
        for (RoomReport r : reports) {
            merger.addSource(new RandomAccessReadBuffer(render(r, "pdf")));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        merger.setDestinationStream(out);
        merger.mergeDocuments(IOUtils.createMemoryOnlyStreamCache());
        return out.toByteArray();
    }

    private static byte[] render(RoomReport report, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if ("xlsx".equals(format)) {
                new RoomReportXlsx().write(report, out);
            } else {
                new RoomReportPdf().write(report, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the room record", e);
        }
        return out.toByteArray();
    }

    private static RoomReport build(Source src, RoomLayout room) {
        SittingRooms s = src.layout();
        Instant start = Instant.ofEpochMilli(s.t0());
        String level = SkillLevel.name(s.level());
        String subject = "OPERATION".equals(s.subject()) ? "操作技能" : "理论知识";
        RoomReportBuilder b = new RoomReportBuilder(new RoomReport.Sitting(s.id(), s.title(), s.occupation(), level,
                subject, start.atZone(RoomReport.ZONE).toLocalDate(), start, Duration.ofMinutes(s.durationMinutes())),
                new RoomReport.Room(room.name(), room.rows(), room.cols()));
        // The record lists each candidate at the seat the roster first gave them: exam-server's roster names the
        // seat they sit at now, so the seat changes are walked back, latest first.
        List<SeatEvent> moves = src.events().stream().filter(e -> e.detail() instanceof EventDetail.SeatChanged)
                .sorted(java.util.Comparator.comparingLong(SeatEvent::at).reversed()).toList();
        java.util.Map<String, SeatPlace> byTicket = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> seatOf = new java.util.HashMap<>();
        for (RoomLayout r : s.rooms()) {
            for (SeatPlace p : r.seats()) {
                if (p.ticket() != null) {
                    byTicket.put(p.ticket(), p);
                    seatOf.put(p.ticket(), p.code());
                }
            }
        }
        for (SeatEvent e : moves) {
            EventDetail.SeatChanged c = (EventDetail.SeatChanged) e.detail();
            seatOf.entrySet().stream().filter(x -> x.getValue().equals(c.to())).findFirst()
                    .ifPresent(x -> x.setValue(c.from()));
        }
        Set<String> roomSeats = new LinkedHashSet<>();
        room.seats().forEach(p -> roomSeats.add(p.code()));
        Set<String> tickets = new LinkedHashSet<>();
        Set<String> known = new LinkedHashSet<>();
        for (var entry : seatOf.entrySet()) {
            if (roomSeats.contains(entry.getValue())) {
                SeatPlace p = byTicket.get(entry.getKey());
                b.seat(entry.getValue(), p.ticket(), p.name(), p.maskedIdNumber());
                tickets.add(p.ticket());
                known.add(entry.getValue());
            }
        }
        // The proctors who sign: the one asking, then everyone who acted in the room, in the order they acted.
        Set<String> proctors = new LinkedHashSet<>();
        proctors.add(src.caller());
        List<RoomReport.SeatChange> changes = new ArrayList<>();
        for (SeatEvent e : src.events().stream().sorted(java.util.Comparator.comparingLong(SeatEvent::at)).toList()) {
            if (e.detail() instanceof EventDetail.SeatChanged c && known.contains(c.from())) {
                changes.add(new RoomReport.SeatChange(c.from(), c.to(), c.by(), Instant.ofEpochMilli(e.at()),
                        c.reason()));
                proctors.add(c.by());
                known.add(c.to());
            }
        }
        // The record is about candidates: an incident at a seat nobody sat at is not part of it (the builder checks
        // every row against the roster and the seat changes).
        List<SeatEvent> kept = new ArrayList<>();
        for (SeatEvent e : src.events()) {
            if (known.contains(e.seatCode()) && !(e.detail() instanceof EventDetail.SeatChanged)) {
                by(e).ifPresent(proctors::add);
                kept.add(e);
            }
        }
        b.events(kept).seatChanges(changes);
        b.decisions(decisions(src.decisions(), known));
        List<RoomReport.AnnouncementRow> announcements = new ArrayList<>();
        for (JsonNode a : src.announcements()) {
            String roomOf = a.path("roomId").isNull() ? null : a.path("roomId").asText(null);
            if (roomOf != null && !roomOf.equals(room.id())) {
                continue;
            }
            int acknowledged = 0;
            for (JsonNode t : a.path("acknowledged")) {
                if (tickets.contains(t.asText())) {
                    acknowledged++;
                }
            }
            announcements.add(new RoomReport.AnnouncementRow(Instant.ofEpochMilli(a.path("at").asLong()),
                    roomOf == null ? "全场" : "本考场", a.path("message").asText(), a.path("by").asText(),
                    acknowledged));
        }
        b.announcements(announcements);
        proctors.forEach(b::proctor);
        return b.build();
    }

    /**
     * The room's decisions with their appeal history: each first decision at a seat of the room, followed through
     * {@code revisedBy} to the revisions that replaced it (复议). A decision that never confirmed misconduct, as taken
     * or on appeal, is not a decision of the record; one confirmed and later dismissed stays, marked as revised.
     */
    static List<RoomReport.Decision> decisions(Iterable<JsonNode> all, Set<String> seats) {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode d : all) {
            byId.put(d.path("decisionId").asText(), d);
        }
        List<RoomReport.Decision> out = new ArrayList<>();
        for (JsonNode d : all) {
            if (d.hasNonNull("revises") || !seats.contains(d.path("seatCode").asText())) {
                continue; // a revision is shown with the decision it revises
            }
            MisconductCode code = MisconductCode.parse(d.path("category").asText()).orElse(null);
            if (code == null) {
                continue;
            }
            boolean confirmed = "CONFIRMED".equals(d.path("outcome").asText());
            List<RoomReport.Revision> revisions = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            JsonNode at = d;
            while (at.hasNonNull("revisedBy") && seen.add(at.path("revisedBy").asText())
                    && byId.containsKey(at.path("revisedBy").asText())) {
                at = byId.get(at.path("revisedBy").asText());
                boolean upheld = "CONFIRMED".equals(at.path("outcome").asText());
                revisions.add(new RoomReport.Revision(upheld,
                        upheld ? MisconductCode.parse(at.path("category").asText()).orElse(code) : null,
                        upheld ? sanction(at) : "不予认定，撤销处理", at.path("by").asText(),
                        Instant.ofEpochMilli(at.path("at").asLong()), at.path("reason").asText(null)));
            }
            if (!confirmed && revisions.stream().noneMatch(RoomReport.Revision::confirmed)) {
                continue;
            }
            String severity = d.path("severity").asText(null);
            out.add(new RoomReport.Decision(d.path("seatCode").asText(), code,
                    severity == null || severity.isEmpty() ? null : Severity.valueOf(severity),
                    d.path("by").asText(), Instant.ofEpochMilli(d.path("at").asLong()),
                    confirmed ? sanction(d) : "不予认定", revisions));
        }
        return out;
    }

    private static String sanction(JsonNode d) {
        return "ALL_SUBJECTS".equals(d.path("sanction").path("cancels").asText(""))
                ? "取消当次全部科目成绩" : "取消当次该科目成绩";
    }

    /** The staff member a proctor's seat event names, if it is one. */
    private static Optional<String> by(SeatEvent e) {
        EventDetail d = e.detail();
        if (d instanceof EventDetail.ProctorAction p) {
            return Optional.of(p.by());
        } else if (d instanceof EventDetail.Extended x) {
            return Optional.of(x.by());
        } else if (d instanceof EventDetail.Reminded r) {
            return Optional.of(r.by());
        } else if (d instanceof EventDetail.LeavePermitted l) {
            return Optional.of(l.by());
        } else if (d instanceof EventDetail.IncidentRecorded i) {
            return Optional.of(i.by());
        }
        return Optional.empty();
    }
}
