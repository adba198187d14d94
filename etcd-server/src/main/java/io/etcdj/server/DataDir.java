package io.etcdj.server;

import io.etcdj.raft.MemoryStorage;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.raftpb.SnapshotMetadata;
import io.etcdj.store.DecodedSnapshot;
import io.etcdj.store.Store;
import io.etcdj.wal.Wal;
import io.etcdj.wal.WalContents;
import io.etcdj.wal.WalSnapshot;
import io.etcdj.wal.serverpb.Metadata;
import io.etcdj.wal.snap.SnapshotCorruptException;
import io.etcdj.wal.snap.Snapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's data dir opened for raft: either created for a new member (WAL with {@code
 * Metadata{NodeID, ClusterID}}, CLU-015) or recovered (newest usable snapshot, then the WAL after
 * it, PER-048), with raft's {@link MemoryStorage} filled from what was read.
 *
 * <p>A {@code .snap} file is saved before its WAL marker (PER-041), so a crash in between leaves a
 * snapshot the WAL does not know; recovery then falls back to the next older snapshot, as etcd 3.5
 * does with its list of valid snapshot markers.
 *
 * <p>Thread-safety: not thread-safe; opened on the starting thread, then the {@link Wal} and the
 * storage writes belong to the raft loop.
 *
 * @param wal open for appending
 * @param storage raft's log, hard state and snapshot metadata
 * @param snapshot the snapshot the store was recovered from, or null
 * @param confState the configuration of that snapshot (empty when there is none)
 * @param memberId from the WAL metadata on restart, else the configured one
 * @param clusterId likewise
 * @param fresh whether the data dir was just created
 */
record DataDir(
    Wal wal,
    MemoryStorage storage,
    Snapshot snapshot,
    ConfState confState,
    long memberId,
    long clusterId,
    boolean fresh) {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  /**
   * Opens or creates the data dir. On restart the store is recovered from the chosen snapshot
   * (PER-048) on another thread while the WAL is read, the two slowest steps of a restart.
   */
  static DataDir open(ServerConfig config, long memberId, long clusterId, Store store)
      throws IOException {
    try {
      return openOrCreate(config, memberId, clusterId, store);
    } finally {
      SnapshotPrefetch.forget();
    }
  }

  private static DataDir openOrCreate(
      ServerConfig config, long memberId, long clusterId, Store store) throws IOException {
    Path walDir = config.walPath();
    Path snapDir = config.snapPath();
    Files.createDirectories(snapDir);
    if (!Wal.exists(walDir)) {
      Files.createDirectories(walDir.getParent());
      byte[] meta =
          Metadata.newBuilder().setNodeID(memberId).setClusterID(clusterId).build().toByteArray();
      Wal wal = Wal.create(walDir, meta);
      return new DataDir(
          wal,
          new MemoryStorage(),
          null,
          ConfState.getDefaultInstance(),
          memberId,
          clusterId,
          true);
    }
    for (Path file : snapFilesNewestFirst(snapDir)) {
      SnapshotPrefetch.Decoding decoding = SnapshotPrefetch.claim(file);
      if (decoding == null) {
        try {
          decoding = SnapshotPrefetch.Decoding.start(file);
        } catch (SnapshotCorruptException e) {
          Snapshotter.setAside(e); // PER-044: the next older one is tried
          continue;
        }
      }
      // The store JSON is streamed from the file into a state of its own, never held in memory
      // whole (a million keys make some 350 MB of it), while the WAL is read here.
      SnapshotMetadata meta = decoding.file().metadata();
      Snapshot snap = Snapshot.newBuilder().setMetadata(meta).build();
      DataDir d =
          tryOpen(
              walDir,
              snap,
              new WalSnapshot(meta.getIndex(), meta.getTerm()),
              config.forceNewCluster());
      DecodedSnapshot decoded = join(decoding.store(), file);
      if (d != null) {
        store.recover(decoded);
        LOG.info("loaded snapshot at index {} from {}", meta.getIndex(), file);
        return d;
      }
      LOG.warn("the WAL has no marker for snapshot {}; trying an older one", file);
    }
    DataDir d = tryOpen(walDir, null, WalSnapshot.ZERO, config.forceNewCluster());
    if (d == null) {
      throw new IOException(
          "wal: snapshot not found: no snapshot in " + snapDir + " matches the WAL in " + walDir);
    }
    return d;
  }

  private static DecodedSnapshot join(CompletableFuture<DecodedSnapshot> decoded, Path file)
      throws IOException {
    try {
      return decoded.join();
    } catch (CompletionException e) {
      throw new IOException("cannot recover the store from " + file + ": " + e.getCause(), e);
    }
  }

  /** Opens and reads the WAL at {@code at}; null if the WAL has no marker for it. */
  private static DataDir tryOpen(
      Path walDir, Snapshot snap, WalSnapshot at, boolean forceNewCluster) throws IOException {
    Wal wal = Wal.open(walDir, at);
    WalContents contents;
    try {
      contents = wal.readAll();
    } catch (IOException e) {
      wal.close();
      if (e.getMessage() != null && e.getMessage().startsWith("wal: snapshot not found")) {
        return null;
      }
      throw e;
    }
    MemoryStorage storage = new MemoryStorage();
    ConfState cs = ConfState.getDefaultInstance();
    if (snap != null) {
      storage.applySnapshot(snap);
      cs = snap.getMetadata().getConfState();
    }
    HardState hs = contents.hardState();
    List<Entry> entries = contents.entries();
    Metadata meta = Metadata.parseFrom(contents.metadata());
    if (forceNewCluster) {
      StandaloneRestart.Log log = StandaloneRestart.rewrite(wal, hs, entries, cs, meta.getNodeID());
      hs = log.hardState();
      entries = log.entries();
    }
    storage.setHardState(hs);
    storage.append(entries);
    return new DataDir(wal, storage, snap, cs, meta.getNodeID(), meta.getClusterID(), false);
  }

  static List<Path> snapFilesNewestFirst(Path snapDir) throws IOException {
    try (Stream<Path> files = Files.list(snapDir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".snap"))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    }
  }
}
