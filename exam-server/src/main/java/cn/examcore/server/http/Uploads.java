package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

/** An uploaded file as multipart field {@code file}, or the raw body with {@code ?fileName=}. */
record Uploads(String fileName, byte[] content) {

    static Future<Uploads> read(Vertx vertx, RoutingContext ctx) {
        for (FileUpload f : ctx.fileUploads()) {
            if (f.name().equals("file")) {
                String name = f.fileName() == null || f.fileName().isBlank() ? "upload" : f.fileName();
                return vertx.fileSystem().readFile(f.uploadedFileName()).map(b -> new Uploads(name, b.getBytes()));
            }
        }
        String name = ctx.request().getParam("fileName");
        if (name == null || name.isBlank()) {
            return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "file",
                    "send the file as multipart field 'file', or as the body with ?fileName=NAME"));
        }
        if (ctx.body() == null || ctx.body().length() <= 0) {
            return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "body", "the file is empty"));
        }
        return Future.succeededFuture(new Uploads(name, ctx.body().buffer().getBytes()));
    }
}
