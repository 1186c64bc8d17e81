package cn.examcore.faults;

import cn.examcore.server.demo.DemoSitting;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntUnaryOperator;

/**
 * Sets a sitting up over the admin API of a running site, as an administrator would, and checks candidates in
 * over the candidate protocol (enrol the terminal, log in, fetch the encrypted paper).
 */
final class SittingSetup {

    private static final int ROWS = 6;
    private static final int COLS = 8;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminToken;

    /** A candidate checked in at its seat, paper in hand (still encrypted). */
    record CheckedIn(String seatCode, String attemptId, String token, JsonObject sealedPaper) {
    }

    /** The sitting and who sits it. */
    record Sitting(String id, String pin, long t0, List<String[]> roster) {
    }

    SittingSetup(String baseUrl, String adminPassword) {
        this.base = baseUrl;
        JsonObject login = call("POST", "/api/admin/login", null,
                new JsonObject().put("username", "admin").put("password", adminPassword), 200);
        this.adminToken = login.getString("token");
    }

    /**
     * A theory sitting of {@code seats} candidates in rooms of 6 × 8, T0 {@code leadSeconds} from now and lasting
     * {@code minutes}; papers assembled.
     */
    Sitting create(String tag, int seats, int leadSeconds, int minutes) {
        return create(tag, seats, leadSeconds, minutes, i -> 0);
    }

    /**
     * As {@link #create(String, int, int, int)}, with {@code extraMinutes.applyAsInt(i)} minutes of approved extra
     * time (照顾延时, in the roster) for candidate {@code i}: its attempt runs on past the sitting's deadline.
     */
    Sitting create(String tag, int seats, int leadSeconds, int minutes, IntUnaryOperator extraMinutes) {
        long t0 = System.currentTimeMillis() + leadSeconds * 1000L;
        String pin = String.valueOf(100000 + Math.floorMod(tag.hashCode(), 800000));
        String id = call("POST", "/api/admin/sittings", adminToken, new JsonObject().put("title", "fault " + tag)
                .put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "理论知识").put("t0", t0)
                .put("durationMinutes", minutes).put("checkInMinutes", 30).put("enrolmentPin", pin), 201)
                .getString("id");
        int rooms = (seats + ROWS * COLS - 1) / (ROWS * COLS);
        List<String> seatCodes = new ArrayList<>();
        for (int r = 1; r <= rooms; r++) {
            JsonObject room = call("POST", "/api/admin/sittings/" + id + "/rooms", adminToken,
                    new JsonObject().put("name", "F" + r).put("rows", ROWS).put("cols", COLS), 201);
            room.getJsonArray("seatCodes").forEach(c -> seatCodes.add((String) c));
        }
        StringBuilder csv = new StringBuilder("准考证号,身份证号,姓名,考场,座位号,科目,延时分钟,延时批准人\n");
        List<String[]> roster = new ArrayList<>();
        for (int i = 0; i < seats; i++) {
            LocalDate birth = LocalDate.of(1980, 1, 1).plusDays(i * 7L);
            String body = String.format("310101%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                    birth.getDayOfMonth(), i % 1000);
            String idNumber = body + DemoSitting.checkChar(body);
            String ticket = String.format("F%s%05d", tag, i);
            String seat = seatCodes.get(i);
            roster.add(new String[] {ticket, idNumber, seat});
            csv.append(ticket).append(',').append(idNumber).append(",考生").append(i).append(',')
                    .append(seat, 0, seat.indexOf('-')).append(',').append(seat).append(",理论知识,");
            int extra = extraMinutes.applyAsInt(i);
            csv.append(extra > 0 ? extra + ",fault chief\n" : ",\n");
        }
        call("POST", "/api/admin/sittings/" + id + "/roster?fileName=roster.csv", adminToken,
                csv.toString().getBytes(StandardCharsets.UTF_8), 200);
        String bankId = call("POST", "/api/admin/banks?fileName=hr-4.json", adminToken,
                resource("/samples/hr-4.json"), 201).getString("bankId");
        call("PUT", "/api/admin/sittings/" + id + "/blueprint", adminToken, new JsonObject().put("bankId", bankId)
                .put("blueprint", new JsonObject(new String(resource("/samples/hr-4-theory.blueprint.json"),
                        StandardCharsets.UTF_8))), 200);
        call("POST", "/api/admin/sittings/" + id + "/assemble", adminToken, null, 200);
        return new Sitting(id, pin, t0, roster);
    }

    /** Releases the sitting now: the key goes to every seat. */
    void release(String sittingId) {
        call("POST", "/api/admin/sittings/" + sittingId + "/start", adminToken, null, 200);
    }

    /** Checks every candidate of the roster in, 16 at a time. */
    List<CheckedIn> checkIn(Sitting sitting) {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<CheckedIn>> futures = new ArrayList<>();
            for (String[] c : sitting.roster()) {
                futures.add(pool.submit(() -> checkIn(sitting.pin(), c[0], c[1], c[2])));
            }
            List<CheckedIn> out = new ArrayList<>();
            for (Future<CheckedIn> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("check-in failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private CheckedIn checkIn(String pin, String ticket, String idNumber, String seatCode) {
        String terminal = call("POST", "/api/terminal/enrol", null,
                new JsonObject().put("seatCode", seatCode).put("pin", pin), 200).getString("terminalToken");
        JsonObject login = call("POST", "/api/candidate/login", null, new JsonObject().put("terminalToken", terminal)
                .put("ticket", ticket).put("idNumber", idNumber), 200);
        String token = login.getString("token");
        JsonObject paper = call("GET", "/api/candidate/paper", token, null, 200);
        return new CheckedIn(seatCode, login.getString("attemptId"), token, paper);
    }

    private JsonObject call(String method, String path, String token, Object body, int expected) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (body instanceof byte[] bytes) {
            r.header("Content-Type", "application/octet-stream");
            publisher = HttpRequest.BodyPublishers.ofByteArray(bytes);
        } else {
            r.header("Content-Type", "application/json");
            publisher = HttpRequest.BodyPublishers.ofString(body.toString());
        }
        r.method(method, publisher);
        try {
            HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + resp.statusCode() + ": "
                        + resp.body());
            }
            return resp.body().isBlank() ? new JsonObject() : new JsonObject(resp.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = SittingSetup.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
