package io.etcdj.server.http.client;

import io.etcdj.server.http.GoResponseHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The answers Go's HTTP server gives itself, before any of etcd's handlers runs, for the member's
 * client port and the proxy alike: a request it cannot parse, a transfer coding it does not know, a
 * missing or bad {@code Host}, an expectation it does not meet. Each closes the connection; all but
 * the 417 are written as Go writes them, with no {@code Date} and no length.
 *
 * <p>Thread-safety: stateless.
 */
public final class GoServerRefusals {
  private GoServerRefusals() {}

  /**
   * What Go's server checks in a request it has read, before any handler (its {@code readRequest}
   * and serve loop): a transfer coding it knows, a single well-formed {@code Host} (required from
   * HTTP/1.1 on), and no expectation but {@code 100-continue}. True when the request was refused,
   * with Go's answer, and the connection is closing (found by scripts/difffuzz.py --raw).
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
      sendAndClose(ctx, r);
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
   * Unsupported transfer encoding} and the connection closes, where Netty would read an empty body
   * and take what follows for the next request (a PUT with {@code Transfer-Encoding: gzip} stored
   * an empty value; found by scripts/difffuzz.py --raw). True when that 501 was sent.
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

  /**
   * A request Netty could not parse: Go's answer for a header name that is not a token, the plain
   * 400 for the rest.
   */
  static void unparsable(ChannelHandlerContext ctx, Throwable cause) {
    String why = cause == null ? null : cause.getMessage();
    if (cause instanceof IllegalArgumentException
        && why != null
        && why.startsWith("a header name")) {
      refuseBadRequest(ctx, "invalid header name");
    } else {
      badRequest(ctx);
    }
  }

  /** Go's server answers an unparsable request line with this and closes the connection. */
  static void badRequest(ChannelHandlerContext ctx) {
    refuse(ctx, HttpResponseStatus.BAD_REQUEST, "400 Bad Request");
  }

  /** A 400 whose reason Go's server states, in the status line and the body alike. */
  private static void refuseBadRequest(ChannelHandlerContext ctx, String reason) {
    refuse(
        ctx, new HttpResponseStatus(400, "Bad Request: " + reason), "400 Bad Request: " + reason);
  }

  /**
   * A refusal by Go's server itself, as it writes one: plain text, no Date and no length, then the
   * connection closes.
   */
  private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
    var r = new Refusal(status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    r.headers().set("Content-Type", HttpReplies.TEXT);
    sendAndClose(ctx, r);
  }

  private static void sendAndClose(ChannelHandlerContext ctx, FullHttpResponse r) {
    HttpUtil.setKeepAlive(r, false);
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }

  private static final class Refusal extends DefaultFullHttpResponse
      implements GoResponseHeaders.Refusal {
    Refusal(HttpResponseStatus status, ByteBuf body) {
      super(HttpVersion.HTTP_1_1, status, body);
    }
  }
}
