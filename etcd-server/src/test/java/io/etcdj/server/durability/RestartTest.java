package io.etcdj.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LogLines;
import io.etcdj.server.LoopbackMember;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member stopped and started again on the same data dir comes back with the same keys, the same
 * indexes and the same absolute expirations, whether it replays the whole WAL or loads a snapshot
 * and replays the WAL after it (SPEC PER-040, PER-041, PER-048).
 */
class RestartTest {
  @TempDir Path dataDir;
  @RegisterExtension final LogLines snapLines = LogLines.of("snap");

  private EmbeddedEtcd start(String... extra) {
    return LoopbackMember.start("restart", dataDir, extra);
  }

  /** PER-048, KEY-183: WAL replay restores values, indexes and TTLs by absolute expiration. */
  @Test
  void writesSurviveARestartWithTheirIndexesAndExpirations() throws Exception {
    JsonNode before;
    long raftBefore;
    try (EmbeddedEtcd etcd = start()) {
      V2Client c = new V2Client(etcd.clientUrl());
      assertThat(c.put("/a", V2Client.form("value", "1")).etcdIndex()).isEqualTo(4);
      c.put("/dir/b", V2Client.form("value", "2"));
      c.put("/ttl", V2Client.form("value", "3") + "&ttl=1000");
      c.put("/a", V2Client.form("value", "4"));
      assertThat(c.put("/a", "value=5&prevValue=nope").status()).isEqualTo(412);
      V2Client.Reply all = c.get("/?recursive=true&sorted=true");
      before = withoutTtl(all.body());
      raftBefore = all.raftIndex();
    }
    try (EmbeddedEtcd etcd = start()) {
      V2Client c = new V2Client(etcd.clientUrl());
      V2Client.Reply all = c.get("/?recursive=true&sorted=true");
      assertThat(withoutTtl(all.body())).isEqualTo(before);
      assertThat(before.toString()).contains("\"expiration\"");
      // Every entry was replayed; the restart then republished this member's attributes.
      assertThat(all.raftIndex()).isGreaterThan(raftBefore);
      // store index: 4 user writes after the 3 start-up writes, then 1 republish
      assertThat(c.put("/after", V2Client.form("value", "x")).etcdIndex()).isEqualTo(9);
    }
  }

  /** PER-040, PER-041, PER-048: restart from the newest snapshot plus the WAL after it. */
  @Test
  void restartLoadsTheSnapshotAndReplaysTheWalTail() throws Exception {
    JsonNode before;
    try (EmbeddedEtcd etcd = start("--snapshot-count", "5")) {
      V2Client c = new V2Client(etcd.clientUrl());
      for (int i = 0; i < 23; i++) {
        V2Client.Reply r = c.put("/k" + i, V2Client.form("value", "v" + i));
        assertThat(r.etcdIndex()).isEqualTo(4 + i);
      }
      Path snapDir = dataDir.resolve("member/snap");
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (snapCount(snapDir) < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(snapCount(snapDir)).isGreaterThanOrEqualTo(2);
      before = withoutTtl(c.get("/?recursive=true&sorted=true").body());
    }
    try (EmbeddedEtcd etcd = start("--snapshot-count", "5")) {
      V2Client c = new V2Client(etcd.clientUrl());
      assertThat(withoutTtl(c.get("/?recursive=true&sorted=true").body())).isEqualTo(before);
      assertThat(c.get("/k22").body().path("node").path("modifiedIndex").asLong()).isEqualTo(26);
    }
  }

  /**
   * PER-041, PER-048: a {@code .snap} file whose WAL marker never became durable (a kill between
   * the two writes) is skipped; the WAL is then replayed from an empty store, not on top of the
   * skipped snapshot's contents, so every key keeps its index.
   */
  @Test
  void aSnapshotWithoutWalMarkerIsSkippedAndTheWalReplayedFromEmpty() throws Exception {
    Path other = dataDir.resolve("other.etcd");
    try (EmbeddedEtcd etcd = startIn(other, "--snapshot-count", "5")) {
      V2Client c = new V2Client(etcd.clientUrl());
      for (int i = 0; i < 8; i++) {
        c.put("/k" + i, V2Client.form("value", "v" + i));
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (snapCount(other.resolve("member/snap")) < 1 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    Path own = dataDir.resolve("own.etcd");
    try (EmbeddedEtcd etcd = startIn(own)) {
      V2Client c = new V2Client(etcd.clientUrl());
      for (int i = 0; i < 8; i++) {
        c.put("/k" + i, V2Client.form("value", "v" + i));
      }
    }
    try (Stream<Path> snaps = Files.list(other.resolve("member/snap"))) {
      for (Path snap : snaps.filter(p -> p.toString().endsWith(".snap")).toList()) {
        Files.copy(snap, own.resolve("member/snap").resolve(snap.getFileName()));
      }
    }
    assertThat(snapCount(own.resolve("member/snap"))).isPositive();
    try (EmbeddedEtcd etcd = startIn(own)) {
      V2Client c = new V2Client(etcd.clientUrl());
      for (int i = 0; i < 8; i++) {
        assertThat(c.get("/k" + i).body().path("node").path("modifiedIndex").asLong())
            .as("index of /k%d", i)
            .isEqualTo(4 + i);
      }
    }
  }

  /**
   * PER-044: a newest snapshot that fails its CRC is logged as etcd logs it, renamed {@code
   * .broken}, and the member restarts from the next older one plus the WAL, with every write.
   */
  @Test
  void aCorruptNewestSnapshotIsSetAsideAndTheOlderOneUsed() throws Exception {
    JsonNode before;
    Path snapDir = dataDir.resolve("member/snap");
    try (EmbeddedEtcd etcd = start("--snapshot-count", "5")) {
      V2Client c = new V2Client(etcd.clientUrl());
      for (int i = 0; i < 23; i++) {
        c.put("/k" + i, V2Client.form("value", "v" + i));
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (snapCount(snapDir) < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      before = withoutTtl(c.get("/?recursive=true&sorted=true").body());
    }
    Path newest;
    try (Stream<Path> s = Files.list(snapDir)) {
      newest = s.filter(p -> p.toString().endsWith(".snap")).max(Path::compareTo).orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(newest);
    bytes[bytes.length / 2] ^= 0x5a; // inside the store JSON: the CRC no longer matches
    Files.write(newest, bytes);
    try (EmbeddedEtcd etcd = start("--snapshot-count", "5")) {
      V2Client c = new V2Client(etcd.clientUrl());
      assertThat(withoutTtl(c.get("/?recursive=true&sorted=true").body())).isEqualTo(before);
    }
    assertThat(snapLines.messages())
        .contains("corrupted snapshot file " + newest + ": crc mismatch");
    assertThat(newest.resolveSibling(newest.getFileName() + ".broken")).exists();
    assertThat(newest).doesNotExist();
  }

  private EmbeddedEtcd startIn(Path dir, String... extra) {
    return LoopbackMember.start("restart", dir, extra);
  }

  private static long snapCount(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".snap")).count();
    }
  }

  /** The remaining {@code ttl} seconds depend on when the GET runs; the expiration does not. */
  private static JsonNode withoutTtl(JsonNode n) {
    JsonNode copy = n.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode n) {
    if (n.isObject()) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove("ttl");
    }
    n.forEach(RestartTest::strip);
  }
}
