package io.etcdj.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LoopbackMember;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KEY-190, OTH-044: {@code /v2/stats/store} counts what etcd counts. The member's own reads of its
 * membership and cluster version are not client gets; validating a conf change is (etcd reads the
 * store there), so a new member starts with exactly one failed get, as a new etcd does.
 */
class StoreStatsTest {
  /** etcd 3.4 --enable-v2, a new single member, after publishing (asked with /version only). */
  private static final String FRESH_ETCD =
      "{\"getsSuccess\":0,\"getsFail\":1,\"setsSuccess\":2,\"setsFail\":0,\"deleteSuccess\":0,"
          + "\"deleteFail\":0,\"updateSuccess\":0,\"updateFail\":0,\"createSuccess\":1,"
          + "\"createFail\":0,\"compareAndSwapSuccess\":0,\"compareAndSwapFail\":0,"
          + "\"compareAndDeleteSuccess\":0,\"compareAndDeleteFail\":0,\"expireCount\":0,"
          + "\"watchers\":0}";

  @TempDir Path dataDir;

  @Test
  void newMemberAndMembershipReadsCountAsInEtcd() throws Exception {
    try (EmbeddedEtcd etcd = LoopbackMember.start("stats", dataDir.resolve("stats.etcd"))) {
      int port = URI.create(etcd.clientUrl()).getPort();
      // Publishing (member attributes) and the cluster version are the two sets of a new member.
      String fresh = awaitStats(port, s -> s.contains("\"setsSuccess\":2"));
      assertThat(fresh).isEqualTo(FRESH_ETCD);
      try (RawHttp c = new RawHttp(port)) {
        assertThat(c.send("GET", "/v2/members", (String) null).read().status()).isEqualTo(200);
        assertThat(c.send("GET", "/v2/machines", (String) null).read().status()).isEqualTo(200);
      }
      assertThat(stats(port)).isEqualTo(FRESH_ETCD);
    }
  }

  private static String stats(int port) throws Exception {
    try (RawHttp c = new RawHttp(port)) {
      return c.send("GET", "/v2/stats/store", (String) null).read().body();
    }
  }

  /** Polls the store stats until {@code done} holds, for at most 20 s; returns the last answer. */
  private static String awaitStats(int port, java.util.function.Predicate<String> done)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String s = stats(port);
    while (!done.test(s) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      s = stats(port);
    }
    return s;
  }
}
