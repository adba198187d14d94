package io.etcdj.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability under kill -9 (issue 7, SPEC PER-022, PER-041, PER-048): a member process takes a load
 * of concurrent writes; it is killed with SIGKILL by PID at some moment and started again on the
 * same data dir; every write that was acknowledged must be there with the index it was
 * acknowledged with. The moments: before the first snapshot, just as a snapshot is triggered (the
 * .snap is being written on its own thread while writes go on) and at random points later, when
 * snapshots, compactions and WAL replays after a snapshot all come into play ({@code
 * --snapshot-count 100}, 1 KiB values so that snapshots take a while). A final SIGTERM must exit 0
 * and lose nothing either.
 */
class CrashRecoveryTest {
  private static final int SNAPSHOT_COUNT = 100;
  private static final int WRITERS = 8;
  private static final String VALUE_PAD = "x".repeat(1000);

  @TempDir Path tmp;

  /** Every acknowledged key with the index it was acknowledged with, over all rounds. */
  private final Map<String, Long> acked = new ConcurrentHashMap<>();

  @Test
  void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path dataDir = tmp.resolve("crash.etcd");
    Path log = tmp.resolve("member.log");
    String[] flags = {"--snapshot-count", Integer.toString(SNAPSHOT_COUNT)};
    List<String> moments = new ArrayList<>();
    int rounds = 6;
    for (int round = 0; round < rounds; round++) {
      MemberProcess m = MemberProcess.start(dataDir, log, flags);
      try {
        verify(m.client(), "seed " + seed + ", before round " + round);
        int snapsBefore = snapFiles(dataDir);
        Kill kill =
            switch (round) {
              case 0 -> new Kill(20, 0, 0); // before any snapshot
              case 1 -> new Kill(0, SNAPSHOT_COUNT + 1, 0); // just as a snapshot starts
              default -> new Kill(0, 0, 100 + random.nextInt(1100)); // any moment later
            };
        load(m, round, kill, true);
        moments.add(
            "round " + round + ": " + kill + ", snap files " + snapsBefore + " -> "
                + snapFiles(dataDir));
      } finally {
        m.close();
      }
    }
    MemberProcess m = MemberProcess.start(dataDir, log, flags);
    try {
      verify(m.client(), "seed " + seed + ", after the last kill; " + moments);
      load(m, rounds, new Kill(0, 0, 300), false);
      assertThat(m.terminate()).as("exit code after SIGTERM").isZero();
    } finally {
      m.close();
    }
    m = MemberProcess.start(dataDir, log, flags);
    try {
      verify(m.client(), "seed " + seed + ", after SIGTERM; " + moments);
    } finally {
      m.close();
    }
    assertThat(acked.size()).as("acknowledged writes; " + moments).isGreaterThan(200);
    System.out.println("CrashRecoveryTest seed " + seed + ", " + acked.size() + " writes: " + moments);
    assertThat(snapFiles(dataDir)).as("snapshots were taken").isPositive();
  }

  /**
   * When to kill: after this many acknowledgements in the round, or once a raft index past this
   * many entries since the round's first answer was acknowledged, or after this many ms of load.
   */
  private record Kill(int afterAcks, long afterRaftEntries, long afterMs) {}

  private void load(MemberProcess m, int round, Kill kill, boolean killAtEnd) throws Exception {
    V2Client c = m.client();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger acks = new AtomicInteger();
    AtomicLong firstRaft = new AtomicLong(-1);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      Thread t =
          new Thread(
              () -> {
                for (int seq = 0; seq < 100_000 && !stop.get(); seq++) {
                  String key = "/crash/r" + round + "-w" + writer + "-" + seq;
                  try {
                    V2Client.Reply r = c.put(key, V2Client.form("value", key + VALUE_PAD));
                    if (r.status() != 201) {
                      return;
                    }
                    acked.put(key, r.body().path("node").path("modifiedIndex").asLong());
                    firstRaft.compareAndSet(-1, r.raftIndex());
                    int n = acks.incrementAndGet();
                    if ((kill.afterAcks() > 0 && n >= kill.afterAcks())
                        || (kill.afterRaftEntries() > 0
                            && r.raftIndex() - firstRaft.get() >= kill.afterRaftEntries())) {
                      stop.set(true);
                    }
                  } catch (IOException | InterruptedException e) {
                    return; // the member is gone; this write was never acknowledged
                  }
                }
              },
              "writer-" + w);
      t.start();
      writers.add(t);
    }
    long deadline =
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(kill.afterMs() > 0 ? kill.afterMs() : 30_000);
    while (!stop.get() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    if (killAtEnd) {
      m.kill();
    }
    stop.set(true);
    for (Thread t : writers) {
      t.join(30_000);
    }
  }

  private void verify(V2Client c, String context) throws Exception {
    V2Client.Reply r = c.get("/crash?recursive=true");
    Map<String, Long> found = new HashMap<>();
    Map<String, String> values = new HashMap<>();
    if (r.status() == 200) {
      for (JsonNode n : r.body().path("node").path("nodes")) {
        found.put(n.path("key").asText(), n.path("modifiedIndex").asLong());
        values.put(n.path("key").asText(), n.path("value").asText());
      }
    }
    for (Map.Entry<String, Long> e : acked.entrySet()) {
      assertThat(found.get(e.getKey()))
          .as("index of acknowledged %s (%s)", e.getKey(), context)
          .isEqualTo(e.getValue());
      assertThat(values.get(e.getKey())).as("value of %s", e.getKey())
          .isEqualTo(e.getKey() + VALUE_PAD);
    }
  }

  private static int snapFiles(Path dataDir) throws IOException {
    Path snap = dataDir.resolve("member/snap");
    if (!Files.isDirectory(snap)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(snap)) {
      return (int) s.filter(p -> p.toString().endsWith(".snap")).count();
    }
  }
}
