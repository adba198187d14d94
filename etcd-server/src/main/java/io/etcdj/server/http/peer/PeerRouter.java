package io.etcdj.server.http.peer;

import io.etcdj.server.http.client.GoServerRefusals;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole route table of the peer port, as etcd mounts it (SPEC 7.1): exact paths {@code /raft},
 * {@code /raft/probing}, {@code /members}, {@code /version}; the prefix {@code /raft/stream/}; Go's
 * plain-text 404 for anything else, including {@code /v2/keys} (PTR-007).
 *
 * <p>Thread-safety: immutable after construction, shared by every channel.
 */
@Sharable
final class PeerRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger("rafthttp");
  static final String STREAM_PREFIX = "/raft/stream/";

  private final Map<String, PeerRoute> exact;
  private final PeerRoute streams;

  PeerRouter(Map<String, PeerRoute> exact, PeerRoute streams) {
    this.exact = Map.copyOf(exact);
    this.streams = streams;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      PeerReplies.send(
          ctx, request, PeerReplies.error(HttpResponseStatus.BAD_REQUEST, "400 Bad Request"));
      return;
    }
    if (GoServerRefusals.refusedByServer(ctx, request)) {
      return; // the same Go server answers the peer port: no Host, a bad one, an Expect, ...
    }
    String uri = request.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    PeerRoute route = exact.get(path);
    if (route == null && path.startsWith(STREAM_PREFIX)) {
      route = streams;
    }
    if (route == null) {
      PeerReplies.send(ctx, request, PeerReplies.notFound());
      return;
    }
    try {
      route.handle(ctx, request, path);
    } catch (RuntimeException e) {
      LOG.warn("error handling {} {}: {}", request.method(), path, e.toString());
      PeerReplies.send(
          ctx,
          request,
          PeerReplies.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal Server Error"));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("peer connection error: {}", cause.toString());
    ctx.close();
  }
}
