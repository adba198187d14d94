package io.etcdj.server;

import io.etcdj.store.DecodedSnapshot;
import io.etcdj.wal.snap.SnapshotFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The newest snapshot of a restarting member, checked and decoded off the main thread from the
 * moment the flags are parsed, while the main thread binds the listeners and prints the start-up
 * lines. Decoding the store is the slowest step of a restart (0.6 s of 1.5 s at 100,000 keys in a
 * cold JVM, docs/benchmarks.md "Session 8"), and on a machine of two cores it need not wait for the
 * rest of the start.
 *
 * <p>Nothing is logged from here and nothing is decided: {@link DataDir#open} still chooses the
 * snapshot (newest first, checked, known to the WAL) and only takes this decode if it chose the
 * same file; a file the prefetch could not check is checked again there and reported in etcd's
 * words. One prefetch at a time per process, each claimed at most once (only {@link EtcdMain}
 * starts one, for the member it is about to start).
 *
 * <p>Thread-safety: {@link #begin} and {@link #claim} may be called from any thread.
 */
final class SnapshotPrefetch {
  private static final AtomicReference<SnapshotPrefetch> started = new AtomicReference<>();

  private final Path file;

  /** The file checked, then its store decoding; fails if the check does. */
  private final CompletableFuture<Decoding> checked = new CompletableFuture<>();

  private SnapshotPrefetch(Path file) {
    this.file = file;
  }

  private void start() {
    Thread t =
        new Thread(
            () -> {
              try {
                checked.complete(Decoding.start(file));
              } catch (IOException | RuntimeException e) {
                checked.completeExceptionally(e);
              }
            },
            "etcd-snapshot-prefetch");
    t.setDaemon(true);
    t.start();
  }

  /** A snapshot file checked (CRC) and its store decoded, by the prefetch or by the caller. */
  record Decoding(SnapshotFile file, CompletableFuture<DecodedSnapshot> store) {
    /** Checks {@code file} here and decodes its store on another thread. */
    static Decoding start(Path file) throws IOException {
      SnapshotFile snap = SnapshotFile.open(file);
      return new Decoding(snap, CompletableFuture.supplyAsync(() -> decode(snap)));
    }
  }

  /**
   * Starts decoding the newest {@code .snap} file in {@code snapDir}, if there is one; does nothing
   * if a prefetch was started before or the directory cannot be listed (the start will report it).
   */
  static void begin(Path snapDir) {
    List<Path> files;
    try {
      files = Files.isDirectory(snapDir) ? DataDir.snapFilesNewestFirst(snapDir) : List.of();
    } catch (IOException | UncheckedIOException e) {
      return;
    }
    if (files.isEmpty()) {
      return;
    }
    SnapshotPrefetch prefetch = new SnapshotPrefetch(files.get(0));
    if (started.compareAndSet(null, prefetch)) {
      prefetch.start();
    }
  }

  /**
   * The prefetched decoding of {@code file}, if that is the file the prefetch took and its check
   * passed; else null, and the caller checks and decodes it itself. Waits for the check (a read of
   * the file), not for the decode.
   */
  static Decoding claim(Path file) {
    SnapshotPrefetch p = started.get();
    if (p == null || file == null || !p.file.equals(file) || !started.compareAndSet(p, null)) {
      return null;
    }
    try {
      return p.checked.join();
    } catch (RuntimeException e) {
      return null; // unreadable or corrupt: DataDir checks it again and says why
    }
  }

  /**
   * Drops a prefetch nobody claimed once the data dir is open (one with snapshots but no WAL is
   * created anew, say): its store, all of the newest snapshot's keys, would otherwise stay
   * reachable for the life of the process.
   */
  static void forget() {
    started.set(null);
  }

  /** The file a started, unclaimed prefetch took, or null (for tests). */
  static Path pendingFile() {
    SnapshotPrefetch p = started.get();
    return p == null ? null : p.file;
  }

  private static DecodedSnapshot decode(SnapshotFile snap) {
    try (InputStream json = snap.openData()) {
      return DecodedSnapshot.decode(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
