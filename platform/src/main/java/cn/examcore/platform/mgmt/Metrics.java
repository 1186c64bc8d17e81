package cn.examcore.platform.mgmt;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;
import java.util.Set;

/**
 * How both deployables measure themselves: one Prometheus registry per process, scraped by the
 * {@link ManagementVerticle}, and Vert.x's HTTP meters labelled by route, method and status (never by raw path,
 * which would make a meter per seat code).
 */
public final class Metrics {

    /** The management port's own routes. */
    static final Set<String> MANAGEMENT_ROUTES = Set.of("/health", "/ready", "/metrics");

    private Metrics() {
    }

    /** A new registry that leaves the management routes unmeasured: scrapes and probes would dominate the meters. */
    public static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().startsWith("vertx.http.server")
                && id.getTag("route") != null && MANAGEMENT_ROUTES.contains(id.getTag("route"))));
        return registry;
    }

    /** The Vert.x metrics options that go with {@link #registry()}. */
    public static MicrometerMetricsOptions vertxOptions() {
        return new MicrometerMetricsOptions().setEnabled(true)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
                .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE));
    }
}
