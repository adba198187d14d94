package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.etcdj.server.EmbeddedEtcd;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * SPEC RFT-009 as etcd 3.4 does it: each member of a new cluster, once two peers' connections are
 * active, fast-forwards its election clock to two ticks short of the election timeout (here 10
 * ticks: 500 ms / 50 ms), and says so. The first election then comes within a second of the
 * members reaching each other rather than after a whole timeout counted from their start.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ElectionTickAdvanceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @RegisterExtension final LoopbackCluster cluster = LoopbackCluster.inTempDir();

  private final Logger etcdserver = (Logger) LoggerFactory.getLogger("etcdserver");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void listen() {
    lines.start();
    etcdserver.addAppender(lines);
  }

  @AfterEach
  void stopListening() {
    etcdserver.detachAppender(lines);
  }

  @Test
  void everyMemberOfANewClusterAdvancesOnceItsPeersAreUp() throws Exception {
    cluster.start("a", "b", "c");
    cluster.awaitLeader(DEADLINE);

    for (EmbeddedEtcd m : cluster.running()) {
      assertThat(awaitAdvanceLine(m.server().idHex()))
          .endsWith(" initialized peer connection; fast-forwarding 8 ticks (election ticks 10)"
              + " with 2 active peer(s)");
    }
  }

  private String awaitAdvanceLine(String idHex) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < end) {
      List<String> said =
          List.copyOf(lines.list).stream()
              .map(ILoggingEvent::getFormattedMessage)
              .filter(s -> s.startsWith(idHex + " initialized peer connection"))
              .toList();
      if (!said.isEmpty()) {
        return said.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError(idHex + " never fast-forwarded its election ticks");
  }
}
