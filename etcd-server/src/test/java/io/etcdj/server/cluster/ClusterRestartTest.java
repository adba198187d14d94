package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcdj.server.EmbeddedEtcd;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole three-member cluster stopped and started again from its data dirs (SPEC PER-003,
 * PER-048): every member comes back with its member ID and the cluster ID from its WAL metadata
 * (PER-017), its store from its newest snapshot plus the WAL after it ({@code --snapshot-count 100}
 * so that there are snapshots to recover from), the members elect a leader and take writes again.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterRestartTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final int WRITES = 250;

  @RegisterExtension
  final LoopbackCluster cluster = LoopbackCluster.inTempDir("--snapshot-count", "100");

  private final MemberHttp web = new MemberHttp(DEADLINE);

  @Test
  void wholeClusterRestartsFromItsDataDirs() throws Exception {
    cluster.start("a", "b", "c");
    EmbeddedEtcd leader = cluster.awaitLeader(DEADLINE);
    web.putMany(leader, "/keys", WRITES, 4);
    JsonNode before = web.awaitSameTree(leader, cluster.running(), t -> hasAllKeys(t));
    Map<String, String> ids = new LinkedHashMap<>();
    for (String name : cluster.names()) {
      ids.put(name, cluster.member(name).server().idHex());
    }
    String clusterId = leader.server().clusterIdHex();

    cluster.close();
    cluster.restartAll(cluster.names());

    for (String name : cluster.names()) {
      EmbeddedEtcd m = cluster.member(name);
      assertThat(m.server().idHex()).as(name).isEqualTo(ids.get(name));
      assertThat(m.server().clusterIdHex()).as(name).isEqualTo(clusterId);
    }
    EmbeddedEtcd next = cluster.awaitLeader(DEADLINE);
    JsonNode after = web.awaitSameTree(next, cluster.running(), t -> hasAllKeys(t));
    assertThat(after).isEqualTo(before);

    web.awaitPut(cluster.follower(next), "/after", "restart");
    for (EmbeddedEtcd m : cluster.running()) {
      web.awaitValue(m, "/after", "restart");
      web.awaitJson(m, "/v2/members", j -> j.path("members").size() == 3);
    }
  }

  private static boolean hasAllKeys(JsonNode tree) {
    return tree.findValuesAsText("key").stream().filter(k -> k.startsWith("/keys/")).count()
        == WRITES;
  }
}
