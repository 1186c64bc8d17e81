/**
 * What every file format shares: the {@code BankReader} contract a format implements, the {@code ParsedBank} it
 * produces with the {@code SourceMap} back to its file, the {@code ImportLimits} it keeps to, and the pieces
 * several formats use ({@code ZipGuard} for archives, which exam-server's roster import uses as well;
 * {@code Vocabulary} for the words administrators write; {@code FileNames}). The formats ({@code io.json},
 * {@code io.xlsx}, {@code io.qti}), the shared sheet reader ({@code io.sheet}) and the validator depend on this
 * package; it depends only on the model and the report types, so no format has to reach up to the importer that
 * dispatches to it.
 */
package cn.examcore.bank.io.format;
