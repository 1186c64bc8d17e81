package cn.examcore.load.gatling;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.Arrays;
import java.util.List;

/** The HTTP/WebSocket protocol every simulation of this module uses, configured from system properties. */
final class Protocols {

    private Protocols() {
    }

    /**
     * {@code baseUrl} (http://127.0.0.1:8080; the socket URL is the same host with ws://) and
     * {@code localAddresses}: comma-separated source addresses the virtual users are spread over (Linux gives about
     * 28k ephemeral ports per source/destination pair), for example {@code 127.0.0.2,127.0.0.3}; empty for the
     * system's choice.
     */
    static HttpProtocolBuilder fromProperties() {
        return to(System.getProperty("baseUrl", "http://127.0.0.1:8080"));
    }

    /** The protocol to this base URL, spread over the {@code localAddresses} of the system property. */
    static HttpProtocolBuilder to(String base) {
        HttpProtocolBuilder p = http.baseUrl(base).wsBaseUrl(base.replaceFirst("^http", "ws"))
                .acceptHeader("application/json").contentTypeHeader("application/json")
                .disableCaching().disableWarmUp();
        List<String> sources = Arrays.stream(System.getProperty("localAddresses", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        return sources.isEmpty() ? p : p.localAddresses(sources);
    }
}
