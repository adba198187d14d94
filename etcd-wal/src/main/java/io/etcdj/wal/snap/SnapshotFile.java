package io.etcdj.wal.snap;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etcdj.raft.raftpb.SnapshotMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A {@code .snap} file that has been checked (SPEC PER-043, PER-044: decodable, non-empty, CRC
 * right) but whose data, the store JSON, stays on disk until {@link #openData()} streams it. A
 * store of a million keys makes a data field of some 350 MB; reading it whole, as {@link
 * Snapshotter#read} does, would need that much heap again for every copy on the way.
 *
 * <p>Layout: {@code snappb.Snapshot{crc = 1, data = 2}}, where data is a marshalled {@code
 * raftpb.Snapshot{data = 1, metadata = 2}} and crc the CRC-32C of those data bytes.
 *
 * <p>Thread-safety: immutable; every {@link #openData()} is an independent stream.
 */
public final class SnapshotFile {
  private static final int CHUNK = 256 * 1024;

  private final Path path;
  private final SnapshotMetadata metadata;
  private final long dataOffset;
  private final long dataLength;

  private SnapshotFile(Path path, SnapshotMetadata metadata, long dataOffset, long dataLength) {
    this.path = path;
    this.metadata = metadata;
    this.dataOffset = dataOffset;
    this.dataLength = dataLength;
  }

  /**
   * Checks the file and finds its parts; reads it once for the CRC, holding only a small buffer.
   *
   * @throws SnapshotCorruptException if it is empty, undecodable or fails its CRC
   */
  public static SnapshotFile open(Path file) throws IOException {
    return scan(file, true);
  }

  /**
   * Finds the parts of a file this member wrote or already checked, without the CRC pass: only the
   * envelope's tags and the metadata are read, a few hundred bytes whatever the store's size. For
   * the raft loop, which must not read a whole snapshot to send it to a follower.
   *
   * @throws SnapshotCorruptException if it is empty or undecodable
   */
  public static SnapshotFile locate(Path file) throws IOException {
    return scan(file, false);
  }

  private static SnapshotFile scan(Path file, boolean checkCrc) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() == 0) {
        throw SnapshotCorruptException.empty(file);
      }
      long crc = 0;
      FileFields.Field data = null;
      try {
        FileFields envelope = new FileFields(ch, 0, ch.size());
        for (FileFields.Field f = envelope.next(); f != null; f = envelope.next()) {
          if (f.number() == 1 && f.wireType() == FileFields.VARINT) {
            crc = f.value() & 0xFFFF_FFFFL;
          } else if (f.number() == 2 && f.wireType() == FileFields.LENGTH_DELIMITED) {
            data = f;
          }
        }
      } catch (IOException e) {
        throw new SnapshotCorruptException(file, "snap: undecodable file (" + e.getMessage() + ")");
      }
      if (data == null || data.length() == 0 || crc == 0) {
        throw SnapshotCorruptException.empty(file);
      }
      if (checkCrc && crc(ch, data.offset(), data.length()) != crc) {
        throw new SnapshotCorruptException(file, "snap: crc mismatch");
      }
      return parts(file, ch, data);
    }
  }

  /** The raft snapshot's metadata: index, term and configuration. */
  public SnapshotMetadata metadata() {
    return metadata;
  }

  /** The size of the data (the store JSON) in bytes. */
  public long dataLength() {
    return dataLength;
  }

  /** The file this was read from. */
  public Path path() {
    return path;
  }

  /** A new stream over the data (the store JSON); the caller closes it. */
  public InputStream openData() throws IOException {
    return new RegionStream(
        FileChannel.open(path, StandardOpenOption.READ), dataOffset, dataLength);
  }

  /**
   * The data mapped read-only into memory: off the Java heap, paged in from the file as it is read
   * (the page cache, not a copy). The mapping lives as long as the returned buffer; the file may be
   * deleted meanwhile.
   */
  public ByteBuffer mapData() throws IOException {
    if (dataLength > Integer.MAX_VALUE) {
      throw new IOException("snap: data of " + dataLength + " bytes is too large to map: " + path);
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return ch.map(FileChannel.MapMode.READ_ONLY, dataOffset, dataLength);
    }
  }

  /** The data, read whole into memory. */
  public byte[] readData() throws IOException {
    if (dataLength > Integer.MAX_VALUE - 8) {
      throw new IOException(
          "snap: data of " + dataLength + " bytes does not fit in an array: " + path);
    }
    try (InputStream in = openData()) {
      return in.readAllBytes();
    }
  }

  private static SnapshotFile parts(Path file, FileChannel ch, FileFields.Field data)
      throws IOException {
    long jsonOffset = data.offset();
    long jsonLength = 0;
    SnapshotMetadata metadata = SnapshotMetadata.getDefaultInstance();
    try {
      FileFields snapshot = new FileFields(ch, data.offset(), data.length());
      for (FileFields.Field f = snapshot.next(); f != null; f = snapshot.next()) {
        if (f.number() == 1 && f.wireType() == FileFields.LENGTH_DELIMITED) {
          jsonOffset = f.offset();
          jsonLength = f.length();
        } else if (f.number() == 2 && f.wireType() == FileFields.LENGTH_DELIMITED) {
          metadata = SnapshotMetadata.parseFrom(snapshot.bytes(f));
        } else if (f.number() <= 2) {
          throw new InvalidProtocolBufferException("field " + f.number() + " has the wrong type");
        }
      }
    } catch (IOException e) {
      throw new SnapshotCorruptException(
          file, "snap: undecodable snapshot (" + e.getMessage() + ")");
    }
    return new SnapshotFile(file, metadata, jsonOffset, jsonLength);
  }

  /** CRC-32C of a file region, with the JDK's hardware-backed implementation. */
  private static long crc(FileChannel ch, long offset, long length) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
    long pos = offset;
    long end = offset + length;
    while (pos < end) {
      buf.clear().limit((int) Math.min(CHUNK, end - pos));
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("snap: unexpected end of file");
      }
      buf.flip();
      crc.update(buf);
      pos += n;
    }
    return crc.getValue();
  }

  /** A bounded stream over a file region, by positional reads; closes the channel on close. */
  private static final class RegionStream extends InputStream {
    private final FileChannel channel;
    private long pos;
    private final long end;

    RegionStream(FileChannel channel, long offset, long length) {
      this.channel = channel;
      this.pos = offset;
      this.end = offset + length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (pos >= end) {
        return -1;
      }
      int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
      if (n < 0) {
        throw new IOException("snap: file shorter than its data field");
      }
      pos += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long k = Math.max(0, Math.min(n, end - pos));
      pos += k;
      return k;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - pos);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
