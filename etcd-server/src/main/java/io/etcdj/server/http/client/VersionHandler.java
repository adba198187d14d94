package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /version} (SPEC OTH-010, 2.3 form): the cluster version is {@code not_decided} until the
 * leader's first entry setting it is applied, a moment after start.
 *
 * <p>Thread-safety: stateless apart from the shared server.
 */
final class VersionHandler implements Route {
  private final EtcdServer server;

  VersionHandler(EtcdServer server) {
    this.server = server;
  }

  static String body(String clusterVersion) {
    return "{\"etcdserver\":\""
        + EtcdServer.VERSION
        + "\",\"etcdcluster\":\""
        + clusterVersion
        + "\"}";
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, String q) {
    if (HttpReplies.refusesMethod(ctx, request, "GET")) {
      return;
    }
    HttpReplies.send(ctx, false, HttpReplies.response(
            HttpResponseStatus.OK, HttpReplies.JSON, body(server.clusterVersion())));
  }
}
