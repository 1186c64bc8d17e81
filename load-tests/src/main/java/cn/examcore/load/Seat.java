package cn.examcore.load;

import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/** 考位: one simulated seat (terminal + candidate) of the load run, with its socket and unacknowledged saves. */
final class Seat {

    static final int ITEMS = 10; // the sample theory paper's single-choice section: items 1..10, options A..D
    private static final String OPTIONS = "ABCD";

    final int index;
    final String seatCode;
    final String ticket;
    final String idNumber;
    final String host;
    final int port;
    String terminalToken;
    String token;
    String attemptId;
    volatile WebSocket socket;
    volatile Promise<JsonObject> welcome;
    volatile long keyNanos;
    volatile long deadline;
    volatile long submittedAtMillis;
    private final int[] revs = new int[ITEMS + 1];
    private final String[] values = new String[ITEMS + 1];
    private final Map<Integer, ArrayDeque<Pending>> pending = new HashMap<>();
    private int saves;

    Seat(int index, String seatCode, String ticket, String idNumber, String host, int port) {
        this.index = index;
        this.seatCode = seatCode;
        this.ticket = ticket;
        this.idNumber = idNumber;
        this.host = host;
        this.port = port;
    }

    /** A save not acknowledged yet: its rev, when it was due, and the phase's series its latency belongs to. */
    record Pending(int rev, long intendedNanos, Series series) {
    }

    /** The next save message; its due time and phase are remembered until the server acknowledges it. */
    synchronized String nextSave(long intendedNanos, Series series) {
        int item = 1 + saves % ITEMS;
        String value = String.valueOf(OPTIONS.charAt((saves / ITEMS + index) % OPTIONS.length()));
        saves++;
        int rev = ++revs[item];
        values[item] = value;
        pending.computeIfAbsent(item, i -> new ArrayDeque<>()).add(new Pending(rev, intendedNanos, series));
        return "{\"type\":\"save\",\"item\":" + item + ",\"value\":\"" + value + "\",\"rev\":" + rev + "}";
    }

    /** Acknowledges every pending save of the item up to this rev and returns them. */
    synchronized java.util.List<Pending> acknowledge(int item, int rev) {
        ArrayDeque<Pending> q = pending.get(item);
        java.util.List<Pending> out = new java.util.ArrayList<>();
        while (q != null && !q.isEmpty() && q.peek().rev() <= rev) {
            out.add(q.poll());
        }
        return out;
    }

    synchronized int pendingCount() {
        return pending.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** The whole answer vector as the page would send it in hello after a reconnect. */
    synchronized JsonArray vector() {
        JsonArray a = new JsonArray();
        for (int i = 1; i <= ITEMS; i++) {
            if (revs[i] > 0) {
                a.add(new JsonObject().put("item", i).put("value", values[i]).put("rev", revs[i]));
            }
        }
        return a;
    }

    /** True when the server's vector holds at least our rev for every item we saved. */
    synchronized boolean covers(JsonArray serverAnswers) {
        int[] server = new int[ITEMS + 1];
        for (int i = 0; i < serverAnswers.size(); i++) {
            JsonObject a = serverAnswers.getJsonObject(i);
            int item = a.getInteger("item");
            if (item >= 1 && item <= ITEMS) {
                server[item] = a.getInteger("rev");
            }
        }
        for (int i = 1; i <= ITEMS; i++) {
            if (server[i] < revs[i]) {
                return false;
            }
        }
        return true;
    }
}
