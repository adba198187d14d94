package io.etcdj.server.http.client;

import io.etcdj.store.V2Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * The plain responses Go's {@code net/http} and etcd's helpers produce: {@code http.Error}
 * (404, 405; SPEC OTH-001, OTH-002), {@code http.Redirect} (301; KEY-020), etcd's {@code
 * {"message":..}} errors (OTH-003), and the one place that writes a complete response.
 *
 * <p>Thread-safety: stateless; {@link #send} must run on the channel's event loop or be safe to
 * hand to it (Netty queues writes from other threads).
 */
final class HttpReplies {
  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";
  /** Spelt as Go writes it (Netty's own constant is lower case). */
  private static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");

  private HttpReplies() {}

  /** A response with a body; Content-Length is set by {@link #send}. */
  static FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuf body) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, false);
    if (contentType != null) {
      r.headers().set("Content-Type", contentType);
    }
    return r;
  }

  static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
    return response(status, contentType, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
  }

  /** Go's {@code http.Error}: text/plain, nosniff, the message and a newline. */
  static FullHttpResponse error(HttpResponseStatus status, String message) {
    FullHttpResponse r = response(status, TEXT, message + "\n");
    r.headers().set("X-Content-Type-Options", "nosniff");
    return r;
  }

  static FullHttpResponse notFound() {
    return error(HttpResponseStatus.NOT_FOUND, "404 page not found");
  }

  /**
   * 405 with {@code Allow: a,b,c} (comma, no spaces; KEY-002). Go writes a handler's headers
   * sorted by name, so Allow comes before Content-Type.
   */
  static FullHttpResponse methodNotAllowed(String... allowed) {
    FullHttpResponse r =
        response(HttpResponseStatus.METHOD_NOT_ALLOWED, null, "Method Not Allowed\n");
    if (allowed.length > 0) {
      r.headers().set("Allow", String.join(",", allowed));
    }
    // http.Error's headers after Allow: Go writes a handler's headers sorted by name (OTH-046).
    r.headers().set("Content-Type", TEXT).set("X-Content-Type-Options", "nosniff");
    return r;
  }

  /**
   * etcd's {@code allowMethod}: answers 405 with {@code Allow} when the request's method is none of
   * {@code allowed} (a HEAD gets the headers only).
   *
   * @return true if the request was refused
   */
  static boolean refusesMethod(
      ChannelHandlerContext ctx, FullHttpRequest request, String... allowed) {
    String method = request.method().name();
    for (String m : allowed) {
      if (m.equals(method)) {
        return false;
      }
    }
    send(ctx, method.equals("HEAD"), methodNotAllowed(allowed));
    return true;
  }

  /** etcd's {@code httptypes.HTTPError}: {@code {"message":"..."}} without newline (OTH-003). */
  static FullHttpResponse message(HttpResponseStatus status, String message) {
    return response(status, JSON, "{\"message\":" + V2Json.quote(message) + "}");
  }

  /** Go's {@code http.Redirect} with 301 (KEY-020): an HTML body only for GET. */
  static FullHttpResponse movedPermanently(String method, String location) {
    FullHttpResponse r;
    if (method.equals("GET") || method.equals("HEAD")) {
      String body =
          method.equals("GET")
              ? "<a href=\"" + htmlEscape(location) + "\">Moved Permanently</a>.\n\n"
              : "";
      r = response(HttpResponseStatus.MOVED_PERMANENTLY, "text/html; charset=utf-8", body);
    } else {
      r = response(HttpResponseStatus.MOVED_PERMANENTLY, null, Unpooled.EMPTY_BUFFER);
    }
    r.headers().set("Location", location);
    return r;
  }

  /**
   * Go's server buffers 2048 bytes of a response; a handler that writes more in one go gets a
   * chunked response instead of a Content-Length (SPEC KEY-090).
   */
  static final int GO_BUFFER_BEFORE_CHUNKING = 2048;

  /**
   * Writes a complete response: with Content-Length, or chunked when the body is larger than Go's
   * buffer. For HEAD the headers (Content-Length included) are those of the GET, the body is
   * dropped (SPEC KEY-009).
   */
  static void send(ChannelHandlerContext ctx, boolean head, FullHttpResponse response) {
    if (!head && response.content().readableBytes() > GO_BUFFER_BEFORE_CHUNKING) {
      HttpResponse start =
          new DefaultHttpResponse(response.protocolVersion(), response.status(), response.headers());
      start.headers().set("Transfer-Encoding", HttpHeaderValues.CHUNKED);
      ctx.write(start, ctx.voidPromise());
      ctx.writeAndFlush(new DefaultLastHttpContent(response.content()), ctx.voidPromise());
      return;
    }
    response.headers().setInt(CONTENT_LENGTH, response.content().readableBytes());
    if (head && response.content().isReadable()) {
      FullHttpResponse empty = response.replace(Unpooled.EMPTY_BUFFER);
      response.release();
      response = empty;
    }
    ctx.writeAndFlush(response, ctx.voidPromise());
  }

  private static String htmlEscape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&#34;")
        .replace("'", "&#39;");
  }
}
