package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /version} (SPEC OTH-010, 2.3 form).
 *
 * <p>Thread-safety: stateless.
 */
final class VersionHandler implements Route {
  static final String BODY =
      "{\"etcdserver\":\""
          + EtcdServer.VERSION
          + "\",\"etcdcluster\":\""
          + EtcdServer.CLUSTER_VERSION
          + "\"}";

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, String q) {
    boolean head = request.method().name().equals("HEAD");
    if (!request.method().name().equals("GET")) {
      HttpReplies.send(ctx, head, HttpReplies.methodNotAllowed("GET"));
      return;
    }
    HttpReplies.send(ctx, false, HttpReplies.response(HttpResponseStatus.OK, HttpReplies.JSON, BODY));
  }
}
