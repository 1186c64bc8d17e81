package cn.examcore.server.admission.domain;

/** 身份证号 as printed on a ticket: enough to recognise it, not enough to use it. */
public final class IdNumberMask {

    private IdNumberMask() {
    }

    /** The first six and the last four characters kept, everything between shown as "*"; short numbers mostly hidden. */
    public static String mask(String idNumber) {
        if (idNumber == null || idNumber.isEmpty()) {
            return "";
        }
        if (idNumber.length() <= 10) {
            return idNumber.charAt(0) + "*".repeat(idNumber.length() - 2) + idNumber.charAt(idNumber.length() - 1);
        }
        return idNumber.substring(0, 6) + "*".repeat(idNumber.length() - 10)
                + idNumber.substring(idNumber.length() - 4);
    }
}
