package cn.examcore.server.ws;

import cn.examcore.server.attempt.AnswerService;
import cn.examcore.server.attempt.AnswerUploads;
import cn.examcore.server.attempt.KeyGate;
import cn.examcore.server.attempt.KeyRelease;
import cn.examcore.server.attempt.SubmissionService;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.events.EventService;
import cn.examcore.server.mgmt.ExamMetrics;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.proctoring.Announcements;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Exactly what the seat socket transport uses: one set per node, shared by {@link SeatSockets}, every
 * {@link SeatSession} and its {@code ProgressReporter}.
 *
 * @param config      heartbeat gap, message size limit, seat-change grace
 * @param vertx       timers and the event bus
 * @param clock       server time in epoch ms
 * @param uploads     whose the uploaded files an answer names are
 * @param answers     the attempt and its answers (a save is one call)
 * @param events      seat events reported by the page
 * @param papers      the sealed paper and its key
 * @param submissions submit and scoring
 * @param keys        the node's T0 timer: hands out the paper key
 * @param tokens      candidate tokens
 * @param metrics     socket and save meters
 * @param gate        whether a started seat may have its key (a sitting can hold it until identity is confirmed)
 * @param announcements announcements to the seat's room or sitting, and their acknowledgements
 * @param writable    true while this node may take saves: a node on the minority side of a split takes no seat
 */
public record SeatWiring(ServerConfig config, Vertx vertx, LongSupplier clock, AnswerUploads uploads,
                         AnswerService answers, EventService events, PaperService papers,
                         SubmissionService submissions, KeyRelease keys, TokenService tokens,
                         ExamMetrics metrics, KeyGate gate, Announcements announcements, BooleanSupplier writable) {
}
