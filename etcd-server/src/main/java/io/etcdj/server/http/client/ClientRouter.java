package io.etcdj.server.http.client;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole route table of the client port, with the request-line rules Go's server and {@code
 * ServeMux} apply before etcd's handlers run: OPTIONS answered by the CORS layer (SPEC KEY-003),
 * undecodable paths refused with 400, unclean paths redirected with 301 (KEY-020), exact patterns
 * and the prefix patterns ({@code /v2/keys/}, {@code /v2/members/}, {@code /v2/auth/users/},
 * {@code /v2/auth/roles/}), and a plain-text 404
 * for everything else (OTH-001).
 *
 * <p>Thread-safety: immutable after construction, shared by every channel.
 */
@Sharable
final class ClientRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger("etcdhttp");

  private final Map<String, Route> exact = new LinkedHashMap<>();
  private final Map<String, Route> prefixes = new LinkedHashMap<>();
  private final Runnable requestRead;

  ClientRouter(Map<String, Route> routes) {
    this(routes, () -> {});
  }

  /** @param requestRead told of every request read, before it is routed */
  ClientRouter(Map<String, Route> routes, Runnable requestRead) {
    this.requestRead = requestRead;
    routes.forEach(
        (pattern, route) -> {
          if (pattern.endsWith("/")) {
            prefixes.put(pattern, route);
          } else {
            exact.put(pattern, route);
          }
        });
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    requestRead.run();
    GoRequestTarget target = GoRequestTarget.decode(ctx, request);
    if (target == null || GoServerRefusals.refusedByServer(ctx, request)) {
      return; // Go's server refuses the request itself: no handler, CORS's neither
    }
    if (request.method().equals(HttpMethod.OPTIONS)) {
      // The CORS layer, outside etcd's mux, answers every OPTIONS with an empty 200 (KEY-003).
      HttpReplies.send(ctx, false, HttpReplies.response(HttpResponseStatus.OK, null, ""));
      return;
    }
    if (LOG.isDebugEnabled()) {
      // etcd's requestLogger, around its mux (OTH-013: seen once the level is DEBUG).
      LOG.debug("[{}] {} remote:{}", request.method(), request.uri(), remote(ctx));
    }
    if (target.redirected(ctx, request)) {
      return;
    }
    String path = target.path();
    String rawQuery = target.rawQuery();
    Route route = lookup(path);
    if (route == null) {
      HttpReplies.send(ctx, request.method().equals(HttpMethod.HEAD), HttpReplies.notFound());
      return;
    }
    try {
      route.handle(ctx, request, path, rawQuery);
    } catch (RuntimeException e) {
      LOG.warn("error handling {} {}: {}", request.method(), path, e.toString());
      HttpReplies.send(
          ctx,
          false,
          HttpReplies.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal Server Error"));
    }
  }

  /** Go's {@code RemoteAddr}: {@code 127.0.0.1:41234}, {@code [::1]:41234} (RFC 5952 form). */
  private static String remote(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress a
        ? NetUtil.toSocketAddressString(a)
        : String.valueOf(ctx.channel().remoteAddress());
  }

  /** ServeMux: an exact pattern wins, then the longest prefix pattern. */
  private Route lookup(String path) {
    Route route = exact.get(path);
    if (route != null) {
      return route;
    }
    String best = null;
    for (String prefix : prefixes.keySet()) {
      if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? null : prefixes.get(best);
  }


  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("client connection error: {}", cause.toString());
    ctx.close();
  }
}
