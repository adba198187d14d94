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
 * A member too far behind for the leader's log catches up by snapshot (SPEC RFT-013): with {@code
 * --snapshot-count 100} the leader snapshots every hundred entries and keeps only etcd's 5000
 * catch-up entries after each (PER-040, PER-041, RFT-014), so once more than 5000 + 100 entries
 * were written without a member, the leader has nothing left but its snapshot to send it. The
 * MsgSnap carries the whole v2 store over the pipeline, as etcd 2.3's {@code POST /raft} (PTR-021,
 * PTR-028); the member saves and installs it, then follows by the log again, and serves every key
 * at the same indexes as the others.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SnapshotCatchUpTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  /** Past the 5000 entries kept after a snapshot plus a few snapshot intervals. */
  private static final int WRITES = 5000 + 3 * 100;

  @RegisterExtension
  final LoopbackCluster cluster = LoopbackCluster.inTempDir("--snapshot-count", "100");

  private final MemberHttp web = new MemberHttp(DEADLINE);

  @Test
  void stoppedMemberCatchesUpBySnapshotAfterTheLogWasCompactedPastIt() throws Exception {
    cluster.start("a", "b", "c");
    EmbeddedEtcd leader = cluster.awaitLeader(DEADLINE);
    web.awaitPut(leader, "/before", "stop");
    String victim = cluster.names().stream()
        .filter(n -> cluster.member(n) != leader).findFirst().orElseThrow();
    web.awaitValue(cluster.member(victim), "/before", "stop");

    cluster.stop(victim);
    web.putMany(leader, "/load", WRITES, 8);

    EmbeddedEtcd back = cluster.restart(victim);
    assertEveryMemberServesEveryKey(leader);
    assertThat(PeerFaults.snapshotsReceived(back)).isPositive();

    // It follows by the log again: a write through it reaches everyone.
    web.awaitPut(back, "/after", "snapshot");
    for (EmbeddedEtcd m : cluster.running()) {
      web.awaitValue(m, "/after", "snapshot");
    }
  }

  /** OTH-026, CLU-016: a member added after compaction gets the store by snapshot too. */
  @Test
  void memberAddedAfterCompactionCatchesUpBySnapshot() throws Exception {
    cluster.start("a", "b", "c");
    EmbeddedEtcd leader = cluster.awaitLeader(DEADLINE);
    web.putMany(leader, "/load", WRITES, 8);

    LoopbackCluster.Slot d = cluster.reserve("d");
    String body = "{\"peerURLs\":[\"" + d.peerUrl() + "\"]}";
    assertThat(web.sendJson(leader, "POST", "/v2/members", body).statusCode()).isEqualTo(201);
    EmbeddedEtcd joined = cluster.join("d");

    assertEveryMemberServesEveryKey(leader);
    assertThat(PeerFaults.snapshotsReceived(joined)).isPositive();
    web.awaitPut(joined, "/after", "join");
    for (EmbeddedEtcd m : cluster.running()) {
      web.awaitValue(m, "/after", "join");
      web.awaitJson(m, "/v2/members", j -> j.path("members").size() == 4);
    }
  }

  /** Every running member has all {@link #WRITES} keys, with the leader's indexes. */
  private void assertEveryMemberServesEveryKey(EmbeddedEtcd leader) throws Exception {
    JsonNode tree =
        web.awaitSameTree(
            leader,
            cluster.running(),
            t -> {
              for (JsonNode dir : t.path("nodes")) {
                if (dir.path("key").asText().equals("/load")) {
                  return dir.path("nodes").size() == WRITES;
                }
              }
              return false;
            });
    assertThat(tree.findValues("key")).hasSizeGreaterThan(WRITES);
  }
}
