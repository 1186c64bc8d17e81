package cn.examcore.server.attempt;

import cn.examcore.contract.SeatMessage;

/**
 * How a service reaches a candidate's page: one server→page message to the seat socket of an attempt, on whichever
 * node that socket is open. The seat-socket transport implements it, so no service imports the transport.
 */
@FunctionalInterface
public interface SeatPush {

    /** Sends the message to the attempt's seat socket if one is open anywhere; a closed seat is no error. */
    void push(String attemptId, SeatMessage message);
}
