package io.etcdj.wal;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Writes framed records to one segment (format in {@code package-info.java}): an 8-byte
 * little-endian length word whose top byte flags the padding, the {@code walpb.Record}, then zero
 * padding to the next multiple of 8 (SPEC PER-015). Each record's crc continues the rolling CRC-32C
 * over its data (PER-018).
 *
 * <p>Records are buffered in memory and written by {@link #flush()}; the caller fsyncs after
 * flushing. A large backlog is flushed early so the buffer stays bounded (PER-024).
 *
 * <p>Thread-safety: not thread-safe; owned by the {@link Wal} (the raft loop thread).
 */
final class WalEncoder {
  static final int FRAME_SIZE_BYTES = 8;
  private static final int FLUSH_THRESHOLD = 1 << 20;

  private final FileChannel channel;
  private long fileOffset; // where the first buffered byte goes
  private int crc;
  private byte[] buf = new byte[64 * 1024];
  private int buffered;

  WalEncoder(FileChannel channel, long offset, int prevCrc) {
    this.channel = channel;
    this.fileOffset = offset;
    this.crc = prevCrc;
  }

  /**
   * Appends one record. {@code data} is null for a crc record, whose crc is the running CRC
   * unchanged (PER-020).
   */
  void encode(RecordType type, byte[] data) throws IOException {
    if (data != null) {
      crc = Crc32c.update(crc, data);
    }
    // walpb.Record written field by field as its generated encoder would (type, crc, then data
    // when present), straight into the buffer: a write's entry is not copied into a message first.
    int size =
        CodedOutputStream.computeInt64Size(1, type.code())
            + CodedOutputStream.computeUInt32Size(2, crc)
            + (data == null ? 0 : CodedOutputStream.computeByteArraySize(3, data));
    int pad = padding(size);
    ensureRoom(FRAME_SIZE_BYTES + size + pad);
    writeLengthWord(size, pad);
    CodedOutputStream out = CodedOutputStream.newInstance(buf, buffered, size);
    out.writeInt64(1, type.code());
    out.writeUInt32(2, crc);
    if (data != null) {
      out.writeByteArray(3, data);
    }
    out.checkNoSpaceLeft();
    buffered += size;
    Arrays.fill(buf, buffered, buffered + pad, (byte) 0);
    buffered += pad;
    if (buffered >= FLUSH_THRESHOLD) {
      flush();
    }
  }

  /** The rolling CRC after the last encoded record. */
  int crc() {
    return crc;
  }

  /** The file offset just after the last encoded record (buffered bytes included). */
  long offset() {
    return fileOffset + buffered;
  }

  /** Writes the buffered frames to the file (no fsync). */
  void flush() throws IOException {
    ByteBuffer b = ByteBuffer.wrap(buf, 0, buffered);
    while (b.hasRemaining()) {
      fileOffset += channel.write(b, fileOffset);
    }
    buffered = 0;
  }

  /** Padding so that a frame of {@code recordBytes} ends 8-byte aligned. */
  static int padding(int recordBytes) {
    return (8 - recordBytes % 8) % 8;
  }

  /** The length word: record length in the low 56 bits, {@code 0x80 | pad} in the top byte. */
  static long lengthWord(int recordBytes, int pad) {
    long word = recordBytes;
    if (pad > 0) {
      word |= (0x80L | pad) << 56;
    }
    return word;
  }

  private void writeLengthWord(int recordBytes, int pad) {
    long word = lengthWord(recordBytes, pad);
    for (int i = 0; i < 8; i++) {
      buf[buffered++] = (byte) (word >>> (8 * i));
    }
  }

  private void ensureRoom(int n) {
    if (buffered + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, buffered + n));
    }
  }
}
