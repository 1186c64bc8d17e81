package cn.examcore.bank.io.format;

import java.io.IOException;

/**
 * One import format. A reader never throws for bad content: every problem becomes an {@code Issue} in
 * {@link ParsedBank#readIssues()} with its location. {@link IOException} is only for the stream itself failing.
 * Readers must keep memory bounded by {@link ImportLimits} whatever the input claims about itself.
 */
public interface BankReader {

    /**
     * @param fileName the name the administrator gave (used in locations and for defaults like the bank id)
     * @param content  the whole file, already checked against {@link ImportLimits#maxFileBytes()}
     */
    ParsedBank read(String fileName, byte[] content, ImportLimits limits) throws IOException;
}
