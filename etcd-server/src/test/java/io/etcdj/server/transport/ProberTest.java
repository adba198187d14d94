package io.etcdj.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

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
