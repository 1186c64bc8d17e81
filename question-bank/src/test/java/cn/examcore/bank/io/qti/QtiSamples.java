package cn.examcore.bank.io.qti;

import cn.examcore.bank.io.format.Zips;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** The sample files under src/test/resources/qti and packages built from them. */
final class QtiSamples {

    private QtiSamples() {
    }

    static byte[] resource(String path) {
        try (InputStream in = QtiSamples.class.getResourceAsStream("/qti/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource qti/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(resource(path), StandardCharsets.UTF_8);
    }

    /** The files of the sample package folder by their path inside it, plus the chart image. */
    static Map<String, byte[]> packageFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            Path folder = Path.of(QtiSamples.class.getResource("/qti/package").toURI());
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        files.put("items/images/chart.png", png());
        return files;
    }

    /** A real (tiny) PNG, made here rather than stored as a binary test file. */
    static byte[] png() {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x336699);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] zip(Map<String, byte[]> entries) {
        return Zips.zip(entries);
    }

    /** A package of one item file and a manifest listing it as items/q1.xml, plus any extra entries. */
    static byte[] onePackage(String itemXml, Map<String, byte[]> extra) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("imsmanifest.xml", manifest(List.of("items/q1.xml")).getBytes(StandardCharsets.UTF_8));
        entries.put("items/q1.xml", itemXml.getBytes(StandardCharsets.UTF_8));
        entries.putAll(extra);
        return zip(entries);
    }

    static String manifest(List<String> itemHrefs) {
        StringBuilder resources = new StringBuilder();
        int n = 1;
        for (String href : itemHrefs) {
            resources.append("<resource identifier=\"r").append(n++).append("\" type=\"imsqti_item_xmlv2p1\" href=\"")
                    .append(href).append("\"/>");
        }
        return "<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" identifier=\"M\"><organizations/>"
                + "<resources>" + resources + "</resources></manifest>";
    }

    /** A minimal QTI 2.1 single-choice item whose body holds the given extra content. */
    static String item(String extraBody) {
        return "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\" identifier=\"Q1\" title=\"t\">"
                + "<responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" baseType=\"identifier\">"
                + "<correctResponse><value>A</value></correctResponse></responseDeclaration>"
                + "<itemBody>" + extraBody + "<choiceInteraction responseIdentifier=\"RESPONSE\" maxChoices=\"1\">"
                + "<simpleChoice identifier=\"A\">甲</simpleChoice><simpleChoice identifier=\"B\">乙</simpleChoice>"
                + "</choiceInteraction></itemBody></assessmentItem>";
    }
}
