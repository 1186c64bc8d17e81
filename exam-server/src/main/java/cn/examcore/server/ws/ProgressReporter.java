package cn.examcore.server.ws;

import cn.examcore.contract.SeatProgress;
import cn.examcore.platform.json.Json;
import cn.examcore.server.common.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 进度推送 for one seat socket: after saves, publishes the attempt's answer count on
 * {@link Addresses#SEAT_PROGRESS}, coalesced so a burst of saves costs one message. The first save after a quiet
 * spell is reported {@link #SETTLE_MILLIS} later (so the saves of one click-through ride together), later ones no
 * sooner than {@link #MIN_INTERVAL_MILLIS} after the previous report: at most one message a second per seat, each
 * within about a second of the save. An unchanged count is not sent again.
 *
 * <p>Runs on the socket's event loop, like its {@link SeatSession}; the count is read from the attempt store when
 * the report is due, so it is never older than the last save before it, and so is the seat it names: the saves a
 * socket hands over after a seat change are reported at the attempt's new seat, not at the terminal's old one.
 */
final class ProgressReporter {

    static final long SETTLE_MILLIS = 200;
    static final long MIN_INTERVAL_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final SeatWiring services;
    private final String sittingId;
    private final String attemptId;
    private long timer = -1;
    private long lastReport = Long.MIN_VALUE / 2;
    private int lastCount = -1;

    ProgressReporter(SeatWiring services, String sittingId, String attemptId) {
        this.services = services;
        this.sittingId = sittingId;
        this.attemptId = attemptId;
    }

    /** A save (or a merged vector) was held: report the count soon, unless a report is already due. */
    void saved() {
        if (timer >= 0) {
            return;
        }
        long now = services.clock().getAsLong();
        long delay = Math.max(SETTLE_MILLIS, lastReport + MIN_INTERVAL_MILLIS - now);
        timer = services.vertx().setTimer(delay, id -> report());
    }

    private void report() {
        services.answers().attempt(attemptId).onComplete(r -> {
            timer = -1;
            if (r.failed()) {
                LOG.debug("progress of attempt {} not reported: {}", attemptId, r.cause().toString());
                return;
            }
            int count = r.result().answeredCount();
            long now = services.clock().getAsLong();
            lastReport = now;
            if (count == lastCount) {
                return;
            }
            lastCount = count;
            services.vertx().eventBus().publish(Addresses.SEAT_PROGRESS,
                    Json.encode(new SeatProgress(sittingId, attemptId, r.result().seatCode(), count, now)));
        });
    }
}
