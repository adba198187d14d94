package io.etcdj.server.http.peer;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code /raft/probing}, any method: {@code {"OK":true,"Now":"<RFC3339Nano>"}} and a newline (SPEC
 * PTR-003). Peers use it to measure round trips and clock drift.
 *
 * <p>Thread-safety: stateless apart from the injected clock; shared by every channel.
 */
final class ProbingHandler implements PeerRoute {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Clock clock;

  ProbingHandler(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    String body = "{\"OK\":true,\"Now\":\"" + rfc3339Nano(clock.instant()) + "\"}\n";
    PeerReplies.send(
        ctx, request, PeerReplies.response(HttpResponseStatus.OK, PeerReplies.TEXT, body));
  }

  /** Go's RFC3339Nano in UTC: nanoseconds without trailing zeros, none at all when zero. */
  static String rfc3339Nano(Instant t) {
    StringBuilder s = new StringBuilder(SECONDS.format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      s.append('.').append(frac, 0, end);
    }
    return s.append('Z').toString();
  }
}
