package io.etcdj.server;

import com.google.protobuf.UnsafeByteOperations;
import io.etcdj.raft.MemoryStorage;
import io.etcdj.raft.Ready;
import io.etcdj.raft.StorageException;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.wal.Wal;
import io.etcdj.wal.WalSnapshot;
import io.etcdj.wal.snap.SnapshotFile;
import io.etcdj.wal.snap.Snapshotter;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the raft loop keeps durable: each Ready's snapshot, entries and hard state in the WAL and
 * the {@code .snap} files, mirrored in raft's {@link MemoryStorage}; the log compaction after a
 * snapshot; and a MsgSnap's data read back from its file.
 *
 * <p>Thread-safety: confined to the raft loop's thread, except the counters, which any thread may
 * read.
 */
final class RaftDisk implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");
  /** Entries kept in memory after a snapshot for followers that lag behind (PER-041, RFT-014). */
  static final long CATCH_UP_ENTRIES = 5000;

  private final MemoryStorage storage;
  private final Wal wal;
  private final Path snapDir;
  private final Snapshotter snapshotter;
  private volatile long fsyncs;
  private volatile long persistedEntries;
  private boolean closed;

  RaftDisk(MemoryStorage storage, Wal wal, Path snapDir) {
    this.storage = storage;
    this.wal = wal;
    this.snapDir = snapDir;
    this.snapshotter = new Snapshotter(snapDir);
  }

  /** Step 1 of a Ready: snapshot, then entries and hard state in one WAL write and one fsync. */
  void persist(Ready rd) throws IOException {
    Snapshot snap = rd.snapshot();
    if (snap != null) {
      // PER-041 order: the .snap file first, then its WAL marker, so no marker lacks its file.
      try {
        snapshotter.save(snap);
        wal.saveSnapshot(
            new WalSnapshot(snap.getMetadata().getIndex(), snap.getMetadata().getTerm()));
      } catch (IOException e) {
        throw new FatalDiskError("raft save snapshot error", e);
      }
      storage.applySnapshot(snap);
    }
    HardState hs = rd.hardState();
    try {
      wal.save(hs == null ? HardState.getDefaultInstance() : hs, rd.entries()); // PER-022
    } catch (IOException e) {
      throw new FatalDiskError("raft save state and entries error", e);
    }
    if (rd.mustSync()) {
      fsyncs++;
    }
    persistedEntries += rd.entries().size();
    if (hs != null) {
      storage.setHardState(hs);
    }
    storage.append(rd.entries());
  }

  /**
   * The {@code .snap} file at {@code index} is durable: record it in raft's storage and the WAL,
   * compact the log keeping {@link #CATCH_UP_ENTRIES} for slow followers, and let the purge
   * delete older WAL segments (PER-041, RFT-014).
   */
  void snapshotSaved(long index, long term, ConfState confState) throws IOException {
    // The data stays in the .snap file; withSnapshotData() reads it back for a follower.
    storage.createSnapshot(index, confState, new byte[0]);
    try {
      wal.saveSnapshot(new WalSnapshot(index, term));
    } catch (IOException e) {
      throw new FatalDiskError("save snapshot error", e);
    }
    long compactIndex = index > CATCH_UP_ENTRIES ? index - CATCH_UP_ENTRIES : 1;
    try {
      storage.compact(compactIndex);
      LOG.info("compacted raft log at {}", compactIndex);
    } catch (StorageException e) {
      if (e.kind() != StorageException.Kind.COMPACTED) {
        throw e;
      }
    }
    wal.releaseLockTo(index);
  }

  /**
   * {@code m}, and if it is a MsgSnap that left raft with the snapshot's metadata only, with its
   * data (the whole store): the {@code .snap} file's data region, mapped rather than read. This
   * thread reads only the file's few header bytes, and the pipeline writes the region to the
   * socket from the page cache (PTR-028), so the heap does not grow with the store.
   */
  Message withSnapshotData(Message m) throws IOException {
    if (m.getType() != MessageType.MsgSnap || !m.getSnapshot().getData().isEmpty()) {
      return m;
    }
    var meta = m.getSnapshot().getMetadata();
    SnapshotFile f =
        SnapshotFile.locate(snapDir.resolve(Snapshotter.fileName(meta.getTerm(), meta.getIndex())));
    Snapshot snap =
        Snapshot.newBuilder()
            .setData(UnsafeByteOperations.unsafeWrap(f.mapData()))
            .setMetadata(f.metadata())
            .build();
    return m.toBuilder().setSnapshot(snap).build();
  }

  /** Readies that were fdatasynced, since start (to show group commit at work). */
  long fsyncs() {
    return fsyncs;
  }

  /** Entries written to the WAL since start. */
  long persistedEntries() {
    return persistedEntries;
  }

  /** Closes the WAL (syncing it); later calls do nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      wal.close();
    } catch (IOException e) {
      LOG.error("cannot close the WAL: {}", e.toString());
    }
  }
}
