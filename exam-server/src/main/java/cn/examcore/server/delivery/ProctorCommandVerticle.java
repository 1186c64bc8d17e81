package cn.examcore.server.delivery;

import cn.examcore.server.api.Addresses;
import cn.examcore.server.api.ErrorType;
import cn.examcore.server.api.ExamException;
import cn.examcore.server.api.Json;
import cn.examcore.server.api.ProctorCommand;
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
                msg.reply(Json.encode(new ProctorCommand.Outcome(false, null, null, 0, ErrorType.BAD_MESSAGE.name(),
                        e.getMessage())));
                return;
            }
            proctor.execute(cmd, room -> true).onComplete(ar -> msg.reply(Json.encode(ar.succeeded() ? ar.result()
                    : new ProctorCommand.Outcome(false, null, null, 0,
                    ar.cause() instanceof ExamException x ? x.type().name() : ErrorType.INTERNAL.name(),
                    ar.cause().getMessage()))));
        });
        return consumer.completion();
    }

    @Override
    public Future<?> stop() {
        return consumer.unregister();
    }
}
