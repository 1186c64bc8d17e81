package cn.examcore.server.http;

import cn.examcore.bank.model.Resource;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The browser-side defences every answer of the public port carries, and the stricter ones of bank resources.
 *
 * <p>The pages load only their own modules and styles (no inline script or style), show bank images as
 * {@code blob:} URLs, and open the seat socket to their own origin or to the nodes of {@code seat-socket-urls}; the
 * policy allows exactly that, so injected markup can neither run script nor send anything elsewhere, and no other
 * site may frame a page (clickjacking of the submit button).
 */
final class SecurityHeaders {

    /** A bank resource is data, never a document: no script, no plugin, no same-origin access even if opened. */
    static final String RESOURCE_POLICY = "sandbox; default-src 'none'";

    private final String pagePolicy;
    private final String transportSecurity;

    /**
     * @param socketOrigins the {@code ws://} / {@code wss://} origins the page may open its socket to
     * @param hstsSeconds   {@code Strict-Transport-Security} max-age when the port serves HTTPS itself; 0 sends none
     *                      (plain HTTP, or TLS ended by a proxy that sets its own)
     */
    SecurityHeaders(List<String> socketOrigins, long hstsSeconds) {
        // Once a browser has seen this over a trusted connection it goes to https:// by itself, even for an address
        // typed as http://, so a candidate's token can never be sent in the clear by a slip. Browsers ignore it over
        // a connection whose certificate they do not trust, as the RFC requires.
        this.transportSecurity = hstsSeconds > 0 ? "max-age=" + hstsSeconds : null;
        String sockets = socketOrigins.stream().map(o -> " " + o).collect(Collectors.joining());
        this.pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:;"
                + " font-src 'self'; connect-src 'self'" + sockets + "; object-src 'none'; base-uri 'none';"
                + " form-action 'self'; frame-ancestors 'none'";
    }

    /** The route handler that puts the page headers on every answer (a handler may tighten them). */
    void page(RoutingContext ctx) {
        ctx.response().headers()
                .set("Content-Security-Policy", pagePolicy)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer");
        if (transportSecurity != null) {
            ctx.response().headers().set("Strict-Transport-Security", transportSecurity);
        }
        ctx.next();
    }

    /**
     * Headers of one bank resource: its type only when it is harmless, the sandbox policy whatever it is, and a
     * download (not a page) for anything but a raster image, so even a resource stored before import refused active
     * types, or opened directly, cannot run on the pages' origin.
     */
    static void resource(HttpServerResponse response, String name, String mediaType) {
        boolean image = Resource.rasterImage(mediaType);
        String type = Resource.activeContent(mediaType) || !Resource.wellFormed(mediaType)
                ? "application/octet-stream" : mediaType;
        response.putHeader("Content-Type", type)
                .putHeader("Content-Security-Policy", RESOURCE_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "private");
        if (!image) {
            response.putHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                    + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }
}
