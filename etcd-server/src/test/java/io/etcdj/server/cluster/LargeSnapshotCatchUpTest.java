package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.PeerFaults;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A follower catches up by a snapshot large enough to take the streaming paths at both ends (SPEC
 * RFT-013, PTR-028): some 10 MB of values, above the peer listener's spooling threshold. The leader
 * sends the MsgSnap from its {@code .snap} file's mapping, the follower spools the body to a file,
 * saves its {@code .snap} from the mapped body and recovers its store from it as a stream. That no
 * heap copy of the data is made on either side is shown by {@code SnapshotStreamTest} (the message
 * raft receives holds a view of a file) and {@code PipelineBodyTest} (the body shares the mapped
 * data); here every key and value must arrive intact and the member must follow by the log again.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LargeSnapshotCatchUpTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  /** Past the 5000 entries kept after a snapshot plus a few snapshot intervals. */
  private static final int WRITES = 5000 + 3 * 100;

  private static final int BIG_KEYS = 40;
  private static final int BIG_VALUE = 256 * 1024;

  @RegisterExtension
  final LoopbackCluster cluster = LoopbackCluster.inTempDir("--snapshot-count", "100");

  private final MemberHttp web = new MemberHttp(DEADLINE);

  @Test
  void followerCatchesUpFromATenMegabyteSnapshot() throws Exception {
    cluster.start("a", "b", "c");
    EmbeddedEtcd leader = cluster.awaitLeader(DEADLINE);
    web.awaitPut(leader, "/before", "stop");
    String victim =
        cluster.names().stream().filter(n -> cluster.member(n) != leader).findFirst().orElseThrow();
    web.awaitValue(cluster.member(victim), "/before", "stop");

    cluster.stop(victim);
    for (int i = 0; i < BIG_KEYS; i++) {
      web.awaitPut(leader, "/big/" + i, bigValue(i));
    }
    web.putMany(leader, "/load", WRITES, 8);

    EmbeddedEtcd back = cluster.restart(victim);
    web.awaitJson(back, "/v2/keys/load", j -> j.path("node").path("nodes").size() == WRITES);
    assertThat(PeerFaults.snapshotsReceived(back)).isPositive();
    for (int i = 0; i < BIG_KEYS; i++) {
      String expected = bigValue(i);
      JsonNode j = web.awaitJson(back, "/v2/keys/big/" + i, n -> n.has("node"));
      assertThat(j.path("node").path("value").asText()).isEqualTo(expected);
    }

    web.awaitPut(back, "/after", "snapshot");
    for (EmbeddedEtcd m : cluster.running()) {
      web.awaitValue(m, "/after", "snapshot");
    }
  }

  /** A value of {@link #BIG_VALUE} letters, different for each key. */
  private static String bigValue(int i) {
    return String.valueOf((char) ('a' + i % 26)).repeat(BIG_VALUE - 8) + String.format("%08d", i);
  }
}
