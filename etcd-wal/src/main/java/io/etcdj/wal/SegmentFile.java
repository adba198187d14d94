package io.etcdj.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One open WAL segment: its path, its channel and, in write mode, its exclusive lock. All reads and
 * writes of a locked segment go through this one channel (see {@link FileLocks} for why a second
 * descriptor would be harmful).
 *
 * <p>Thread-safety: not thread-safe; owned by the {@link Wal} that opened it.
 */
final class SegmentFile {
  private Path path;
  private final FileChannel channel;
  private final FileLock lock; // null when opened read-only

  private SegmentFile(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /** Opens an existing segment for reading and writing and locks it. */
  static SegmentFile openLocked(Path path) throws IOException {
    if (FileLocks.heldHere(path)) {
      throw new IOException("file " + path + " is locked by this process");
    }
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      return new SegmentFile(path, ch, FileLocks.lock(path, ch));
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }

  /** Creates a new segment file (mode 0600, SPEC PER-002), locked. */
  static SegmentFile createLocked(Path path) throws IOException {
    FileChannel ch =
        FileChannel.open(
            path,
            java.util.Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
            SegmentFiles.FILE_MODE);
    try {
      return new SegmentFile(path, ch, FileLocks.lock(path, ch));
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }

  /** Opens a segment for reading only, without a lock (for tools such as etcd-dump-logs). */
  static SegmentFile openReadOnly(Path path) throws IOException {
    return new SegmentFile(path, FileChannel.open(path, StandardOpenOption.READ), null);
  }

  Path path() {
    return path;
  }

  FileChannel channel() {
    return channel;
  }

  SegmentName name() {
    return SegmentName.parse(path.getFileName().toString()).orElseThrow();
  }

  /** Renames the file; the channel and the lock stay valid (they follow the inode). */
  void renameTo(Path target) throws IOException {
    java.nio.file.Files.move(path, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    if (lock != null) {
      FileLocks.moved(path, target);
    }
    path = target;
  }

  /** Records that the file's directory was renamed, so the file is now at {@code newPath}. */
  void relocated(Path newPath) {
    if (lock != null) {
      FileLocks.moved(path, newPath);
    }
    path = newPath;
  }

  /** Releases the lock, if any, and closes the channel. */
  void close() throws IOException {
    try {
      if (lock != null) {
        FileLocks.unlock(path, lock);
      }
    } finally {
      channel.close();
    }
  }
}
