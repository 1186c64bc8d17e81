/**
 * Import and export of banks. {@code BankImporter} is the entry point: it picks the reader by file name
 * ({@code .json}, {@code .xlsx}, {@code .xml} for a bare QTI item, {@code .zip} for an IMS content package),
 * enforces {@code ImportLimits}, runs validation and returns an {@code ImportResult}. Each format lives in its own
 * sub-package ({@code json}, {@code xlsx}, {@code qti}); what they share is in {@code format}, below them, so the
 * importer depends on the formats and never the reverse. {@code sheet} is the streamed .xlsx sheet reader, public
 * because exam-server's roster import reads its workbooks with it too.
 */
package cn.examcore.bank.io;
