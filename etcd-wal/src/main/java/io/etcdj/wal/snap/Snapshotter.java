package io.etcdj.wal.snap;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.raftpb.SnapshotMetadata;
import io.etcdj.wal.GoPathError;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
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
  /**
   * The snapshot body is copied and flushed a mebibyte at a time: one flush of the whole file at
   * the end (tens of MB at 100,000 keys) held the WAL's fsyncs up behind it, which set the p99 of
   * a lone client's writes (docs/benchmarks.md, session 5).
   */
  private static final long FLUSH_CHUNK = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger("snap");
  private static final String SUFFIX = ".snap";

  private final Path dir;

  public Snapshotter(Path dir) {
    this.dir = dir;
  }

  /** The file name of a snapshot at {@code term}, {@code index}. */
  public static String fileName(long term, long index) {
    return String.format("%016x-%016x%s", term, index, SUFFIX);
  }

  /** Writes a snapshot's data (the store JSON) to a stream; the stream is not closed. */
  @FunctionalInterface
  public interface DataWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes the snapshot durably; see {@link #save(SnapshotMetadata, DataWriter)}. */
  public Path save(Snapshot snapshot) throws IOException {
    // Through newInput(): a ByteString over a mapped file (a snapshot received from the leader)
    // would copy itself whole into a heap array in writeTo(OutputStream).
    return save(
        snapshot.getMetadata(),
        out -> {
          try (InputStream in = snapshot.getData().newInput()) {
            in.transferTo(out);
          }
        });
  }

  /**
   * Writes a snapshot durably: to a temp file, fsynced, renamed into place, directory fsynced; so
   * a crash leaves either no file or a complete one. An empty snapshot (index 0) is not written, as
   * in etcd. Files get mode 0666 less the umask (PER-002).
   *
   * <p>The data is streamed, never held in memory: it goes to a scratch file first, because the
   * file begins with the CRC and the lengths of what follows; the scratch file is then read back
   * for the CRC (from the page cache) and copied behind that header by the kernel.
   */
  public Path save(SnapshotMetadata metadata, DataWriter data) throws IOException {
    long index = metadata.getIndex();
    Path target = dir.resolve(fileName(metadata.getTerm(), index));
    if (index == 0) {
      return target;
    }
    Path scratch = dir.resolve(target.getFileName() + ".data.tmp");
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      writeDurably(metadata, data, scratch, tmp, target);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp); // a half-written file would hold space a full disk lacks
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw GoPathError.wrap("write", target, e);
    }
    return target;
  }

  private static void writeDurably(
      SnapshotMetadata metadata, DataWriter data, Path scratch, Path tmp, Path target)
      throws IOException {
    Path dir = target.getParent();
    try (FileChannel body =
        FileChannel.open(
            scratch,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(body), 64 * 1024);
      data.writeTo(out);
      out.flush();
      long length = body.size();
      byte[] meta = metadata.toByteArray();
      byte[] prefix = lengthDelimited(1, length);
      byte[] suffix = concat(lengthDelimited(2, meta.length), meta);
      CRC32C crc = new CRC32C();
      crc.update(prefix);
      updateCrc(crc, body, length);
      crc.update(suffix);
      byte[] header = header((int) crc.getValue(), prefix.length + length + suffix.length);
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        writeFully(ch, concat(header, prefix));
        for (long pos = 0; pos < length; ) {
          long chunk = Math.min(FLUSH_CHUNK, length - pos);
          long end = pos + chunk;
          while (pos < end) {
            pos += body.transferTo(pos, end - pos, ch);
          }
          ch.force(false);
        }
        writeFully(ch, suffix);
        ch.force(true);
      }
    } finally {
      Files.deleteIfExists(scratch);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  /** {@code snappb.Snapshot}'s fields before its data: the crc, then the data's tag and length. */
  private static byte[] header(int crc, long dataLength) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(16);
    CodedOutputStream out = CodedOutputStream.newInstance(b);
    out.writeUInt32(1, crc);
    out.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt64NoTag(dataLength);
    out.flush();
    return b.toByteArray();
  }

  /** The tag and length of a length-delimited field. */
  private static byte[] lengthDelimited(int field, long length) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(16);
    CodedOutputStream out = CodedOutputStream.newInstance(b);
    out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt64NoTag(length);
    out.flush();
    return b.toByteArray();
  }

  private static void updateCrc(CRC32C crc, FileChannel ch, long length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
    for (long pos = 0; pos < length; ) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("snap: scratch file shorter than written");
      }
      buf.flip();
      crc.update(buf);
      pos += n;
    }
  }

  private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
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
        setAside(e);
      }
    }
    return Optional.empty();
  }

  /**
   * A snapshot file found corrupt is logged as etcd logs it and renamed to {@code <name>.broken}
   * (kept for a post-mortem, and never tried again); a failed rename is only a warning, as in etcd.
   */
  public static void setAside(SnapshotCorruptException e) {
    LOG.error(e.etcdLogLine());
    Path p = e.file();
    Path broken = p.resolveSibling(p.getFileName() + ".broken");
    try {
      Files.move(p, broken, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException moveFailed) {
      LOG.warn("cannot rename broken snapshot file {} to {}: {}", p, broken, moveFailed.toString());
    }
  }

  /**
   * Reads and checks one snapshot file, its data into memory. For a large store use {@link
   * SnapshotFile#open}, which streams the data instead.
   */
  public static Snapshot read(Path file) throws IOException {
    SnapshotFile f = SnapshotFile.open(file);
    return Snapshot.newBuilder()
        .setData(UnsafeByteOperations.unsafeWrap(f.readData()))
        .setMetadata(f.metadata())
        .build();
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
