package cn.examcore.proctor.report;

/**
 * Input a room report refuses, naming where it is, e.g. {@code incidents[2].seatCode}. Nothing is built when this is
 * thrown.
 */
public final class RoomReportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String location;

    public RoomReportException(String location, String problem) {
        super(location + ": " + problem);
        this.location = location;
    }

    /** Which input and field is at fault. */
    public String location() {
        return location;
    }
}
