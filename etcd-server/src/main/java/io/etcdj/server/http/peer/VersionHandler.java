package io.etcdj.server.http.peer;

import io.etcdj.server.transport.TransportConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /version} on the peer port, the same answer as on the client port (SPEC PTR-005,
 * OTH-010): joining members compare versions with it.
 *
 * <p>Thread-safety: stateless apart from immutable collaborators; shared by every channel.
 */
final class VersionHandler implements PeerRoute {
  private final TransportConfig config;
  private final PeerCluster cluster;

  VersionHandler(TransportConfig config, PeerCluster cluster) {
    this.config = config;
    this.cluster = cluster;
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    if (!request.method().equals(HttpMethod.GET)) {
      PeerReplies.send(ctx, request, PeerReplies.methodNotAllowed("GET"));
      return;
    }
    String body =
        "{\"etcdserver\":\""
            + config.serverVersion()
            + "\",\"etcdcluster\":\""
            + cluster.clusterVersion()
            + "\"}";
    PeerReplies.send(
        ctx, request, PeerReplies.response(HttpResponseStatus.OK, PeerReplies.JSON, body));
  }
}
