package cn.examcore.bank.io.qti;

import static cn.examcore.bank.io.format.FileNames.baseName;

import cn.examcore.bank.io.format.BankReader;
import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.io.format.ZipGuard;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;

/**
 * Reads QTI 2.1/2.2 and 3.0 items: a bare assessmentItem (.xml) or an IMS content package (.zip) whose
 * imsmanifest.xml lists the item resources. What is supported, what is reported as unsupported and the metadata
 * convention for tags are in question-bank/docs/qti.md.
 *
 * <p>Hostile input is refused before it can cost anything: the XML parser refuses any DOCTYPE (so no XXE, no entity
 * expansion) and fetches nothing; a package goes through {@link ZipGuard} (zip bombs, entry count, "../" names)
 * and every path the manifest or an item names is resolved inside the package or refused.
 */
public final class QtiBankReader implements BankReader {

    public QtiBankReader() {
        // stateless: parsers are created per read
    }

    @Override
    public ParsedBank read(String fileName, byte[] content, ImportLimits limits) {
        String baseName = baseName(fileName);
        if (ZipGuard.looksLikeZip(content)) {
            return new ContentPackage(fileName, baseName, limits).read(content);
        }
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return empty(fileName, baseName, List.of(Issue.error(Location.file(fileName), Rule.UNSUPPORTED_FORMAT,
                    "this is not a zip archive; a QTI content package is a .zip holding imsmanifest.xml")));
        }
        return bareItem(fileName, baseName, content, limits);
    }

    private static ParsedBank bareItem(String fileName, String baseName, byte[] content, ImportLimits limits) {
        List<Issue> issues = new ArrayList<>();
        Document document;
        try {
            document = new SafeXml().parse(content);
        } catch (SafeXml.Rejected rejected) {
            issues.add(Issue.error(Location.file(fileName), rejected.rule, rejected.getMessage()));
            return empty(fileName, baseName, issues);
        }
        ItemParser.Images noImages = (src, at) -> {
            issues.add(Issue.error(at, Rule.BROKEN_RESOURCE, "the image \"" + src + "\" cannot come with a bare .xml "
                    + "item; upload an IMS content package (.zip) holding the item and its images"));
            return null;
        };
        Optional<ItemParser.Parsed> parsed = new ItemParser(issues)
                .parse(document.getDocumentElement(), fileName, Metadata.none(), noImages);
        List<Item> items = parsed.map(p -> List.of(p.item())).orElse(List.of());
        List<QtiSourceMap.Places> places = parsed.map(p -> List.of(p.places())).orElse(List.of());
        return new ParsedBank(baseName, baseName, MultipleChoiceRule.ALL_OR_NOTHING, items, Map.of(), issues,
                new QtiSourceMap(Location.file(fileName), places));
    }

    static ParsedBank empty(String fileName, String baseName, List<Issue> issues) {
        return new ParsedBank(baseName, baseName, MultipleChoiceRule.ALL_OR_NOTHING, List.of(), Map.of(),
                List.copyOf(issues), new QtiSourceMap(Location.file(fileName), List.of()));
    }
}
