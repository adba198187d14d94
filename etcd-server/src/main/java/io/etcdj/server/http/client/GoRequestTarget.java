package io.etcdj.server.http.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * What Go's HTTP server and its {@code ServeMux} do with a request target before any of etcd's
 * handlers sees it, for the member's client port and the proxy alike: a path that does not
 * decode is a 400 {@code 400 Bad Request} and the connection closes; a path that is not clean
 * ({@code /a/../b}, {@code //}, a trailing {@code /.}) is a 301 to the clean one (KEY-020).
 *
 * @param path the decoded path
 * @param rawQuery the query as sent, without {@code ?}; empty when there is none
 * @param hasQuery whether the target has a {@code ?} (Go keeps an empty query in a redirect)
 */
public record GoRequestTarget(String path, String rawQuery, boolean hasQuery) {

  /**
   * The target of {@code request} (the origin form of an absolute URI too), or null when its path
   * cannot be decoded, in which case the 400 has been sent.
   */
  public static GoRequestTarget decode(ChannelHandlerContext ctx, FullHttpRequest request) {
    String uri = originForm(request.uri());
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    String rawQuery = q < 0 ? "" : uri.substring(q + 1);
    try {
      return new GoRequestTarget(GoUrl.unescapePath(rawPath), rawQuery, q >= 0);
    } catch (GoUrl.DecodeException e) {
      badRequest(ctx);
      return null;
    }
  }

  /**
   * The path and query of a request target. A client that takes the server for an HTTP forward
   * proxy sends the absolute form ({@code GET http://host/v2/keys/a}); Go then serves the path,
   * whatever host was named (RFC 7230 section 5.3), and etcd's proxy forwards it to its own
   * cluster.
   */
  public static String originForm(String uri) {
    int scheme = uri.indexOf("://");
    if (uri.startsWith("/") || scheme < 0) {
      return uri;
    }
    int path = uri.indexOf('/', scheme + 3);
    int query = uri.indexOf('?', scheme + 3);
    if (path < 0 || (query >= 0 && query < path)) {
      return "/" + (query < 0 ? "" : uri.substring(query));
    }
    return uri.substring(path);
  }

  /**
   * Go's server knows one transfer coding, chunked: a request with any other is a 501 {@code
   * Unsupported transfer encoding} and the connection closes, where Netty would read an empty
   * body and take what follows for the next request (a PUT with {@code Transfer-Encoding: gzip}
   * stored an empty value; found by scripts/difffuzz.py --raw). True when that 501 was sent.
   */
  public static boolean unsupportedTransferEncoding(
      ChannelHandlerContext ctx, FullHttpRequest request) {
    String te = request.headers().get(HttpHeaderNames.TRANSFER_ENCODING);
    if (te == null || te.isEmpty() || te.equalsIgnoreCase("chunked")) {
      return false;
    }
    refuse(ctx, HttpResponseStatus.NOT_IMPLEMENTED, "Unsupported transfer encoding");
    return true;
  }

  /** ServeMux: true when the path is not clean and the 301 to the clean path has been sent. */
  public boolean redirected(ChannelHandlerContext ctx, FullHttpRequest request) {
    String clean = GoPath.serveMuxClean(path);
    if (clean == path) {
      return false;
    }
    String location = UrlEscaper.escapePath(clean) + (hasQuery ? "?" + rawQuery : "");
    HttpReplies.send(
        ctx,
        request.method().equals(HttpMethod.HEAD),
        HttpReplies.movedPermanently(request.method().name(), location));
    return true;
  }

  /** Go's server answers an unparsable request line with this and closes the connection. */
  public static void badRequest(ChannelHandlerContext ctx) {
    refuse(ctx, HttpResponseStatus.BAD_REQUEST, "400 Bad Request");
  }

  /** A refusal by Go's server itself: plain text, then the connection closes. */
  private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
    var r = HttpReplies.response(status, HttpReplies.TEXT, body);
    HttpUtil.setKeepAlive(r, false);
    r.headers().set("Content-Length", r.content().readableBytes());
    ctx.writeAndFlush(r).addListener(f -> ctx.close());
  }
}
