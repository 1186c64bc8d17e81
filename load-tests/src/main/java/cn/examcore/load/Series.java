package cn.examcore.load;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One measured quantity: every sample in an HdrHistogram (microseconds, 3 significant digits), plus one histogram
 * per second of the run for the over-time plots. Callbacks arrive on several event loops, hence the lock.
 */
public final class Series {

    private static final long MAX_MICROS = 600_000_000L;
    private final String name;
    private final long origin;
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    private final Map<Long, Histogram> perSecond = new TreeMap<>();
    private long errors;

    public Series(String name, long originMillis) {
        this.name = name;
        this.origin = originMillis;
    }

    public String name() {
        return name;
    }

    /** Records one sample that completed at {@code atMillis}. */
    public synchronized void record(long micros, long atMillis) {
        long v = Math.max(0, Math.min(micros, MAX_MICROS));
        total.recordValue(v);
        perSecond.computeIfAbsent((atMillis - origin) / 1000, s -> new Histogram(MAX_MICROS, 3)).recordValue(v);
    }

    public synchronized void error() {
        errors++;
    }

    public synchronized long errors() {
        return errors;
    }

    public synchronized long count() {
        return total.getTotalCount();
    }

    /** The value at this percentile, in milliseconds. */
    public synchronized double pMillis(double percentile) {
        return total.getTotalCount() == 0 ? Double.NaN : total.getValueAtPercentile(percentile) / 1000.0;
    }

    public synchronized double maxMillis() {
        return total.getTotalCount() == 0 ? Double.NaN : total.getMaxValue() / 1000.0;
    }

    /** Rows "second count p50 p99 max" (milliseconds), relative to the run's origin. */
    public synchronized String timeSeries() {
        StringBuilder out = new StringBuilder("# second count p50_ms p99_ms max_ms\n");
        perSecond.forEach((s, h) -> out.append(s).append(' ').append(h.getTotalCount()).append(' ')
                .append(h.getValueAtPercentile(50) / 1000.0).append(' ')
                .append(h.getValueAtPercentile(99) / 1000.0).append(' ')
                .append(h.getMaxValue() / 1000.0).append('\n'));
        return out.toString();
    }
}
