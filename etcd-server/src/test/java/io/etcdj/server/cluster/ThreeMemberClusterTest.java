package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcdj.server.EmbeddedEtcd;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A static three-member cluster on loopback, each member in-process with its own Netty peer port
 * (SPEC CLU-010..019, PTR-*): the members elect a leader, replicate writes made on any of them
 * (a follower forwards its proposal, RFT-008), and the two survivors of a closed leader elect a new
 * one and go on accepting writes. Each member's {@code /v2/members}, {@code /v2/members/leader},
 * {@code /v2/machines} and {@code /v2/stats/self} describe the whole cluster.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreeMemberClusterTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @RegisterExtension final LoopbackCluster cluster = LoopbackCluster.inTempDir();

  private final MemberHttp web = new MemberHttp(DEADLINE);
  private List<EmbeddedEtcd> members;

  @Test
  void membersReplicateWritesAndReelectAfterTheLeaderLeaves() throws Exception {
    cluster.start("a", "b", "c");
    members = cluster.running();

    EmbeddedEtcd leader = awaitLeader(members);
    assertThat(members.stream().filter(m -> m.server().isLeader())).hasSize(1);

    assertThat(web.put(leader, "/k1", "v1")).isEqualTo(201);
    for (EmbeddedEtcd m : members) {
      web.awaitValue(m, "/k1", "v1");
    }

    checkClusterEndpoints(leader);

    EmbeddedEtcd follower = members.stream().filter(m -> m != leader).findFirst().orElseThrow();
    assertThat(web.put(follower, "/k2", "v2")).isEqualTo(201);
    for (EmbeddedEtcd m : members) {
      web.awaitValue(m, "/k2", "v2");
    }

    leader.close();
    List<EmbeddedEtcd> survivors = members.stream().filter(m -> m != leader).toList();
    EmbeddedEtcd newLeader = awaitLeader(survivors);
    assertThat(newLeader).isNotSameAs(leader);
    EmbeddedEtcd other = survivors.stream().filter(m -> m != newLeader).findFirst().orElseThrow();
    web.awaitPut(other, "/k3", "v3");
    for (EmbeddedEtcd m : survivors) {
      web.awaitValue(m, "/k3", "v3");
    }
  }

  /**
   * OTH-012, OTH-021, OTH-022, OTH-040: every member lists all three with their published names
   * and client URLs, names the same leader, and tells its own raft state.
   */
  private void checkClusterEndpoints(EmbeddedEtcd leader) throws Exception {
    List<String> clientUrls = members.stream().map(EmbeddedEtcd::clientUrl).sorted().toList();
    String leaderHex = leader.server().idHex();
    for (EmbeddedEtcd m : members) {
      JsonNode list =
          web.awaitJson(
              m,
              "/v2/members",
              j -> j.path("members").size() == 3
                  && j.findValuesAsText("name").stream().noneMatch(String::isEmpty));
      List<String> names = new ArrayList<>();
      List<String> urls = new ArrayList<>();
      for (JsonNode member : list.path("members")) {
        names.add(member.path("name").asText());
        member.path("clientURLs").forEach(u -> urls.add(u.asText()));
        assertThat(member.path("peerURLs")).hasSize(1);
      }
      assertThat(names).containsExactlyInAnyOrder("a", "b", "c");
      assertThat(urls).containsExactlyInAnyOrderElementsOf(clientUrls);

      JsonNode lead = web.awaitJson(m, "/v2/members/leader", j -> true);
      assertThat(lead.path("id").asText()).isEqualTo(leaderHex);
      assertThat(lead.path("name").asText()).isEqualTo(leader.server().name());

      JsonNode self =
          web.awaitJson(
              m,
              "/v2/stats/self",
              j -> leaderHex.equals(j.path("leaderInfo").path("leader").asText()));
      assertThat(self.path("state").asText())
          .isEqualTo(m == leader ? "StateLeader" : "StateFollower");
      assertThat(self.path("name").asText()).isEqualTo(m.server().name());

      HttpResponse<String> machines = web.send(m, "GET", "/v2/machines", null);
      assertThat(machines.body()).isEqualTo(String.join(", ", clientUrls));
    }
  }

  private static EmbeddedEtcd awaitLeader(List<EmbeddedEtcd> candidates) throws Exception {
    return ClusterTestSupport.awaitLeader(candidates, DEADLINE);
  }
}
