package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.server.EmbeddedEtcd;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Runtime membership changes on a loopback cluster of in-process members (SPEC OTH-026..033,
 * CLU-016, CLU-030): a fourth member is added through {@code POST /v2/members}, joins with {@code
 * --initial-cluster-state existing} and catches up; a removed member stops itself while the rest
 * keep writing; peer URLs are updated; refused changes get etcd's statuses.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MembershipChangeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @RegisterExtension final LoopbackCluster cluster = LoopbackCluster.inTempDir();

  private final MemberHttp web = new MemberHttp(DEADLINE);
  private List<EmbeddedEtcd> members;

  @Test
  void addedMemberJoinsTheRunningClusterAndCatchesUp() throws Exception {
    startCluster("a", "b", "c");
    EmbeddedEtcd leader = awaitLeader(members);
    web.awaitPut(leader, "/k1", "v1");

    String peer = cluster.reserve("d").peerUrl();
    HttpResponse<String> added = members(leader, "POST", "", "{\"peerURLs\":[\"" + peer + "\"]}");
    assertThat(added.statusCode()).isEqualTo(201);
    JsonNode member = JSON.readTree(added.body());
    String id = member.path("id").asText();
    assertThat(member.path("name").asText()).isEmpty();
    assertThat(member.path("peerURLs").get(0).asText()).isEqualTo(peer);
    assertThat(member.path("clientURLs")).isEmpty();

    // OTH-028: a URL in use is a conflict, found when the change is applied (the same URLs in
    // the same second would also give the same ID: "ID exists").
    String other = "http://127.0.0.1:" + ClusterTestSupport.freePorts(1)[0];
    HttpResponse<String> again =
        members(leader, "POST", "", "{\"peerURLs\":[\"" + peer + "\",\"" + other + "\"]}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).isEqualTo("{\"message\":\"membership: peerURL exists\"}");

    EmbeddedEtcd d = cluster.join("d");
    members = cluster.running();
    assertThat(d.server().idHex()).isEqualTo(id);
    assertThat(d.server().clusterIdHex()).isEqualTo(leader.server().clusterIdHex());
    web.awaitValue(d, "/k1", "v1");
    web.awaitPut(d, "/k2", "v2");
    for (EmbeddedEtcd m : members) {
      web.awaitValue(m, "/k2", "v2");
      web.awaitJson(m, "/v2/members", j -> j.path("members").size() == 4);
    }
    JsonNode listed =
        web.awaitJson(
            leader,
            "/v2/members",
            j -> j.findValuesAsText("name").contains("d"));
    assertThat(listed.findValuesAsText("id")).contains(id);

    // OTH-042: the leader reports its three followers, the new one included; others refuse.
    EmbeddedEtcd lead = awaitLeader(members);
    JsonNode stats =
        web.awaitJson(
            lead,
            "/v2/stats/leader",
            j -> j.path("followers").size() == 3
                && j.path("followers").path(id).path("counts").path("success").asLong() > 0);
    assertThat(stats.path("leader").asText()).isEqualTo(lead.server().idHex());
    HttpResponse<String> refused =
        web.send(members.stream().filter(m -> m != lead).findFirst().orElseThrow(), "GET",
            "/v2/stats/leader", null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).isEqualTo("{\"message\":\"not current leader\"}");
  }

  /** A single member binds its peer port too, so it can grow (etcd does the same). */
  @Test
  void singleMemberGrowsToTwo() throws Exception {
    startCluster("a");
    EmbeddedEtcd a = awaitLeader(members);
    web.awaitPut(a, "/solo", "v");
    String peer = cluster.reserve("b").peerUrl();
    assertThat(members(a, "POST", "", "{\"peerURLs\":[\"" + peer + "\"]}").statusCode())
        .isEqualTo(201);
    EmbeddedEtcd b = cluster.join("b");
    web.awaitValue(b, "/solo", "v");
    web.awaitPut(b, "/pair", "w");
    web.awaitValue(a, "/pair", "w");
  }

  /** OTH-032, FLG-066: the removed member says why it stops, in etcd's words, and stops. */
  @Test
  void removedMemberStopsAndTheRestKeepWriting() throws Exception {
    Logger etcdserver = (Logger) LoggerFactory.getLogger("etcdserver");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    etcdserver.addAppender(lines);
    try {
      removeAMember();
    } finally {
      etcdserver.detachAppender(lines);
    }
    assertThat(lines.list)
        .filteredOn(e -> e.getMessage().contains("removed"))
        .extracting(e -> e.getLevel() + " " + e.getFormattedMessage())
        .containsSubsequence(
            "ERROR the member has been permanently removed from the cluster",
            "INFO the data-dir used by this member must be removed.");
  }

  private void removeAMember() throws Exception {
    startCluster("a", "b", "c");
    EmbeddedEtcd leader = awaitLeader(members);
    EmbeddedEtcd victim = members.stream().filter(m -> m != leader).findFirst().orElseThrow();
    String id = victim.server().idHex();

    // OTH-030: unknown and malformed IDs are 404, no ID is 405.
    assertThat(members(leader, "DELETE", "/1234", null).statusCode()).isEqualTo(404);
    assertThat(members(leader, "DELETE", "/xyz", null).body())
        .contains("No such member: xyz");

    EmbeddedEtcd other =
        members.stream().filter(m -> m != leader && m != victim).findFirst().orElseThrow();
    assertThat(members(other, "DELETE", "/" + id, null).statusCode()).isEqualTo(204);
    victim.removed().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    awaitStopped(victim);

    HttpResponse<String> gone = members(leader, "DELETE", "/" + id, null);
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(gone.body()).contains("Member permanently removed: " + id);

    List<EmbeddedEtcd> rest = List.of(leader, other);
    web.awaitPut(other, "/after", "removal");
    for (EmbeddedEtcd m : rest) {
      web.awaitValue(m, "/after", "removal");
      JsonNode list = web.awaitJson(m, "/v2/members", j -> j.path("members").size() == 2);
      assertThat(list.findValuesAsText("id")).doesNotContain(id);
    }
  }

  @Test
  void peerUrlsAreUpdated() throws Exception {
    startCluster("a", "b", "c");
    EmbeddedEtcd leader = awaitLeader(members);
    EmbeddedEtcd follower = members.stream().filter(m -> m != leader).findFirst().orElseThrow();
    EmbeddedEtcd third =
        members.stream().filter(m -> m != leader && m != follower).findFirst().orElseThrow();
    String id = follower.server().idHex();
    String newUrl = "http://127.0.0.1:" + ClusterTestSupport.freePorts(1)[0];
    String body = "{\"peerURLs\":[\"" + newUrl + "\"]}";

    // OTH-031: unknown member 404, a URL of another member 409.
    assertThat(members(leader, "PUT", "/1234", body).statusCode()).isEqualTo(404);
    String taken = third.server().self().peerUrls().get(0);
    HttpResponse<String> conflict =
        members(leader, "PUT", "/" + id, "{\"peerURLs\":[\"" + taken + "\"]}");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains("membership: peerURL exists");

    String clientUrls = "[\"" + follower.clientUrl() + "\"]";
    assertThat(members(leader, "PUT", "/" + id, body).statusCode()).isEqualTo(204);
    for (EmbeddedEtcd m : members) {
      web.awaitJson(
          m,
          "/v2/members",
          j -> {
            for (JsonNode member : j.path("members")) {
              if (member.path("id").asText().equals(id)) {
                // CLU-034: only the raft attributes change; name and client URLs stay.
                return member.path("peerURLs").toString().equals("[\"" + newUrl + "\"]")
                    && member.path("clientURLs").toString().equals(clientUrls)
                    && !member.path("name").asText().isEmpty();
              }
            }
            return false;
          });
    }
  }

  /** OTH-032: the removed member closes its client port on its own. */
  private void awaitStopped(EmbeddedEtcd m) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < end) {
      try {
        web.send(m, "GET", "/version", null);
      } catch (IOException e) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(m.clientUrl() + " still serves after its removal");
  }

  /** {@code /v2/members<rest>}; {@code json} null means no body. */
  private HttpResponse<String> members(EmbeddedEtcd m, String method, String rest, String json)
      throws Exception {
    String path = "/v2/members" + rest;
    return json == null ? web.send(m, method, path, null) : web.sendJson(m, method, path, json);
  }

  /** Starts every member at once: each blocks in its start until a leader exists. */
  private void startCluster(String... names) throws Exception {
    cluster.start(names);
    members = cluster.running();
  }

  private static EmbeddedEtcd awaitLeader(List<EmbeddedEtcd> candidates) throws Exception {
    return ClusterTestSupport.awaitLeader(candidates, DEADLINE);
  }
}
