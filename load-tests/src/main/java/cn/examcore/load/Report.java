package cn.examcore.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a run's figures into the Markdown tables of RESULTS.md: our figure, the target, the ceiling, the ratio. */
public final class Report {

    /** A rate step's p99 in our figures ({@code steps.R.p99Millis}) or a ceiling's ({@code echo.}/{@code hzN.}). */
    private static final Pattern STEP = Pattern.compile("^(?:echo\\.|hz\\d+\\.)?steps\\.(\\d+)\\.p99Millis$");

    private Report() {
    }

    public static String markdown(Map<String, Map<String, Object>> all) {
        Map<String, Object> ceil = all.getOrDefault("ceilings", Map.of());
        StringBuilder md = new StringBuilder();
        for (var e : all.entrySet()) {
            if (e.getKey().equals("ceilings")) {
                continue;
            }
            Map<String, Object> f = e.getValue();
            String hz = "hz" + e.getKey().replace("-node", "") + ".";
            md.append("### ").append(e.getKey()).append(", ").append(f.get("seats")).append(" seats\n\n");
            md.append("| what | ours | target | ceiling | ours / ceiling |\n|---|---|---|---|---|\n");
            row(md, "check-in storm (enrol + login + paper), seats/s", f.get("checkin.seatsPerSecond"), "≥ 1,000",
                    null);
            row(md, "check-in: first half of the seats (cold node), seats/s", f.get("checkin.firstHalfSeatsPerSecond"),
                    "", null);
            row(md, "check-in: second half of the seats, seats/s", f.get("checkin.secondHalfSeatsPerSecond"), "",
                    null);
            row(md, "check-in, p99 per seat (ms)", f.get("checkin-seat.p99Millis"), "", null);
            row(md, "check-in: enrol, p99 (ms)", f.get("checkin-enrol.p99Millis"), "", null);
            row(md, "check-in: login, p99 (ms)", f.get("checkin-login.p99Millis"), "", null);
            row(md, "check-in: paper, p99 (ms)", f.get("checkin-paper.p99Millis"), "", null);
            row(md, "key at T0, p99 after release (ms)", f.get("start-key.p99Millis"), "≤ 2,000", null);
            row(md, "key at T0, max after release (ms)", f.get("start-key.maxMillis"), "", null);
            if (f.get("warmup-save.p99Millis") != null) {
                row(md, "warm-up ramp before it (¼, ½, ¾ of the rate, 10 s each), p99 ack (ms)",
                        f.get("warmup-save.p99Millis"), "", null);
            }
            row(md, "steady saves at " + f.get("steady.rate") + "/s, p99 ack (ms)", f.get("steady-save.p99Millis"),
                    "≤ 20", ceil.get("echo.steady.p99Millis"));
            row(md, "steady saves, p99.9 ack (ms)", f.get("steady-save.p999Millis"), "≤ 100",
                    ceil.get("echo.steady.p999Millis"));
            row(md, "steady saves, p99 vs bare IMap.set at the same rate (ms)", f.get("steady-save.p99Millis"), "",
                    ceil.get(hz + "steps." + f.get("steady.rate") + ".p99Millis"));
            Object best = f.get("steps.highestRateP99Under50ms");
            // When every step listed passed, the figure is a floor: the top rate lies above the last step.
            String atLeast = Boolean.TRUE.equals(f.get("steps.everyStepPassed"))
                    ? "; every step listed passed, so at least this" : "";
            row(md, "highest save rate with p99 ≤ 50 ms vs WebSocket echo (saves/s" + atLeast + ")", best,
                    "≥ 50 % of ceiling", ceil.get("echo.highestRateP99Under50ms"));
            row(md, "highest save rate with p99 ≤ 50 ms vs IMap.set (saves/s" + atLeast + ")", best,
                    "≥ 50 % of ceiling", ceil.get(hz + "highestRateP99Under50ms"));
            row(md, "agent event batches, p99 (ms)", f.get("steady-agent-events.p99Millis"), "", null);
            row(md, "agent event batches accepted whole, of " + f.get("steady.agentBatches") + " sent",
                    f.get("steady.agentBatchesAccepted"), "all", null);
            row(md, "agent event batches failed (reasons under Errors)", f.get("steady.agentBatchesFailed"), "0",
                    null);
            row(md, "room proctors: own room's seat list, p99 (ms; " + f.get("proctor-room.count") + " reads, "
                    + f.get("proctors.roomAccounts") + " accounts each every " + f.get("proctors.roomReadPeriodMillis")
                    + " ms)", f.get("proctor-room.p99Millis"), "", null);
            row(md, "chief proctor: whole sitting's seat list, p99 (ms; " + f.get("proctor-sitting.count")
                    + " reads, once a minute)", f.get("proctor-sitting.p99Millis"), "", null);
            row(md, "seat-list reads refused as busy (RETRY): room / whole sitting", f.get("proctors.refused.proctor-room")
                    + " / " + f.get("proctors.refused.proctor-sitting"), "0", null);
            row(md, "console live stream: seat events / progress / audit received", f.get("proctors.live.seat-event")
                    + " / " + f.get("proctors.live.progress") + " / " + f.get("proctors.live.audit"), "", null);
            row(md, "reconnect storm: drop → welcome, p99 (ms)", f.get("reconnect-resync.p99Millis"), "", null);
            row(md, "reconnect storm: whole storm (s)", f.get("reconnect.seconds"), "", null);
            row(md, "deadline: submitted pushed, p99 after deadline (ms)", f.get("deadline-submitted.p99Millis"),
                    "", null);
            row(md, "deadline: all scored, seconds after deadline", f.get("deadline.allScoredSecondsAfterDeadline"),
                    "≤ 10", null);
            if (f.get("deadline.waitedSeconds") instanceof Number w && w.doubleValue() < 0) {
                // The sitting's duration ran out during an earlier phase: the storm then measures that backlog.
                md.append("| deadline figures above | **not valid**: the deadline passed ")
                        .append(fmt(-w.doubleValue())).append(" s before the deadline phase began | | | |\n");
            }
            row(md, "deadline: scored attempts", f.get("deadline.scored"), "all", null);
            Object perSeat = f.get("memory.heapPerSeatBytes");
            row(md, "heap per connected seat (KB)", perSeat instanceof Number n ? n.doubleValue() / 1024 : null,
                    "≤ 64", null);
            steps(md, f, ceil, hz);
            md.append("\nErrors: ").append(f.get("errors")).append(f.containsKey("failed") ? "; run failed: "
                    + f.get("failed") : "").append("\n\n");
        }
        md.append("### ceilings\n\n| figure | value |\n|---|---|\n");
        ceil.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(fmt(v)).append(" |\n"));
        return md.toString();
    }

    /** Every rate step side by side with both ceilings at the same rate (blank where a run stopped earlier). */
    private static void steps(StringBuilder md, Map<String, Object> f, Map<String, Object> ceil, String hz) {
        TreeSet<Integer> rates = new TreeSet<>();
        for (Map<String, Object> m : List.of(f, ceil)) {
            m.keySet().forEach(k -> {
                Matcher matcher = STEP.matcher(k);
                if (matcher.matches()) {
                    rates.add(Integer.parseInt(matcher.group(1)));
                }
            });
        }
        if (rates.isEmpty()) {
            return;
        }
        md.append("\nRate steps (p99 ack in ms; the drain before them took ").append(fmt(f.get("steps.drainSeconds")))
                .append(" s):\n\n| saves/s | ours | echo | ours / echo | IMap.set | ours / IMap.set |\n"
                        + "|---|---|---|---|---|---|\n");
        for (int r : rates) {
            Object ours = f.get("steps." + r + ".p99Millis");
            Object echo = ceil.get("echo.steps." + r + ".p99Millis");
            Object imap = ceil.get(hz + "steps." + r + ".p99Millis");
            md.append("| ").append(r).append(" | ").append(ours == null ? "" : fmt(ours)).append(" | ")
                    .append(echo == null ? "" : fmt(echo)).append(" | ").append(ratio(ours, echo)).append(" | ")
                    .append(imap == null ? "" : fmt(imap)).append(" | ").append(ratio(ours, imap)).append(" |\n");
        }
        if (f.get("steps.stoppedByBacklog") != null) {
            md.append("\nThe steps stopped before the next rate: ").append(fmt(f.get("steps.stoppedByBacklog")))
                    .append(" saves were still unacknowledged.\n");
        }
        if (f.get("steps.stoppedByDeadline") != null) {
            md.append("\nThe steps stopped before ").append(fmt(f.get("steps.stoppedByDeadline")))
                    .append(" saves/s: the deadline storm's reserve was reached.\n");
        }
    }

    private static String ratio(Object ours, Object ceiling) {
        return ours instanceof Number o && ceiling instanceof Number c && c.doubleValue() != 0
                ? String.format(Locale.ROOT, "%.2f", o.doubleValue() / c.doubleValue()) : "";
    }

    private static void row(StringBuilder md, String what, Object ours, String target, Object ceiling) {
        String ratio = ratio(ours, ceiling);
        md.append("| ").append(what).append(" | ").append(fmt(ours)).append(" | ").append(target).append(" | ")
                .append(ceiling == null ? "" : fmt(ceiling)).append(" | ").append(ratio).append(" |\n");
    }

    private static String fmt(Object v) {
        if (v instanceof Double d) {
            return d.isNaN() ? "n/a" : String.format(Locale.ROOT, d >= 100 ? "%,.0f" : "%.2f", d);
        }
        if (v instanceof Float d) {
            return String.format(Locale.ROOT, "%.2f", d);
        }
        return v == null ? "n/a" : String.valueOf(v);
    }
}
