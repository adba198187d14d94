package io.etcdj.server;

import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.SnapshotMetadata;
import io.etcdj.server.metrics.Histogram;
import io.etcdj.store.StoreSnapshot;
import io.etcdj.wal.snap.Snapshotter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes store snapshots without stopping the world (DESIGN "Persistence formats", PER-041): the
 * apply thread hands over a frozen {@link StoreSnapshot} (taken in O(1)); this class serializes it
 * to JSON and saves the {@code .snap} file on its own thread while writes go on, then asks the raft
 * loop to mark it in the WAL and compact the log.
 *
 * <p>Thread-safety: {@link #save} may be called from any thread; at most one snapshot is written at
 * a time (a request while one is in flight is refused, and the apply thread asks again later).
 */
final class SnapshotSaver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  /** Where a saved snapshot goes next: the raft loop's WAL marker and log compaction. */
  interface Saved {
    void snapshotSaved(long index, long term, ConfState confState);
  }

  private final Snapshotter snapshotter;
  private final Saved saved;
  private final Histogram saveTimes;
  private final Consumer<Throwable> failure;
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "etcd-snapshot");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param saveTimes told how long each {@code .snap} file took to write and sync
   * @param failure told when a snapshot could not be written (a {@link FatalDiskError})
   */
  SnapshotSaver(Path snapDir, Saved saved, Histogram saveTimes, Consumer<Throwable> failure) {
    this.snapshotter = new Snapshotter(snapDir);
    this.saved = saved;
    this.saveTimes = saveTimes;
    this.failure = failure;
  }

  /**
   * Starts writing a snapshot of {@code view} as raft snapshot at {@code index}/{@code term}.
   *
   * @return false if another snapshot is still being written
   */
  boolean save(StoreSnapshot view, long index, long term, ConfState confState) {
    if (!inFlight.compareAndSet(false, true)) {
      return false;
    }
    thread.execute(
        () -> {
          try {
            write(view, index, term, confState);
          } catch (IOException e) {
            // etcd exits: the member stops (EtcdServer#failed) rather than run on a full disk.
            failure.accept(new FatalDiskError("save snapshot error", e));
          } catch (RuntimeException e) {
            LOG.error("failed to save snapshot at index {}: {}", index, e.toString(), e);
            failure.accept(e);
          } finally {
            inFlight.set(false);
          }
        });
    return true;
  }

  private void write(StoreSnapshot view, long index, long term, ConfState confState)
      throws IOException {
    // Streamed to the file: the JSON of a million keys is some 350 MB, more than the heap may
    // have to spare next to the store itself.
    SnapshotMetadata meta =
        SnapshotMetadata.newBuilder().setConfState(confState).setIndex(index).setTerm(term).build();
    long start = System.nanoTime();
    snapshotter.save(meta, view::writeTo);
    saveTimes.observeNanos(System.nanoTime() - start);
    LOG.info("saved snapshot at index {}", index);
    saved.snapshotSaved(index, term, confState);
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
