package io.etcdj.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive locks on WAL segments (SPEC PER-030), visible both to other processes and to other
 * {@link Wal}s and purgers in this JVM.
 *
 * <p>Why the registry: Java file locks are POSIX record locks on Linux, which the kernel drops as
 * soon as the process closes <em>any</em> descriptor of the file. A purger that opened a locked
 * segment just to probe its lock would therefore unlock it for other processes. So this JVM's own
 * locks are looked up here first and a locked file is never opened a second time.
 *
 * <p>Thread-safety: safe for any thread (a concurrent set).
 */
final class FileLocks {
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private FileLocks() {}

  /** True if a segment of this JVM holds the lock on {@code path}. */
  static boolean heldHere(Path path) {
    return HELD.contains(key(path));
  }

  /**
   * Takes the exclusive lock on {@code channel}'s file, registered under {@code path}.
   *
   * @throws IOException if the file is locked, here or by another process
   */
  static FileLock lock(Path path, FileChannel channel) throws IOException {
    if (!HELD.add(key(path))) {
      throw new IOException("file " + path + " is locked by this process");
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IOException("file " + path + " is locked by another process");
      }
      return lock;
    } catch (IOException | RuntimeException e) {
      HELD.remove(key(path));
      throw e instanceof IOException io ? io : new IOException("cannot lock " + path, e);
    }
  }

  /** Records that a locked file was renamed (the lock follows the inode). */
  static void moved(Path from, Path to) {
    HELD.remove(key(from));
    HELD.add(key(to));
  }

  /** Releases the lock and forgets the registration. */
  static void unlock(Path path, FileLock lock) throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      HELD.remove(key(path));
    }
  }

  /**
   * Deletes {@code path} only if nobody holds its lock (PER-049: a purge stops at the first file it
   * cannot lock). Returns false, deleting nothing, if it is locked.
   */
  static boolean deleteIfUnlocked(Path path) throws IOException {
    if (heldHere(path)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        return false;
      }
      if (lock == null) {
        return false;
      }
      try {
        java.nio.file.Files.delete(path);
      } finally {
        lock.release();
      }
      return true;
    }
  }

  private static Path key(Path path) {
    return path.toAbsolutePath().normalize();
  }
}
