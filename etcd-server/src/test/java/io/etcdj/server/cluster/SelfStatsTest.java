package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcdj.server.EmbeddedEtcd;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /v2/stats/self} counts real append traffic (SPEC OTH-040, OTH-041): the leader the MsgApp
 * it sends, each follower those it receives; while writes flow, both sides report package and
 * byte rates (etcd's field names and order), and once the traffic has been idle for over a second
 * the rates are left out again while the counts stay.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SelfStatsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @RegisterExtension final LoopbackCluster cluster = LoopbackCluster.inTempDir();

  private final MemberHttp web = new MemberHttp(DEADLINE);

  @Test
  void appendCountersAndRatesFollowTheTraffic() throws Exception {
    cluster.start("a", "b", "c");
    EmbeddedEtcd leader = cluster.awaitLeader(DEADLINE);
    List<EmbeddedEtcd> followers = cluster.running().stream().filter(m -> m != leader).toList();
    long sentBefore = self(leader).path("sendAppendRequestCnt").asLong();

    AtomicBoolean stop = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; i < 100_000 && !stop.get(); i++) {
                try {
                  web.put(leader, "/traffic", Integer.toString(i));
                } catch (Exception e) {
                  return;
                }
              }
            },
            "writer");
    writer.start();
    try {
      // Rates of the writes themselves: at least ten more appends than before them.
      JsonNode sending =
          web.awaitJson(
              leader,
              "/v2/stats/self",
              j -> j.has("sendPkgRate")
                  && j.path("sendAppendRequestCnt").asLong() > sentBefore + 10);
      assertThat(fieldNames(sending))
          .containsExactly(
              "name", "id", "state", "startTime", "leaderInfo", "recvAppendRequestCnt",
              "sendAppendRequestCnt", "sendPkgRate", "sendBandwidthRate");
      assertSaneRates(sending, "send");
      for (EmbeddedEtcd f : followers) {
        JsonNode receiving = web.awaitJson(f, "/v2/stats/self", j -> j.has("recvPkgRate"));
        assertThat(fieldNames(receiving))
            .containsExactly(
                "name", "id", "state", "startTime", "leaderInfo", "recvAppendRequestCnt",
                "recvPkgRate", "recvBandwidthRate", "sendAppendRequestCnt");
        assertThat(receiving.path("recvAppendRequestCnt").asLong()).isPositive();
        assertThat(receiving.path("sendAppendRequestCnt").asLong()).isZero();
        assertSaneRates(receiving, "recv");
      }
    } finally {
      stop.set(true);
      writer.join(30_000);
    }

    // Idle: heartbeats are not appends, so the counts settle and the rates go away.
    JsonNode idle = web.awaitJson(leader, "/v2/stats/self", j -> !j.has("sendPkgRate"));
    long received = 0;
    for (EmbeddedEtcd f : followers) {
      received +=
          web.awaitJson(f, "/v2/stats/self", j -> !j.has("recvPkgRate"))
              .path("recvAppendRequestCnt")
              .asLong();
    }
    // Every append a follower counted was counted by the leader when it sent it.
    assertThat(self(leader).path("sendAppendRequestCnt").asLong()).isGreaterThanOrEqualTo(received);
    assertThat(idle.path("sendAppendRequestCnt").asLong()).isPositive();
  }

  private JsonNode self(EmbeddedEtcd m) throws Exception {
    return web.awaitJson(m, "/v2/stats/self", j -> true);
  }

  /** A MsgApp with one small entry is some tens of bytes; rates are positive. */
  private static void assertSaneRates(JsonNode stats, String prefix) {
    double pkg = stats.path(prefix + "PkgRate").asDouble();
    double bytes = stats.path(prefix + "BandwidthRate").asDouble();
    assertThat(pkg).isPositive();
    assertThat(bytes / pkg).isBetween(30.0, 10_000.0);
  }

  private static List<String> fieldNames(JsonNode j) {
    List<String> names = new java.util.ArrayList<>();
    j.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
