package io.etcdj.server.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * One capnslog line per event, {@code 2026-11-20 23:11:21.123456 I | etcdmain: message} (SPEC
 * 5.3), followed by the stack trace of an attached throwable, as logback's pattern layout would
 * print {@code %capnslogTime %capnslogLevel | %logger: %msg%n}.
 *
 * <p>Thread-safety: stateless; the appender serializes writes.
 */
public final class CapnslogEncoder extends EncoderBase<ILoggingEvent> {
  private final CapnslogTime time = new CapnslogTime();
  private final CapnslogLevel level = new CapnslogLevel();

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    line.append(time.convert(event))
        .append(' ')
        .append(level.convert(event))
        .append(" | ")
        .append(event.getLoggerName())
        .append(": ")
        .append(event.getFormattedMessage())
        .append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown)); // one line per frame, each ended
    }
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
