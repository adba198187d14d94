package io.etcdj.store;

import static io.etcdj.store.Keys.PERMANENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TTL, expiration and refresh (SPEC 1.8), on a fake clock. */
class StoreTtlTest {
  private final Keys k = new Keys();

  /**
   * SPEC KEY-120, KEY-121: expiration in RFC3339Nano UTC, ttl rounded up, 0 omitted. KEY-125,
   * GOT-004: a read never expires a key: past its expiration it is still served (ttl -2) until a
   * sweep removes it.
   */
  @Test
  void ttlIsRoundedUpAndExpirationFormatted() {
    // The fake clock starts at 21:44:45.0931556Z.
    assertThat(k.run(s -> s.set("/1/foo", false, "bar", k.ttl(5))))
        .isEqualTo(
            "{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"bar\","
                + "\"expiration\":\"2026-11-20T21:44:50.0931556Z\",\"ttl\":5,"
                + "\"modifiedIndex\":1,\"createdIndex\":1}}");
    k.clock.advance(Duration.ofMillis(4500));
    assertThat(k.get("/foo")).contains("\"ttl\":1,");
    k.clock.advance(Duration.ofMillis(500));
    assertThat(k.get("/foo")).doesNotContain("\"ttl\"").contains("\"expiration\"");
    k.clock.advance(Duration.ofMillis(2100));
    assertThat(k.get("/foo")).contains("\"ttl\":-2,");
    assertThat(k.store.index()).isEqualTo(1);
    k.store.deleteExpiredKeys(k.clock.instant());
    assertThat(k.get("/foo")).contains("\"errorCode\":100");
  }

  /** SPEC KEY-122: expirations before 2000 mean permanent on create. */
  @Test
  void ancientExpirationIsPermanent() {
    assertThat(
            k.run(
                s ->
                    s.set(
                        "/1/old",
                        false,
                        "v",
                        new TtlOptions(Instant.parse("1999-12-31T23:59:59Z"), false))))
        .doesNotContain("expiration");
    assertThat(k.store.hasTtlKeys()).isFalse();
  }

  /** SPEC KEY-069, GOT-009: set, update and CAS without ttl make the node permanent. */
  @Test
  void writesWithoutTtlRemoveIt() {
    k.run(s -> s.set("/1/a", false, "1", k.ttl(100)));
    assertThat(k.run(s -> s.update("/1/a", "2", PERMANENT)))
        .startsWith(
            "{\"action\":\"update\",\"node\":{\"key\":\"/a\",\"value\":\"2\",\"modifiedIndex\":2,");
    k.run(s -> s.compareAndSwap("/1/a", "2", 0, "3", k.ttl(100)));
    assertThat(k.get("/a")).contains("\"ttl\":100");
    k.run(s -> s.compareAndSwap("/1/a", "3", 0, "4", PERMANENT));
    assertThat(k.get("/a")).doesNotContain("\"ttl\"");
    assertThat(k.store.hasTtlKeys()).isFalse();
    k.run(s -> s.set("/1/b", false, "1", k.ttl(100)));
    k.set("/b", "2");
    assertThat(k.store.hasTtlKeys()).isFalse();
  }

  /**
   * SPEC KEY-123, KEY-124: expiry in expiration order, one index and one event per node. KEY-096,
   * KEY-100: an {@code expire} event's node has no value. KEY-111: the prevNode's ttl is computed
   * when the sweep is applied (-2, or 0 and omitted).
   */
  @Test
  void expiryInOrderWithEvents() throws Exception {
    k.run(s -> s.set("/1/late", false, "l", k.ttl(3)));
    k.run(s -> s.set("/1/early", false, "e", k.ttl(1)));
    k.run(s -> s.set("/1/never", false, "n", k.ttl(100)));
    List<Event> events = new ArrayList<>();
    k.store.watch("/1", true, true, 0, events::add);
    k.clock.advance(Duration.ofSeconds(3));
    k.store.deleteExpiredKeys(k.clock.instant());
    assertThat(events)
        .extracting(Keys::json)
        .containsExactly(
            "{\"action\":\"expire\",\"node\":{\"key\":\"/early\",\"modifiedIndex\":4,"
                + "\"createdIndex\":2},\"prevNode\":{\"key\":\"/early\",\"value\":\"e\","
                + "\"expiration\":\"2026-11-20T21:44:46.0931556Z\",\"ttl\":-2,"
                + "\"modifiedIndex\":2,\"createdIndex\":2}}",
            "{\"action\":\"expire\",\"node\":{\"key\":\"/late\",\"modifiedIndex\":5,"
                + "\"createdIndex\":1},\"prevNode\":{\"key\":\"/late\",\"value\":\"l\","
                + "\"expiration\":\"2026-11-20T21:44:48.0931556Z\",\"modifiedIndex\":1,"
                + "\"createdIndex\":1}}");
    assertThat(k.store.index()).isEqualTo(5);
    assertThat(k.store.hasTtlKeys()).isTrue();
    assertThat(k.stats()).contains("\"expireCount\":2,");
  }

