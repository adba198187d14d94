package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart takes the store decoded by the prefetch {@link EtcdMain} starts as soon as it has its
 * flags, and only when the data dir chooses that very snapshot (SPEC PER-041, PER-048).
 *
 * <p>A store installed from the wrong snapshot leaves the restarted member waiting forever to
 * publish itself; the timeout turns that into a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SnapshotPrefetchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dataDir;

  @AfterEach
  void forgetUnclaimed() {
    SnapshotPrefetch.forget();
  }

  @Test
  void theNewestSnapshotIsCheckedAndDecodedAhead() throws Exception {
    writeKeys(dataDir, 23, "--snapshot-count", "5");
    Path newest = snapshots(dataDir).get(0);

    SnapshotPrefetch.begin(dataDir.resolve("member/snap"));

    assertThat(SnapshotPrefetch.pendingFile()).isEqualTo(newest);
    assertThat(SnapshotPrefetch.claim(snapshots(dataDir).get(1))).isNull();
    SnapshotPrefetch.Decoding d = SnapshotPrefetch.claim(newest);
    assertThat(d).isNotNull();
    assertThat(d.file().metadata().getIndex()).isPositive();
    // the store index of the snapshot: 3 start-up writes and the user's keys up to that point
    assertThat(d.store().join().index()).isGreaterThan(3);
    assertThat(SnapshotPrefetch.claim(newest)).as("claimed once").isNull();
  }

  /** PER-048: the restart uses the prefetched decode and comes back with every key and index. */
  @Test
  void aRestartTakesThePrefetchedStore() throws Exception {
    writeKeys(dataDir, 23, "--snapshot-count", "5");

    SnapshotPrefetch.begin(dataDir.resolve("member/snap"));
    try (EmbeddedEtcd etcd = LoopbackMember.start("prefetch", dataDir, "--snapshot-count", "5")) {
      assertThat(SnapshotPrefetch.pendingFile()).as("claimed by the data dir").isNull();
      for (int i = 0; i < 23; i++) {
        JsonNode node = get(etcd, "/k" + i).path("node");
        assertThat(node.path("value").asText()).isEqualTo("v" + i);
        assertThat(node.path("modifiedIndex").asLong()).isEqualTo(4 + i);
      }
    }
  }

  /**
   * PER-041: the newest snapshot is one the WAL has no marker for (copied from another member): its
   * prefetched store is dropped, and the WAL replayed from an empty store keeps every index.
   */
  @Test
  void aPrefetchedSnapshotTheWalDoesNotKnowIsDropped() throws Exception {
    Path other = dataDir.resolve("other.etcd");
    writeKeys(other, 8, "--snapshot-count", "5", "--name", "other");
    Path own = dataDir.resolve("own.etcd");
    try (EmbeddedEtcd etcd = LoopbackMember.start("own", own)) {
      for (int i = 0; i < 8; i++) {
        put(etcd, "/k" + i, "own" + i);
      }
    }
    for (Path snap : snapshots(other)) {
      Files.copy(snap, own.resolve("member/snap").resolve(snap.getFileName()));
    }

    SnapshotPrefetch.begin(own.resolve("member/snap"));
    try (EmbeddedEtcd etcd = LoopbackMember.start("own", own)) {
      assertThat(SnapshotPrefetch.pendingFile()).as("claimed, then dropped").isNull();
      for (int i = 0; i < 8; i++) {
        JsonNode node = get(etcd, "/k" + i).path("node");
        assertThat(node.path("value").asText()).isEqualTo("own" + i);
        assertThat(node.path("modifiedIndex").asLong()).as("index of /k%d", i).isEqualTo(4 + i);
      }
    }
  }

  /** Writes {@code /k0..} with values {@code v0..}, waiting for two snapshots if it takes any. */
  private void writeKeys(Path dir, int keys, String... flags) throws Exception {
    try (EmbeddedEtcd etcd = LoopbackMember.start("prefetch", dir, flags)) {
      for (int i = 0; i < keys; i++) {
        put(etcd, "/k" + i, "v" + i);
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (snapshots(dir).size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    assertThat(snapshots(dir)).hasSizeGreaterThanOrEqualTo(1);
  }

  private static List<Path> snapshots(Path dir) throws Exception {
    Path snapDir = dir.resolve("member/snap");
    if (!Files.isDirectory(snapDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(snapDir)) {
      return s.filter(p -> p.toString().endsWith(".snap"))
          .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
          .toList();
    }
  }

  private void put(EmbeddedEtcd etcd, String key, String value) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(etcd.clientUrl() + "/v2/keys" + key))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .PUT(HttpRequest.BodyPublishers.ofString("value=" + value))
            .timeout(Duration.ofSeconds(10))
            .build();
    assertThat(http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode())
        .isBetween(200, 201);
  }

  private JsonNode get(EmbeddedEtcd etcd, String key) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(etcd.clientUrl() + "/v2/keys" + key))
            .timeout(Duration.ofSeconds(10))
            .build();
    return JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofByteArray()).body());
  }
}
