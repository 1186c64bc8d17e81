package cn.examcore.server.proctoring;

import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.AttemptRejected;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.common.Rejections;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Serves {@link Addresses#PROCTOR_COMMANDS}: the proctor console may send a {@link ProctorCommand} over the
 * clustered event bus instead of HTTP. The console authenticated its proctor; room scoping is its job there.
 */
public final class ProctorCommandVerticle extends VerticleBase {

    private final ProctorService proctor;
    private MessageConsumer<String> consumer;

    public ProctorCommandVerticle(ProctorService proctor) {
        this.proctor = proctor;
    }

    @Override
    public Future<?> start() {
        consumer = vertx.eventBus().consumer(Addresses.PROCTOR_COMMANDS, msg -> {
            ProctorCommand cmd;
            try {
                cmd = Json.decode(msg.body(), ProctorCommand.class);
            } catch (IllegalArgumentException e) {
                msg.reply(Json.encode(ProctorCommand.Outcome.refused(ErrorType.BAD_MESSAGE.name(), e.getMessage(),
                        null)));
                return;
            }
            proctor.execute(cmd, room -> true).onComplete(ar -> msg.reply(Json.encode(ar.succeeded() ? ar.result()
                    : refusal(ar.cause()))));
        });
        return consumer.completion();
    }

    private static ProctorCommand.Outcome refusal(Throwable e) {
        if (e instanceof ExamException x) {
            Object field = x.details().get("field");
            return ProctorCommand.Outcome.refused(x.type().name(), x.getMessage(),
                    field == null ? null : field.toString());
        }
        if (e instanceof AttemptRejected r) {
            ErrorType type = Rejections.errorType(r);
            return ProctorCommand.Outcome.refused(type.name(), r.getMessage(), null);
        }
        return ProctorCommand.Outcome.refused(ErrorType.INTERNAL.name(), e.getMessage(), null);
    }

    @Override
    public Future<?> stop() {
        return consumer.unregister();
    }
}
