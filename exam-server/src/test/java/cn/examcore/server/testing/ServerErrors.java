package cn.examcore.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last ERROR lines a node in this test JVM logged, with their causes, so that a test's assertion on a 500 can
 * say why (see {@link Api.Reply#text()}): CI shows the assertion message and only the tail of the log, in which a
 * stack trace logged minutes earlier is long gone. Registered as an appender in {@code logback-test.xml}.
 */
public final class ServerErrors extends AppenderBase<ILoggingEvent> {

    private static final int KEPT = 8;
    private static final int FRAMES = 12;
    private static final Deque<String> RECENT = new ArrayDeque<>();

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            return;
        }
        StringBuilder line = new StringBuilder().append(event.getLoggerName()).append(": ")
                .append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append("\n  ").append(t == event.getThrowableProxy() ? "" : "caused by ").append(t.getClassName())
                    .append(": ").append(t.getMessage());
            StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                line.append("\n    at ").append(frames[i].getStackTraceElement());
            }
        }
        synchronized (RECENT) {
            if (RECENT.size() == KEPT) {
                RECENT.removeFirst();
            }
            RECENT.addLast(line.toString());
        }
    }

    /** The kept lines, oldest first, or an empty string when none was logged. */
    public static String recent() {
        synchronized (RECENT) {
            return String.join("\n", RECENT);
        }
    }
}
