package io.etcdj.server.http.client;

import io.etcdj.server.http.GoResponseHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
    if (!request.decoderResult().isSuccess()) {
      unparsable(ctx, request.decoderResult().cause());
      return null;
    }
    String uri = originForm(request.uri());
    if (!uri.startsWith("/") && !uri.equals("*")) {
      badRequest(ctx); // Go's ParseRequestURI: an absolute path or an absolute URI
      return null;
    }
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
   * What Go's server checks in a request it has read, before any handler (its {@code
   * readRequest} and serve loop): a transfer coding it knows, a single well-formed {@code Host}
   * (required from HTTP/1.1 on), and no expectation but {@code 100-continue}. True when the
   * request was refused, with Go's answer, and the connection is closing (found by
   * scripts/difffuzz.py --raw).
   */
  public static boolean refusedByServer(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (unsupportedTransferEncoding(ctx, request)) {
      return true;
    }
    List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
    if (hosts.isEmpty() && request.protocolVersion().minorVersion() >= 1) {
      refuseBadRequest(ctx, "missing required Host header");
      return true;
    }
    if (hosts.size() > 1) {
      badRequest(ctx);
      return true;
    }
    if (hosts.size() == 1 && !validHost(hosts.get(0))) {
      refuseBadRequest(ctx, "malformed Host header");
      return true;
    }
    String expect = request.headers().get(HttpHeaderNames.EXPECT);
    if (expect != null && !expect.isEmpty()) {
      // Not a refusal of Go's server but an answer of its serve loop: Date and length included.
      var r = HttpReplies.response(HttpResponseStatus.EXPECTATION_FAILED, null, "");
      r.headers().set("Content-Length", 0);
      HttpUtil.setKeepAlive(r, false);
      ctx.writeAndFlush(r).addListener(f -> ctx.close());
      return true;
    }
    return false;
  }

  /** Go's {@code httpguts.ValidHostHeader}: the bytes of a URI host, port and IPv6 literal. */
  private static boolean validHost(String host) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!$%&'()*+,-.:;=[]_~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Go's server knows one transfer coding, chunked: a request with any other is a 501 {@code
   * Unsupported transfer encoding} and the connection closes, where Netty would read an empty
   * body and take what follows for the next request (a PUT with {@code Transfer-Encoding: gzip}
   * stored an empty value; found by scripts/difffuzz.py --raw). True when that 501 was sent.
   */
  private static boolean unsupportedTransferEncoding(
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

  /**
   * A request Netty could not parse: Go's answer for a header name that is not a token, the plain
   * 400 for the rest.
   */
  private static void unparsable(ChannelHandlerContext ctx, Throwable cause) {
    String why = cause == null ? null : cause.getMessage();
    if (cause instanceof IllegalArgumentException && why != null
        && why.startsWith("a header name")) {
      refuseBadRequest(ctx, "invalid header name");
    } else {
      badRequest(ctx);
    }
  }

  /** Go's server answers an unparsable request line with this and closes the connection. */
  private static void badRequest(ChannelHandlerContext ctx) {
    refuse(ctx, HttpResponseStatus.BAD_REQUEST, "400 Bad Request");
  }

  /** A 400 whose reason Go's server states, in the status line and the body alike. */
  private static void refuseBadRequest(ChannelHandlerContext ctx, String reason) {
    refuse(ctx, new HttpResponseStatus(400, "Bad Request: " + reason), "400 Bad Request: " + reason);
  }

  /**
   * A refusal by Go's server itself, as it writes one: plain text, no Date and no length, then the
   * connection closes.
   */
  private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
    var r = new Refusal(status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    r.headers().set("Content-Type", HttpReplies.TEXT);
    HttpUtil.setKeepAlive(r, false);
    ctx.writeAndFlush(r).addListener(f -> ctx.close());
  }

  private static final class Refusal extends DefaultFullHttpResponse
      implements GoResponseHeaders.Refusal {
    Refusal(HttpResponseStatus status, ByteBuf body) {
      super(HttpVersion.HTTP_1_1, status, body);
    }
  }
}
