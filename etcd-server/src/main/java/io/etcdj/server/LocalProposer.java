package io.etcdj.server;

import io.etcdj.store.EtcdException;
import io.etcdj.store.Event;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A single-member log without raft: every proposal becomes the next "entry" at once and is
 * applied, in order, on one apply thread. It keeps the raft index and term a self-elected single
 * member would show: the bootstrap ConfChange is entry 1 at term 1, the new leader's empty entry
 * is entry 2 at term 2, and every proposal (failed writes, quorum GETs and SYNCs included) takes
 * the next index (SPEC KEY-182).
 *
 * <p>Thread-safety: {@link #propose} may be called from any thread; the applier and the indexes
 * are owned by the apply thread (the index is published through a volatile field).
 */
final class LocalProposer implements Proposer {
  /** The term a single member reaches when it elects itself (SPEC FLG-064). */
  static final long SELF_ELECTED_TERM = 2;

  private final Applier applier;
  private final ExecutorService applyThread;
  private volatile long appliedIndex;
  private volatile boolean stopped;

  LocalProposer(Applier applier) {
    this.applier = applier;
    this.applyThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "etcd-apply");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs a bootstrap entry that is not a client request (the ConfChange that adds this member,
   * the leader's empty entry) on the apply thread, taking one index.
   */
  CompletableFuture<Void> applyInternal(Runnable entry) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    execute(
        done,
        () -> {
          entry.run();
          appliedIndex++;
          done.complete(null);
        });
    return done;
  }

  @Override
  public CompletableFuture<Event> propose(Request request) {
    CompletableFuture<Event> result = new CompletableFuture<>();
    execute(
        result,
        () -> {
          Event event;
          try {
            event = applier.apply(request);
          } catch (EtcdException e) {
            appliedIndex++;
            result.completeExceptionally(e);
            return;
          } catch (RuntimeException e) {
            appliedIndex++;
            result.completeExceptionally(e);
            return;
          }
          appliedIndex++;
          result.complete(event);
        });
    return result;
  }

  private void execute(CompletableFuture<?> result, Runnable task) {
    if (stopped) {
      result.completeExceptionally(new ServerStoppedException());
      return;
    }
    try {
      applyThread.execute(
          () -> {
            if (stopped) {
              result.completeExceptionally(new ServerStoppedException());
            } else {
              task.run();
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new ServerStoppedException());
    }
  }

  @Override
  public long appliedIndex() {
    return appliedIndex;
  }

  @Override
  public long term() {
    return SELF_ELECTED_TERM;
  }

  @Override
  public void close() {
    stopped = true;
    applyThread.shutdown();
    try {
      applyThread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
