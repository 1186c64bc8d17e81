package cn.examcore.bank.io.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.examcore.bank.io.format.ZipGuard;
import cn.examcore.bank.io.format.Zips;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SheetReader streams cells as each import asks")
class SheetReaderTest {

    private static final ZipGuard.Limits ARCHIVE = new ZipGuard.Limits(64L << 20, 1_000, 200,
            ZipGuard.DEFAULT_RATIO_GRACE_BYTES);
    /** What the bank import asks for. */
    private static final SheetReader.Options AS_SHOWN = new SheetReader.Options(ARCHIVE, 1_000,
            SheetReader.NumberText.AS_SHOWN, SheetReader.DateCells.AS_NUMBERS);
    /** What the roster import asks for. */
    private static final SheetReader.Options AS_STORED = new SheetReader.Options(ARCHIVE,
            SheetReader.Options.UNLIMITED_TEXT, SheetReader.NumberText.AS_STORED, SheetReader.DateCells.AS_DATES);

    /** The rows of the first sheet by row number. */
    private static Map<Integer, List<SheetCell>> firstSheet(byte[] workbook, SheetReader.Options options)
            throws Exception {
        Map<Integer, List<SheetCell>> rows = new LinkedHashMap<>();
        SheetReader.read("t.xlsx", workbook, options, (index, name) -> index == 0 ? (row, cells) -> {
            rows.put(row, cells);
            return true;
        } : null);
        return rows;
    }

    private static SheetCell onlyCell(byte[] workbook, SheetReader.Options options) throws Exception {
        return firstSheet(workbook, options).values().stream().flatMap(List::stream).reduce((a, b) -> {
            throw new AssertionError("more than one cell: " + a + ", " + b);
        }).orElseThrow();
    }

    private static byte[] oneCell(String cellXml) {
        return new RawWorkbook().styles(RawWorkbook.STYLES).sheet("S", "<row r=\"1\">" + cellXml + "</row>").bytes();
    }

    @Test
    @DisplayName("a formatted number reads as its format shows it, or as stored, keeping the stored value either way")
    void numberFormats() throws Exception {
        byte[] file = oneCell("<c r=\"A1\" s=\"1\"><v>42</v></c>");

        assertThat(onlyCell(file, AS_SHOWN)).isEqualTo(new SheetCell(0, "000042", CellKind.NUMBER,
                new BigDecimal("42"), false));
        assertThat(onlyCell(file, AS_STORED)).isEqualTo(new SheetCell(0, "42", CellKind.NUMBER,
                new BigDecimal("42"), false));
    }

    @Test
    @DisplayName("numbers read in plain notation without trailing zeros")
    void plainNumbers() throws Exception {
        assertThat(onlyCell(oneCell("<c r=\"A1\"><v>1E+3</v></c>"), AS_STORED).text()).isEqualTo("1000");
        assertThat(onlyCell(oneCell("<c r=\"A1\"><v>2.50</v></c>"), AS_SHOWN).text()).isEqualTo("2.5");
        assertThat(onlyCell(oneCell("<c r=\"A1\"><v>2025310001</v></c>"), AS_SHOWN).text()).isEqualTo("2025310001");
    }

    @Test
    @DisplayName("a date-formatted number is a DATE with ISO text, or a NUMBER, as asked")
    void dateFormattedNumbers() throws Exception {
        byte[] file = oneCell("<c r=\"A1\" s=\"2\"><v>45664</v></c>");

        assertThat(onlyCell(file, AS_STORED)).isEqualTo(new SheetCell(0, "2025-01-07T00:00", CellKind.DATE,
                new BigDecimal("45664"), false));
        assertThat(onlyCell(file, AS_SHOWN)).satisfies(cell -> {
            assertThat(cell.kind()).isEqualTo(CellKind.NUMBER);
            assertThat(cell.number()).isEqualByComparingTo("45664");
        });
    }

