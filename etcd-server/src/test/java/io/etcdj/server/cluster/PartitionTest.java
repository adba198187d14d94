package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.PeerFaults;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member cut off from its two peers, both ways ({@link PeerFaults#isolate}: every raft message
 * to or from it is dropped), is a minority of one. Its writes and quorum reads fail with etcd's
 * timeout error after the request timeout (ERR-004, GOT-020, RFT-008) instead of hanging, while
 * plain reads are still served from its stale store (GOT-001). The majority keeps writing, electing
 * a new leader if the cut member led (RFT-004: the old leader steps down on its own by
 * check-quorum and acknowledges nothing). Once healed, the member catches up and serves every key
 * at the majority's indexes.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PartitionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final int MAJORITY_WRITES = 50;

  @RegisterExtension final LoopbackCluster cluster = LoopbackCluster.inTempDir();

  private final MemberHttp web = new MemberHttp(DEADLINE);

  @BeforeEach
  void startCluster() throws Exception {
    cluster.start("a", "b", "c");
  }

  @Test
  void isolatedFollowerCannotWriteAndCatchesUpOnceHealed() throws Exception {
    EmbeddedEtcd leader = cluster.awaitLeader(DEADLINE);
    EmbeddedEtcd cut = cluster.follower(leader);
    web.awaitPut(leader, "/before", "cut");
    web.awaitValue(cut, "/before", "cut");

    PeerFaults.isolate(cut);
    assertTimedOut(web.send(cut, "PUT", "/v2/keys/minority", "value=lost"));
    assertTimedOut(web.send(cut, "GET", "/v2/keys/before?quorum=true", null));
    HttpResponse<String> stale = web.send(cut, "GET", "/v2/keys/before", null);
    assertThat(stale.statusCode()).isEqualTo(200);

    web.putMany(leader, "/majority", MAJORITY_WRITES, 4);

    PeerFaults.heal(cut);
    assertHealed(leader);
  }

  @Test
  void isolatedLeaderStepsDownAndTheMajorityElectsAnother() throws Exception {
    EmbeddedEtcd old = cluster.awaitLeader(DEADLINE);
    web.awaitPut(old, "/before", "cut");

    PeerFaults.isolate(old);
    CompletableFuture<HttpResponse<String>> unacknowledged =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return web.send(old, "PUT", "/v2/keys/stale", "value=lost");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    List<EmbeddedEtcd> majority = cluster.running().stream().filter(m -> m != old).toList();
    EmbeddedEtcd next = ClusterTestSupport.awaitLeader(majority, DEADLINE);
    awaitSteppedDown(old);
    web.putMany(next, "/majority", MAJORITY_WRITES, 4);
    assertTimedOut(unacknowledged.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
    assertTimedOut(web.send(old, "PUT", "/v2/keys/stale2", "value=lost"));

    PeerFaults.heal(old);
    assertHealed(next);
  }

  /**
   * Every member, the healed one included, serves the majority's key space; what the cut member
   * was asked to write is nowhere.
   */
  private void assertHealed(EmbeddedEtcd reference) throws Exception {
    JsonNode tree =
        web.awaitSameTree(
            reference,
            cluster.running(),
            t -> t.findValuesAsText("key").stream().filter(k -> k.startsWith("/majority/")).count()
                == MAJORITY_WRITES);
    assertThat(tree.findValuesAsText("key"))
        .contains("/before")
        .doesNotContain("/minority", "/stale", "/stale2");
    EmbeddedEtcd any = cluster.awaitLeader(DEADLINE);
    web.awaitPut(any, "/after", "heal");
    for (EmbeddedEtcd m : cluster.running()) {
      web.awaitValue(m, "/after", "heal");
    }
  }

  /** RFT-004: a leader that hears from no quorum for an election timeout becomes a follower. */
  private void awaitSteppedDown(EmbeddedEtcd m) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (m.server().isLeader()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the isolated leader never stepped down");
      }
      Thread.sleep(20);
    }
  }

  /** ERR-004: 500 with errorCode 300 "Raft Internal Error", cause "request timed out". */
  private static void assertTimedOut(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
    JsonNode error = JSON.readTree(r.body());
    assertThat(error.path("errorCode").asInt()).isEqualTo(300);
    assertThat(error.path("message").asText()).isEqualTo("Raft Internal Error");
    assertThat(error.path("cause").asText()).startsWith("request timed out");
  }
}
