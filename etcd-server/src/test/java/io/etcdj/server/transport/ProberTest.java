package io.etcdj.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Round-trip and clock-drift measurement from {@code /raft/probing} answers (SPEC PTR-003). */
class ProberTest {
  private final Prober prober =
      new Prober(2, null, new UrlPicker(List.of(URI.create("http://x:1"))), Clock.systemUTC());

  @Test
  void recordsRoundTripAndCorrectedClockDifference() {
    Instant sent = Instant.parse("2026-01-01T00:00:00Z");
    Instant received = sent.plusMillis(200);
    prober.record(sent, received, "{\"OK\":true,\"Now\":\"2026-01-01T00:00:02.1Z\"}\n");
    assertThat(prober.rtt()).isEqualTo(Duration.ofMillis(200));
    // The peer read its clock about half a round trip before we received the answer.
    assertThat(prober.clockDiff()).isEqualTo(Duration.ofMillis(2000));
  }

  /** FLG-065: a difference over a second is reported, in Go's units as etcd prints them. */
  @Test
  void warnsOfAClockDifferenceOverASecond() {
    Logger rafthttp = (Logger) LoggerFactory.getLogger("rafthttp");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    rafthttp.addAppender(lines);
    try {
      Instant sent = Instant.parse("2026-01-01T00:00:00Z");
      prober.record(sent, sent.plusMillis(200), "{\"OK\":true,\"Now\":\"2026-01-01T00:00:02.6Z\"}");
    } finally {
      rafthttp.detachAppender(lines);
    }
    assertThat(lines.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("the clock difference against peer 2 is too high [2.5s > 1s]");
  }

  @Test
  void acceptsGoOffsetsAndIgnoresGarbage() {
    Instant sent = Instant.parse("2026-01-01T00:00:00Z");
    prober.record(
        sent, sent.plusMillis(10), "{\"OK\":true,\"Now\":\"2026-01-01T01:00:00.005+01:00\"}");
    assertThat(prober.clockDiff()).isEqualTo(Duration.ZERO);
    prober.record(sent, sent.plusMillis(50), "not json");
    assertThat(prober.rtt()).isEqualTo(Duration.ofMillis(10));
  }
}
