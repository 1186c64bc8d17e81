package cn.examcore.server.http;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * Who a request comes from, for the throttles that are kept per client: the peer address, unless the peer is one of
 * the configured reverse proxies ({@code trusted-proxies}); then the right-most address of {@code X-Forwarded-For}
 * that is not a proxy itself. Only proxies may speak for a client: a header from anyone else is ignored, so a client
 * cannot pick a fresh address for each guess.
 */
final class ClientAddress {

    private final Set<String> trustedProxies;

    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    String of(RoutingContext ctx) {
        SocketAddress peer = ctx.request().remoteAddress();
        String address = peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
        if (!trustedProxies.contains(address)) {
            return address;
        }
        List<String> forwarded = ctx.request().headers().getAll("X-Forwarded-For");
        String[] hops = String.join(",", forwarded).split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return address;
    }
}
