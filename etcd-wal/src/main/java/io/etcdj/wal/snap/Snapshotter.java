package io.etcdj.wal.snap;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.wal.Crc32c;
import io.etcdj.wal.walpb.SnapPb;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raft snapshots as {@code <dir>/%016x-%016x.snap} files (term, index), in etcd's format (SPEC
 * PER-042..044): a {@code snappb.Snapshot{crc, data}} whose data is the marshalled {@code
 * raftpb.Snapshot} and crc its CRC-32C.
 *
 * <p>Thread-safety: holds no mutable state; calls for different snapshots may run on different
 * threads (the server saves from a background thread while the raft loop runs).
 */
public final class Snapshotter {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);
  private static final String SUFFIX = ".snap";

  private final Path dir;

  public Snapshotter(Path dir) {
    this.dir = dir;
  }

  /** The file name of a snapshot at {@code term}, {@code index}. */
  public static String fileName(long term, long index) {
    return String.format("%016x-%016x%s", term, index, SUFFIX);
  }

  /**
   * Writes the snapshot durably: to a temp file, fsynced, renamed into place, directory fsynced; so
   * a crash leaves either no file or a complete one. An empty snapshot (index 0) is not written, as
   * in etcd. Files get mode 0666 less the umask (PER-002).
   */
  public Path save(Snapshot snapshot) throws IOException {
    long index = snapshot.getMetadata().getIndex();
    Path target = dir.resolve(fileName(snapshot.getMetadata().getTerm(), index));
    if (index == 0) {
      return target;
    }
    byte[] data = snapshot.toByteArray();
    byte[] file =
        SnapPb.Snapshot.newBuilder()
            .setCrc(Crc32c.update(0, data))
            .setData(ByteString.copyFrom(data))
            .build()
            .toByteArray();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(file);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
    return target;
  }

  /**
   * The newest snapshot that reads back intact, or empty if there is none (PER-044). A file that is
   * empty, fails to decode or fails its CRC is renamed to {@code <name>.broken} and the next older
   * one is tried. I/O errors other than bad content are thrown.
   */
  public Optional<Snapshot> load() throws IOException {
    for (Path p : snapFiles()) {
      try {
        return Optional.of(read(p));
      } catch (SnapshotCorruptException e) {
        Path broken = p.resolveSibling(p.getFileName() + ".broken");
        LOG.warn("{}; renaming it to {}", e.getMessage(), broken);
        Files.move(p, broken, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return Optional.empty();
  }

  /** Reads and checks one snapshot file. */
  public static Snapshot read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length == 0) {
      throw new SnapshotCorruptException(file, "snap: empty snapshot");
    }
    SnapPb.Snapshot envelope;
    try {
      envelope = SnapPb.Snapshot.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new SnapshotCorruptException(file, "snap: undecodable file (" + e.getMessage() + ")");
    }
    byte[] data = envelope.getData().toByteArray();
    if (data.length == 0 || envelope.getCrc() == 0) {
      throw new SnapshotCorruptException(file, "snap: empty snapshot");
    }
    if (Crc32c.update(0, data) != envelope.getCrc()) {
      throw new SnapshotCorruptException(file, "snap: crc mismatch");
    }
    try {
      return Snapshot.parseFrom(data);
    } catch (InvalidProtocolBufferException e) {
      throw new SnapshotCorruptException(
          file, "snap: undecodable snapshot (" + e.getMessage() + ")");
    }
  }

  /** The {@code .snap} files, newest (greatest name) first. */
  List<Path> snapFiles() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    }
  }
}
