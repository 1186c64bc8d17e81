package cn.examcore.server.ws;

/**
 * Decides whether a socket's failure is worth a log line: the first of a kind is, the same kind again within
 * {@code quietMillis} is only counted, and the next line logged says how many were not. A seat whose requests all
 * wait on one unavailable resource (the database during an outage, a partition without an owner) otherwise writes
 * one identical warning per queued request, twenty at a time, which buries the one line an operator needs.
 * Used from one socket's event loop only.
 */
final class RepeatedWarning {

    private final long quietMillis;
    private String lastKind;
    private long lastLoggedAt;
    private int notLogged;

    RepeatedWarning(long quietMillis) {
        this.quietMillis = quietMillis;
    }

    /**
     * @param kind what failed, e.g. the exception's class and message
     * @param now  the time now, in milliseconds
     * @return how many failures of that kind were passed over since the last logged one (0 or more) if this one
     *         should be logged, or -1 if it should only be counted
     */
    int log(String kind, long now) {
        if (kind.equals(lastKind) && now - lastLoggedAt < quietMillis) {
            notLogged++;
            return -1;
        }
        int passedOver = kind.equals(lastKind) ? notLogged : 0;
        lastKind = kind;
        lastLoggedAt = now;
        notLogged = 0;
        return passedOver;
    }
}
