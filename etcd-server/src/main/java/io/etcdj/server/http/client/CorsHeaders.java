package io.etcdj.server.http.client;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.List;

/**
 * etcd 2.3's CORS layer (SPEC OTH-004): with {@code --cors} set, responses to an allowed origin
 * (or to anyone with {@code *}) carry the three Access-Control headers. Installed only when
 * {@code --cors} is given, on a member's client port and on a proxy's.
 *
 * <p>Thread-safety: one instance per channel, confined to its event loop.
 */
public final class CorsHeaders extends ChannelDuplexHandler {
  private final List<String> origins;
  private String allowedOrigin;

  public CorsHeaders(List<String> origins) {
    this.origins = origins;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest request) {
      String origin = request.headers().get("Origin");
      if (origins.contains("*")) {
        allowedOrigin = "*";
      } else if (origin != null && origins.contains(origin)) {
        allowedOrigin = origin;
      } else {
        allowedOrigin = null;
      }
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof HttpResponse response && allowedOrigin != null) {
      // Go writes a handler's headers sorted by name: these three come before every header our
      // handlers set (Allow, Content-Type, X-...), so they go first, in their own order.
      HttpHeaders handlers = new DefaultHttpHeaders().set(response.headers());
      response.headers().clear();
      response.headers().add("Access-Control-Allow-Headers", "accept, content-type, authorization");
      response.headers().add("Access-Control-Allow-Methods", "POST, GET, OPTIONS, PUT, DELETE");
      response.headers().add("Access-Control-Allow-Origin", allowedOrigin);
      response.headers().add(handlers);
    }
    super.write(ctx, msg, promise);
  }
}
