package cn.examcore.server.testing;

import cn.examcore.server.storage.jdbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A sitting's row written straight into the database, for tests of the stores below the services. */
public final class SittingRows {

    private SittingRows() {
    }

    /** A theory sitting {@code id} at {@code t0}, released and assembled, that the stores' bulk loads count as recent. */
    public static void insert(Database db, String id, String title, long t0) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO sittings (id,"
                + " title, occupation, level_no, subject, t0, duration_minutes, check_in_minutes, pass_mark,"
                + " enrolment_pin, released_at, assembled_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            Object[] values = {id, title, "企业人力资源管理师", 3, "THEORY", t0, 60, 30, 60, "000000", 0L, 0L, t0};
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
