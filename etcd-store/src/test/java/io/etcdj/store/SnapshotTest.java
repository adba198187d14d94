package io.etcdj.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Save and recover of the store snapshot JSON (SPEC PER-045..048, OTH-045). */
class SnapshotTest {
  private final FakeClock clock = new FakeClock();

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SnapshotTest.class.getResourceAsStream("/" + name)) {
      return in.readAllBytes();
    }
  }

  /**
   * A snapshot written by the reference etcd 3.4.23 (TTL key refreshed, TTL dir, hidden key, dirs,
   * in-order key, expired keys, escaped value, CAS/CAD failures in the stats) is recovered and
   * saved again byte for byte (SPEC PER-045..048).
   */
  @Test
  void referenceSnapshotRecoversAndSavesIdentically() throws Exception {
    byte[] reference = resource("reference-etcd-3.4.23-snapshot.json");
    Store store = new Store(clock, "/0", "/1");
    store.recover(reference);
    assertThat(new String(store.save(), UTF_8)).isEqualTo(new String(reference, UTF_8).strip());
    assertThat(store.index()).isEqualTo(22);
    assertThat(store.hasTtlKeys()).isTrue();
    Event hidden = store.get("/1/_hidden", false, false);
    assertThat(hidden.node().value()).isEqualTo("h");
    Event ttlKey = store.get("/1/ttlkey", false, false);
    assertThat(ttlKey.node().expiration())
        .isEqualTo(Instant.parse("2026-11-21T00:40:22.69942195Z"));
    assertThat(ttlKey.node().createdIndex()).isEqualTo(10);
  }

  /** The recovered history serves watches, and the stats counters survive (SPEC OTH-045). */
  @Test
  void referenceSnapshotRestoresHistoryAndStats() throws Exception {
    Store store = new Store(clock, "/0", "/1");
    store.recover(resource("reference-etcd-3.4.23-snapshot.json"));
    List<Event> got = new ArrayList<>();
    store.watch("/1/dir", true, false, 12, got::add);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).action()).isEqualTo("update");
    assertThat(got.get(0).etcdIndex()).isEqualTo(22);
    assertThat(new String(store.jsonStats(), UTF_8))
        .startsWith("{\"getsSuccess\":1,\"getsFail\":22,\"setsSuccess\":15,")
        .contains("\"compareAndDeleteSuccess\":1,")
        .endsWith("\"expireCount\":2,\"watchers\":0}");
  }

  /** Every piece of state survives save, recover, save unchanged. */
  @Test
  void saveRecoverSaveIsIdentical() throws Exception {
    Store store = new Store(clock, "/0", "/1");
    store.set("/1/a/b", false, "v<&>\u2028", TtlOptions.PERMANENT);
    store.set("/1/t", false, "ttl", new TtlOptions(clock.instant().plusSeconds(30), false));
    store.set("/1/t", false, "", new TtlOptions(clock.instant().plusSeconds(60), true));
    store.create("/1/q", true, "", true, new TtlOptions(clock.instant().plusMillis(1500), false));
    store.set("/1/_h", false, "hidden", TtlOptions.PERMANENT);
    store.delete("/1/a", true, true);
    try {
      store.compareAndSwap("/1/t", "nope", 0, "x", TtlOptions.PERMANENT);
    } catch (EtcdException expected) {
      // counted in the stats that are saved
    }
    clock.advance(Duration.ofSeconds(2));
    store.deleteExpiredKeys(clock.instant());
    store.jsonStats();
    byte[] first = store.save();

    Store copy = new Store(clock, "/0", "/1");
    copy.recover(first);
    assertThat(new String(copy.save(), UTF_8)).isEqualTo(new String(first, UTF_8));
    assertThat(copy.index()).isEqualTo(store.index());
    assertThat(copy.get("/1", true, true)).isEqualTo(store.get("/1", true, true));
  }

  /** A fresh store saves the shape etcd writes (SPEC PER-045, PER-046). */
  @Test
  void emptyStoreShape() {
    Store store = new Store(clock, "/0", "/1");
    String json = new String(store.save(), UTF_8);
    assertThat(json)
        .startsWith(
            "{\"Root\":{\"Path\":\"/\",\"CreatedIndex\":0,\"ModifiedIndex\":0,"
                + "\"ExpireTime\":\"0001-01-01T00:00:00Z\",\"Value\":\"\",\"Children\":{\"0\":"
                + "{\"Path\":\"/0\",\"CreatedIndex\":0,\"ModifiedIndex\":0,"
                + "\"ExpireTime\":\"0001-01-01T00:00:00Z\",\"Value\":\"\",\"Children\":{}},\"1\":"
                + "{\"Path\":\"/1\",\"CreatedIndex\":0,\"ModifiedIndex\":0,"
                + "\"ExpireTime\":\"0001-01-01T00:00:00Z\",\"Value\":\"\",\"Children\":{}}}},"
                + "\"WatcherHub\":{\"EventHistory\":{\"Queue\":{\"Events\":[null,null,")
        .endsWith(
            "null],\"Size\":0,\"Front\":0,\"Back\":0,\"Capacity\":1000},\"StartIndex\":0,"
                + "\"LastIndex\":0}},\"CurrentIndex\":0,\"Stats\":{\"getsSuccess\":0,"
                + "\"getsFail\":0,\"setsSuccess\":0,\"setsFail\":0,\"deleteSuccess\":0,"
                + "\"deleteFail\":0,\"updateSuccess\":0,\"updateFail\":0,\"createSuccess\":0,"
                + "\"createFail\":0,\"compareAndSwapSuccess\":0,\"compareAndSwapFail\":0,"
                + "\"compareAndDeleteSuccess\":0,\"compareAndDeleteFail\":0,\"expireCount\":0,"
                + "\"watchers\":0},\"CurrentVersion\":2}");
  }

  /** Recovered TTL nodes are expired by the next sweep, not at recovery (SPEC PER-048). */
  @Test
  void recoveredTtlNodesExpireOnlyOnSweep() throws Exception {
    Store store = new Store(clock, "/0", "/1");
    store.set("/1/t", false, "v", new TtlOptions(clock.instant().plusSeconds(1), false));
    Store copy = new Store(clock, "/0", "/1");
    copy.recover(store.save());
    clock.advance(Duration.ofSeconds(5));
    assertThat(copy.get("/1/t", false, false).node().ttl()).isEqualTo(-4);
    copy.deleteExpiredKeys(clock.instant());
    assertThatThrownBy(() -> copy.get("/1/t", false, false)).isInstanceOf(EtcdException.class);
    assertThat(copy.index()).isEqualTo(2);
  }

  /**
   * Recovering from a stream gives the same store as from bytes (SPEC PER-048), and a stream that
   * breaks off halfway leaves the previous state in place.
   */
  @Test
  void recoversFromAStreamAndKeepsTheOldStateOnATruncatedOne() throws Exception {
    byte[] reference = resource("reference-etcd-3.4.23-snapshot.json");
    Store store = new Store(clock, "/0", "/1");
    store.recover(new java.io.ByteArrayInputStream(reference));
    assertThat(new String(store.save(), UTF_8)).isEqualTo(new String(reference, UTF_8).strip());
    byte[] before = store.save();
    InputStream cut = new java.io.ByteArrayInputStream(reference, 0, reference.length / 2);
    assertThatThrownBy(() -> store.recover(cut)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.save()).isEqualTo(before);
  }

  @Test
  void garbageIsRejected() {
    Store store = new Store(clock, "/0", "/1");
    assertThatThrownBy(() -> store.recover("[1,2]".getBytes(UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
