package cn.examcore.proctor.report;

/**
 * 身份证号 masking for anything printed or exported: a room record is handed around on paper, so it carries only
 * enough of the number for a proctor to match a card at the desk.
 */
public final class IdNumbers {

    private IdNumbers() {
    }

    /**
     * The number with all but its first 6 (the region code) and last 4 characters replaced by {@code *}, e.g.
     * {@code 310101********1234}. Shorter documents (passports, permits) keep only their last 4, and anything of 4
     * characters or fewer is hidden whole, so no form of number ever prints in full.
     *
     * @throws RoomReportException when the number is null or blank
     */
    public static String mask(String idNumber) {
        if (idNumber == null || idNumber.isBlank()) {
            throw new RoomReportException("idNumber", "is missing");
        }
        String id = idNumber.strip();
        int n = id.length();
        if (n <= 4) {
            return "*".repeat(n);
        }
        int head = n >= 15 ? 6 : 0;
        int tail = 4;
        return id.substring(0, head) + "*".repeat(n - head - tail) + id.substring(n - tail);
    }
}
