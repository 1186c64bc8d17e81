package cn.examcore.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.common.Addresses;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The per-class set-up of the proctor-side integration tests: a node with the demo sitting, an API client, an
 * administrator's token, every seat event the node publishes, and the sitting released (key given) at once.
 *
 * <pre>{@code
 * static ReleasedSitting s = ReleasedSitting.start(TestNode.builder().leadSeconds(600));
 * s.api().post(..., s.admin(), ...);
 * }</pre>
 */
public final class ReleasedSitting implements AutoCloseable {

    private final TestNode node;
    private final Api api;
    private final String admin;
    private final List<JsonObject> published = new CopyOnWriteArrayList<>();

    private ReleasedSitting(TestNode node) {
        this.node = node;
        this.api = new Api(node.baseUrl());
        this.admin = api.adminToken(node);
        node.node().vertx().eventBus().<String>consumer(Addresses.SEAT_EVENTS,
                m -> published.add(new JsonObject(m.body())));
        Api.Reply started = api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null);
        assertThat(started.status()).as(started.text()).isEqualTo(200);
    }

    /** Starts the node {@code builder} describes and releases its demo sitting. */
    public static ReleasedSitting start(TestNode.Builder builder) {
        return new ReleasedSitting(builder.start());
    }

    public TestNode node() {
        return node;
    }

    public Api api() {
        return api;
    }

    /** A bearer token of the bootstrap administrator. */
    public String admin() {
        return admin;
    }

    /** Every seat event published on the node since the set-up, in arrival order (live view). */
    public List<JsonObject> published() {
        return published;
    }

    /** Asserts a 400 whose {@code details.field} names {@code field}. */
    public static void badRequestNaming(Api.Reply r, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo(field);
    }

    @Override
    public void close() {
        api.close();
        node.close();
    }
}
