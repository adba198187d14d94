package io.etcdj.server.http.peer;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * One resource of the peer port. Called on the channel's event loop; must not block. The request is
 * released when this returns.
 *
 * <p>Thread-safety: implementations are shared by every channel and must be stateless or
 * thread-safe.
 */
interface PeerRoute {
  /**
   * @param path the request path without the query string
   */
  void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path);
}