    @Test
    @DisplayName("an ISO date cell is a DATE or plain text, as asked")
    void isoDateCells() throws Exception {
        byte[] file = oneCell("<c r=\"A1\" t=\"d\"><v>2025-01-07</v></c>");

        assertThat(onlyCell(file, AS_STORED)).isEqualTo(new SheetCell(0, "2025-01-07", CellKind.DATE));
        assertThat(onlyCell(file, AS_SHOWN)).isEqualTo(new SheetCell(0, "2025-01-07", CellKind.TEXT));
    }

    @Test
    @DisplayName("a formula reads as its text, a shared one as empty, and its cached result is never read")
    void formulas() throws Exception {
        byte[] file = new RawWorkbook().sheet("S", "<row r=\"1\">"
                + "<c r=\"A1\" t=\"str\"><f t=\"shared\" ref=\"A1:B1\" si=\"0\">\"T\"&amp;1</f><v>T1</v></c>"
                + "<c r=\"B1\" t=\"str\"><f t=\"shared\" si=\"0\"/><v>T1</v></c></row>").bytes();

        assertThat(firstSheet(file, AS_SHOWN).get(1)).containsExactly(
                new SheetCell(0, "=\"T\"&1", CellKind.FORMULA), new SheetCell(1, "", CellKind.FORMULA));
    }

    @Test
    @DisplayName("strings lose their phonetic guides and OOXML escapes, inline or shared")
    void stringForms() throws Exception {
        byte[] file = new RawWorkbook()
                .sharedString("<r><t>张</t></r><r><t>三</t></r><rPh sb=\"0\" eb=\"1\"><t>ちょう</t></rPh>")
                .sharedString("<t>第一行_x000D_第二行</t>")
                .sheet("S", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                        + "<c r=\"C1\" t=\"inlineStr\"><is><t>a_x000D_b</t><rPh><t>ei</t></rPh></is></c></row>")
                .bytes();

        assertThat(firstSheet(file, AS_STORED).get(1)).extracting(SheetCell::text)
                .containsExactly("张三", "第一行\r第二行", "a\rb");
    }

    @Test
    @DisplayName("booleans, error values and a shared-string index that points nowhere read as what they are")
    void otherKinds() throws Exception {
        byte[] file = new RawWorkbook().sharedString("<t>only</t>").sheet("S", "<row r=\"1\">"
                + "<c r=\"A1\" t=\"b\"><v>1</v></c><c r=\"B1\" t=\"b\"><v>0</v></c>"
                + "<c r=\"C1\" t=\"e\"><v>#N/A</v></c><c r=\"D1\" t=\"s\"><v>7</v></c>"
                + "<c r=\"E1\" t=\"x\"><v>?</v></c></row>").bytes();

        assertThat(firstSheet(file, AS_SHOWN).get(1)).extracting(SheetCell::text, SheetCell::kind).containsExactly(
                tuple("TRUE", CellKind.BOOLEAN), tuple("FALSE", CellKind.BOOLEAN), tuple("#N/A", CellKind.ERROR),
                tuple("#REF!", CellKind.ERROR), tuple("?", CellKind.ERROR));
    }

    @Test
    @DisplayName("rows keep Excel's numbers and cells their columns; empty cells and empty rows give no cell")
    void positions() throws Exception {
        byte[] file = new RawWorkbook().sheet("S", "<row r=\"2\"><c r=\"C2\" t=\"inlineStr\"><is><t>c</t></is></c>"
                + "<c r=\"D2\" s=\"0\"/><c r=\"AB2\"><v>1</v></c></row><row r=\"5\"/>"
                + "<row><c t=\"inlineStr\"><is><t>x</t></is></c><c t=\"inlineStr\"><is><t>y</t></is></c></row>")
                .bytes();

        Map<Integer, List<SheetCell>> rows = firstSheet(file, AS_SHOWN);

        assertThat(rows).containsOnlyKeys(2, 5, 6);
        assertThat(rows.get(2)).extracting(SheetCell::column).containsExactly(2, 27);
        assertThat(rows.get(5)).isEmpty();
        assertThat(rows.get(6)).extracting(SheetCell::column, SheetCell::text).containsExactly(tuple(0, "x"),
                tuple(1, "y"));
    }

