package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.store.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member alone in its cluster lets a lone proposer run the raft round on its own thread
 * (RaftLoop#propose); rounds still never overlap, whoever runs them, so concurrent writers get
 * distinct indexes in one log and every acknowledged write is in the WAL (SPEC PER-048, KEY-180).
 */
class ProposerRunsRoundTest {
  private static final int THREADS = 6;
  private static final int WRITES_PER_THREAD = 250;

  @TempDir Path dataDir;

  @Test
  void aLoneWriteIsAppliedBeforeProposeReturns() throws Exception {
    try (EmbeddedEtcd etcd = LoopbackMember.start("alone", dataDir)) {
      EtcdServer server = etcd.server();
      int doneOnReturn = 0;
      for (int i = 0; i < 50; i++) {
        CompletableFuture<Event> f = server.propose(Request.put("/1/lone/" + i, "v"));
        if (f.isDone()) {
          doneOnReturn++;
        }
        f.get(10, TimeUnit.SECONDS);
      }
      // Handed to the raft thread instead, a write would still be waiting for its fsync when
      // propose returns; a tick round in progress sends an occasional one that way.
      assertThat(doneOnReturn).isGreaterThanOrEqualTo(40);
    }
  }

  @Test
  void concurrentWritersGetDistinctIndexesAndAllSurviveARestart() throws Exception {
    Set<Long> indexes = new HashSet<>();
    try (EmbeddedEtcd etcd = LoopbackMember.start("writers", dataDir)) {
      EtcdServer server = etcd.server();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          results.add(pool.submit(() -> write(server, thread)));
        }
        for (Future<List<Long>> r : results) {
          indexes.addAll(r.get(60, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(indexes).hasSize(THREADS * WRITES_PER_THREAD);
    try (EmbeddedEtcd etcd = LoopbackMember.start("writers", dataDir)) {
      for (int t = 0; t < THREADS; t++) {
        for (int i = 0; i < WRITES_PER_THREAD; i++) {
          Event e = etcd.server().get(Request.quorumGet(key(t, i)));
          assertThat(e.node().value()).isEqualTo(Integer.toString(i));
          assertThat(indexes).contains(e.node().modifiedIndex());
        }
      }
    }
  }

  private static List<Long> write(EtcdServer server, int thread) throws Exception {
    List<Long> mine = new ArrayList<>();
    for (int i = 0; i < WRITES_PER_THREAD; i++) {
      Event e = server.propose(Request.put(key(thread, i), Integer.toString(i))).get(30, TimeUnit.SECONDS);
      mine.add(e.node().modifiedIndex());
    }
    return mine;
  }

  private static String key(int thread, int i) {
    return "/1/w" + thread + "/" + i;
  }
}
