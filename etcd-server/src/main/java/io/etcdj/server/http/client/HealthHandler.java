package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.Request;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.TimeUnit;

/**
 * {@code /health} (SPEC OTH-011, 2.x bodies): healthy when a quorum GET through the log succeeds
 * within one second.
 *
 * <p>Thread-safety: stateless apart from the shared server.
 */
final class HealthHandler implements Route {
  private final EtcdServer server;

  HealthHandler(EtcdServer server) {
    this.server = server;
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, String q) {
    if (HttpReplies.refusesMethod(ctx, request, "GET")) {
      return;
    }
    server
        .propose(Request.quorumGet("/"))
        .orTimeout(1, TimeUnit.SECONDS)
        .whenCompleteAsync(
            (event, error) -> {
              if (error == null) {
                HttpReplies.send(
                    ctx,
                    false,
                    HttpReplies.response(
                        HttpResponseStatus.OK, HttpReplies.TEXT, "{\"health\": \"true\"}"));
              } else {
                HttpReplies.send(
                    ctx,
                    false,
                    HttpReplies.error(
                        HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"health\": \"false\"}"));
              }
            },
            ctx.executor());
  }
}
