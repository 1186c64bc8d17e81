package cn.examcore.server.sitting.roster;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Identity document numbers as the roster and the candidate login accept them.
 *
 * <ul>
 *   <li>PRC resident identity card (居民身份证): 18 characters, 17 digits then a digit or {@code X}; the
 *       embedded birth date must exist; the last character is the ISO 7064 MOD 11-2 check character. A
 *       lower-case {@code x} is accepted and normalised to {@code X}.</li>
 *   <li>Passport (护照): {@code P:} followed by 5–20 letters or digits, e.g. {@code P:E12345678}.</li>
 *   <li>Mainland travel permit for Hong Kong and Macao residents (港澳居民来往内地通行证): {@code HM:} followed by
 *       {@code H} or {@code M} and 8 or 10 digits, e.g. {@code HM:H1234567801}.</li>
 * </ul>
 * The prefix keeps other documents from being mistaken for a mistyped resident ID. Letters are upper-cased.
 */
public final class IdentityNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARS = "10X98765432".toCharArray();
    private static final Pattern RESIDENT = Pattern.compile("[1-9]\\d{16}[\\dX]");
    private static final Pattern PASSPORT = Pattern.compile("P:[A-Z0-9]{5,20}");
    private static final Pattern HK_MACAO = Pattern.compile("HM:[HM](\\d{8}|\\d{10})");

    private IdentityNumbers() {
    }

    /** The canonical form: trimmed and upper-cased (a typed {@code x} check character becomes {@code X}). */
    public static String normalise(String text) {
        return text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    }

    /** True when {@link #problem} finds nothing wrong. */
    public static boolean isValid(String text) {
        return problem(text).isEmpty();
    }

    /** What is wrong with {@code text} as an identity number, or empty when it is acceptable. */
    public static Optional<String> problem(String text) {
        String id = normalise(text);
        if (id.isEmpty()) {
            return Optional.of("identity number is empty");
        }
        if (id.startsWith("P:")) {
            return PASSPORT.matcher(id).matches() ? Optional.empty()
                    : Optional.of("passport number after 'P:' must be 5 to 20 letters or digits");
        }
        if (id.startsWith("HM:")) {
            return HK_MACAO.matcher(id).matches() ? Optional.empty()
                    : Optional.of("Hong Kong/Macao permit number after 'HM:' must be H or M followed by 8 or 10"
                            + " digits");
        }
        if (id.length() != 18) {
            return Optional.of("resident ID number must have 18 characters, has " + id.length()
                    + " (other documents need a prefix: P: for a passport, HM: for a Hong Kong/Macao permit)");
        }
        if (!RESIDENT.matcher(id).matches()) {
            return Optional.of("resident ID number must be 17 digits followed by a digit or X");
        }
        Optional<String> date = birthDateProblem(id);
        if (date.isPresent()) {
            return date;
        }
        char expected = checkCharacter(id.substring(0, 17));
        if (id.charAt(17) != expected) {
            return Optional.of("resident ID number check character is wrong (typing error?)");
        }
        return Optional.empty();
    }

    /** The ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID. */
    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS[sum % 11];
    }

    private static Optional<String> birthDateProblem(String id) {
        int year = Integer.parseInt(id.substring(6, 10));
        int month = Integer.parseInt(id.substring(10, 12));
        int day = Integer.parseInt(id.substring(12, 14));
        try {
            LocalDate birth = LocalDate.of(year, month, day);
            if (year < 1900 || birth.isAfter(LocalDate.now())) {
                return Optional.of("resident ID number holds an impossible birth date " + birth);
            }
            return Optional.empty();
        } catch (DateTimeException e) {
            return Optional.of("resident ID number holds an invalid birth date " + id.substring(6, 14));
        }
    }
}
