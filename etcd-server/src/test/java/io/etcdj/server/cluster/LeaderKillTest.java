package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the leader's process while writes pour in through all three members (SPEC RFT-007,
 * RFT-016, PER-022, PER-048): a write is acknowledged only once a majority has it in its fsynced
 * WAL, so every acknowledged write, at the index it was acknowledged with, is on both survivors
 * (which elect a new leader and keep taking writes) and, once restarted from its data dir, on the
 * killed member too. Members run in their own JVMs ({@link ProcessMember}) with {@code
 * --snapshot-count 100}, so the kill may also land in the middle of a snapshot.
 */
@Timeout(value = 400, unit = TimeUnit.SECONDS)
class LeaderKillTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final int WRITERS = 6;
  private static final int ACKS_BEFORE_KILL = 300;
  private static final int ACKS_AFTER_KILL = 100;

  @TempDir Path tmp;

  private ProcessCluster cluster;
  /** Every acknowledged key with the modifiedIndex it was acknowledged with. */
  private final Map<String, Long> acked = new ConcurrentHashMap<>();

  @AfterEach
  void closeMembers() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillNineOfTheLeader() throws Exception {
    cluster =
        ProcessCluster.start(
            tmp,
            "kill-cluster",
            DEADLINE,
            "--snapshot-count", "100",
            "--heartbeat-interval", "100",
            "--election-timeout", "1000");
    List<ProcessMember> members = cluster.members();
    ProcessMember leader = cluster.awaitLeader(members);
    List<ProcessMember> survivors = members.stream().filter(m -> m != leader).toList();

    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger acks = new AtomicInteger();
    AtomicInteger acksAfterKill = new AtomicInteger();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      ProcessMember target = members.get(w % members.size());
      String prefix = "/load/w" + w + "-";
      Thread t =
          new Thread(() -> write(target, prefix, stop, killed, acks, acksAfterKill), "writer-" + w);
      t.start();
      writers.add(t);
    }
    try {
      awaitCount(acks, ACKS_BEFORE_KILL, "acknowledged writes before the kill");
      leader.kill();
      killed.set(true);
      awaitCount(acksAfterKill, ACKS_AFTER_KILL, "acknowledged writes after the kill");
    } finally {
      stop.set(true);
      for (Thread t : writers) {
        t.join(60_000);
      }
    }

    for (ProcessMember m : survivors) {
      cluster.awaitAcknowledged(m, "/load", acked);
    }
    cluster.restart(leader);
    cluster.awaitAcknowledged(leader, "/load", acked);
    assertThat(cluster.awaitLeader(members)).isNotNull();
  }

  /**
   * One writer: distinct keys through {@code target} until told to stop or its member is gone (a
   * write that got no answer was never acknowledged); refused writes (a 300 during the election)
   * are simply not counted.
   */
  private void write(
      ProcessMember target,
      String prefix,
      AtomicBoolean stop,
      AtomicBoolean killed,
      AtomicInteger acks,
      AtomicInteger acksAfterKill) {
    for (int seq = 0; seq < 1_000_000 && !stop.get(); seq++) {
      String key = prefix + seq;
      try {
        HttpResponse<String> r = cluster.put(target, key, "value=" + key);
        if (r.statusCode() == 201) {
          acked.put(
              key,
              ProcessCluster.JSON.readTree(r.body()).path("node").path("modifiedIndex").asLong());
          acks.incrementAndGet();
          if (killed.get()) {
            acksAfterKill.incrementAndGet();
          }
        }
      } catch (java.io.IOException e) {
        if (killed.get()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void awaitCount(AtomicInteger n, int target, String what) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (n.get() < target) {
      if (System.nanoTime() > end) {
        throw new AssertionError("only " + n.get() + " " + what + " within " + DEADLINE);
      }
      Thread.sleep(10);
    }
  }
}
