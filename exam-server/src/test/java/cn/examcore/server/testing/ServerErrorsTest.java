package cn.examcore.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@DisplayName("A 500's text in a test carries the errors the server logged")
class ServerErrorsTest {

    private static final Logger LOG = LoggerFactory.getLogger("cn.examcore.server.http.Replies");

    @Test
    @DisplayName("an ERROR with its cause chain reaches a 5xx reply's text; a 4xx reply's text is its body alone")
    void errorsReachTheFailingReply() {
        LOG.warn("not an error: left out");
        LOG.error("POST /api/x failed", new IllegalStateException("outer",
                new SQLException("deadlock detected", "40P01")));
        Api.Reply failed = new Api.Reply(500, Buffer.buffer("{\"code\":\"INTERNAL\"}"), "application/json", null);
        assertThat(failed.text()).startsWith("{\"code\":\"INTERNAL\"}").contains("POST /api/x failed")
                .contains("java.lang.IllegalStateException: outer")
                .contains("caused by java.sql.SQLException: deadlock detected")
                .contains("at cn.examcore.server.testing.ServerErrorsTest.errorsReachTheFailingReply")
                .doesNotContain("not an error");
        Api.Reply refused = new Api.Reply(409, Buffer.buffer("{\"code\":\"CONFLICT\"}"), "application/json", null);
        assertThat(refused.text()).isEqualTo("{\"code\":\"CONFLICT\"}");
    }
}
