package io.etcdj.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * What Go's HTTP server adds to every response a handler writes, on every port a member or proxy
 * serves: a {@code Date} header, written after the handler's own headers and before {@code
 * Content-Length}, {@code Connection} and {@code Transfer-Encoding}, in that order and with that
 * capitalization; and the request's protocol version in the status line ({@code HTTP/1.0 200 OK}
 * to an HTTP/1.0 request). A response that already has a {@code Date} (one a proxy relays) keeps
 * it, and {@link Refusal}s, which Go's server writes itself before any handler runs, get none.
 *
 * <p>Sits next to the codec, so it sees every request as decoded (pipelined ones included, in
 * order) and every response last; responses go out in request order (OneRequestAtATime).
 *
 * <p>Thread-safety: one instance per channel, used on its event loop.
 */
public final class GoResponseHeaders extends ChannelDuplexHandler {
  /** A response Go's server itself writes (a malformed request): no {@code Date}. */
  public interface Refusal {}

  private static volatile CachedDate cached = new CachedDate(-1, "");

  private record CachedDate(long epochSecond, String text) {}

  private final ArrayDeque<HttpVersion> requestVersions = new ArrayDeque<>();

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      // Go answers a request it could not parse in HTTP/1.1, whatever Netty made of its version.
      requestVersions.add(
          request.decoderResult().isSuccess() ? request.protocolVersion() : HttpVersion.HTTP_1_1);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response
        && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
      HttpVersion asked = requestVersions.poll();
      if (asked != null && asked.minorVersion() == 0 && asked.majorVersion() == 1) {
        response.setProtocolVersion(HttpVersion.HTTP_1_0);
      }
      boolean date =
          !(response instanceof Refusal) && !response.headers().contains(HttpHeaderNames.DATE);
      writeServerHeaders(response.headers(), date, response.protocolVersion());
    }
    ctx.write(msg, promise);
  }

  /**
   * Go writes its own headers after the handler's: Date, Content-Length, Connection,
   * Transfer-Encoding. To an HTTP/1.0 client it closes without saying so.
   */
  private static void writeServerHeaders(HttpHeaders headers, boolean date, HttpVersion version) {
    String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
    String connection = headers.get(HttpHeaderNames.CONNECTION);
    String encoding = headers.get(HttpHeaderNames.TRANSFER_ENCODING);
    headers.remove(HttpHeaderNames.CONTENT_LENGTH);
    headers.remove(HttpHeaderNames.CONNECTION);
    headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
    if (date) {
      headers.add("Date", now());
    }
    if (length != null) {
      headers.add("Content-Length", length);
    }
    if (connection != null
        && !(version == HttpVersion.HTTP_1_0 && connection.equalsIgnoreCase("close"))) {
      headers.add("Connection", connection);
    }
    if (encoding != null) {
      headers.add("Transfer-Encoding", encoding);
    }
  }

  /** The date, formatted once a second (Go's server caches it likewise). */
  private static String now() {
    long second = Instant.now().getEpochSecond();
    CachedDate c = cached;
    if (c.epochSecond() != second) {
      c = new CachedDate(second, HttpDate.format(second));
      cached = c;
    }
    return c.text();
  }
}
