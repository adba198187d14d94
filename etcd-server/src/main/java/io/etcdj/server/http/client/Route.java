package io.etcdj.server.http.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * One resource of the client port. Called on the channel's event loop; must not block. The
 * request is released when this returns, so anything needed later must be copied first.
 *
 * <p>Thread-safety: implementations are shared by every channel and must be stateless or
 * thread-safe.
 */
interface Route {
  /**
   * @param path the decoded, clean request path
   * @param rawQuery the raw query string without {@code ?} (may be empty)
   */
  void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, String rawQuery);
}
