package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.cluster.MemberHttp;
import io.etcdj.store.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member alone in its cluster runs a lone writer's raft round on the writer's event loop, but
 * not a write among other client requests (Proposals#propose, RaftLoop#propose); concurrent writers
 * still share fsyncs (group commit), rounds never overlap whoever runs them, and every acknowledged
 * write is in the WAL (SPEC PER-048, KEY-180).
 */
class ProposerRunsRoundTest {
  private static final int THREADS = 6;
  private static final int WRITES_PER_THREAD = 250;

  @TempDir Path dataDir;

  @Test
  void aLoneWriteIsAppliedOnTheWritersEventLoop() throws Exception {
    assertThat(writesAppliedOnTheirLoop(1)).isGreaterThanOrEqualTo(40);
  }

  /** With readers about, holding the event loop for an fsync would hold them up too. */
  @Test
  void aWriteAmongOtherRequestsIsLeftToTheRaftThread() throws Exception {
    assertThat(writesAppliedOnTheirLoop(3)).isZero();
  }

  /**
   * Makes 50 writes, one at a time, each from a single-thread "event loop" after {@code
   * requestsEach} client requests were read (the write's own among them), as the client router
   * counts them; returns how many were applied on that loop's thread.
   */
  private int writesAppliedOnTheirLoop(int requestsEach) throws Exception {
    try (EmbeddedEtcd etcd = LoopbackMember.start("alone", dataDir)) {
      EtcdServer server = etcd.server();
      ExecutorService loop = Executors.newSingleThreadExecutor();
      try {
        Thread loopThread = loop.submit(Thread::currentThread).get();
        int onLoop = 0;
        for (int i = 0; i < 50; i++) {
          String key = "/1/lone/" + i;
          AtomicReference<Thread> appliedOn = new AtomicReference<>();
          CompletableFuture<Event> f =
              loop.submit(
                      () -> {
                        for (int r = 0; r < requestsEach; r++) {
                          server.clientRequestRead();
                        }
                        return server.propose(Request.put(key, "v"), loop);
                      })
                  .get();
          f.thenRun(() -> appliedOn.compareAndSet(null, Thread.currentThread()))
              .get(10, TimeUnit.SECONDS);
          if (appliedOn.get() == loopThread) {
            onLoop++;
          }
        }
        // Handed to the raft thread, a write completes there (or, if already complete when the
        // callback is added, on this test thread); a tick round in progress sends the odd lone
        // write that way too.
        return onLoop;
      } finally {
        loop.shutdownNow();
      }
    }
  }

  /** The regression this guards against: one fsync per write once writers are concurrent. */
  @Test
  void concurrentHttpWritersShareFsyncs() throws Exception {
    int writes = 960;
    try (EmbeddedEtcd etcd = LoopbackMember.start("group", dataDir)) {
      long fsyncsBefore = etcd.server().walCounters()[0];
      new MemberHttp(Duration.ofSeconds(30)).putMany(etcd, "/g", writes, 16);
      long fsyncs = etcd.server().walCounters()[0] - fsyncsBefore;
      assertThat(fsyncs).isLessThan(writes * 3L / 4);
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

  /** Each writer is its own "event loop": rounds run on the writers and on the raft thread. */
  private static List<Long> write(EtcdServer server, int thread) throws Exception {
    ExecutorService loop = Executors.newSingleThreadExecutor();
    try {
      List<Long> mine = new ArrayList<>();
      for (int i = 0; i < WRITES_PER_THREAD; i++) {
        Request put = Request.put(key(thread, i), Integer.toString(i));
        CompletableFuture<Event> f = loop.submit(() -> server.propose(put, loop)).get();
        mine.add(f.get(30, TimeUnit.SECONDS).node().modifiedIndex());
      }
      return mine;
    } finally {
      loop.shutdownNow();
    }
  }

  private static String key(int thread, int i) {
    return "/1/w" + thread + "/" + i;
  }
}
