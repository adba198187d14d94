package io.etcdj.store;

import static io.etcdj.store.Keys.PERMANENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The watcher hub and the event history (SPEC 1.10). */
class StoreWatchTest {
  private final Keys k = new Keys();
  private final List<Event> got = new ArrayList<>();

  private Watcher watch(String key, boolean recursive, boolean stream, long since)
      throws EtcdException {
    return k.store.watch("/1" + key, recursive, stream, since, got::add);
  }

  private int watchers() {
    String stats = k.stats();
    return Integer.parseInt(
        stats.substring(stats.indexOf("\"watchers\":") + 11, stats.length() - 1));
  }

  /** SPEC KEY-161, KEY-169: a one-shot watch gets the next event, then is gone. */
  @Test
  void oneShotWatchGetsNextEventOnly() throws Exception {
    k.set("/foo", "one");
    Watcher w = watch("/foo", false, false, 0);
    assertThat(w.startIndex()).isEqualTo(1);
    assertThat(got).isEmpty();
    assertThat(watchers()).isEqualTo(1);
    k.set("/foo", "two");
    k.set("/foo", "three");
    assertThat(got)
        .extracting(Keys::json)
        .containsExactly(
            "{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"two\","
                + "\"modifiedIndex\":2,\"createdIndex\":2},\"prevNode\":{\"key\":\"/foo\","
                + "\"value\":\"one\",\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(got.get(0).etcdIndex()).isEqualTo(2);
    assertThat(watchers()).isZero();
    w.remove(); // idempotent after firing
    assertThat(watchers()).isZero();
  }

  /** SPEC KEY-164: a past waitIndex is answered from history, with the current etcd index. */
  @Test
  void historyReplay() throws Exception {
    k.set("/foo", "one");
    k.set("/foo", "two");
    k.set("/bar", "x");
    Watcher w = watch("/foo", false, false, 1);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).node().value()).isEqualTo("one");
    assertThat(got.get(0).etcdIndex()).isEqualTo(3);
    assertThat(w.startIndex()).isEqualTo(3);
    assertThat(watchers()).isZero();
    got.clear();
    watch("/foo", false, true, 3);
    assertThat(got).isEmpty();
    assertThat(watchers()).as("no match in history: registered").isEqualTo(1);
  }

  /** SPEC KEY-175: a future waitIndex waits until the index reaches it. */
  @Test
  void futureWaitIndexWaits() throws Exception {
    watch("/foo", false, false, 3);
    k.set("/foo", "1");
    k.set("/foo", "2");
    assertThat(got).isEmpty();
    k.set("/foo", "3");
    assertThat(got).extracting(e -> e.node().value()).containsExactly("3");
  }

  /** SPEC KEY-163, GOT-006: waitIndex older than the 1000-event history gives 401. */
  @Test
  void clearedHistory() throws Exception {
    for (int i = 0; i < 1049; i++) {
      k.set("/k", "v" + i);
    }
    assertThatThrownBy(() -> watch("/k", false, false, 8))
        .isInstanceOfSatisfying(
            EtcdException.class,
            e ->
                assertThat(new String(V2Json.writeError(e, "/1")))
                    .isEqualTo(
                        "{\"errorCode\":401,\"message\":\"The event in requested index is"
                            + " outdated and cleared\",\"cause\":\"the requested history has been"
                            + " cleared [50/8]\",\"index\":1049}"));
    watch("/k", false, false, 50);
    assertThat(got).extracting(e -> e.node().modifiedIndex()).containsExactly(50L);
  }

  /** SPEC KEY-166, KEY-042: recursive watchers see descendants; plain ones only their key. */
  @Test
  void recursiveWatchSeesDescendants() throws Exception {
    watch("/dir", true, false, 0);
    List<Event> plain = new ArrayList<>();
    k.store.watch("/1/dir", false, false, 0, plain::add);
    k.set("/dir/a/b", "deep");
    assertThat(got)
        .extracting(Keys::json)
        .containsExactly(
            "{\"action\":\"set\",\"node\":{\"key\":\"/dir/a/b\",\"value\":\"deep\","
                + "\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(plain).isEmpty();
    k.run(s -> s.update("/1/dir", "", k.ttl(10000)));
    assertThat(plain).extracting(Event::action).containsExactly("update");
  }

  /**
   * SPEC KEY-141, GOT-010: live recursive watches skip hidden descendants unless watched exactly.
   */
  @Test
  void hiddenKeysAreSkippedByLiveRecursiveWatches() throws Exception {
    watch("/p", true, false, 0);
    List<Event> exact = new ArrayList<>();
    k.store.watch("/1/p/_message", false, false, 0, exact::add);
    k.set("/p/_message", "changed");
    k.set("/p/_hdir/inner", "x");
    assertThat(got).isEmpty();
    assertThat(exact).hasSize(1);
    k.set("/p/visible", "v");
    assertThat(got).extracting(e -> e.node().key()).containsExactly("/1/p/visible");
  }

  /** SPEC KEY-142, GOT-010: history replay does not filter hidden keys. */
  @Test
  void historyReplayIncludesHiddenKeys() throws Exception {
    k.set("/d/_h", "hidden");
    watch("/d", true, false, 1);
    assertThat(got).extracting(e -> e.node().key()).containsExactly("/1/d/_h");
  }

  /** SPEC KEY-165: a deleted dir matches watch keys by raw string prefix in replay. */
  @Test
  void historyDirDeleteMatchesRawPrefix() throws Exception {
    k.mkdir("/fo");
    k.run(s -> s.delete("/1/fo", true, false));
    watch("/foo", false, false, 1);
    assertThat(got).extracting(Event::action).containsExactly("delete");
  }

  /** SPEC KEY-167: deleting a dir tells the watchers of every removed descendant. */
  @Test
  void dirDeleteNotifiesDescendantWatchers() throws Exception {
    k.set("/w/a", "1");
    watch("/w/a", false, false, 0);
    k.run(s -> s.delete("/1/w", true, true));
    assertThat(got)
        .extracting(Keys::json)
        .containsExactly(
            "{\"action\":\"delete\",\"node\":{\"key\":\"/w\",\"dir\":true,\"modifiedIndex\":2,"
                + "\"createdIndex\":1},\"prevNode\":{\"key\":\"/w\",\"dir\":true,"
                + "\"modifiedIndex\":1,\"createdIndex\":1}}");
  }

  /** SPEC KEY-168: a stream watcher on a recursively deleted dir gets the delete twice. */
  @Test
  void streamWatcherOnDeletedDirGetsItTwice() throws Exception {
    k.set("/s/a", "1");
    watch("/s", false, true, 0);
    k.run(s -> s.delete("/1/s", true, true));
    assertThat(got).extracting(Event::action).containsExactly("delete", "delete");
  }

  /** SPEC KEY-170: a stream watch stays registered and receives every event. */
  @Test
  void streamWatch() throws Exception {
    Watcher w = watch("/s", false, true, 0);
    k.set("/s", "1");
    k.set("/s", "2");
    k.run(s -> s.delete("/1/s", false, false));
    assertThat(got).extracting(Event::action).containsExactly("set", "set", "delete", "delete");
    assertThat(watchers()).isEqualTo(1);
    w.remove();
    k.set("/s", "3");
    assertThat(got).hasSize(4);
  }

  /** SPEC KEY-173: removing a watch (client gone) unregisters it; count drops. */
  @Test
  void removedWatchersLeaveNoTrace() throws Exception {
    List<Watcher> ws = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      ws.add(watch("/idle" + (i % 7), i % 2 == 0, i % 3 == 0, 0));
    }
    assertThat(watchers()).isEqualTo(500);
    ws.forEach(Watcher::remove);
    ws.forEach(Watcher::remove);
    assertThat(watchers()).isZero();
    k.set("/idle1", "x");
    assertThat(got).isEmpty();
  }

  /** A listener may remove its own watcher while it is being notified. */
  @Test
  void listenerMayRemoveItself() throws Exception {
    Watcher[] self = new Watcher[1];
    self[0] =
        k.store.watch(
            "/1/x",
            false,
            true,
            0,
            e -> {
              got.add(e);
              self[0].remove();
            });
    k.set("/x", "1");
    k.set("/x", "2");
    assertThat(got).hasSize(1);
    assertThat(watchers()).isZero();
  }

  record Scan(String name, String watchKey, boolean recursive, long since, String expectedKey) {}

  static Stream<Scan> scans() {
    return Stream.of(
        new Scan("exact key", "/a/b", false, 1, "/1/a/b"),
        new Scan("ancestor not recursive", "/a", false, 1, null),
        new Scan("ancestor recursive", "/a", true, 1, "/1/a/b"),
        new Scan("sibling prefix is not a child", "/a/b", true, 3, null),
        new Scan("from later index", "/a/bc", false, 1, "/1/a/bc"),
        new Scan("root recursive", "/", true, 2, "/1/a/bc"));
  }

  /** SPEC KEY-165: the history match rule, as a table. */
  @ParameterizedTest
  @MethodSource("scans")
  void historyMatchRule(Scan row) throws Exception {
    k.set("/a/b", "1");
    k.set("/a/bc", "2");
    k.run(s -> s.set("/1/a/b", false, "", k.refresh(10)));
    watch(row.watchKey(), row.recursive(), false, row.since());
    if (row.expectedKey() == null) {
      assertThat(got).as(row.name()).isEmpty();
    } else {
      assertThat(got)
          .as(row.name())
          .extracting(e -> e.node().key())
          .containsExactly(row.expectedKey());
    }
  }

  /** History is of the whole store: internal writes under /0 take slots too (SPEC KEY-162). */
  @Test
  void internalWritesEnterTheHistory() throws Exception {
    k.store.set("/0/version", false, "3.4.0", PERMANENT);
    List<Event> internal = new ArrayList<>();
    k.store.watch("/0", true, false, 1, internal::add);
    assertThat(internal).extracting(e -> e.node().key()).containsExactly("/0/version");
  }
}