    @Test
    @DisplayName("text beyond the limit is cut one character past it and marked too long; unlimited keeps it whole")
    void textLimit() throws Exception {
        byte[] file = new RawWorkbook().sharedString("<t>abcdefgh</t>").sheet("S", "<row r=\"1\">"
                + "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>12345678</t></is></c>"
                + "<c r=\"C1\" t=\"inlineStr\"><is><t>1234</t></is></c></row>").bytes();
        SheetReader.Options five = new SheetReader.Options(ARCHIVE, 5, SheetReader.NumberText.AS_SHOWN,
                SheetReader.DateCells.AS_NUMBERS);

        assertThat(firstSheet(file, five).get(1)).extracting(SheetCell::text, SheetCell::tooLong).containsExactly(
                tuple("abcdef", true), tuple("123456", true), tuple("1234", false));
        assertThat(firstSheet(file, AS_STORED).get(1)).extracting(SheetCell::text, SheetCell::tooLong)
                .containsExactly(tuple("abcdefgh", false), tuple("12345678", false), tuple("1234", false));
    }

    @Test
    @DisplayName("the chooser sees every sheet by position and name and gets the rows of those it picks")
    void chooser() throws Exception {
        byte[] file = new RawWorkbook()
                .sheet(" 说明 ", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>guide</t></is></c></row>")
                .sheet("题库", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>items</t></is></c></row>").bytes();
        List<String> seen = new ArrayList<>();
        List<String> texts = new ArrayList<>();

        List<String> names = SheetReader.read("t.xlsx", file, AS_SHOWN, (index, name) -> {
            seen.add(index + ":" + name);
            return name.equals("题库") ? (row, cells) -> texts.add(cells.get(0).text()) : null;
        });

        assertThat(names).containsExactly("说明", "题库");
        assertThat(seen).containsExactly("0:说明", "1:题库");
        assertThat(texts).containsExactly("items");
    }

    @Test
    @DisplayName("a sink that returns false ends the sheet there")
    void sinkStops() throws Exception {
        byte[] file = new RawWorkbook().sheet("S", "<row r=\"1\"/><row r=\"2\"/><row r=\"3\"/>").bytes();
        List<Integer> rows = new ArrayList<>();

        SheetReader.read("t.xlsx", file, AS_SHOWN, (index, name) -> (row, cells) -> rows.add(row) && row < 2);

        assertThat(rows).containsExactly(1, 2);
    }

    @Test
    @DisplayName("the archive is checked against the given limits before anything is parsed")
    void archiveCheckedFirst() {
        byte[] file = new RawWorkbook().sheet("S", "<row r=\"1\"/>").bytes();
        SheetReader.Options tiny = new SheetReader.Options(new ZipGuard.Limits(100, 1_000, 200, 0), 10,
                SheetReader.NumberText.AS_SHOWN, SheetReader.DateCells.AS_NUMBERS);

        assertThatThrownBy(() -> SheetReader.read("t.xlsx", file, tiny, (index, name) -> {
            throw new AssertionError("no sheet may be read");
        })).isInstanceOfSatisfying(ZipGuard.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(ZipGuard.Reason.TOO_LARGE));
    }

    @Test
    @DisplayName("a zip that is not a workbook is unreadable, with the reason POI gave")
    void damagedWorkbook() {
        byte[] notAWorkbook = Zips.zip("readme.txt", new byte[] {'h', 'i'});

        assertThatThrownBy(() -> SheetReader.read("t.xlsx", notAWorkbook, AS_SHOWN, (index, name) -> null))
                .isInstanceOf(SheetReader.Unreadable.class).hasMessageNotContaining("null");
    }
}
