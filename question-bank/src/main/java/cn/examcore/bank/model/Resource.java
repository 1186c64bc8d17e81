package cn.examcore.bank.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named binary a bank carries: an image a stem shows ({@code <img src="res:NAME">}) or an attachment of an
 * operation task.
 *
 * <p>The candidate page shows images inline and only downloads attachments, and the server hands both out on the
 * page's own origin. A type a browser runs as a document or script (HTML, SVG, XML, XSLT, JavaScript) would let a
 * bank author run script in every candidate's session, so such resources are refused at import
 * ({@link #activeContent}); an image a stem shows must be a raster image ({@link #rasterImage}).
 *
 * @param name      unique within the bank
 * @param mediaType e.g. image/png
 * @param bytes     the content
 */
public record Resource(String name, String mediaType, byte[] bytes) {

    /** The image types a stem may show: raster formats every browser decodes without running anything. */
    public static final Set<String> RASTER_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp",
            "image/bmp", "image/avif");

    private static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "image/svg+xml",
            "text/xml", "application/xml", "text/xsl", "application/xslt+xml", "text/javascript",
            "application/javascript", "application/x-javascript", "text/ecmascript", "application/ecmascript",
            "application/wasm", "text/cache-manifest", "multipart/x-mixed-replace");

    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    /** The bare type of a media type: lower case, without parameters ({@code Image/PNG; x=y} → {@code image/png}). */
    public static String essence(String mediaType) {
        if (mediaType == null) {
            return "";
        }
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** True for a well-formed {@code type/subtype} (parameters allowed). */
    public static boolean wellFormed(String mediaType) {
        return MEDIA_TYPE.matcher(essence(mediaType)).matches();
    }

    /** True for a raster image type a stem may show inline. */
    public static boolean rasterImage(String mediaType) {
        return RASTER_IMAGES.contains(essence(mediaType));
    }

    /**
     * True for a type a browser would run as a page or a script when it is opened: HTML, SVG, any XML (an
     * {@code +xml} suffix included, since browsers render XML and apply its XSLT), JavaScript, WebAssembly.
     */
    public static boolean activeContent(String mediaType) {
        String type = essence(mediaType);
        return ACTIVE.contains(type) || type.endsWith("+xml") || type.contains("javascript")
                || type.contains("ecmascript") || type.contains("html");
    }
}
