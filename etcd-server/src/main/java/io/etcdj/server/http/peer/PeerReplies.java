package io.etcdj.server.http.peer;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The complete responses of the peer port, shaped as Go's {@code net/http} writes them: {@code
 * http.Error} bodies are the message plus a newline in text/plain with nosniff.
 *
 * <p>Thread-safety: stateless.
 */
final class PeerReplies {
  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";

  private PeerReplies() {}

  static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8),
            false);
    if (contentType != null) {
      r.headers().set("Content-Type", contentType);
    }
    return r;
  }

  /** Go's {@code http.Error}. */
  static FullHttpResponse error(HttpResponseStatus status, String message) {
    FullHttpResponse r = response(status, TEXT, message + "\n");
    r.headers().set("X-Content-Type-Options", "nosniff");
    return r;
  }

  static FullHttpResponse notFound() {
    return error(HttpResponseStatus.NOT_FOUND, "404 page not found");
  }

  /** 405 with the allowed method in {@code Allow} (SPEC PTR-001, PTR-002). */
  static FullHttpResponse methodNotAllowed(String allowed) {
    FullHttpResponse r = error(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
    r.headers().set("Allow", allowed);
    return r;
  }

  /**
   * Writes {@code r} with its length; closes afterwards unless the client keeps alive. Headers go
   * out as Go's server writes them: sorted by name, then {@code Content-Length}.
   */
  static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse r) {
    List<Map.Entry<String, String>> headers = new ArrayList<>(r.headers().entries());
    headers.sort(Map.Entry.comparingByKey());
    r.headers().clear();
    headers.forEach(h -> r.headers().add(h.getKey(), h.getValue()));
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    HttpUtil.setKeepAlive(r, keepAlive);
    r.headers().set("Content-Length", r.content().readableBytes());
    var written = ctx.writeAndFlush(r);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
