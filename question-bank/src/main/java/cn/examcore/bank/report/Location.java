package cn.examcore.bank.report;

/**
 * Where a problem is: the file and the place inside it, in the terms of its format — "sheet 题库 row 7 column
 * 答案 (F)" for Excel, a JSON pointer such as "/items/3/score", or an XML element path such as
 * "/assessmentItem/responseDeclaration[1]/correctResponse".
 *
 * @param file  the file name as the administrator gave it (for a package, "pkg.zip!item3.xml")
 * @param place the place inside the file; empty for the file as a whole
 */
public record Location(String file, String place) {

    public static Location file(String file) {
        return new Location(file, "");
    }

    @Override
    public String toString() {
        return place.isEmpty() ? file : file + ": " + place;
    }
}
