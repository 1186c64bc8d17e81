package cn.examcore.server.sitting.domain;

/**
 * 考场: one room of a sitting with its seat layout.
 *
 * @param id        room id
 * @param sittingId the sitting
 * @param name      e.g. "R101"
 * @param rows      rows of the layout
 * @param cols      seats per row
 */
public record Room(String id, String sittingId, String name, int rows, int cols) {
}
