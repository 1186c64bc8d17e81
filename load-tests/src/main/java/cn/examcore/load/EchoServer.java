package cn.examcore.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

/**
 * The WebSocket ceiling: a bare Vert.x server that sends every text message straight back, started as its own
 * process like an exam-server node. Arguments: port.
 */
public final class EchoServer {

    private EchoServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer(new HttpServerOptions().setHost("0.0.0.0").setPort(port))
                .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
                .requestHandler(req -> req.response().end("ok"))
                .listen().onSuccess(s -> System.out.println("echo listening on " + s.actualPort()))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }
}
