package io.etcdj.server.http.client;

import io.etcdj.server.log.CapnslogLevel;
import io.etcdj.server.log.GlobalLogLevel;
import io.etcdj.server.log.LogLevel;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /config/local/log} with {@code {"Level":"DEBUG"}}: sets the log level of every
 * package of this member, from its next line on (SPEC OTH-013). The level is capnslog's, in any
 * case; the answer is an empty 204. Only this member changes, and only until it restarts.
 *
 * <p>Thread-safety: stateless.
 */
final class LogLevelHandler implements Route {
  private static final Logger LOG = LoggerFactory.getLogger("etcdhttp");

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, String q) {
    if (HttpReplies.refusesMethod(ctx, request, "PUT")) {
      return;
    }
    String given;
    try {
      given = LogLevelRequest.level(ByteBufUtil.getBytes(request.content()));
    } catch (LogLevelRequest.InvalidJsonException e) {
      HttpReplies.send(
          ctx, false, HttpReplies.message(HttpResponseStatus.BAD_REQUEST, "Invalid json body"));
      return;
    }
    LogLevel level = LogLevel.parse(goToUpper(given));
    if (level == null) {
      // The level as it was sent, not upper-cased.
      HttpReplies.send(
          ctx,
          false,
          HttpReplies.message(HttpResponseStatus.BAD_REQUEST, "Invalid log level " + given));
      return;
    }
    // Logged before the change, as etcd does: at the level being left.
    LOG.info(CapnslogLevel.NOTICE, "globalLogLevel set to \"{}\"", level.name());
    GlobalLogLevel.set(level);
    HttpReplies.send(
        ctx,
        false,
        HttpReplies.response(HttpResponseStatus.NO_CONTENT, null, Unpooled.EMPTY_BUFFER));
  }

  /**
   * Go's {@code strings.ToUpper}: each code point's simple upper case, so one character stays one
   * ({@code "ınfo"} is {@code INFO}, but {@code ß} stays {@code ß} where Java would write SS).
   */
  static String goToUpper(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(Character.toUpperCase(c)));
    return b.toString();
  }
}
