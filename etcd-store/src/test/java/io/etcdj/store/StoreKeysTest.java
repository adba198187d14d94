package io.etcdj.store;

import static io.etcdj.store.Keys.PERMANENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Store semantics per operation (SPEC 1.5, 1.6, 1.7), checked on the exact JSON clients get.
 * Expected strings are the conformance goldens with base index 0.
 */
class StoreKeysTest {
  private final Keys k = new Keys();

  /**
   * SPEC KEY-060, KEY-061, KEY-073, KEY-075, KEY-110: set, overwrite, delete, get after. KEY-091:
   * action, node, prevNode in that order, no prevNode on a first set. KEY-100: the delete's node
   * has the new modifiedIndex, the old createdIndex and no value. GOT-009: a plain set replaces
   * the node, so createdIndex changes.
   */
  @Test
  void setOverwriteDeleteGet() {
    assertThat(k.set("/message", "Hello world"))
        .isEqualTo(
            "{\"action\":\"set\",\"node\":{\"key\":\"/message\",\"value\":\"Hello world\","
                + "\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(k.get("/message"))
        .isEqualTo(
            "{\"action\":\"get\",\"node\":{\"key\":\"/message\",\"value\":\"Hello world\","
                + "\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(k.set("/message", "Hello etcd"))
        .isEqualTo(
            "{\"action\":\"set\",\"node\":{\"key\":\"/message\",\"value\":\"Hello etcd\","
                + "\"modifiedIndex\":2,\"createdIndex\":2},\"prevNode\":{\"key\":\"/message\","
                + "\"value\":\"Hello world\",\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(k.run(s -> s.delete("/1/message", false, false)))
        .isEqualTo(
            "{\"action\":\"delete\",\"node\":{\"key\":\"/message\",\"modifiedIndex\":3,"
                + "\"createdIndex\":2},\"prevNode\":{\"key\":\"/message\",\"value\":\"Hello etcd\","
                + "\"modifiedIndex\":2,\"createdIndex\":2}}");
    assertThat(k.get("/message"))
        .isEqualTo(
            "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/message\",\"index\":3}");
    assertThat(k.set("/empty", ""))
        .isEqualTo(
            "{\"action\":\"set\",\"node\":{\"key\":\"/empty\",\"value\":\"\","
                + "\"modifiedIndex\":4,\"createdIndex\":4}}");
  }

  /**
   * SPEC KEY-060, KEY-077, KEY-095: implicit dirs take the write's index and keep it. KEY-042: a
   * recursive get returns the whole subtree, a plain one the first level only.
   */
  @Test
  void implicitDirectoriesAndListings() {
    k.mkdir("/d1/d2/d3");
    k.set("/d1/d2/d3/k1", "123");
    k.set("/d1/k0", "abc");
    assertThat(k.run(s -> s.get("/1/d1", false, true)))
        .isEqualTo(
            "{\"action\":\"get\",\"node\":{\"key\":\"/d1\",\"dir\":true,\"nodes\":[{\"key\":"
                + "\"/d1/d2\",\"dir\":true,\"modifiedIndex\":1,\"createdIndex\":1},{\"key\":"
                + "\"/d1/k0\",\"value\":\"abc\",\"modifiedIndex\":3,\"createdIndex\":3}],"
                + "\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(k.run(s -> s.get("/1/d1/", true, true)))
        .isEqualTo(
            "{\"action\":\"get\",\"node\":{\"key\":\"/d1\",\"dir\":true,\"nodes\":[{\"key\":"
                + "\"/d1/d2\",\"dir\":true,\"nodes\":[{\"key\":\"/d1/d2/d3\",\"dir\":true,"
                + "\"nodes\":[{\"key\":\"/d1/d2/d3/k1\",\"value\":\"123\",\"modifiedIndex\":2,"
                + "\"createdIndex\":2}],\"modifiedIndex\":1,\"createdIndex\":1}],"
                + "\"modifiedIndex\":1,\"createdIndex\":1},{\"key\":\"/d1/k0\",\"value\":\"abc\","
                + "\"modifiedIndex\":3,\"createdIndex\":3}],\"modifiedIndex\":1,\"createdIndex\":1}}");
  }

  /** SPEC KEY-094: the keys root has no key and no indexes; empty root has no nodes. */
  @Test
  void rootGet() {
    assertThat(k.getAll("")).isEqualTo("{\"action\":\"get\",\"node\":{\"dir\":true}}");
    k.set("/b", "2");
    k.set("/a", "1");
    assertThat(k.run(s -> s.get("/1/", false, true)))
        .isEqualTo(
            "{\"action\":\"get\",\"node\":{\"dir\":true,\"nodes\":[{\"key\":\"/a\",\"value\":"
                + "\"1\",\"modifiedIndex\":2,\"createdIndex\":2},{\"key\":\"/b\",\"value\":\"2\","
                + "\"modifiedIndex\":1,\"createdIndex\":1}]}}");
  }

  /** SPEC KEY-043: sorted is Go byte order, so a non-BMP key sorts after U+FFFD. */
  @Test
  void sortedIsUtf8ByteOrder() throws Exception {
    k.set("/\uD83D\uDE00", "emoji");
    k.set("/\uFFFD", "bmp");
    k.set("/a", "a");
    Event e = k.store.get("/1", false, true);
    assertThat(e.node().nodes())
        .extracting(NodeExtern::key)
        .containsExactly("/1/a", "/1/\uFFFD", "/1/\uD83D\uDE00");
  }

  /**
   * SPEC KEY-062, KEY-074, KEY-079, GOT-011: dir rules of set and delete (deleting a dir takes
   * dir=true when it is empty, recursive=true when it is not; KEY-042: recursive alone is enough).
   * KEY-100, KEY-111: the deleted dir's node and prevNode say dir:true and list no children.
   * KEY-039: dir=true ignores the value.
   */
  @Test
  void directoryRules() {
    k.mkdir("/d1/d2/d3");
    k.set("/d1/d2/d3/k1", "123");
    k.set("/d1/k0", "abc");
    assertThat(k.set("/d1", "x"))
        .isEqualTo("{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/d1\",\"index\":3}");
    assertThat(k.mkdir("/d1/k0"))
        .isEqualTo(
            "{\"action\":\"set\",\"node\":{\"key\":\"/d1/k0\",\"dir\":true,\"modifiedIndex\":4,"
                + "\"createdIndex\":4},\"prevNode\":{\"key\":\"/d1/k0\",\"value\":\"abc\","
                + "\"modifiedIndex\":3,\"createdIndex\":3}}");
    assertThat(k.run(s -> s.delete("/1/d1/d2/d3", false, false)))
        .isEqualTo(
            "{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/d1/d2/d3\",\"index\":4}");
    assertThat(k.run(s -> s.delete("/1/d1/d2/d3", true, false)))
        .isEqualTo(
            "{\"errorCode\":108,\"message\":\"Directory not empty\",\"cause\":\"/d1/d2/d3\","
                + "\"index\":4}");
    assertThat(k.run(s -> s.delete("/1/d1/d2/d3", false, true)))
        .isEqualTo(
            "{\"action\":\"delete\",\"node\":{\"key\":\"/d1/d2/d3\",\"dir\":true,"
                + "\"modifiedIndex\":5,\"createdIndex\":1},\"prevNode\":{\"key\":\"/d1/d2/d3\","
                + "\"dir\":true,\"modifiedIndex\":1,\"createdIndex\":1}}");
    k.mkdir("/d1/empty");
    assertThat(k.run(s -> s.delete("/1/d1/empty", true, false)))
        .startsWith("{\"action\":\"delete\",\"node\":{\"key\":\"/d1/empty\",\"dir\":true,");
    assertThat(k.run(s -> s.set("/1/dval", true, "x", PERMANENT)))
        .isEqualTo(
            "{\"action\":\"set\",\"node\":{\"key\":\"/dval\",\"dir\":true,\"modifiedIndex\":8,"
                + "\"createdIndex\":8}}");
  }

  /** SPEC KEY-063, ERR-005, KEY-144 (post): a file on the path gives 104 with its path. */
  @ParameterizedTest
  @MethodSource("throughFile")
  void pathThroughAFileIsNotADirectory(String name, Keys.Op op) {
    k.set("/a", "file");
    assertThat(k.run(op))
        .isEqualTo(
            "{\"errorCode\":104,\"message\":\"Not a directory\",\"cause\":\"/a\",\"index\":1}");
    assertThat(k.store.index()).isEqualTo(1);
  }

  static Stream<Object[]> throughFile() {
    return Stream.of(
        new Object[] {"set", (Keys.Op) s -> s.set("/1/a/b", false, "x", PERMANENT)},
        new Object[] {"get", (Keys.Op) s -> s.get("/1/a/b/c", false, false)},
        new Object[] {"create", (Keys.Op) s -> s.create("/1/a/b", false, "x", false, PERMANENT)},
        new Object[] {"post", (Keys.Op) s -> s.create("/1/a", false, "x", true, PERMANENT)},
        new Object[] {"update", (Keys.Op) s -> s.update("/1/a/b", "x", PERMANENT)},
        new Object[] {"cas", (Keys.Op) s -> s.compareAndSwap("/1/a/b", "x", 0, "y", PERMANENT)},
        new Object[] {"delete", (Keys.Op) s -> s.delete("/1/a/b", false, false)});
  }

  /** SPEC KEY-007: writes on /, /0 and /1 fail with 107 cause "/". */
  @ParameterizedTest
  @MethodSource("rootWrites")
  void rootIsReadOnly(String path, String name, Keys.Op op) {
    assertThat(k.run(op))
        .as(name + " " + path)
        .isEqualTo(
            "{\"errorCode\":107,\"message\":\"Root is read only\",\"cause\":\"/\",\"index\":0}");
  }

  static Stream<Object[]> rootWrites() {
    return Stream.of("/", "/0", "/1", "/1/")
        .flatMap(
            p ->
                Stream.of(
                    new Object[] {p, "set", (Keys.Op) s -> s.set(p, false, "x", PERMANENT)},
                    new Object[] {p, "set dir", (Keys.Op) s -> s.set(p, true, "", PERMANENT)},
                    new Object[] {
                      p, "create", (Keys.Op) s -> s.create(p, false, "x", false, PERMANENT)
                    },
                    new Object[] {p, "update", (Keys.Op) s -> s.update(p, "x", PERMANENT)},
                    new Object[] {
                      p, "cas", (Keys.Op) s -> s.compareAndSwap(p, "x", 0, "y", PERMANENT)
                    },
                    new Object[] {p, "delete", (Keys.Op) s -> s.delete(p, true, true)}));
  }

  /** SPEC KEY-008: compareAndDelete on the keys root is 102 without a cause. */
  @Test
  void compareAndDeleteOnRootIsNotAFileWithoutCause() {
    assertThat(k.run(s -> s.compareAndDelete("/1", "x", 0)))
        .isEqualTo("{\"errorCode\":102,\"message\":\"Not a file\",\"index\":0}");
  }

  /**
   * SPEC KEY-064, KEY-065, KEY-066, KEY-070, KEY-071: the cas golden sequence. GOT-011: CAS on a
   * dir is 102.
   */
  @Test
  void createUpdateCompareAndSwap() {
    k.set("/foo", "one");
    assertThat(k.run(s -> s.create("/1/foo", false, "three", false, PERMANENT)))
        .isEqualTo(
            "{\"errorCode\":105,\"message\":\"Key already exists\",\"cause\":\"/foo\","
                + "\"index\":1}");
    assertThat(k.run(s -> s.compareAndSwap("/1/foo", "two", 0, "three", PERMANENT)))
        .isEqualTo(
            "{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[two != one]\","
                + "\"index\":1}");
    assertThat(k.run(s -> s.compareAndSwap("/1/foo", "one", 0, "five", PERMANENT)))
        .isEqualTo(
            "{\"action\":\"compareAndSwap\",\"node\":{\"key\":\"/foo\",\"value\":\"five\","
                + "\"modifiedIndex\":2,\"createdIndex\":1},\"prevNode\":{\"key\":\"/foo\","
                + "\"value\":\"one\",\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(k.run(s -> s.compareAndSwap("/1/foo", "", 1, "xxx", PERMANENT)))
        .isEqualTo(
            "{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[1 != 2]\","
                + "\"index\":2}");
    assertThat(k.run(s -> s.compareAndSwap("/1/foo", "nope", 1, "xxx", PERMANENT)))
        .isEqualTo(
            "{\"errorCode\":101,\"message\":\"Compare failed\","
                + "\"cause\":\"[nope != five] [1 != 2]\",\"index\":2}");
    assertThat(k.run(s -> s.update("/1/foo", "updated", PERMANENT)))
        .isEqualTo(
            "{\"action\":\"update\",\"node\":{\"key\":\"/foo\",\"value\":\"updated\","
                + "\"modifiedIndex\":3,\"createdIndex\":1},\"prevNode\":{\"key\":\"/foo\","
                + "\"value\":\"five\",\"modifiedIndex\":2,\"createdIndex\":1}}");
    assertThat(k.run(s -> s.update("/1/new/deeper", "x", PERMANENT)))
        .isEqualTo(
            "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/new\",\"index\":3}");
    assertThat(k.run(s -> s.create("/1/new", false, "created", false, PERMANENT)))
        .isEqualTo(
            "{\"action\":\"create\",\"node\":{\"key\":\"/new\",\"value\":\"created\","
                + "\"modifiedIndex\":4,\"createdIndex\":4}}");
    k.mkdir("/dir");
    assertThat(k.run(s -> s.compareAndSwap("/1/dir", "x", 0, "y", PERMANENT)))
        .isEqualTo("{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/dir\",\"index\":5}");
  }

  /** SPEC KEY-067, KEY-068: update on a dir changes only the TTL; stored modifiedIndex stays. */
  @Test
  void updateOnDirectory() {
    k.mkdir("/d");
    assertThat(k.run(s -> s.update("/1/d", "x", PERMANENT)))
        .isEqualTo("{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/d\",\"index\":1}");
    assertThat(k.run(s -> s.update("/1/d", "", PERMANENT)))
        .isEqualTo(
            "{\"action\":\"update\",\"node\":{\"key\":\"/d\",\"dir\":true,\"modifiedIndex\":2,"
                + "\"createdIndex\":1},\"prevNode\":{\"key\":\"/d\",\"dir\":true,"
                + "\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(k.get("/d"))
        .isEqualTo(
            "{\"action\":\"get\",\"node\":{\"key\":\"/d\",\"dir\":true,\"modifiedIndex\":1,"
                + "\"createdIndex\":1}}");
  }

  /** SPEC KEY-072: the cad golden sequence. KEY-100: the CAD's node; GOT-011: never on a dir. */
  @Test
  void compareAndDelete() {
    k.set("/foo", "one");
    assertThat(k.run(s -> s.compareAndDelete("/1/foo", "", 3)))
        .isEqualTo(
            "{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[3 != 1]\","
                + "\"index\":1}");
    assertThat(k.run(s -> s.compareAndDelete("/1/foo", "one", 0)))
        .isEqualTo(
            "{\"action\":\"compareAndDelete\",\"node\":{\"key\":\"/foo\",\"modifiedIndex\":2,"
                + "\"createdIndex\":1},\"prevNode\":{\"key\":\"/foo\",\"value\":\"one\","
                + "\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(k.run(s -> s.compareAndDelete("/1/missing", "x", 0)))
        .isEqualTo(
            "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/missing\","
                + "\"index\":2}");
    k.mkdir("/dir");
    assertThat(k.run(s -> s.compareAndDelete("/1/dir", "", 3)))
        .isEqualTo("{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/dir\",\"index\":3}");
  }

  /**
   * SPEC KEY-143, KEY-144, KEY-145: in-order keys named by the new index, 20 digits; POST creates
   * the missing parent, on the root it creates a top-level key (on a file: see
   * pathThroughAFileIsNotADirectory); dir=true makes an in-order dir, a TTL an expiring key.
   */
  @Test
  void inOrderKeys() {
    assertThat(k.run(s -> s.create("/1/queue", false, "Job1", true, PERMANENT)))
        .isEqualTo(
            "{\"action\":\"create\",\"node\":{\"key\":\"/queue/00000000000000000001\","
                + "\"value\":\"Job1\",\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(k.run(s -> s.create("/1/queue/sub", true, "", true, PERMANENT)))
        .isEqualTo(
            "{\"action\":\"create\",\"node\":{\"key\":\"/queue/sub/00000000000000000002\","
                + "\"dir\":true,\"modifiedIndex\":2,\"createdIndex\":2}}");
    assertThat(k.run(s -> s.create("/1", false, "top", true, PERMANENT)))
        .startsWith("{\"action\":\"create\",\"node\":{\"key\":\"/00000000000000000003\",");
    assertThat(k.run(s -> s.create("/1/queue", false, "Job4", true, k.ttl(5))))
        .isEqualTo(
            "{\"action\":\"create\",\"node\":{\"key\":\"/queue/00000000000000000004\","
                + "\"value\":\"Job4\",\"expiration\":\"2026-11-20T21:44:50.0931556Z\","
                + "\"ttl\":5,\"modifiedIndex\":4,\"createdIndex\":4}}");
    assertThat(k.store.hasTtlKeys()).isTrue();
  }

  /** SPEC KEY-140, GOT-010: hidden nodes are left out of listings but readable directly. */
  @Test
  void hiddenKeys() {
    k.set("/p/_message", "Hello hidden");
    k.set("/p/message", "Hello world");
    k.set("/p/_hdir/inner", "x");
    assertThat(k.getAll("/p"))
        .isEqualTo(
            "{\"action\":\"get\",\"node\":{\"key\":\"/p\",\"dir\":true,\"nodes\":[{\"key\":"
                + "\"/p/message\",\"value\":\"Hello world\",\"modifiedIndex\":2,"
                + "\"createdIndex\":2}],\"modifiedIndex\":1,\"createdIndex\":1}}");
    assertThat(k.get("/p/_message")).contains("\"value\":\"Hello hidden\"");
    assertThat(k.getAll("/p/_hdir")).contains("\"key\":\"/p/_hdir/inner\"");
  }

  /** SPEC KEY-076: failed writes do not advance the index; each success advances it by one. */
  @Test
  void onlySuccessfulWritesAdvanceTheIndex() {
    k.set("/a", "1");
    k.set("/a/b", "x");
    k.run(s -> s.create("/1/a", false, "x", false, PERMANENT));
    k.run(s -> s.delete("/1/zz", false, false));
    k.get("/a");
    assertThat(k.store.index()).isEqualTo(1);
    k.run(s -> s.compareAndDelete("/1/a", "1", 0));
    assertThat(k.store.index()).isEqualTo(2);
  }

  /** SPEC KEY-096: the eight action names, one per kind of event. */
  @Test
  void actionNames() throws Exception {
    List<Event> events = new ArrayList<>();
    k.store.watch("/1", true, true, 0, events::add);
    k.set("/a", "1");
    k.run(s -> s.create("/1/b", false, "1", false, PERMANENT));
    k.run(s -> s.update("/1/b", "2", PERMANENT));
    k.run(s -> s.compareAndSwap("/1/b", "2", 0, "3", PERMANENT));
    k.run(s -> s.compareAndDelete("/1/b", "3", 0));
    k.run(s -> s.delete("/1/a", false, false));
    k.run(s -> s.set("/1/t", false, "1", k.ttl(1)));
    k.clock.advance(Duration.ofSeconds(1));
    k.store.deleteExpiredKeys(k.clock.instant());
    assertThat(events)
        .extracting(Event::action)
        .containsExactly(
            "set", "create", "update", "compareAndSwap", "compareAndDelete", "delete", "set",
            "expire");
    assertThat(k.store.get("/1", false, false).action()).isEqualTo("get");
  }
}
