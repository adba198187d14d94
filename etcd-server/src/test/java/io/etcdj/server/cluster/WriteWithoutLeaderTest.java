package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EmbeddedEtcd;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC RFT-008: a write sent to a member while raft knows no leader waits for one, as etcd's raft
 * node holds a proposal until a leader is elected, and succeeds once the cluster has its quorum
 * back. Dropped instead, it would be answered 500 "request timed out" after the request timeout
 * (here 6 s) whatever happened meanwhile.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WriteWithoutLeaderTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @RegisterExtension final LoopbackCluster cluster = LoopbackCluster.inTempDir();

  private final MemberHttp web = new MemberHttp(DEADLINE);

  @Test
  void writeSentWithoutALeaderSucceedsOnceOneIsElected() throws Exception {
    cluster.start("a", "b", "c");
    EmbeddedEtcd leader = cluster.awaitLeader(DEADLINE);
    EmbeddedEtcd survivor = cluster.follower(leader);
    List<String> others =
        cluster.names().stream().filter(n -> !n.equals(survivor.server().name())).toList();
    others.forEach(cluster::stop);
    awaitNoLeader(survivor);

    CompletableFuture<HttpResponse<String>> put =
        web.client()
            .sendAsync(
                HttpRequest.newBuilder(URI.create(survivor.clientUrl() + "/v2/keys/held"))
                    .timeout(DEADLINE)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .PUT(HttpRequest.BodyPublishers.ofString("value=x"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    others.forEach(cluster::restart);

    HttpResponse<String> answer = put.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    for (EmbeddedEtcd m : cluster.running()) {
      web.awaitValue(m, "/held", "x");
    }
  }

  /** Polls until the member has lost its leader (it campaigns alone, term after term). */
  private static void awaitNoLeader(EmbeddedEtcd m) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (m.server().leaderId() != 0) {
      if (System.nanoTime() > end) {
        throw new AssertionError(m.server().name() + " still follows a leader");
      }
      Thread.sleep(20);
    }
  }
}
