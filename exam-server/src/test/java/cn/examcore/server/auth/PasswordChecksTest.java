package cn.examcore.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Password checks beyond the node's bound are refused at once as busy, not queued behind the running ones. */
class PasswordChecksTest {

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aCheckBeyondTheBoundIsRefusedAsBusyUntilTheRunningOneEnds() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            PasswordChecks checks = new PasswordChecks(PasswordHasher.defaults(),
                    vertx.createSharedWorkerExecutor("password-checks-test", 1), 1);
            // An Argon2 verify takes tens of milliseconds: the second call comes while the first still runs.
            Future<Boolean> first = checks.verifyUnknownUser("a made-up account's password");
            Future<Boolean> second = checks.verifyUnknownUser("another password");

            assertThat(second.failed()).isTrue();
            assertThat(second.cause()).isInstanceOfSatisfying(ExamException.class, e -> {
                assertThat(e.type()).isEqualTo(ErrorType.RETRY);
                assertThat(e.getMessage()).contains("checking other passwords");
                assertThat(e.details()).containsEntry("retryAfterSeconds", 1);
            });
            assertThat(await(first)).isFalse();
            assertThat(checks.pending()).isZero();

            String hash = await(checks.hash("long-enough-secret"));
            assertThat(await(checks.verify("long-enough-secret", hash))).isTrue();
            assertThat(await(checks.verify("not the secret", hash))).isFalse();
        } finally {
            await(vertx.close());
        }
    }
}
