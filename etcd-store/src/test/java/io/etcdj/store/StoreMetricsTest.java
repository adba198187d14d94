package io.etcdj.store;

import static io.etcdj.store.Keys.PERMANENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The store's Prometheus counters (SPEC OTH-052), counted where etcd reports them. */
class StoreMetricsTest {
  private final Keys k = new Keys();

  /**
   * The session of StoreStatsTest.countersMatchTheReference: every call counts once under its
   * action, success or failure, and a create failing on its path walk counts twice.
   */
  @Test
  void writesCountEveryCallByAction() throws Exception {
    k.store.create("/0/members/1/raftAttributes", false, "{}", false, PERMANENT);
    k.store.set("/0/members/1/attributes", false, "{}", PERMANENT);
    k.set("/s", "1");
    k.run(s -> s.delete("/1/s", false, false));
    k.run(s -> s.delete("/1/s", false, false)); // 100: a failure, counted the same
    k.set("/x", "1");
    k.run(s -> s.update("/1", "x", PERMANENT)); // root is read-only
    k.run(s -> s.compareAndSwap("/1/x", "1", 0, "2", PERMANENT));
    k.run(s -> s.compareAndDelete("/1/x", "nope", 0));
    k.run(s -> s.create("/1/x/y", false, "1", false, PERMANENT)); // /1/x is a file: twice
    StoreMetrics.Counts c = k.store.metrics();
    // In WRITE_ACTIONS order: compareAndDelete, compareAndSwap, create, delete, set, update.
    assertThat(c.writes()).containsExactly(1, 1, 3, 2, 3, 1);
    assertThat(StoreMetrics.WRITE_ACTIONS)
        .containsExactly("compareAndDelete", "compareAndSwap", "create", "delete", "set", "update");
  }

  /** Reads count by kind, misses too; the auth flag read counts as a get; peeks do not. */
  @Test
  void readsCountByKind() throws Exception {
    k.set("/f", "v");
    k.get("/f");
    k.get("/nope");
    k.getAll("/");
    k.store.getValue("/2/enabled");
    k.store.peek("/1/f", false, false);
    StoreMetrics.Counts c = k.store.metrics();
    assertThat(c.gets()).isEqualTo(3);
    assertThat(c.recursiveGets()).isEqualTo(1);
  }

  /** Watch requests count even when refused; the watcher gauge is the hub's live count. */
  @Test
  void watchRequestsAndWatchers() throws Exception {
    Watcher w = k.store.watch("/1/w", false, false, 0, e -> {});
    for (int i = 0; i < 1001; i++) {
      k.set("/n", Integer.toString(i));
    }
    // 401: the history no longer has index 1.
    assertThatThrownBy(() -> k.store.watch("/1/n", false, false, 1, e -> {}))
        .isInstanceOfSatisfying(
            EtcdException.class,
            e -> assertThat(e.error()).isEqualTo(EtcdError.EVENT_INDEX_CLEARED));
    assertThat(k.store.metrics().watchRequests()).isEqualTo(2);
    assertThat(k.store.watchers()).isEqualTo(1);
    w.remove();
    assertThat(k.store.watchers()).isZero();
  }

  /** Expiries count per key; a recovery from a snapshot leaves the process's counters alone. */
  @Test
  void expiriesCountAndSurviveNoRestoreOfStats() throws Exception {
    k.run(s -> s.set("/1/t1", false, "a", k.ttl(1)));
    k.run(s -> s.set("/1/t2", false, "b", k.ttl(1)));
    byte[] saved = k.store.save();
    k.clock.advance(Duration.ofSeconds(2));
    k.store.deleteExpiredKeys(k.clock.instant());
    assertThat(k.store.metrics().expires()).isEqualTo(2);
    k.store.recover(saved);
    assertThat(k.store.metrics().expires()).isEqualTo(2);
    assertThat(k.store.metrics().writes()[4]).isEqualTo(2); // the two sets, not reset either
  }
}
