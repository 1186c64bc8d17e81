package cn.examcore.server.demo;

import cn.examcore.bank.io.ImportContext;
import cn.examcore.bank.model.Subject;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.node.ExamNode;
import cn.examcore.server.sitting.SittingAdmin;
import cn.examcore.server.sitting.SittingRequest;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 演示场次: a complete sitting for trying the product and for tests: one room of 30 seats (5 × 6), a roster of 30
 * candidates with valid-looking ticket and ID numbers, the sample 企业人力资源管理师 四级 bank with its theory
 * blueprint, papers assembled, and T0 a configurable lead after now. Built through the same administration
 * service the admin API uses.
 */
public final class DemoSitting {

    public static final String ACTOR = "demo";
    private static final String ROOM = "R101";
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰", "娟", "涛",
        "明", "超", "秀英", "霞", "平", "刚", "桂英", "丹", "鹏", "辉", "玲", "婷", "浩", "宇", "欣", "佳", "晨", "琳"};
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private DemoSitting() {
    }

    /**
     * What to build.
     *
     * @param leadSeconds     T0 is this far after now
     * @param durationMinutes the paper's time
     * @param checkInMinutes  check-in opens this long before T0
     * @param rows            rows of the room
     * @param cols            seats per row
     * @param bankResource    classpath resource of the bank
     * @param blueprintResource classpath resource of the blueprint
     * @param subject         the sitting's subject (must match the blueprint)
     * @param pin             the enrolment PIN
     */
    public record Options(int leadSeconds, int durationMinutes, int checkInMinutes, int rows, int cols,
                          String bankResource, String blueprintResource, Subject subject, String pin) {

        /** The theory demo: 5 × 6 seats, 90 minutes, check-in open at once. */
        public static Options theory(int leadSeconds) {
            return new Options(leadSeconds, 90, 240, 5, 6, "/samples/hr-4.json",
                    "/samples/hr-4-theory.blueprint.json", Subject.THEORY, "246810");
        }

        /** The operation-skill demo (operation tasks and an essay), same room layout. */
        public static Options operation(int leadSeconds) {
            return new Options(leadSeconds, 120, 240, 5, 6, "/samples/hr-4.json",
                    "/samples/hr-4-operation.blueprint.json", Subject.OPERATION, "135790");
        }

        public Options withDuration(int minutes) {
            return new Options(leadSeconds, minutes, checkInMinutes, rows, cols, bankResource, blueprintResource,
                    subject, pin);
        }
    }

    /** One demo candidate's credentials. */
    public record DemoCandidate(String ticket, String idNumber, String name, String seatCode) {
    }

    /**
     * What a person or a test needs to take the demo sitting.
     *
     * @param sittingId  the sitting
     * @param title      its title
     * @param t0         its start (epoch ms)
     * @param pin        the enrolment PIN
     * @param seatCodes  in layout order
     * @param candidates in seat order; candidate i sits at seat i
     * @param agentKey   a seat-agent key for this sitting (issued at this start)
     */
    public record Info(String sittingId, String title, long t0, String pin, List<String> seatCodes,
                       List<DemoCandidate> candidates, String agentKey) {
    }

    /** Creates the whole sitting on the node. */
    public static Future<Info> seed(ExamNode node, Options o) {
        return seed(node, o, null);
    }

    /**
     * 操作技能: the operation-skill sitting of the theory demo's evaluations (一次评价): the same candidates with the
     * same tickets and ID numbers at the same seats, so a newcomer sits both subjects of one evaluation and its level
     * result and certificate follow. Its own PIN; check-in open at once, like the theory demo's.
     */
    public static Future<Info> seedOperation(ExamNode node, Info theory, Options o) {
        return seed(node, o, theory.candidates());
    }

    /** Creates the sitting; with {@code given} candidates (another sitting's, in seat order) instead of new ones. */
    private static Future<Info> seed(ExamNode node, Options o, List<DemoCandidate> given) {
        SittingAdmin admin = node.admin();
        long t0 = node.services().clock().getAsLong() + o.leadSeconds() * 1000L;
        byte[] bank = resource(o.bankResource());
        String blueprint = new String(resource(o.blueprintResource()), StandardCharsets.UTF_8);
        var bp = cn.examcore.server.paper.PaperService.blueprint(blueprint);
        String title = bp.title() + "（演示）";
        SittingRequest request = new SittingRequest(title, bp.tags().occupation(), bp.tags().level(), o.subject(), t0,
                o.durationMinutes(), o.checkInMinutes(), 60, o.pin());
        List<DemoCandidate> candidates = new ArrayList<>();
        return admin.createSitting(request, ACTOR).compose(sitting ->
                admin.addRoom(sitting.id(), ROOM, o.rows(), o.cols(), List.of(), ACTOR)
                        .compose(room -> admin.seats(sitting.id()))
                        .compose(seats -> {
                            if (given == null) {
                                candidates.addAll(candidates(seats, o.subject()));
                            } else {
                                for (int i = 0; i < given.size() && i < seats.size(); i++) {
                                    DemoCandidate c = given.get(i);
                                    candidates.add(new DemoCandidate(c.ticket(), c.idNumber(), c.name(),
                                            seats.get(i).code()));
                                }
                            }
                            return admin.importRoster(sitting.id(), "demo-roster.csv",
                                    roster(candidates, o.subject()), ACTOR);
                        })
                        .compose(outcome -> outcome.errors().isEmpty() ? Future.succeededFuture()
                                : Future.failedFuture(new IllegalStateException("demo roster rejected: "
                                + outcome.errors())))
                        .compose(v -> admin.uploadBank(o.bankResource().substring(o.bankResource().lastIndexOf('/')
                                + 1), bank, ImportContext.none(), ACTOR))
                        .compose(r -> r.bank().isPresent() ? Future.succeededFuture(r.bank().get().id())
                                : Future.failedFuture(new IllegalStateException("demo bank rejected: " + r.errors())))
                        .compose(bankId -> admin.attachBlueprint(sitting.id(), bankId, blueprint, ACTOR))
                        .compose(s -> admin.assemble(sitting.id(), ACTOR))
                        .compose(n -> admin.issueAgentKey(sitting.id(), ACTOR))
                        .map(key -> new Info(sitting.id(), sitting.title(), sitting.t0(), sitting.enrolmentPin(),
                                candidates.stream().map(DemoCandidate::seatCode).toList(), List.copyOf(candidates),
                                key)));
    }

    /**
     * The demo sitting already in the database that is not over yet (the newest such), with a fresh agent key;
     * empty when there is none.
     */
    public static Future<Optional<Info>> existing(ExamNode node) {
        return existing(node, Subject.THEORY);
    }

    /** The newest demo sitting of the subject that is not over yet, with a fresh agent key; empty when none. */
    public static Future<Optional<Info>> existing(ExamNode node, Subject subject) {
        SittingAdmin admin = node.admin();
        return admin.sittings().compose(list -> {
            long now = node.services().clock().getAsLong();
            // A demo sitting that is over is of no use to someone trying the product: a new one is seeded then.
            Optional<Sitting> newest = list.stream().filter(s -> s.title().endsWith("（演示）"))
                    .filter(s -> s.subject() == subject)
                    .filter(s -> s.startAt() + s.durationSeconds() * 1000 > now)
                    .reduce((a, b) -> b);
            if (newest.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            Sitting s = newest.get();
            return Future.all(admin.seats(s.id()), admin.candidates(s.id())).compose(all -> {
                List<Seat> seats = all.resultAt(0);
                List<Candidate> roster = all.resultAt(1);
                List<DemoCandidate> cands = roster.stream()
                        .map(c -> new DemoCandidate(c.ticket(), c.idNumber(), c.name(), c.seatCode()))
                        .sorted(java.util.Comparator.comparing(DemoCandidate::seatCode)).toList();
                return admin.issueAgentKey(s.id(), ACTOR).map(key -> Optional.of(new Info(s.id(), s.title(),
                        s.startAt(), s.enrolmentPin(), seats.stream().map(Seat::code).toList(), cands, key)));
            });
        });
    }

    private static List<DemoCandidate> candidates(List<Seat> seats, Subject subject) {
        List<DemoCandidate> out = new ArrayList<>();
        int prefix = subject == Subject.THEORY ? 1 : 2;
        for (int i = 0; i < seats.size(); i++) {
            String ticket = String.format("2026%d%06d", prefix, 425001 + i);
            String name = SURNAMES[i % SURNAMES.length] + GIVEN[i % GIVEN.length];
            LocalDate birth = LocalDate.of(1985, 1, 1).plusDays(137L * i + 11L * prefix);
            String body = String.format("310101%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                    birth.getDayOfMonth(), 100 + i * 2 + prefix);
            out.add(new DemoCandidate(ticket, body + checkChar(body), name, seats.get(i).code()));
        }
        return out;
    }

    /** The ISO 7064 MOD 11-2 check character of a resident ID number's first 17 digits. */
    public static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    private static byte[] roster(List<DemoCandidate> candidates, Subject subject) {
        StringBuilder csv = new StringBuilder("准考证号,身份证号,姓名,考场,座位号,科目\n");
        for (DemoCandidate c : candidates) {
            csv.append(c.ticket()).append(',').append(c.idNumber()).append(',').append(c.name()).append(',')
                    .append(ROOM).append(',').append(c.seatCode()).append(',').append(subject.chineseName())
                    .append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoSitting.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ExamException(ErrorType.NOT_FOUND, "demo resource " + name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
