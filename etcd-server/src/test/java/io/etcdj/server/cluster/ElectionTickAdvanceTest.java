package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.etcdj.server.LogLines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC RFT-009 as etcd 3.4 does it: a member of a new cluster, once two peers' connections are
 * active, fast-forwards its election clock to two ticks short of the election timeout, and says
 * so. With a 5 s election timeout (100 ticks of 50 ms) no member can know a leader before the
 * first of them has advanced, so the first member to reach both its peers always does; the
 * others may learn of the leader first and then have nothing to advance.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ElectionTickAdvanceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @RegisterExtension
  final LoopbackCluster cluster = LoopbackCluster.inTempDir("--election-timeout", "5000");

  @RegisterExtension final LogLines lines = LogLines.of("etcdserver");

  @Test
  void theFirstMemberToReachBothPeersAdvancesItsElectionClock() throws Exception {
    cluster.start("a", "b", "c");
    cluster.awaitLeader(DEADLINE);

    assertThat(awaitAdvanceLine())
        .endsWith(" initialized peer connection; fast-forwarding 98 ticks (election ticks 100)"
            + " with 2 active peer(s)");
  }

  /**
   * {@code --initial-election-tick-advance=false}: the whole timeout counts from start. Had the
   * flag been ignored, the first member to reach both peers would have said so before the
   * election (see the class comment).
   */
  @Nested
  class TurnedOff {
    @RegisterExtension
    final LoopbackCluster off =
        LoopbackCluster.inTempDir(
            "--election-timeout", "5000", "--initial-election-tick-advance=false");

    @Test
    void noMemberAdvances() throws Exception {
      off.start("a", "b", "c");
      off.awaitLeader(DEADLINE);

      assertThat(lines.events())
          .extracting(ILoggingEvent::getFormattedMessage)
          .noneMatch(s -> s.contains(" initialized peer connection"));
    }
  }

  private String awaitAdvanceLine() throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < end) {
      List<String> said =
          lines.events().stream()
              .map(ILoggingEvent::getFormattedMessage)
              .filter(s -> s.contains(" initialized peer connection"))
              .toList();
      if (!said.isEmpty()) {
        return said.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no member fast-forwarded its election ticks");
  }
}
