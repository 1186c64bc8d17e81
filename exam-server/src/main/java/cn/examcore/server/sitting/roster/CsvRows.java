package cn.examcore.server.sitting.roster;

import cn.examcore.bank.io.sheet.CellKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Turns the bytes of a CSV roster into raw rows: charset detection, delimiter, RFC 4180 parsing. */
final class CsvRows {

    private static final Pattern EXCEL_TEXT_IDIOM = Pattern.compile("=\"(.*)\"", Pattern.DOTALL);

    private CsvRows() {
    }

    static List<RawRow> read(byte[] content, RosterLimits limits) throws RosterFileProblem {
        String text = decode(content);
        char delimiter = guessDelimiter(text);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .get();
        List<RawRow> rows = new ArrayList<>();
        int nonBlank = 0;
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                List<RawCell> cells = new ArrayList<>(record.size());
                for (String value : record) {
                    cells.add(csvCell(value));
                }
                RawRow row = new RawRow((int) record.getRecordNumber(), cells);
                rows.add(row);
                if (!row.blank() && ++nonBlank > limits.maxRows() + RosterReader.HEADER_SEARCH_ROWS) {
                    throw RosterFileProblem.tooManyRows(limits);
                }
            }
        } catch (UncheckedIOException | IllegalStateException | IOException e) {
            throw new RosterFileProblem("the CSV text cannot be parsed (" + e.getMessage()
                    + "); check for an unclosed double quote");
        }
        return rows;
    }

    private static RawCell csvCell(String value) {
        String bare = stripSpaces(value);
        // Excel users write ="0012345" to keep leading zeros; that is text, not a formula.
        Matcher idiom = EXCEL_TEXT_IDIOM.matcher(bare);
        if (idiom.matches()) {
            return new RawCell(idiom.group(1), CellKind.TEXT);
        }
        if (bare.startsWith("=")) {
            return new RawCell(value, CellKind.FORMULA);
        }
        return new RawCell(value, CellKind.TEXT);
    }

    /**
     * The value without the spaces around it, every Unicode space included: {@link String#strip} keeps a no-break
     * space (U+00A0, U+2007, U+202F) and zero-width characters, so {@code "\u00A0=HYPERLINK(…)"} would pass as text
     * while a spreadsheet that trims it runs the formula.
     */
    static String stripSpaces(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\u2060'
                || c == '\uFEFF' || c == '\u180E';
    }

    private static String decode(byte[] content) throws RosterFileProblem {
        if (startsWith(content, 0xEF, 0xBB, 0xBF)) {
            return strictDecode(content, 3, StandardCharsets.UTF_8)
                    .orElseThrow(() -> new RosterFileProblem("the file starts with a UTF-8 mark but is not UTF-8"));
        }
        if (startsWith(content, 0xFF, 0xFE)) {
            return strictDecode(content, 2, StandardCharsets.UTF_16LE)
                    .orElseThrow(() -> new RosterFileProblem("the file starts with a UTF-16 mark but is not UTF-16"));
        }
        if (startsWith(content, 0xFE, 0xFF)) {
            return strictDecode(content, 2, StandardCharsets.UTF_16BE)
                    .orElseThrow(() -> new RosterFileProblem("the file starts with a UTF-16 mark but is not UTF-16"));
        }
        Optional<String> utf8 = strictDecode(content, 0, StandardCharsets.UTF_8);
        if (utf8.isPresent()) {
            return utf8.get();
        }
        // Chinese Windows Excel saves "CSV" in the ANSI code page, GBK; GB18030 is its superset.
        return strictDecode(content, 0, Charset.forName("GB18030"))
                .orElseThrow(() -> new RosterFileProblem(
                        "the text is neither UTF-8 nor GBK/GB18030; save the CSV as UTF-8"));
    }

    private static Optional<String> strictDecode(byte[] content, int offset, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, offset, content.length - offset))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static char guessDelimiter(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        return first.indexOf('\t') >= 0 && first.indexOf(',') < 0 ? '\t' : ',';
    }
}