  /** SPEC KEY-124, KEY-126, KEY-167: an expiring dir takes its subtree and tells its watchers. */
  @Test
  void directoryExpiryRemovesChildren() throws Exception {
    k.set("/d/a", "1");
    k.run(s -> s.set("/1/d/t", false, "ttl child", k.ttl(50)));
    k.run(s -> s.update("/1/d", "", k.ttl(2)));
    List<Event> onChild = new ArrayList<>();
    k.store.watch("/1/d/a", false, false, 0, onChild::add);
    k.clock.advance(Duration.ofSeconds(2));
    k.store.deleteExpiredKeys(k.clock.instant());
    assertThat(k.get("/d")).contains("\"errorCode\":100");
    assertThat(onChild).hasSize(1);
    assertThat(Keys.json(onChild.get(0)))
        .startsWith(
            "{\"action\":\"expire\",\"node\":{\"key\":\"/d\",\"dir\":true,\"modifiedIndex\":4,");
    assertThat(k.store.hasTtlKeys()).isFalse();
    assertThat(k.store.index()).isEqualTo(4);
  }

  /**
   * SPEC KEY-127, KEY-129, GOT-009: refresh keeps the value, consumes an index, notifies nobody.
   */
  @Test
  void refreshUpdateIsSilent() throws Exception {
    k.run(s -> s.set("/1/foo", false, "bar", k.ttl(3000)));
    List<Event> seen = new ArrayList<>();
    k.store.watch("/1/foo", false, true, 0, seen::add);
    Event refreshed = k.store.update("/1/foo", "", k.refresh(6000));
    assertThat(refreshed.refresh()).isTrue();
    assertThat(Keys.json(refreshed))
        .isEqualTo(
            "{\"action\":\"update\",\"node\":{\"key\":\"/foo\",\"value\":\"bar\","
                + "\"expiration\":\"2026-11-20T23:24:45.0931556Z\",\"ttl\":6000,"
                + "\"modifiedIndex\":2,\"createdIndex\":1},\"prevNode\":{\"key\":\"/foo\","
                + "\"value\":\"bar\",\"expiration\":\"2026-11-20T22:34:45.0931556Z\","
                + "\"ttl\":3000,\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(seen).isEmpty();
    assertThat(k.store.index()).isEqualTo(2);
    // A later plain write is seen by the stream watcher, the refresh never.
    k.set("/foo", "after");
    assertThat(seen).extracting(Event::action).containsExactly("set");
    // History scans skip the refresh event (SPEC KEY-162).
    List<Event> replay = new ArrayList<>();
    k.store.watch("/1/foo", false, false, 2, replay::add);
    assertThat(replay).extracting(e -> e.node().modifiedIndex()).containsExactly(3L);
  }

  /** SPEC KEY-128: refresh via plain set replaces the node; a missing key is 100. */
  @Test
  void refreshSet() {
    k.set("/foo", "after");
    assertThat(k.run(s -> s.set("/1/foo", false, "", k.refresh(6000))))
        .isEqualTo(
            "{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"after\","
                + "\"expiration\":\"2026-11-20T23:24:45.0931556Z\",\"ttl\":6000,"
                + "\"modifiedIndex\":2,\"createdIndex\":2},\"prevNode\":{\"key\":\"/foo\","
                + "\"value\":\"after\",\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(k.run(s -> s.set("/1/missing", false, "", k.refresh(5))))
        .isEqualTo(
            "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/missing\","
                + "\"index\":2}");
    assertThat(k.run(s -> s.update("/1/missing", "", k.refresh(5)))).contains("\"errorCode\":100");
  }

  /** SPEC KEY-129: refresh through CAS still compares. */
  @Test
  void refreshCompareAndSwap() {
    k.run(s -> s.set("/1/foo", false, "v", k.ttl(10)));
    assertThat(k.run(s -> s.compareAndSwap("/1/foo", "other", 0, "", k.refresh(20))))
        .contains("\"errorCode\":101");
    assertThat(k.run(s -> s.compareAndSwap("/1/foo", "v", 0, "", k.refresh(20))))
        .startsWith(
            "{\"action\":\"compareAndSwap\",\"node\":{\"key\":\"/foo\",\"value\":\"v\","
                + "\"expiration\":\"2026-11-20T21:45:05.0931556Z\",\"ttl\":20,");
  }

  /** SPEC KEY-038: a TTL of zero expires at the next sweep, not before. */
  @Test
  void zeroTtlExpiresOnNextSweep() {
    k.run(s -> s.set("/1/z", false, "v", k.ttl(0)));
    assertThat(k.get("/z")).contains("\"value\":\"v\"");
    k.store.deleteExpiredKeys(k.clock.instant());
    assertThat(k.get("/z")).contains("\"errorCode\":100");
  }

  /**
   * SPEC RFT-017: expiry depends on the times the entries carry (the absolute expiration, the
   * sweep's time), never on the applying member's clock: two members whose clocks are an hour
   * apart expire the same keys at the same indexes.
   */
  @Test
  void expiryFollowsTheEntriesNotTheClock() {
    Keys behind = new Keys();
    behind.clock.advance(Duration.ofHours(-1));
    TtlOptions soon = k.ttl(2);
    TtlOptions later = k.ttl(10);
    List<String> results = new ArrayList<>();
    for (Keys member : List.of(k, behind)) {
      member.run(s -> s.set("/1/soon", false, "s", soon));
      member.run(s -> s.set("/1/later", false, "l", later));
      member.store.deleteExpiredKeys(soon.expireTime());
      results.add(member.get("/soon") + " " + member.store.index() + " " + member.stats());
    }
    assertThat(results.get(0)).startsWith("{\"errorCode\":100,").contains(" 3 ");
    assertThat(results.get(1)).isEqualTo(results.get(0));
    assertThat(behind.store.hasTtlKeys()).isTrue();
  }
}
