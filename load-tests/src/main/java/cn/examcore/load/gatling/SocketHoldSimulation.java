package cn.examcore.load.gatling;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Can Gatling hold the sitting's sockets on this machine? Every virtual user opens one WebSocket, sends a hello
 * and waits for its answer, then sends a ping every few seconds (checking each answer) until a shared end time,
 * so that all sockets are open at once for {@code hold} seconds. Against the bare {@code EchoServer} (or any server
 * that answers text frames) — the measurement in README "Tool choice"; {@code gatling-socket-hold.sh} runs it.
 *
 * <p>System properties: those of {@link Protocols#fromProperties()}, {@code path} (of the socket), {@code users},
 * {@code rampSeconds}, {@code holdSeconds}, {@code pingSeconds}.
 */
public class SocketHoldSimulation extends Simulation {

    private final int users = Integer.getInteger("users", 100);
    private final int rampSeconds = Integer.getInteger("rampSeconds", 10);
    private final int holdSeconds = Integer.getInteger("holdSeconds", 20);
    private final int pingSeconds = Integer.getInteger("pingSeconds", 5);
    /** All users hold their socket until this instant: ramp, then the hold with every socket open. */
    private final long endAt = System.currentTimeMillis() + (rampSeconds + holdSeconds) * 1000L;

    private final ScenarioBuilder hold = scenario("socket hold")
            .exec(ws("connect").connect(System.getProperty("path", "/ws/echo")))
            .exec(ws("hello").sendText("{\"type\":\"hello\",\"answers\":[]}")
                    .await(30).on(ws.checkTextMessage("hello answered").check(regex("hello"))))
            .exec(asLongAs(session -> System.currentTimeMillis() < endAt).on(
                    pause(session -> Duration.ofMillis(Math.max(0, Math.min(pingSeconds * 1000L,
                            endAt - System.currentTimeMillis())))),
                    ws("ping").sendText(session -> "{\"type\":\"ping\",\"clientTime\":" + System.currentTimeMillis()
                                    + "}")
                            .await(30).on(ws.checkTextMessage("ping answered").check(regex("ping")))))
            .exec(ws("close").close());

    {
        setUp(hold.injectOpen(rampUsers(users).during(rampSeconds)))
                .protocols(Protocols.fromProperties())
                .assertions(global().failedRequests().count().is(0L));
    }
}
