package io.etcdj.server;

import io.etcdj.server.log.CapnslogLevel;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two reasons a member stops on its own, each said once in etcd's words and told to whoever
 * runs the member (which then stops it): it was removed from its cluster, or it cannot write its
 * data dir.
 *
 * <p>Thread-safety: thread-safe; reported from applying threads, Netty event loops, the raft
 * loop and the snapshot thread, never blocking.
 */
final class SelfStop {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  private final CompletableFuture<Void> removed = new CompletableFuture<>();
  private final CompletableFuture<Throwable> failed = new CompletableFuture<>();

  /**
   * OTH-032, CLU-033: this member learnt that it was removed (it applied its own RemoveNode, or a
   * peer refused it as removed).
   */
  void removedFromCluster() {
    if (removed.isDone()) {
      return;
    }
    LOG.error("the member has been permanently removed from the cluster");
    LOG.info("the data-dir used by this member must be removed.");
    removed.complete(null);
  }

  /**
   * The member cannot go on: a write to its data dir failed ({@link FatalDiskError}: its WAL, a
   * {@code .snap} file) or its raft loop broke. A disk failure is said as etcd's {@code
   * plog.Fatalf} says it (at CRITICAL, etcd's words and Go's error text); the process then exits
   * with status 1 as etcd's.
   */
  void cannotGoOn(Throwable cause) {
    if (failed.isDone()) {
      return;
    }
    if (cause instanceof FatalDiskError) {
      LOG.error(CapnslogLevel.CRITICAL, "{}", cause.getMessage());
    }
    failed.complete(cause);
  }

  CompletableFuture<Void> removed() {
    return removed;
  }

  CompletableFuture<Throwable> failed() {
    return failed;
  }
}
